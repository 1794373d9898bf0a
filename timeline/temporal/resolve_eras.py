"""Resolvers of years before and around the common era: "480 BC", "the 5th century BC",
"AD 9", and of year-less dates in a passage set before year 1.

TIMEX3 writes years before the common era with a ``BC`` prefix: 480 BC is ``BC0480``, the
5th century BC ``BC04`` (its hundreds, as for AD centuries), the 460s BC ``BC046``. Such
values have no place on our (proleptic Gregorian, year 1 onward) calendar, so they carry no
calendar range: they are tagged, never turned into timeline events.
"""

from __future__ import annotations

from timeline.temporal.resolver import (
    Context,
    EraMention,
    Parts,
    Resolution,
    lower,
    unresolved,
)


def bc_value(bc_year: int) -> str:
    return f"BC{bc_year:04d}"


def year_value(astronomical: int) -> str:
    """A year on the astronomical count (0 is 1 BC, -479 is 480 BC) as a TIMEX3 value."""
    if astronomical <= 0:
        return bc_value(1 - astronomical)
    return f"{astronomical:04d}"


def resolve_era_year(parts: Parts, ctx: Context) -> Resolution:
    """ "480 BC" BC0480, "ca. 466 BCE" BC0466, "AD 9" 0009; a month or season keeps its part."""
    raw = parts.get("bc_number") or parts.get("ad_number") or parts.get("ad_number2") or ""
    number = int(raw) if raw.isdigit() else 0
    if not 1 <= number <= 9999:
        return unresolved("not a year (years are counted from 1)")
    value = bc_value(number) if parts.get("bc_number") else f"{number:04d}"
    if parts.get("month"):
        month = ctx.lexicon.months.get((parts.get("month") or "").rstrip(".")) or 0
        return Resolution(f"{value}-{month:02d}")
    if parts.get("season"):
        return Resolution(f"{value}-{ctx.lexicon.seasons[lower(parts, 'season')]}")
    return Resolution(value)


def resolve_era_span(parts: Parts, ctx: Context) -> Resolution:
    """ "the 5th century BC" BC04, "the 460s BC" BC046."""
    if parts.get("bc_decade"):
        digits = (parts.get("bc_decade") or "").rstrip("s")
        return Resolution(f"BC{int(digits) // 10:03d}")
    number = ctx.lexicon.ordinal_value(parts.get("century_ordinal") or "")
    if number is None or not 1 <= number <= 99:
        return unresolved("not a century")
    return Resolution(f"BC{number - 1:02d}")


def in_era(era: EraMention, suffix: str) -> Resolution:
    """A year-less date in a passage set in ``era``'s year: "April" after "480 BC"."""
    return Resolution(f"{bc_value(era.bc_year)}{suffix}", "previous", anchor_start=era.start)


def counted_from_era(era: EraMention, unit: str, step: int) -> Resolution | None:
    """ "the following year" after 492 BC is 491 BC; decades and centuries likewise."""
    astronomical = 1 - era.bc_year
    unit = unit.rstrip("s")
    if unit == "year":
        value = year_value(astronomical + step)
    elif unit == "decade":
        bc_decade = (era.bc_year // 10) - step
        if bc_decade < 0:
            return None
        value = f"BC{bc_decade:03d}"
    elif unit in ("century", "centurie"):
        bc_century = ((era.bc_year - 1) // 100) - step
        if bc_century < 0:
            return None
        value = f"BC{bc_century:02d}"
    else:
        return None
    return Resolution(value, "previous", anchor_start=era.start)
