"""Finds time expressions in text and resolves them in reading order.

Candidates from every rule compete: the leftmost, then longest, then earliest-listed rule
wins, so "Monday, Dec. 31" is one date, not a weekday and a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal.lexicon import Lexicon, load_lexicon
from timeline.temporal.resolver import AnchorKind, Context
from timeline.temporal.rules import Rule, TimexType, build_rules
from timeline.temporal.tense import infer_tense
from timeline.temporal.timex import Granularity, parse_timex_value


@dataclass(frozen=True)
class TaggedExpression:
    """A time expression found in a text, with its offsets into that text."""

    text: str
    start: int
    end: int
    type: TimexType
    value: str | None
    rule: str
    mod: str | None = None
    anchor: AnchorKind | None = None
    reason: str | None = None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


def find_candidates(text: str, rules: tuple[Rule, ...]) -> list[_Candidate]:
    """Non-overlapping matches, leftmost-longest, earlier rules winning ties."""
    found: list[_Candidate] = []
    for order, rule in enumerate(rules):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start() and (rule.accept is None or rule.accept(text, match)):
                found.append(_Candidate(match.start(), match.end(), order, rule, match))
    found.sort(key=lambda c: (c.start, -(c.end - c.start), c.order))
    chosen: list[_Candidate] = []
    for candidate in found:
        if not chosen or candidate.start >= chosen[-1].end:
            chosen.append(candidate)
    return chosen


def tag_text(
    text: str, reference: dt.date | None, lexicon: Lexicon | None = None
) -> list[TaggedExpression]:
    """Every time expression in ``text``, resolved against ``reference`` (the publication date).

    Anaphoric expressions ("the next day") count from the last day-precise date mentioned
    before them; with no ``reference``, relative expressions keep a ``None`` value and a reason.
    """
    lexicon = lexicon or load_lexicon()
    anchor: dt.date | None = None
    tagged: list[TaggedExpression] = []
    for candidate in find_candidates(text, build_rules(lexicon)):
        tense = infer_tense(text, candidate.start, candidate.end, lexicon)
        context = Context(reference, anchor, tense, lexicon)
        resolution = candidate.rule.resolve(candidate.match.groupdict(), context)
        tagged.append(
            TaggedExpression(
                text=candidate.match.group(0),
                start=candidate.start,
                end=candidate.end,
                type=candidate.rule.type,
                value=resolution.value,
                rule=candidate.rule.name,
                mod=resolution.mod,
                anchor=resolution.anchor,
                reason=resolution.reason,
            )
        )
        anchor = _day_of(resolution.value) or anchor
    return tagged


def _day_of(value: str | None) -> dt.date | None:
    parsed = parse_timex_value(value) if value else None
    if parsed and parsed.granularity in (Granularity.DAY, Granularity.TIME):
        return parsed.start
    return None
