"""Resolvers of clock times: "8 p.m. EST", "15:00 GMT Saturday", "noon Thursday".

The zone is part of the expression but not of the value: TimeBank writes local clock
time ("5 p.m. EST Nov. 9" is 1989-11-09T17:00), and so do we.
"""

from __future__ import annotations

import datetime as dt

from timeline.temporal.resolve_dates import resolve_full_date
from timeline.temporal.resolve_relative import resolve_deictic_day, resolve_weekday
from timeline.temporal.resolver import AnchorKind, Context, Parts, Resolution, lower, unresolved
from timeline.temporal.timex import parse_timex_value


def _clock(parts: Parts, ctx: Context) -> str | None:
    """ "20:00" for "8 p.m.", "12:00" for "noon"; ``None`` when the numbers are no time."""
    special = lower(parts, "special")
    if special:
        return ctx.lexicon.parts_of_day.get(special)
    hour, minute = int(parts.get("hour") or 0), int(parts.get("minute") or 0)
    meridiem = lower(parts, "meridiem").replace(".", "").replace(" ", "")
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    elif lower(parts, "in_the") in ("afternoon", "evening", "night") and hour < 12:
        hour += 12
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


def _day_of_time(parts: Parts, ctx: Context) -> tuple[dt.date | None, AnchorKind | None]:
    """The day a clock time sits on: the day it names, else the last day mentioned."""
    named: Resolution | None = None
    if parts.get("weekday"):
        named = resolve_weekday({"weekday": parts.get("weekday")}, ctx)
    elif parts.get("deictic"):
        named = resolve_deictic_day({"deictic": parts.get("deictic")}, ctx)
    elif parts.get("month"):
        named = resolve_full_date(
            {"month": parts.get("month"), "day": parts.get("day"), "year": parts.get("year")}, ctx
        )
    if named is not None:
        parsed = parse_timex_value(named.value) if named.value else None
        return (parsed.start if parsed else None), named.anchor
    if ctx.anchor is not None:
        return ctx.anchor, "previous"
    return ctx.reference, "publication"


def resolve_clock_time(parts: Parts, ctx: Context) -> Resolution:
    """Clock times on the day they name, else on the last day mentioned or the reference."""
    clock = _clock(parts, ctx)
    if clock is None:
        return unresolved("not a clock time")
    day, anchor = _day_of_time(parts, ctx)
    if day is None:
        return unresolved()
    return Resolution(f"{day.isoformat()}T{clock}", anchor)
