"""Resolvers of deictic and anaphoric expressions.

Deictic ones count from the reference date ("yesterday", "last week", "two years ago",
"on Friday"); anaphoric ones from what the text mentioned last ("the next day", "a year
earlier", "the quarter", "that year").
"""

from __future__ import annotations

import datetime as dt

from timeline.temporal.resolve_eras import counted_from_era
from timeline.temporal.resolver import (
    NO_REFERENCE,
    RELATION_STEP,
    AnchorKind,
    Context,
    Parts,
    Resolution,
    format_quarter,
    format_year,
    lower,
    parse_year,
    safe,
    shift,
    shift_value,
    unresolved,
)
from timeline.temporal.timex import Granularity, format_day, format_week


def resolve_deictic_day(parts: Parts, ctx: Context) -> Resolution:
    """Days named from the reference: "yesterday", "tonight", "yesterday afternoon"."""
    if ctx.reference is None:
        return unresolved()
    word = lower(parts, "deictic") or "today"
    offset, part = ctx.lexicon.deictic_days.get(word, (0, None))
    part = ctx.lexicon.parts_of_day.get(lower(parts, "part_of_day"), part)
    reference = ctx.reference
    return safe(lambda: day_with_part(reference + dt.timedelta(days=offset), part))


def day_with_part(day: dt.date, part: str | None) -> Resolution:
    """A day, or a TIME on it when a part of the day ("MO") or a clock time ("12:00") is given."""
    if not part:
        return Resolution(format_day(day), "publication")
    return Resolution(f"{format_day(day)}T{part}", "publication", type="TIME")


def resolve_relative_unit(parts: Parts, ctx: Context) -> Resolution:
    """Units next to the reference: "last week" 2018-W50, "the past year" 2017, "this month"."""
    if ctx.reference is None:
        return unresolved()
    step = RELATION_STEP.get(lower(parts, "relation"), 0)
    unit, reference = lower(parts, "unit"), ctx.reference
    return safe(lambda: Resolution(shift(reference, unit, step), "publication"))


def resolve_weekday(parts: Parts, ctx: Context) -> Resolution:
    """Weekdays: the past one in past or tenseless clauses, the coming one in future clauses."""
    reference = ctx.reference
    if reference is None:
        return unresolved()
    target = ctx.lexicon.weekdays[(parts.get("weekday") or "").rstrip(".")]
    relation = lower(parts, "relation")
    back = (reference.isoweekday() - target) % 7
    ahead = (target - reference.isoweekday()) % 7
    if relation in ("last", "past", "this past"):
        offset = -(back or 7)
    elif relation in ("next", "coming", "this coming"):
        offset = ahead or 7
    elif relation == "this":
        offset = target - reference.isoweekday()
    elif ctx.tense.is_future:
        offset = ahead or 7
    else:
        offset = -back
    part = ctx.lexicon.parts_of_day.get(lower(parts, "part_of_day"))
    return safe(lambda: day_with_part(reference + dt.timedelta(days=offset), part))


def _count(parts: Parts, ctx: Context, default: str = "one") -> int | None:
    return ctx.lexicon.number_value(parts.get("number") or default)


def resolve_ago(parts: Parts, ctx: Context) -> Resolution:
    """Counted back from the reference: "two weeks ago" keeps the week: 2018-W49."""
    reference = ctx.reference
    if reference is None:
        return unresolved()
    count = _count(parts, ctx)
    unit = lower(parts, "unit")
    if count is None or not parts.get("number"):
        return Resolution("PAST_REF", "publication")
    if unit.startswith(("hour", "minute", "second")):
        return Resolution(format_day(reference), "publication")
    if ctx.last_quarter is not None and count == 1 and unit.startswith("year"):
        # quarterly results: "up from $10 million a year ago" is that quarter a year before
        year, quarter = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
        return safe(lambda: Resolution(format_quarter(year - 1, quarter), "previous"))
    return safe(lambda: Resolution(shift(reference, unit, -count), "publication"))


def _anchor_of(ctx: Context) -> tuple[dt.date | None, AnchorKind]:
    if ctx.anchor is not None:
        return ctx.anchor, "previous"
    return ctx.reference, "publication"


def resolve_anaphoric(parts: Parts, ctx: Context) -> Resolution:
    """Counted from the last date mentioned: "the next day", "two days later", "that year".

    "a year earlier" than a quarter is the same quarter a year before (quarterly results).
    """
    direction = lower(parts, "direction")
    sign = -1 if direction in ("previous", "preceding", "earlier", "before", "prior") else 1
    if direction in ("same", "that", "that same", "this", "the same"):
        sign = 0
    unit = lower(parts, "unit") or "day"
    count = _count(parts, ctx)
    if ctx.era is not None and count is not None:
        counted = counted_from_era(ctx.era, unit, sign * count)
        if counted is not None:
            return counted
    last = ctx.last
    if ctx.last_quarter is not None and count == 1 and sign < 0 and unit.startswith("year"):
        year, quarter = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
        return safe(lambda: Resolution(format_quarter(year - 1, quarter), "previous"))
    if last is not None and unit.rstrip("s") in ("year", "quarter", "month"):
        if count is None:
            return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF", "previous")
        if unit.startswith("year") and last.granularity is Granularity.QUARTER and sign:
            return safe(lambda: Resolution(shift_value(last, unit, sign * count), "previous"))
        return safe(lambda: Resolution(shift(last.start, unit, sign * count), "previous"))
    anchor, kind = _anchor_of(ctx)
    if anchor is None:
        return unresolved("no earlier date to count from and " + NO_REFERENCE)
    if count is None:
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF", kind)
    if unit.startswith(("hour", "minute", "second")):
        return Resolution(format_day(anchor), kind)
    part = ctx.lexicon.parts_of_day.get(lower(parts, "part_of_day"))
    if part:
        return safe(lambda: _with_kind(day_with_part(anchor + dt.timedelta(sign), part), kind))
    return safe(lambda: Resolution(shift(anchor, unit, sign * count), kind))


