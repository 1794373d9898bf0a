"""Resolvers of calendar dates: days, months, years, decades, centuries, quarters, seasons,
holidays.

A date that names its year needs nothing else; one without a year takes the year nearest
the reference date (see :func:`resolver.nearest_year`).
"""

from __future__ import annotations

import calendar
import datetime as dt

from timeline.temporal.calendars import holiday_date
from timeline.temporal.patterns import spelled_year_value
from timeline.temporal.resolve_eras import in_era
from timeline.temporal.resolve_relative import resolve_anaphoric_season
from timeline.temporal.resolver import (
    NO_REFERENCE,
    RELATION_STEP,
    Context,
    Parts,
    Resolution,
    YearBase,
    based,
    discourse_year,
    format_quarter,
    format_year,
    lower,
    month_number,
    nearest_year,
    parse_year,
    safe,
    unresolved,
    year_base,
    year_of,
)
from timeline.temporal.tense import Tense
from timeline.temporal.timex import format_day, format_month, format_week


def explicit_year(parts: Parts, ctx: Context) -> int | None:
    """The year a match names: digits, words ("nineteen ninety-six") or "last year"."""
    wide = parts.get("year_wide")
    year = int(wide) if wide else parse_year(parts.get("year") or parts.get("year_of"))
    if year is None and parts.get("spelled_year"):
        year = spelled_year_value(parts.get("spelled_year") or "")
    relation = lower(parts, "year_relation") or lower(parts, "year_relation_of")
    if year is None and relation and ctx.reference is not None:
        year = ctx.reference.year + RELATION_STEP[relation]
    return year


def _day_number(parts: Parts, ctx: Context) -> int:
    if parts.get("day"):
        return int(parts["day"] or 0)
    return ctx.lexicon.ordinal_value(parts.get("ordinal_day") or "") or 0


def resolve_full_date(parts: Parts, ctx: Context) -> Resolution:
    """Calendar dates: "December 11, 2018", "Dec. 3", "3 November 2016", "2018-11-30"."""

    def make() -> Resolution:
        month, day = month_number(parts, ctx), _day_number(parts, ctx)
        year = explicit_year(parts, ctx)
        impossible = _impossible_day(month, day, year)
        if impossible is not None:
            return unresolved(impossible)
        if year is not None:
            return Resolution(format_day(dt.date(year, month, day)))
        dt.date(2000, month, day)  # the day must exist in some year (Feb 29 included)
        if ctx.era is not None:
            return in_era(ctx.era, f"-{month:02d}-{day:02d}")
        base = year_base(ctx)
        if base is None:
            return unresolved("no year given and " + NO_REFERENCE)
        step = RELATION_STEP.get(lower(parts, "relation"))
        if step is not None and ctx.reference is not None:
            return Resolution(
                format_day(_related_day(month, day, ctx.reference, step)), "publication"
            )
        year = _year_of_weekday(parts, ctx, month, day, base) or year_of(
            month, day, base, ctx.tense
        )
        return based(format_day(dt.date(year, month, day)), base)

    return safe(make)


def _impossible_day(month: int, day: int, year: int | None) -> str | None:
    """Why "February 30" (or "February 29, 2019") is no calendar date; ``None`` if it is."""
    leap = year is None or not 1 <= year <= 9999 or calendar.isleap(year)
    last = calendar.monthrange(2000 if leap else 2001, month)[1] if 1 <= month <= 12 else 0
    if 1 <= day <= last:
        return None
    name = calendar.month_name[month] if 1 <= month <= 12 else f"month {month}"
    if month == 2 and day == 29:
        return f"not a calendar date: {year} is no leap year"
    return f"not a calendar date: {name} has no day {day}"


def _related_day(month: int, day: int, reference: dt.date, step: int) -> dt.date:
    """ "last Oct. 23" is the latest before the reference, "next Jan. 5" the first after it,
    "this May 1" the one of the reference's year."""
    if step == 0:
        return dt.date(reference.year, month, day)
    years = (
        range(reference.year - 1, reference.year + 2)
        if step > 0
        else range(reference.year, reference.year - 5, -1)
    )
    for year in years:
        if (month, day) == (2, 29) and not calendar.isleap(year):
            continue
        candidate = dt.date(year, month, day)
        if (candidate > reference) if step > 0 else (candidate < reference):
            return candidate
    raise ValueError("no such day near the reference")


def _year_of_weekday(
    parts: Parts, ctx: Context, month: int, day: int, base: YearBase
) -> int | None:
    """ "Monday, Oct. 26" falls on a Monday: of the years around the reference, the nearest
    one where it does (``None`` without a weekday, or when no nearby year fits)."""
    reference, name = base.day, (parts.get("weekday") or "").rstrip(".")
    if not name:
        return None
    target = ctx.lexicon.weekdays.get(name)
    fitting = [
        dt.date(year, month, day)
        for year in (reference.year - 1, reference.year, reference.year + 1)
        if (month, day) != (2, 29) or calendar.isleap(year)
    ]
    fitting = [date for date in fitting if date.isoweekday() == target]
    if not fitting:
        return None
    return min(fitting, key=lambda date: abs((date - reference).days)).year


