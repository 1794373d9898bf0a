"""TIMEX3 values: parsing, formatting, granularity and the calendar range they cover.

A value such as ``2018-W50`` is kept at its own granularity; the inclusive range
(Monday to Sunday here) is derived from it, never stored beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Granularity(str, Enum):
    """How precise a date is; ordered from coarse to fine by ``rank``."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    TIME = "time"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {g: i for i, g in enumerate(Granularity)}
#: Values that name a day or a time on it: what "the next day" may count from.
DAY_PRECISE = frozenset({Granularity.DAY, Granularity.TIME})

SEASON_CODES = ("SP", "SU", "FA", "WI")
PART_OF_DAY_CODES = ("MO", "MI", "AF", "EV", "NI", "DT")

# The grammar every value we emit must satisfy (TimeML 1.2.1 TIMEX3 value attribute).
_DATE_PART = (
    r"(?:BC)?(?:\d{2}|\d{3}|\d{4}|XXXX|\d{2}XX|\d{3}X)"
    r"(?:-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI|W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7X]|WE))?"
    r"|(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?))?"
)
_TIME_PART = (
    r"T(?:MO|MI|AF|EV|NI|DT|(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?)"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)
_DURATION = (
    r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|Q|H|WE|SP|SU|FA|WI))+"
    r"(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
)
TIMEX_VALUE_RE = re.compile(
    rf"^(?:PAST_REF|PRESENT_REF|FUTURE_REF|{_DATE_PART}(?:{_TIME_PART})?|{_DURATION}"
    rf"|XXXX-XX-XX{_TIME_PART}|{_TIME_PART})$"
)

_DAY_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?P<time>T.*)?$")
_WEEK_RE = re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})(?P<we>-WE)?$")
_MONTH_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_QUARTER_RE = re.compile(r"^(?P<y>\d{4})-Q(?P<q>[1-4])$")
_HALF_RE = re.compile(r"^(?P<y>\d{4})-H(?P<h>[12])$")
_SEASON_RE = re.compile(r"^(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)$")
_YEAR_RE = re.compile(r"^(?P<y>\d{4})$")
_DECADE_RE = re.compile(r"^(?P<d>\d{3})$")
_CENTURY_RE = re.compile(r"^(?P<c>\d{2})$")


@dataclass(frozen=True)
class TimexValue:
    """A calendar TIMEX3 value with the inclusive range of days it covers."""

    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date


def is_valid_timex_value(value: str) -> bool:
    return TIMEX_VALUE_RE.match(value) is not None


@lru_cache(maxsize=4096)
def parse_timex_value(value: str) -> TimexValue | None:
    """Calendar reading of a value; ``None`` for durations, sets, REFs and X-values.

    Cached: a text's anaphora re-read the same few values many times, and results are frozen.
    """
    try:
        return _parse_calendar(value)
    except (ValueError, OverflowError):
        return None


def _parse_calendar(value: str) -> TimexValue | None:
    if m := _DAY_RE.match(value):
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        gran = Granularity.TIME if m["time"] else Granularity.DAY
        return TimexValue(value, gran, day, day)
    if m := _WEEK_RE.match(value):
        monday = dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
        if m["we"]:
            return TimexValue(value, Granularity.DAY, monday + _days(5), monday + _days(6))
        return TimexValue(value, Granularity.WEEK, monday, monday + _days(6))
    if m := _MONTH_RE.match(value):
        year, month = int(m["y"]), int(m["m"])
        return TimexValue(value, Granularity.MONTH, *month_range(year, month))
    if m := _QUARTER_RE.match(value):
        year, first = int(m["y"]), (int(m["q"]) - 1) * 3 + 1
        return TimexValue(value, Granularity.QUARTER, *_months_range(year, first, 3))
    if m := _HALF_RE.match(value):
        year, first = int(m["y"]), (int(m["h"]) - 1) * 6 + 1
        return TimexValue(value, Granularity.HALF, *_months_range(year, first, 6))
    if m := _SEASON_RE.match(value):
        return TimexValue(value, Granularity.SEASON, *season_range(int(m["y"]), m["s"]))
    if m := _YEAR_RE.match(value):
        year = int(m["y"])
        return TimexValue(value, Granularity.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := _DECADE_RE.match(value):
        first = int(m["d"]) * 10
        start, end = dt.date(max(first, 1), 1, 1), dt.date(first + 9, 12, 31)
        return TimexValue(value, Granularity.DECADE, start, end)
    if m := _CENTURY_RE.match(value):
        first = int(m["c"]) * 100
        start, end = dt.date(max(first, 1), 1, 1), dt.date(min(first + 99, 9999), 12, 31)
        return TimexValue(value, Granularity.CENTURY, start, end)
    return None


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return _months_range(year, month, 1)


def _months_range(year: int, first_month: int, count: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, first_month, 1)
    last_month = first_month + count - 1
    if last_month == 12:
        return start, dt.date(year, 12, 31)
    return start, dt.date(year, last_month + 1, 1) - _days(1)


def season_range(year: int, code: str) -> tuple[dt.date, dt.date]:
    """Meteorological seasons (northern hemisphere); winter runs into the next year."""
    if code == "WI":
        end = dt.date(year + 1, 3, 1) - _days(1) if year < 9999 else dt.date(9999, 12, 31)
        return dt.date(year, 12, 1), end
    first = {"SP": 3, "SU": 6, "FA": 9}[code]
    return _months_range(year, first, 3)


def format_day(day: dt.date) -> str:
    return day.isoformat()  # zero-padded YYYY-MM-DD for every year 1-9999


def format_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def format_week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
