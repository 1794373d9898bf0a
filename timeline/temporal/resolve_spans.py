"""Resolvers of lengths of time (DURATION) and recurrences (SET)."""

from __future__ import annotations

from fractions import Fraction

from timeline.temporal.lexicon import Unit
from timeline.temporal.resolver import Context, Parts, Resolution, lower, unresolved

# A fractional count moves to the next smaller unit: 2 1/2 years is P2Y6M, half a day PT12H.
# Format: code -> (smaller code, how many in one, smaller is a clock unit).
_SMALLER = {
    "Y": ("M", 12, False),
    "M": ("D", 30, False),
    "W": ("D", 7, False),
    "D": ("H", 24, True),
}
_SMALLER_CLOCK = {"H": ("M", 60), "M": ("S", 60)}
_HALF = Fraction(1, 2)

# A count of units: whole counts stay ints (most are), halves and decimals are Fractions.
Count = int | Fraction


def _fraction(parts: Parts, ctx: Context, key: str) -> Count | None:
    raw = lower(parts, key)
    if not raw:
        return None
    half = raw.endswith("1/2") or raw.endswith("half")
    raw = raw.replace("1/2", "").replace("and a half", "").replace("a half", "").strip()
    if raw in ("", "a", "an") and half:
        return _HALF
    count: Count | None
    number = raw.replace(",", "")
    if number.isdecimal():  # what int() reads; Fraction() would give the same whole number
        count = int(number)
    elif number[:1].isalpha():  # "three", "a dozen": Fraction() reads no word
        count = ctx.lexicon.number_value(raw)
    else:
        try:
            count = Fraction(number)
        except ValueError:
            count = ctx.lexicon.number_value(raw)
    if count is None:
        return None
    return count + _HALF if half else count


def format_duration(amount: Count, unit: Unit) -> str:
    """P3W, PT24H, P20Y (two decades), P2Y6M (2 1/2 years), PT1H30M (an hour and a half)."""
    amount *= unit.multiplier
    whole, rest = int(amount), amount - int(amount)
    prefix = "PT" if unit.clock else "P"
    if not rest:
        return f"{prefix}{whole}{unit.code}"
    if unit.clock and unit.code in _SMALLER_CLOCK:
        smaller, factor = _SMALLER_CLOCK[unit.code]
        head = f"{whole}{unit.code}" if whole else ""
        return f"PT{head}{int(rest * factor)}{smaller}"
    if not unit.clock and unit.code in _SMALLER:
        smaller, factor, clock = _SMALLER[unit.code]
        head = f"{whole}{unit.code}" if whole else ""
        return f"P{head}{'T' if clock else ''}{int(rest * factor)}{smaller}"
    return f"{prefix}{float(amount):g}{unit.code}"


def resolve_duration(parts: Parts, ctx: Context) -> Resolution:
    """Lengths of time: "three weeks" P3W, "24 hours" PT24H, "several years" PXY.

    A range such as "60 to 100 days" keeps its upper bound with mod EQUAL_OR_LESS;
    "a minute and a half" and "2 1/2 years" go down a unit (PT1M30S, P2Y6M).
    """
    unit = ctx.lexicon.unit(parts.get("unit") or "")
    if unit is None:
        return unresolved("unknown unit")
    upper = _fraction(parts, ctx, "number2")
    count = upper if upper is not None else _fraction(parts, ctx, "number")
    if parts.get("half"):
        count = (count or 0) + _HALF
    if count is None:
        if unit.multiplier > 1:
            return Resolution(f"PX{'DE' if unit.multiplier == 10 else 'CE'}")
        return Resolution(f"{'PT' if unit.clock else 'P'}X{unit.code}")
    mod = "EQUAL_OR_LESS" if parts.get("number2") else None
    return Resolution(format_duration(count, unit), mod=mod)


def resolve_vague_duration(parts: Parts, ctx: Context) -> Resolution:
    """Unnumbered stretches: "for weeks" PXW, "within months" PXM, "recent weeks" PXW."""
    unit = ctx.lexicon.unit(parts.get("unit") or "")
    if unit is None:
        return unresolved("unknown unit")
    if unit.multiplier > 1:
        return Resolution(f"PX{'DE' if unit.multiplier == 10 else 'CE'}")
    return Resolution(f"{'PT' if unit.clock else 'P'}X{unit.code}")


def resolve_frequency(parts: Parts, ctx: Context) -> Resolution:
    """Recurrences: "daily" P1D, "every week" P1W, "each Thursday" XXXX-WXX-4, "each July"."""
    word = lower(parts, "frequency")
    if word:
        return Resolution(ctx.lexicon.frequencies[word])
    if parts.get("weekday"):
        number = ctx.lexicon.weekdays[(parts.get("weekday") or "").rstrip(".").rstrip("s")]
        part = ctx.lexicon.parts_of_day.get(lower(parts, "part_of_day"))
        return Resolution(f"XXXX-WXX-{number}" + (f"T{part}" if part else ""))
    if parts.get("month"):
        return Resolution(f"XXXX-{ctx.lexicon.months[parts.get('month') or '']:02d}")
    if parts.get("season"):
        return Resolution(f"XXXX-{ctx.lexicon.seasons[lower(parts, 'season')]}")
    unit = ctx.lexicon.unit(parts.get("unit") or "")
    if unit is None:
        return unresolved("unknown unit")
    count = ctx.lexicon.number_value(parts.get("number") or "one") or 1
    if lower(parts, "every") == "every other":
        count = 2
    return Resolution(format_duration(count, unit))
