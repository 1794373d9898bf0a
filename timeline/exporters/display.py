"""Readable labels shared by the exporters: dates people read, not TIMEX3 codes.

A sheet or slide that only had start and end days would show "2018-12-10 - 2018-12-16"
for "the week of December 10"; the label keeps the precision the article gave.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.models import ArticleInfo, EventDate

_QUARTER_RE = re.compile(r"^(?P<y>\d{4})-Q(?P<q>[1-4])$")
_HALF_RE = re.compile(r"^(?P<y>\d{4})-H(?P<h>[12])$")
_SEASON_RE = re.compile(r"^(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)$")
_PART_OF_DAY_RE = re.compile(r"T(?P<part>MO|MI|AF|EV|NI|DT)$")
_CLOCK_RE = re.compile(
    r"T(?P<h>\d{2})(?::(?P<m>\d{2})(?::\d{2})?)?(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_DECADE_RE = re.compile(r"^(?P<d>\d{3})$")
_CENTURY_RE = re.compile(r"^(?P<c>\d{2})$")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")

# Our own month names: strftime's %B follows the process locale, and output must not.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Fall", "WI": "Winter"}
_PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
# TIMEX3 modifiers with a plain-English reading; the rest (e.g. EQUAL_OR_LESS) add nothing
# a reader of a date label needs.
_MOD_PREFIXES = {"START": "Early ", "MID": "Mid-", "END": "Late ", "APPROX": "About "}


def display_date(date: EventDate) -> str | None:
    """A label such as "Week of December 10, 2018", or ``None`` for a plain day.

    Plain days get no label: the start date alone already reads right, and TimelineJS
    formats it itself when the label is left empty. Times keep their clock time or part
    of day here, because the exporters place every event on whole days.
    """
    label = _label(date)
    if label is None:
        return None
    prefix = _MOD_PREFIXES.get(date.mod or "")
    if prefix is None:
        return label
    return prefix + (label[0].lower() + label[1:] if label.startswith("Week") else label)


def _label(date: EventDate) -> str | None:
    start, value = date.start, date.value
    granularity = date.granularity
    if date.end_value is not None:
        return _range_label(date)
    if granularity == "day":
        if value.endswith("-WE"):
            return f"Weekend of {_long_day(start)}"
        return None
    if granularity == "time":
        if m := _PART_OF_DAY_RE.search(value):
            return f"{_long_day(start)}, {_PARTS_OF_DAY[m['part']]}"
        if m := _CLOCK_RE.search(value):
            zone = "" if m["zone"] is None else " UTC" + ("" if m["zone"] == "Z" else m["zone"])
            return f"{_long_day(start)}, {m['h']}:{m['m'] or '00'}{zone}"
        return None
    if granularity == "week":
        return f"Week of {_long_day(start)}"
    if granularity == "month":
        return _month_year(start)
    if granularity == "quarter":
        quarter = int(m["q"]) if (m := _QUARTER_RE.match(value)) else (start.month - 1) // 3 + 1
        return f"Q{quarter} {start.year}"
    if granularity == "half":
        half = int(m["h"]) if (m := _HALF_RE.match(value)) else (start.month - 1) // 6 + 1
        return f"H{half} {start.year}"
    if granularity == "season":
        if m := _SEASON_RE.match(value):
            return f"{_SEASONS[m['s']]} {m['y']}"
        return f"{_month_year(start)} to {_month_year(date.end)}"
    if granularity == "year":
        return str(start.year)
    if granularity == "decade":
        first = int(m["d"]) * 10 if (m := _DECADE_RE.match(value)) else start.year // 10 * 10
        return f"{first}s"
    # century: TIMEX3 "19" covers 1900-1999, which English calls the 20th century.
    number = int(m["c"]) + 1 if (m := _CENTURY_RE.match(value)) else start.year // 100 + 1
    return f"{_ordinal(number)} century"


def _range_label(date: EventDate) -> str:
    """ "July 12 to 14, 2024", "1914 to 1918", "March 2019 to May 2019"."""
    start, end = date.start, date.end
    if date.granularity in ("day", "time"):
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B} {start.day} to {end.day}, {start.year}"
        return f"{_long_day(start)} to {_long_day(end)}"
    if date.granularity == "year":
        return f"{start.year} to {end.year}"
    if date.granularity == "month":
        return f"{_month_year(start)} to {_month_year(end)}"
    return f"{_long_day(start)} to {_long_day(end)}"


def without_controls(text: str, keep: str = "\t\n") -> str:
    """``text`` without C0 control characters (and DEL), except those in ``keep``.

    iCalendar forbids them in text values (RFC 5545 TSAFE-CHAR) and spreadsheets choke on a
    NUL; an escape sequence from a scraped page would only garble the cell or the event.
    """
    return _CONTROLS.sub(lambda match: match[0] if match[0] in keep else "", text)


def source_label(article: ArticleInfo) -> str:
    """What a reader calls the article: its title, else where it was read from."""
    return article.title or article.source


def _long_day(day: dt.date) -> str:
    """E.g. "December 10, 2018"."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _month_year(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def _ordinal(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