def resolve_numeric_date(parts: Parts, ctx: Context) -> Resolution:
    """US order month/day/year; a first number above 12 can only be a day."""
    first, second = int(parts["first"] or 0), int(parts["second"] or 0)
    month, day = (second, first) if first > 12 >= second else (first, second)
    fixed = {"month_num": str(month), "day": str(day), "year": parts["year"]}
    return resolve_full_date(fixed, ctx)


def resolve_month_year(parts: Parts, ctx: Context) -> Resolution:
    """A month with its year: "September 2018", "January nineteen ninety-seven", "July last
    year"."""
    year = explicit_year(parts, ctx)
    if year is None:
        return unresolved()
    return safe(lambda: Resolution(format_month(year, month_number(parts, ctx))))


def resolve_month(parts: Parts, ctx: Context) -> Resolution:
    """A month alone: the nearest one, unless "last"/"next"/"this" says which."""
    month, relation = month_number(parts, ctx), lower(parts, "relation")
    step = RELATION_STEP.get(relation)
    reference = ctx.reference
    if step is None:
        if ctx.era is not None:
            return in_era(ctx.era, f"-{month:02d}")
        base = year_base(ctx)
        if base is None:
            return unresolved()
        year = year_of(month, 15, base, ctx.tense)
        return safe(lambda: based(format_month(year, month), base))
    if reference is None:
        return unresolved()
    year = reference.year
    if step < 0 and month >= reference.month:
        year -= 1
    elif step > 0 and month <= reference.month:
        year += 1
    return safe(lambda: Resolution(format_month(year, month), "publication"))


def resolve_year(parts: Parts, ctx: Context) -> Resolution:
    """A year: "2016", "fiscal 1998", "the year two thousand", "'98"."""
    year = explicit_year(parts, ctx)
    if year is None:
        return unresolved("not a year")
    return safe(lambda: Resolution(format_year(year)))


def range_end_year(first: int, raw: str) -> int | None:
    """The year "18" or "1918" ends a range begun in ``first``; ``None`` when it cannot:
    "1914-18" 1918, "1999-00" 2000, but "1998-01" and "1990-85" are no ranges."""
    if len(raw) == 4:
        year = int(raw)
        return year if first < year <= first + 100 else None
    year = first - first % 100 + int(raw)
    if year <= first:
        return year + 100 if first % 100 == 99 and raw == "00" else None
    return year


def resolve_range_end_year(parts: Parts, ctx: Context) -> Resolution:
    """The end of a year range: "1914-18" ends in 1918, "2003/04" in 2004, "1861-1865" 1865."""
    first = int(parts.get("range_from") or parts.get("range_from_spaced") or 0)
    year = range_end_year(first, parts.get("year_end") or "")
    if year is None:
        return unresolved("not a year range")
    return safe(lambda: Resolution(format_year(year)))


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def resolve_decade(parts: Parts, ctx: Context) -> Resolution:
    """Decades: "the 1990s" 199, "the '80s" 198, "the nineties" 199 (the 20th century's)."""
    raw = lower(parts, "decade").lstrip("'’")
    if raw in _DECADE_WORDS:
        return Resolution(f"19{_DECADE_WORDS[raw]}")
    digits = raw.rstrip("s")
    if len(digits) == 2:
        return Resolution(f"{19 if int(digits) >= 30 else 20}{digits[0]}")
    return Resolution(digits[:3])


def resolve_century(parts: Parts, ctx: Context) -> Resolution:
    """Centuries: "the 20th century" is 19 (the years 1900-1999, as TimeML counts)."""
    number = ctx.lexicon.ordinal_value(parts.get("century_ordinal") or "")
    if number is None or not 1 <= number <= 100:
        return unresolved("not a century")
    return Resolution(f"{number - 1:02d}")


def _named_or_reference_year(parts: Parts, ctx: Context, middle_month: int) -> int | None:
    year = explicit_year(parts, ctx)
    base = year_base(ctx)
    if year is None and base is not None:
        year = year_of(middle_month, 15, base, ctx.tense)
    return year


def _quarter_year(number: int, reference: dt.date, tense: Tense) -> int:
    """The latest quarter of that number begun by the reference date (results are reported
    for quarters that have begun or ended), or this year's coming one in a future clause."""
    first = dt.date(reference.year, 3 * number - 2, 1)
    if first > reference and not tense.is_future:
        return reference.year - 1
    return reference.year


