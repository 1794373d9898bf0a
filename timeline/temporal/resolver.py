"""One small resolver per expression family: matched parts + context -> TIMEX3 value.

Every function here is pure. The reference date (publication date) and the anchor (the
date last mentioned, for "the next day") arrive in :class:`Context`; when the one a
family needs is missing, the value is ``None`` with a reason, never a guess from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from timeline.temporal.lexicon import Lexicon
from timeline.temporal.tense import Tense
from timeline.temporal.timex import add_months, format_day, format_month, format_week

Parts = Mapping[str, str | None]
AnchorKind = Literal["publication", "previous"]
NO_REFERENCE = "needs a publication date (pass --published)"


@dataclass(frozen=True)
class Context:
    reference: dt.date | None
    anchor: dt.date | None
    tense: Tense
    lexicon: Lexicon


@dataclass(frozen=True)
class Resolution:
    value: str | None
    anchor: AnchorKind | None = None
    mod: str | None = None
    reason: str | None = None


Resolver = Callable[[Parts, Context], Resolution]


def _unresolved(reason: str = NO_REFERENCE) -> Resolution:
    return Resolution(None, reason=reason)


def _safe(make: Callable[[], Resolution]) -> Resolution:
    """Arithmetic beyond year 1..9999 yields an unresolved value instead of an error."""
    try:
        return make()
    except (ValueError, OverflowError):
        return _unresolved("date out of the supported range (years 1-9999)")


def _year(parts: Parts, key: str = "year") -> int | None:
    raw = parts.get(key)
    if raw is None:
        return None
    digits = raw.lstrip("'")
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 30 else 2000
    return year


def _month(parts: Parts, ctx: Context) -> int:
    if parts.get("month_num"):
        return int(parts["month_num"] or 0)
    word = (parts.get("month") or "").rstrip(".")
    return ctx.lexicon.months[word]


def _choose_year(month: int, day: int, ctx: Context, reference: dt.date) -> int:
    """Year of a day-and-month without year: the tense picks the side of the reference."""
    candidates = [reference.year - 1, reference.year, reference.year + 1]
    dated = [(y, dt.date(y, month, min(day, 28 if month == 2 else day))) for y in candidates]
    if ctx.tense is Tense.PAST:
        past = [y for y, d in dated if d <= reference]
        return past[-1]
    if ctx.tense is Tense.FUTURE:
        future = [y for y, d in dated if d >= reference]
        return future[0]
    return min(dated, key=lambda pair: abs((pair[1] - reference).days))[0]


def resolve_full_date(parts: Parts, ctx: Context) -> Resolution:
    """Calendar dates: "December 11, 2018", "Dec. 3", "3 November 2016", "2018-11-30"."""

    def make() -> Resolution:
        month, day = _month(parts, ctx), int(parts["day"] or 0)
        year = _year(parts)
        if year is not None:
            return Resolution(format_day(dt.date(year, month, day)))
        if ctx.reference is None:
            return _unresolved("no year given and " + NO_REFERENCE)
        year = _choose_year(month, day, ctx, ctx.reference)
        return Resolution(format_day(dt.date(year, month, day)), anchor="publication")

    return _safe(make)


def resolve_numeric_date(parts: Parts, ctx: Context) -> Resolution:
    """US order month/day/year; a first number above 12 can only be a day."""
    first, second = int(parts["first"] or 0), int(parts["second"] or 0)
    month, day = (second, first) if first > 12 >= second else (first, second)
    return resolve_full_date({"month_num": str(month), "day": str(day), "year": parts["year"]}, ctx)


def resolve_month_year(parts: Parts, ctx: Context) -> Resolution:
    year = _year(parts)
    return _safe(lambda: Resolution(format_month(year or 0, _month(parts, ctx)), mod=_mod(parts)))


def resolve_month(parts: Parts, ctx: Context) -> Resolution:
    """A month alone: this year's, unless tense or "last"/"next" points across a year end."""
    reference = ctx.reference
    if reference is None:
        return _unresolved()
    month, relation = _month(parts, ctx), (parts.get("relation") or "").lower()
    year = reference.year
    if relation == "last" or (not relation and ctx.tense is Tense.PAST):
        strict = relation == "last"
        if month > reference.month or (strict and month == reference.month):
            year -= 1
    elif relation == "next" or (not relation and ctx.tense is Tense.FUTURE):
        strict = relation == "next"
        if month < reference.month or (strict and month == reference.month):
            year += 1
    return _safe(lambda: Resolution(format_month(year, month), "publication", _mod(parts)))


def resolve_year(parts: Parts, ctx: Context) -> Resolution:
    return Resolution(f"{_year(parts):04d}", mod=_mod(parts))


def resolve_decade(parts: Parts, ctx: Context) -> Resolution:
    digits = parts.get("decade") or ""
    if len(digits) == 2:
        return Resolution(f"19{digits[0]}", mod=_mod(parts))
    return Resolution(digits[:3], mod=_mod(parts))


def _mod(parts: Parts) -> str | None:
    word = (parts.get("modifier") or "").lower().rstrip("-").strip()
    return {"early": "START", "mid": "MID", "late": "END"}.get(word)


def resolve_weekday(parts: Parts, ctx: Context) -> Resolution:
    """Weekdays point back by default (news reports the past), forward in future clauses."""
    reference = ctx.reference
    if reference is None:
        return _unresolved()
    target = ctx.lexicon.weekdays[(parts.get("weekday") or "").rstrip(".")]
    relation = (parts.get("relation") or "").lower()
    back = (reference.isoweekday() - target) % 7
    ahead = (target - reference.isoweekday()) % 7
    if relation == "last":
        offset = -(back or 7)
    elif relation == "next":
        offset = ahead or 7
    elif relation == "this":
        offset = target - reference.isoweekday()
    elif ctx.tense is Tense.FUTURE:
        offset = ahead or 7
    else:
        offset = -back
    return _safe(lambda: _day_with_part(reference + dt.timedelta(days=offset), parts))