def _with_kind(resolution: Resolution, kind: AnchorKind) -> Resolution:
    return Resolution(resolution.value, kind, resolution.mod, resolution.reason, resolution.type)


def resolve_anaphoric_weekday(parts: Parts, ctx: Context) -> Resolution:
    """ "the previous Friday": the Friday before the last date mentioned; "the following Monday"."""
    anchor, kind = _anchor_of(ctx)
    if anchor is None:
        return unresolved("no earlier date to count from and " + NO_REFERENCE)
    target = ctx.lexicon.weekdays[(parts.get("weekday") or "").rstrip(".")]
    if lower(parts, "direction") in ("previous", "preceding"):
        offset = -((anchor.isoweekday() - target) % 7 or 7)
    else:
        offset = (target - anchor.isoweekday()) % 7 or 7
    return safe(lambda: Resolution(format_day(anchor + dt.timedelta(days=offset)), kind))


def _previous_quarter(day: dt.date) -> str:
    return shift(day, "quarter", -1)


def resolve_period_reference(parts: Parts, ctx: Context) -> Resolution:
    """Financial periods: "the quarter", "the latest period" (the quarter last mentioned, else
    the one before the reference), "the year-ago quarter" (that quarter a year before),
    "the 1988 period" (the same quarter in 1988)."""
    base = ctx.last_quarter
    kind: AnchorKind = "previous"
    if base is None:
        if ctx.reference is None:
            return unresolved()
        base, kind = _previous_quarter(ctx.reference), "publication"
    year, quarter = int(base[:4]), int(base[-1])
    if parts.get("year"):
        named = parse_year(parts.get("year")) or year
        return safe(lambda: Resolution(format_quarter(named, quarter), kind))
    if parts.get("year_ago") or parts.get("bare"):
        if ctx.last_quarter is None and not parts.get("noun"):
            return safe(lambda: Resolution(format_year(year - 1), kind))
        return safe(lambda: Resolution(format_quarter(year - 1, quarter), kind))
    return Resolution(base, kind)


def resolve_the_unit(parts: Parts, ctx: Context) -> Resolution:
    """ "the weekend" (the past one, the next in a future clause), "the week", "the year".

    "the year ended June 30" names a twelve-month period: a DURATION, as TimeML has it.
    """
    reference = ctx.reference
    unit = lower(parts, "unit")
    if parts.get("ended"):
        code = ctx.lexicon.unit(unit)
        return Resolution(f"P1{code.code if code else 'Y'}", type="DURATION")
    if ctx.discourse is not None and unit in ("month", "year"):
        told = ctx.discourse  # "by the end of the month" in a story: the story's month
        return safe(
            lambda: Resolution(
                shift(told.value.start, unit, 0), "previous", anchor_start=told.start
            )
        )
    if reference is None:
        return unresolved()
    if unit == "weekend":
        saturday_back = (reference.isoweekday() - 6) % 7
        if ctx.tense.is_future:
            day = reference + dt.timedelta(days=(6 - reference.isoweekday()) % 7)
        else:
            day = reference - dt.timedelta(days=saturday_back if reference.isoweekday() < 6 else 0)
        return safe(lambda: Resolution(format_week(day) + "-WE", "publication"))
    return safe(lambda: Resolution(shift(reference, unit, 0), "publication"))


def resolve_fixed(parts: Parts, ctx: Context) -> Resolution:
    """Vague references with one value: "now" PRESENT_REF, "the future" FUTURE_REF."""
    return Resolution(ctx.lexicon.fixed_refs[lower(parts, "fixed")])


def resolve_vague_plural(parts: Parts, ctx: Context) -> Resolution:
    """ "recent years" PAST_REF, "the coming months" FUTURE_REF: an unnamed stretch near now."""
    when = lower(parts, "when")
    value = "FUTURE_REF" if when in ("coming", "next", "future", "upcoming") else "PAST_REF"
    return Resolution(value)


def resolve_that_time(parts: Parts, ctx: Context) -> Resolution:
    """ "at this time" is the present (PRESENT_REF, as the TimeML guidelines have it); "at
    that time" and "at the time" the time last mentioned, else some time past."""
    if lower(parts, "this_that") == "this":
        return Resolution("PRESENT_REF")
    if ctx.last is not None:
        return Resolution(ctx.last.value, "previous")
    return Resolution("PAST_REF")
