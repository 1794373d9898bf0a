"""Deadlines and windows: "within 24 hours", "in 60 to 100 days" from the publication date.

Such a sentence has no calendar date, yet it announces when something is due. The event's
date is the window the text allows, its value the last day with mod ON_OR_BEFORE.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal import TaggedExpression
from timeline.temporal.timex import format_day

_LEAD_IN = re.compile(
    r"\b(?:within|in|between|over|during|for|inside)(?:\s+the)?(?:\s+(?:next|coming))?\s+$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^PT?(?P<amount>\d+)(?P<unit>[HDWMY])$")
_DAYS_PER_UNIT = {"D": 1, "W": 7, "M": 30, "Y": 365}
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Window:
    value: str
    start: dt.date
    end: dt.date


def deadline_window(
    sentence: str, expression: TaggedExpression, sentence_start: int, published: dt.date
) -> Window | None:
    """The window a forward-looking duration names, or ``None`` when it is not a deadline."""
    if expression.type != "DURATION" or expression.value is None:
        return None
    match = _DURATION.match(expression.value)
    if match is None:
        return None
    before = sentence[: expression.start - sentence_start]
    if not _LEAD_IN.search(before):
        return None
    hours = match.group("unit") == "H" and expression.value.startswith("PT")
    per_unit = 1 / 24 if hours else _DAYS_PER_UNIT[match.group("unit")]
    numbers = [int(n) for n in _NUMBER.findall(expression.text)] or [int(match.group("amount"))]
    lower = min(numbers) if len(numbers) > 1 else 0
    upper = max(numbers)
    try:
        start = published + dt.timedelta(days=int(lower * per_unit))
        end = published + dt.timedelta(days=max(1, round(upper * per_unit)))
    except OverflowError:
        return None
    return Window(format_day(end), start, end)
