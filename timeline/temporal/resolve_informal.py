"""Resolvers of informal and range writing: "fri", "sept 5", "2hrs", "at 9:15", "2:04:11",
"every evening", and the far end of a day range ("July 12-14")."""

from __future__ import annotations

from fractions import Fraction

from timeline.temporal.resolve_dates import resolve_full_date, resolve_month
from timeline.temporal.resolve_relative import resolve_weekday
from timeline.temporal.resolve_spans import format_duration
from timeline.temporal.resolver import Context, Parts, Resolution, lower, safe, unresolved
from timeline.temporal.timex import format_day

_SHORT_UNITS = {"hr": "hour", "min": "minute", "sec": "second", "wk": "week", "yr": "year"}


def _capitalised(parts: Parts, *keys: str) -> dict[str, str | None]:
    """The parts with lower-case month and weekday names written as the lexicon has them."""
    fixed = dict(parts)
    for key in keys:
        word = (parts.get(key) or "").rstrip(".")
        if word:
            fixed[key] = word[:1].upper() + word[1:].lower()
    return fixed


def resolve_informal_weekday(parts: Parts, ctx: Context) -> Resolution:
    """ "on fri", "thurs 5pm": a weekday written in lower case or cut short."""
    return resolve_weekday(_capitalised(parts, "weekday"), ctx)


def resolve_informal_date(parts: Parts, ctx: Context) -> Resolution:
    """ "sept 5", "5 nov", "in sept": a month written in lower case or cut short."""
    fixed = _capitalised(parts, "month")
    if fixed.get("day"):
        return resolve_full_date(fixed, ctx)
    return resolve_month(fixed, ctx)


def resolve_short_duration(parts: Parts, ctx: Context) -> Resolution:
    """ "2hrs" PT2H, "10 mins" PT10M, "3 wks" P3W."""
    raw = lower(parts, "short_unit").rstrip("s")
    unit = ctx.lexicon.unit(_SHORT_UNITS.get(raw, raw))
    if unit is None:
        return unresolved("unknown unit")
    return Resolution(format_duration(Fraction(parts.get("number") or "0"), unit))


def resolve_long_compound(parts: Parts, ctx: Context) -> Resolution:
    """ "a decade-long war" P10Y, "a day-long meeting" P1D, "decades-long" PXDE."""
    word = lower(parts, "long_unit")
    unit = ctx.lexicon.unit(word.rstrip("s"))
    if unit is None:
        return unresolved("unknown unit")
    if parts.get("plural"):
        code = {10: "DE", 100: "CE"}.get(unit.multiplier, unit.code)
        return Resolution(f"{'PT' if unit.clock else 'P'}X{code}")
    return Resolution(format_duration(Fraction(1), unit))


def resolve_clock_duration(parts: Parts, ctx: Context) -> Resolution:
    """ "finished in 2:04:11" PT2H4M11S: hours, minutes and seconds on a stopwatch."""
    hours, minutes = int(parts.get("hours") or 0), int(parts.get("minutes") or 0)
    seconds = parts.get("seconds") or "0"
    pieces = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    if float(seconds):
        pieces.append(f"{seconds.lstrip('0') or '0'}S")
    return Resolution("PT" + ("".join(pieces) or "0S"))


def resolve_range_end_day(parts: Parts, ctx: Context) -> Resolution:
    """The far end of a day range: "14" in "July 12-14" is the 14th of the day before it."""
    anchor = ctx.anchor
    day = int(parts.get("range_day") or 0)
    if anchor is None:
        return unresolved("no day before it to end a range from")
    if day <= anchor.day:
        return unresolved("not the end of a day range")
    return safe(
        lambda: Resolution(
            format_day(anchor.replace(day=day)), "previous", anchor_start=ctx.anchor_start
        )
    )


def resolve_every_part_of_day(parts: Parts, ctx: Context) -> Resolution:
    """ "every evening" XXXX-XX-XXTEV: a part of the day, each day."""
    part = ctx.lexicon.parts_of_day.get(lower(parts, "part_of_day"))
    if part is None or ":" in part:
        return unresolved("not a part of the day")
    return Resolution(f"XXXX-XX-XXT{part}")