def resolve_quarter(parts: Parts, ctx: Context) -> Resolution:
    """Quarters: "the third quarter", "the 1988 second quarter", "next year's first quarter"."""
    number = ctx.lexicon.ordinal_value(lower(parts, "quarter_ordinal"))
    if lower(parts, "quarter_ordinal") in ("last", "final"):
        number = 4
    if parts.get("quarter_num"):
        number = int(parts["quarter_num"] or 0)
    if number is None or not 1 <= number <= 4:
        return unresolved("not a quarter")
    year = explicit_year(parts, ctx)
    if year is not None:
        return safe(lambda: Resolution(format_quarter(year, number)))
    base = year_base(ctx)
    if base is not None and base.from_text:
        in_text = discourse_year(3 * number - 1, 15, base)
        return safe(lambda: based(format_quarter(in_text, number), base))
    if ctx.reference is None:
        return unresolved()
    reference = ctx.reference
    return safe(
        lambda: Resolution(
            format_quarter(_quarter_year(number, reference, ctx.tense), number), "publication"
        )
    )


def resolve_half(parts: Parts, ctx: Context) -> Resolution:
    """Halves: "the first half of 2019" 2019-H1, "the second half" of the nearest year."""
    half = 1 if lower(parts, "half_ordinal") in ("first", "1st", "early") else 2
    year = _named_or_reference_year(parts, ctx, 6 * half - 3)
    if year is None:
        return unresolved()
    return safe(lambda: Resolution(f"{format_year(year)}-H{half}"))


def resolve_season(parts: Parts, ctx: Context) -> Resolution:
    """Seasons: "spring of 2016" 2016-SP; "last fall", "this summer" from the reference.

    Winter belongs to the year of its December (2018-WI runs into 2019). "last fall" is
    the previous year's, "this past spring" the latest one begun, "next winter" the next.
    In a passage set in the past, "that summer" is the summer of the passage's year.
    """
    code = ctx.lexicon.seasons[lower(parts, "season")]
    stated = explicit_year(parts, ctx)
    if stated is not None:
        return safe(lambda: Resolution(f"{format_year(stated)}-{code}"))
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    relation = lower(parts, "relation")
    if ctx.era is not None and relation in ("", "that"):
        return in_era(ctx.era, f"-{code}")
    if ctx.discourse is not None and relation in ("next", "coming", "last", "past"):
        return resolve_anaphoric_season(parts, ctx)  # "the next spring" in a story
    base = year_base(ctx)
    if base is not None and base.from_text and relation in ("", "that"):
        if code != "WI" or base.coarse:
            in_text = discourse_year(min(first + 1, 12), 15, base)
        else:
            in_text = discourse_year(1, 15, base) - 1  # the winter that holds that January
        return safe(lambda: based(f"{format_year(in_text)}-{code}", base))
    reference = ctx.reference
    if reference is None:
        return unresolved()
    began_this_year = (reference.month, reference.day) >= (first, 1)
    if relation == "last":
        year = reference.year - 1
    elif relation in ("this past", "past"):
        year = reference.year if began_this_year else reference.year - 1
    elif relation in ("next", "coming", "this coming"):
        year = reference.year + 1 if began_this_year else reference.year
    elif code == "WI":
        year = nearest_year(1, 15, reference, ctx.tense) - 1
    else:
        year = nearest_year(first + 1, 15, reference, ctx.tense)
    return safe(lambda: Resolution(f"{format_year(year)}-{code}", "publication"))


def resolve_holiday(parts: Parts, ctx: Context) -> Resolution:
    """Holidays: "Christmas 2016", "Easter" (computed), "last Thanksgiving", "Ramadan"."""
    name = " ".join((parts.get("holiday") or "").split())
    holiday = ctx.lexicon.holidays[name]
    year = explicit_year(parts, ctx)
    reference = ctx.reference

    def make() -> Resolution:
        base = year_base(ctx)
        if year is None and base is not None and base.from_text and not lower(parts, "relation"):
            usual = holiday_date(holiday, base.day.year)
            in_text = discourse_year(usual.month, usual.day, base)
            day = holiday_date(holiday, in_text)
            if parts.get("holiday_week"):
                return based(format_week(day), base)
            return based(format_day(day), base)
        if year is not None:
            day = holiday_date(holiday, year)
        elif reference is None:
            return unresolved("no year given and " + NO_REFERENCE)
        else:
            step = RELATION_STEP.get(lower(parts, "relation"))
            options = [holiday_date(holiday, y) for y in (reference.year - 1, reference.year)]
            options.append(holiday_date(holiday, reference.year + 1))
            if step is not None and step < 0:
                day = max(d for d in options if d < reference)
            elif step is not None and step > 0:
                day = min(d for d in options if d > reference)
            else:
                # "Easter week began" on its Monday: the week's own start decides the year
                first = options[1]
                if parts.get("holiday_week"):
                    first -= dt.timedelta(days=first.weekday())
                near = nearest_year(first.month, first.day, reference, ctx.tense)
                day = holiday_date(holiday, near)
        if parts.get("holiday_week"):
            return Resolution(format_week(day), "publication" if year is None else None)
        return Resolution(format_day(day), "publication" if year is None else None)

    return safe(make)
