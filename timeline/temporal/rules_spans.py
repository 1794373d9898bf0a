"""Lengths of time (DURATION) and recurrences (SET). Each rule's examples run as tests."""

from __future__ import annotations

import re

from timeline.temporal import resolve_spans as s
from timeline.temporal.filters import is_length
from timeline.temporal.lexicon import alternation
from timeline.temporal.patterns import (
    Fragments,
    full_names,
    modifier_prefix,
    rx,
    unit_trigger,
    words,
)
from timeline.temporal.rulebase import Rule

REF = "2018-12-20"
_SPAN_WORDS = r"past|last|next|first|coming|previous|final|following|latest|initial|remaining"
_EXTRA = r"(?:\s+(?i:more|additional|full|straight|consecutive|long|trading|business))?"
_PREPOSITION = re.compile(r"\b(?:for|within|in|over|after|of|takes?|took|lasts?|lasted)\s+$", re.I)


def span_rules(f: Fragments) -> list[Rule]:
    length_mod = modifier_prefix(f.lexicon, "length")
    number, unit = f.number(), f.unit()
    weekdays = alternation(full_names(f.lexicon.weekdays))
    return [
        Rule(
            "duration",
            "DURATION",
            rx(
                rf"{length_mod}(?:(?i:the)\s+(?:(?P<span>(?i:{_SPAN_WORDS}))\s+)?)?"
                rf"{number}(?:\s+(?i:to|or|-|and)\s+{f.number('number2')})?{_EXTRA}[\s-]+{unit}"
                r"(?P<half>\s+(?i:and\s+a\s+half))?(?:\s+(?i:or\s+so))?"
            ),
            s.resolve_duration,
            (
                ("24 hours", REF, "PT24H"),
                ("three weeks", REF, "P3W"),
                ("60 to 100 days", REF, "P100D"),
                ("one-day", REF, "P1D"),
                ("several years", REF, "PXY"),
                ("the past three months", REF, "P3M"),
                ("two decades", REF, "P20Y"),
                ("2 1/2 years", REF, "P2Y6M"),
                ("a minute and a half", REF, "PT1M30S"),
                ("at least 20 more years", REF, "P20Y"),
            ),
            is_length,
            trigger=unit_trigger(),
        ),
        Rule(
            "half_duration",
            "DURATION",
            rx(rf"{length_mod}(?P<half>(?i:half\s+an?|a\s+half))[\s-]+{unit}"),
            s.resolve_duration,
            (("half an hour", REF, "PT30M"), ("half a day", REF, "PT12H")),
            trigger=words(r"half"),
        ),
        Rule(
            "vague_duration",
            "DURATION",
            rx(
                r"(?:(?P<when>(?i:recent|coming|the\s+coming|the\s+past\s+few|the\s+last\s+few"
                r"|the\s+following|the\s+succeeding|the\s+subsequent|the\s+intervening))\s+)?"
                r"(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades|centuries))"
                r"(?!\s+(?:ago|old|later|earlier|of\b))"
            ),
            s.resolve_vague_duration,
            (("for weeks", REF, "PXW"), ("in recent months", REF, "PXM")),
            _vague_in_context,
            trigger=words("minutes|hours|days|weeks|months|years|decades|centuries"),
        ),
        Rule(
            "frequency",
            "SET",
            rx(rf"(?P<frequency>(?i:{alternation(f.lexicon.frequencies)}))"),
            s.resolve_frequency,
            (("daily", REF, "P1D"), ("annually", REF, "P1Y")),
            trigger=words(f.lexicon.frequencies),
        ),
        Rule(
            "every_unit",
            "SET",
            rx(
                rf"(?P<every>(?i:every\s+other|every|each|per))\s+(?:{number}\s+)?"
                r"(?P<unit>(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?"
                r"|months?|quarters?|years?|decades?))"
            ),
            s.resolve_frequency,
            (
                ("every week", REF, "P1W"),
                ("each year", REF, "P1Y"),
                ("every two weeks", REF, "P2W"),
            ),
            trigger=words(r"every|each|per"),
        ),
        Rule(
            "every_named",
            "SET",
            rx(
                rf"(?i:every|each)\s+(?:{f.weekday()}(?:\s+{f.part_of_day()})?|{f.month()}"
                rf"|{f.season()})"
            ),
            s.resolve_frequency,
            (("each Thursday", REF, "XXXX-WXX-4"), ("each July", REF, "XXXX-07")),
            trigger=words(r"every|each"),
        ),
        Rule(
            "weekday_plural",
            "SET",
            rx(rf"(?P<weekday>{weekdays})(?P<plural>s)?(?:\s+{f.part_of_day()}(?P<parts>s)?)?"),
            s.resolve_frequency,
            (("on Mondays", REF, "XXXX-WXX-1"), ("Tuesday nights", REF, "XXXX-WXX-2TNI")),
            lambda _text, match: bool(match.group("plural") or match.group("parts")),
            trigger=words(f.lexicon.weekdays, [f"{d}s" for d in full_names(f.lexicon.weekdays)]),
        ),
    ]


def _vague_in_context(text: str, match: re.Match[str]) -> bool:
    """Bare "weeks" or "years" is a length after "for", "within", "in": "for years"."""
    if match.group("when"):
        return True
    return _PREPOSITION.search(text, max(0, match.start() - 12), match.start()) is not None
