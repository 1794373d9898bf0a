"""Calendar arithmetic for holidays: Easter, the Islamic calendar, "the fourth Thursday".

Easter uses the anonymous Gregorian algorithm (Meeus/Jones/Butcher). The Islamic dates use
the arithmetic (tabular) Islamic calendar with the civil epoch (1 Muharram 1 AH = Friday
16 July 622 Julian): months alternate 30 and 29 days, and 11 years of every 30-year cycle
are leap years (years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of the cycle). Observed dates,
which follow the sighting of the moon, can differ from it by a day or two.
"""

from __future__ import annotations

import datetime as dt

from timeline.temporal.lexicon import Holiday

# Rata Die (proleptic Gregorian ordinal, 0001-01-01 = 1) of 1 Muharram 1 AH, civil epoch.
_ISLAMIC_EPOCH = 227015


def easter(year: int) -> dt.date:
    """Western Easter Sunday of ``year`` (Gregorian calendar)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a day of the tabular Islamic calendar."""
    days_before_month = (59 * (month - 1) + 1) // 2  # 30, 29, 30, ... days
    days_before_year = 354 * (year - 1) + (3 + 11 * year) // 30
    return dt.date.fromordinal(_ISLAMIC_EPOCH - 1 + days_before_year + days_before_month + day)


def hijri_in_year(gregorian_year: int, month: int, day: int) -> dt.date:
    """The first day in ``gregorian_year`` that is ``month``/``day`` of the Islamic calendar.

    An Islamic year is 354 or 355 days, so a Gregorian year holds one such day, and
    occasionally two (the earlier is taken).
    """
    estimate = int((gregorian_year - 622) * 33 / 32)
    for hijri_year in range(max(1, estimate - 1), estimate + 3):
        day_of = hijri_to_gregorian(hijri_year, month, day)
        if day_of.year == gregorian_year:
            return day_of
    raise ValueError(f"no Islamic {month}/{day} in {gregorian_year}")


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` (1 = Monday) of the month; ``n = -1`` is the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday_date(holiday: Holiday, year: int) -> dt.date:
    """The day ``holiday`` falls on in ``year``; ``ValueError`` outside years 1..9999."""
    args = holiday.args
    if holiday.kind == "fixed":
        month, day = args[0].split("-")
        return dt.date(year, int(month), int(day))
    if holiday.kind == "nth":
        base = nth_weekday(year, int(args[2]), int(args[1]), int(args[0]))
        return base + dt.timedelta(days=int(args[3]) if len(args) > 3 else 0)
    if holiday.kind == "easter":
        return easter(year) + dt.timedelta(days=int(args[0]))
    if holiday.kind == "hijri":
        return hijri_in_year(year, int(args[0]), int(args[1]))
    raise ValueError(f"unknown holiday kind {holiday.kind!r}")