def _day_with_part(day: dt.date, parts: Parts) -> Resolution:
    part = _PART_OF_DAY.get((parts.get("part_of_day") or "").lower())
    value = format_day(day) + (f"T{part}" if part else "")
    return Resolution(value, "publication")


_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def resolve_deictic_day(parts: Parts, ctx: Context) -> Resolution:
    """Days named from the reference: "yesterday", "tonight", "this morning"."""
    if ctx.reference is None:
        return _unresolved()
    word = (parts.get("deictic") or parts.get("tonight") or "today").lower()
    offset, part = ctx.lexicon.deictic_days.get(word, (0, None))
    day = ctx.reference + dt.timedelta(days=offset)
    if part:
        return Resolution(f"{format_day(day)}T{part}", "publication")
    return _safe(lambda: _day_with_part(day, parts))


_RELATION_STEP = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


def resolve_relative_unit(parts: Parts, ctx: Context) -> Resolution:
    """Units next to the reference: "last week" -> 2018-W50, "next year" -> 2019."""
    if ctx.reference is None:
        return _unresolved()
    step = _RELATION_STEP[(parts.get("relation") or "this").lower()]
    unit = (parts.get("unit") or "").lower()
    return _safe(lambda: Resolution(shift(ctx.reference, unit, step), "publication"))  # type: ignore[arg-type]


def shift(day: dt.date, unit: str, step: int) -> str:
    """The value of the ``unit`` that lies ``step`` units from ``day``, at that granularity."""
    if unit in ("day", "days"):
        return format_day(day + dt.timedelta(days=step))
    if unit in ("week", "weeks"):
        return format_week(day + dt.timedelta(weeks=step))
    if unit in ("weekend", "weekends"):
        return format_week(day + dt.timedelta(weeks=step)) + "-WE"
    if unit in ("month", "months"):
        return format_month(*add_months(day.year, day.month, step))
    if unit in ("quarter", "quarters"):
        year, month = add_months(day.year, day.month, 3 * step)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit in ("year", "years"):
        return f"{day.year + step:04d}"
    if unit in ("decade", "decades"):
        return f"{day.year // 10 + step:03d}"
    if unit in ("century", "centuries"):
        return f"{day.year // 100 + step:02d}"
    return format_day(day)


def resolve_ago(parts: Parts, ctx: Context) -> Resolution:
    """Counted back: "two weeks ago" keeps the week: 2018-W49, not a made-up day."""
    if ctx.reference is None:
        return _unresolved()
    count = ctx.lexicon.number_value(parts.get("number") or "")
    if count is None:
        return Resolution("PAST_REF", "publication")
    unit = (parts.get("unit") or "").lower()
    if unit.startswith(("hour", "minute", "second")):
        return Resolution(format_day(ctx.reference), "publication")
    return _safe(lambda: Resolution(shift(ctx.reference, unit, -count), "publication"))  # type: ignore[arg-type]


def resolve_anaphoric(parts: Parts, ctx: Context) -> Resolution:
    """Anaphora ("the next day", "two days later"): counted from the last date mentioned."""
    anchor = ctx.anchor or ctx.reference
    if anchor is None:
        return _unresolved("no earlier date to count from and " + NO_REFERENCE)
    kind: AnchorKind = "previous" if ctx.anchor is not None else "publication"
    direction = (parts.get("direction") or "").lower()
    sign = -1 if direction in ("previous", "preceding", "earlier", "before") else 1
    if direction in ("same", "that"):
        sign = 0
    count = ctx.lexicon.number_value(parts.get("number") or "one")
    if count is None:
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF", kind)
    unit = (parts.get("unit") or "day").lower()
    return _safe(lambda: Resolution(shift(anchor, unit, sign * count), kind))


def resolve_duration(parts: Parts, ctx: Context) -> Resolution:
    """Lengths of time: "three weeks" P3W, "24 hours" PT24H, "several years" PXY.

    A range such as "60 to 100 days" keeps its upper bound with mod EQUAL_OR_LESS.
    """
    unit = ctx.lexicon.unit(parts.get("unit") or "")
    if unit is None:
        return _unresolved("unknown unit")
    upper = parts.get("number2")
    count = ctx.lexicon.number_value(upper or parts.get("number") or "")
    amount = "X" if count is None else str(count)
    prefix = "PT" if unit.clock else "P"
    return Resolution(f"{prefix}{amount}{unit.code}", mod="EQUAL_OR_LESS" if upper else None)


def resolve_fixed(parts: Parts, ctx: Context) -> Resolution:
    phrase = " ".join((parts.get("fixed") or "").lower().split())
    return Resolution(ctx.lexicon.fixed_refs[phrase])


def resolve_clock_time(parts: Parts, ctx: Context) -> Resolution:
    """Clock times: "8 p.m." on the reference day: 2018-12-20T20:00."""
    if ctx.reference is None:
        return _unresolved()
    hour, minute = int(parts["hour"] or 0), int(parts.get("minute") or 0)
    meridiem = (parts.get("meridiem") or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return _unresolved("not a clock time")
    return Resolution(f"{format_day(ctx.reference)}T{hour:02d}:{minute:02d}", "publication")
