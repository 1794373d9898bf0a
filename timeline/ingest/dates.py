"""Publication dates as pages and files state them: metadata values and date lines.

Two readers, both strict (a value that is not a real calendar day gives ``None``):

- :func:`parse_date_value` reads a machine-written value: ISO 8601 (``2024-05-16``,
  ``2024-05-16T08:30:00+02:00``), compact ``20240516``, ``2024/05/16``, dotted
  day-first ``16.05.2024``, RFC 2822 (``Thu, 16 May 2024 08:30:00 GMT``) or English words
  (``16 May 2024``, ``May 16, 2024``). A timestamp's date is taken as written, in the
  publisher's own time zone, never converted.
- :func:`read_date_line` recognises a whole line that only states a date, as printed under
  a headline: ``Thursday, 20 December, 2018 - 10:45``, ``Published: 2018-12-20``,
  ``Posted on May 16, 2024 at 8:30 am``. Sentences never match: the line must be a date
  and nothing else (a label, a weekday, a time and a time zone may go with it).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?,?"
)
_WORD_DATE = (
    rf"(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year1>\d{{4}})"
    rf"|{_MONTH.replace('month', 'month2')},?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year2>\d{4}))"
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?=$|[T\s_])")
_SLASHED = re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?=$|[T\s])")
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?=$|T|\d{4,6}$)")
_DOTTED = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?=$|[\s,])")
_WORDS = re.compile(rf"(?:{_WEEKDAY}\s+)?{_WORD_DATE}(?=$|[\s,.;|·-])", re.IGNORECASE)

_LABEL = (
    r"(?P<label>first\s+published|published|posted|last\s+updated|updated|last\s+modified"
    r"|date|dated|released)"
)
_TIME = (
    r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}|\([A-Z]{2,5}\)))?"
    r"|\d{1,2}\s*[ap]\.?m\.?)"
)
_LINE_DATE = (
    rf"(?:(?:{_WEEKDAY}\s+)?{_WORD_DATE}"
    r"|(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?)"
)
_DATE_LINE = re.compile(
    rf"^(?:{_LABEL}(?:\s+on)?\s*[:\-–—]?\s*)?{_LINE_DATE}"
    rf"(?:\s*(?:[-–—|,·•/]|\bat\b)?\s*{_TIME})?"
    r"(?:\s*[|·•]\s*\S.*)?\s*$",
    re.IGNORECASE,
)
# Labels that say the line is not the publication date (the line is still page furniture).
_NOT_PUBLICATION = ("updated", "last updated", "last modified")


@dataclass(frozen=True)
class DateLine:
    """A line that states a date; ``published`` is false for "Updated: ..." lines."""

    date: dt.date
    published: bool


def _day(year: str | None, month: str | int | None, day: str | None) -> dt.date | None:
    if year is None or month is None or day is None:
        return None
    number = month if isinstance(month, int) else MONTHS.get(month.lower().rstrip("."))
    if number is None:
        number = int(month) if isinstance(month, str) and month.isdigit() else None
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _from_words(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("day1"):
        return _day(groups["year1"], groups["month"], groups["day1"])
    return _day(groups.get("year2"), groups.get("month2"), groups.get("day2"))


def parse_date_value(raw: str) -> dt.date | None:
    """The calendar day a metadata value states, or ``None`` when it states none."""
    value = raw.strip()
    for pattern in (_ISO, _SLASHED, _COMPACT, _DOTTED):
        match = pattern.match(value)
        if match:
            return _day(match["year"], match["month"], match["day"])
    match = _WORDS.match(value)
    if match:
        return _from_words(match)
    if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", value):
        try:
            return email.utils.parsedate_to_datetime(value).date()
        except (TypeError, ValueError):
            return None
    return None


def read_date_line(line: str) -> DateLine | None:
    """The date a dateline states, when the whole line is one; ``None`` otherwise."""
    if len(line) > 120 or not any(ch.isdigit() for ch in line):
        return None
    match = _DATE_LINE.match(line.strip())
    if match is None:
        return None
    if match["iso_year"]:
        day = _day(match["iso_year"], match["iso_month"], match["iso_day"])
    else:
        day = _from_words(match)
    if day is None:
        return None
    label = " ".join((match["label"] or "").lower().split())
    return DateLine(date=day, published=label not in _NOT_PUBLICATION)
