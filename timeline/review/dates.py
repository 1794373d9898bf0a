"""A reviewer's date, typed as a TIMEX3 value, an ISO date or a phrase, made an event date.

Phrases go through the same resolver as extraction, counted from the article's publication
date, so "the next day" means the day after the article came out. Impossible dates
("2019-02-30", "February 30") and values with no calendar range ("P3W", "PAST_REF") are
refused with a reason, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.errors import TimelineError
from timeline.events import first_range
from timeline.models import EventDate
from timeline.temporal import TaggedExpression, parse_timex_value, tag_text
from timeline.temporal.resolver import NO_REFERENCE
from timeline.temporal.timex import is_valid_timex_value


class EditError(TimelineError):
    """An edit the reviewer asked for cannot be made; the message says why."""


@dataclass(frozen=True)
class ResolvedDate:
    """What a typed date means: the event date and the words it was read from."""

    date: EventDate
    matched: str


def resolve_date(typed: str, published: dt.date | None) -> ResolvedDate:
    """The event date ``typed`` stands for; :class:`EditError` when it names no possible date."""
    text = " ".join(typed.split())
    if not text:
        raise EditError("type a date: a TIMEX3 value, an ISO date or a phrase")
    if is_valid_timex_value(text):
        return ResolvedDate(_calendar_date(text, None, text), text)
    found = [e for e in tag_text(text, published) if e.type in ("DATE", "TIME")]
    if not found:
        raise EditError(f"no date found in {text!r}; try 2019-03-03 or 'March 3, 2019'")
    ends = first_range(found, text)
    if ends is not None:
        return _range_date(*ends, text)
    expression = max(found, key=lambda e: e.end - e.start)
    if expression.value is None:
        return _refuse_unresolved(expression)
    return ResolvedDate(_calendar_date(expression.value, expression.mod, text), expression.text)


def _calendar_date(value: str, mod: str | None, typed: str) -> EventDate:
    parsed = parse_timex_value(value)
    if parsed is None:
        raise EditError(
            f"{typed!r} is not a possible calendar date; an event needs a day, week, month, "
            "season, quarter or year"
        )
    return EventDate(
        value=parsed.value,
        granularity=parsed.granularity.value,
        start=parsed.start,
        end=parsed.end,
        mod=mod,
    )


def _range_date(first: TaggedExpression, last: TaggedExpression, typed: str) -> ResolvedDate:
    """ "from 12 to 14 July": one event date from the first end to the last."""
    start = _calendar_date(first.value or "", first.mod, typed)
    end = _calendar_date(last.value or "", last.mod, typed)
    date = start.model_copy(update={"end": end.end, "end_value": end.value})
    return ResolvedDate(date, typed[first.start : last.end])


def _refuse_unresolved(expression: TaggedExpression) -> ResolvedDate:
    if expression.reason is not None and NO_REFERENCE in expression.reason:
        raise EditError(
            f"{expression.text!r} is counted from the publication date, which this article "
            "does not have; type an absolute date"
        )
    why = f" ({expression.reason})" if expression.reason else ""
    raise EditError(f"{expression.text!r} is not a possible date{why}")
