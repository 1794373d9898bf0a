"""Finds time expressions in text and resolves them in reading order.

Candidates from every rule compete: the leftmost, then longest, then earliest-listed rule
wins, so "Monday, Dec. 31" is one date, not a weekday and a date. Resolving in reading
order lets anaphora ("the next day", "the quarter") count from what came before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal.discourse import Discourse, document_kind, gather_evidence
from timeline.temporal.lexicon import Lexicon, load_lexicon
from timeline.temporal.resolver import (
    AnchorKind,
    Context,
    Mention,
    Mode,
    Resolution,
    TimexType,
    lower,
)
from timeline.temporal.rules import Rule, build_rules
from timeline.temporal.scan import find_candidates, scanner
from timeline.temporal.tense import Tense, infer_tense
from timeline.temporal.timex import DAY_PRECISE, parse_timex_value


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
    anchor_start: int | None = None  # where the expression it was counted from starts


def tag_text(
    text: str,
    reference: dt.date | None,
    lexicon: Lexicon | None = None,
    mode: Mode = "auto",
) -> list[TaggedExpression]:
    """Every time expression in ``text``, resolved against ``reference`` (the publication date).

    Anaphoric expressions ("the next day") count from the last date mentioned before them;
    year-less dates take their year from the time the text has set when it has moved away
    from the publication date (see ``discourse.py``; ``mode`` forces news or narrative).
    With no ``reference``, expressions that need one keep a ``None`` value and a reason.
    """
    lexicon = lexicon or load_lexicon()
    candidates = find_candidates(text, build_rules(lexicon))
    # Each match's parts are read once: the evidence and the resolver both use them.
    named = [(c.rule.name, c.match.groupdict()) for c in candidates]
    evidence = gather_evidence(named)
    kind = document_kind(mode, reference, evidence)
    memory = Discourse(text, reference, kind, scenes=mode == "auto")
    tagged: list[TaggedExpression] = []
    for (start, end, _, rule, match), (_, parts) in zip(candidates, named, strict=True):
        told_from = memory.told_from(start) if reference is not None else None
        anchor = memory.anchor
        context = Context(
            told_from.value.start if told_from else reference,
            anchor.value.start if anchor else None,
            _TenseOf(text, start, end, lexicon),
            lexicon,
            memory.last.value if memory.last else None,
            memory.last_quarter,
            memory.reference_time(start),
            anchor.start if anchor else None,
            memory.era,
        )
        resolution = rule.resolve(parts, context)
        if resolution.anchor == "publication" and told_from is not None:
            resolution = resolution._replace(anchor="previous", anchor_start=told_from.start)
        if resolution.anchor == "previous" and resolution.anchor_start is None:
            leaned = _leaned_on(resolution, memory)
            resolution = resolution._replace(anchor_start=leaned.start if leaned else None)
        tagged.append(_expression(match, start, end, rule, resolution, _modifier(parts, lexicon)))
        memory.remember(resolution, start, end)
    return tagged


def compile_rules(lexicon: Lexicon | None = None) -> None:
    """Compiles every rule's pattern and the trigger scanner now; otherwise each is compiled
    when a text first needs it. Worker processes forked after this start with all ready."""
    rules = build_rules(lexicon or load_lexicon())
    for rule in rules:
        rule.pattern.compiled()
    scanner(rules)


def _leaned_on(resolution: Resolution, memory: Discourse) -> Mention | None:
    """The mention a value was counted from: day-precise values ("the next day") count from
    the last day mentioned, coarser ones ("the following year") from the last date."""
    parsed = parse_timex_value(resolution.value) if resolution.value else None
    if parsed is not None and parsed.granularity in DAY_PRECISE:
        return memory.anchor or memory.last
    return memory.last or memory.anchor


def _expression(
    match: re.Match[str], start: int, end: int, rule: Rule, resolution: Resolution, mod: str | None
) -> TaggedExpression:
    # Positional, in field order: matching ten keywords costs a third of the construction.
    return TaggedExpression(
        match.group(0),
        start,
        end,
        resolution.type or rule.type,
        resolution.value,
        rule.name,
        resolution.mod or mod,
        resolution.anchor,
        resolution.reason,
        resolution.anchor_start,
    )


def _modifier(parts: dict[str, str | None], lexicon: Lexicon) -> str | None:
    """The TimeML mod of a qualifier the match starts with ("early" START, "about" APPROX)."""
    if not parts.get("modifier"):  # most matches start with no qualifier
        return None
    found = lexicon.modifiers.get(lower(parts, "modifier"))
    return found.mod if found and found.mod != "-" else None


class _TenseOf:
    """The clause's tense, read on first use only: most expressions never need it."""

    def __init__(self, text: str, start: int, end: int, lexicon: Lexicon) -> None:
        self._args = (text, start, end, lexicon)
        self._tense: Tense | None = None

    def __call__(self) -> Tense:
        if self._tense is None:
            self._tense = infer_tense(*self._args)
        return self._tense
