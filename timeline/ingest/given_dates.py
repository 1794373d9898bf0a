"""Publication dates given as strings, in whatever form feeds, records and pages write them.

Our strict reader (:func:`timeline.ingest.dates.parse_date_value`) goes first; when it
gives up, ``dateparser`` reads the string: RFC 2822 with any zone, ``20.12.2018``,
``December 20th, 2018``, localised month names (``20 décembre 2018``, ``20. Dezember
2018``). It is held strict, because a wrong publication date moves every relative date of
the article:

- only absolute dates: no relative words ("yesterday", "2 days ago", "now") and no
  falling back to today; day, month and a four-digit year must all be written;
- numeric dates with dots are day-first (``20.12.2018``, as written where dots are
  used); with slashes or dashes, ``03/04/2018`` could be either and is refused unless
  the caller gives the order (``date_order="DMY"`` or ``"MDY"``); ``13/04/2018`` is not
  ambiguous and is read;
- a timestamp's date is the one written, in the writer's own zone, never converted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from timeline.ingest.dates import parse_date_value

DateOrder = Literal["DMY", "MDY"]
Reader = Literal["strict", "dateparser"]

_NUMERIC = re.compile(
    r"^\s*(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{2,4})\b"
)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MAX_LENGTH = 80


class AmbiguousDateError(ValueError):
    """A numeric date whose day and month could be swapped, and no order was given."""


@dataclass(frozen=True)
class GivenDate:
    """The day a string states, the string itself, and which reader understood it."""

    date: dt.date
    raw: str
    reader: Reader


def _order(match: re.Match[str], configured: DateOrder | None) -> DateOrder:
    """The order a numeric date is read in; ambiguous ones need ``configured``."""
    first, second = int(match["first"]), int(match["second"])
    if first > 12:
        return "DMY"
    if second > 12:
        return "MDY"
    if configured is not None:
        return configured
    if match["sep"] == "." or first == second:
        return "DMY"
    raise AmbiguousDateError(
        f"{match.group(0).strip()!r} could be day-month or month-day; write it as YYYY-MM-DD"
    )


def _settings(order: DateOrder) -> dict[str, object]:
    return {
        "PARSERS": ["absolute-time"],
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "DATE_ORDER": order,
    }


def parse_given_date(raw: str, date_order: DateOrder | None = None) -> GivenDate | None:
    """The calendar day a given string states, or ``None`` when it states none.

    Raises :class:`AmbiguousDateError` for a numeric date that reads both ways.
    """
    value = " ".join(raw.split())
    strict = parse_date_value(value)
    if strict is not None:
        return GivenDate(strict, raw, "strict")
    if not value or len(value) > _MAX_LENGTH or not _FOUR_DIGIT_YEAR.search(value):
        return None
    numeric = _NUMERIC.match(value)
    if numeric is not None and len(numeric["year"]) != 4:
        return None
    order = _order(numeric, date_order) if numeric else date_order or "DMY"
    import dateparser

    parsed = dateparser.parse(value, settings=_settings(order))
    if parsed is None:
        return None
    return GivenDate(parsed.date(), raw, "dateparser")
