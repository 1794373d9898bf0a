"""Finds time expressions in text and resolves them in reading order.

Candidates from every rule compete: the leftmost, then longest, then earliest-listed rule
wins, so "Monday, Dec. 31" is one date, not a weekday and a date. Resolving in reading
order lets anaphora ("the next day", "the quarter") count from what came before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.temporal.lexicon import Lexicon, load_lexicon
from timeline.temporal.resolver import AnchorKind, Context, Resolution, TimexType
from timeline.temporal.rules import build_rules
from timeline.temporal.scan import Candidate as _Candidate
from timeline.temporal.scan import find_candidates
from timeline.temporal.tense import Tense, infer_tense
from timeline.temporal.timex import Granularity, TimexValue, parse_timex_value


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


@dataclass
class _Memory:
    """What the text has mentioned so far, for anaphora."""

    anchor: dt.date | None = None
    last: TimexValue | None = None
    last_quarter: str | None = None

    def remember(self, resolution: Resolution) -> None:
        """Keep a calendar value; a quarter only when named, not when counted from another."""
        parsed = parse_timex_value(resolution.value) if resolution.value else None
        if parsed is None:
            return
        self.last = parsed
        if parsed.granularity in (Granularity.DAY, Granularity.TIME):
            self.anchor = parsed.start
        elif parsed.granularity is Granularity.QUARTER and resolution.anchor != "previous":
            self.last_quarter = parsed.value


def tag_text(
    text: str, reference: dt.date | None, lexicon: Lexicon | None = None
) -> list[TaggedExpression]:
    """Every time expression in ``text``, resolved against ``reference`` (the publication date).

    Anaphoric expressions ("the next day") count from the last date mentioned before them;
    with no ``reference``, relative expressions keep a ``None`` value and a reason.
    """
    lexicon = lexicon or load_lexicon()
    memory = _Memory()
    tagged: list[TaggedExpression] = []
    for candidate in find_candidates(text, build_rules(lexicon)):
        context = Context(
            reference,
            memory.anchor,
            _lazy_tense(text, candidate.start, candidate.end, lexicon),
            lexicon,
            memory.last,
            memory.last_quarter,
        )
        parts = candidate.match.groupdict()
        resolution = candidate.rule.resolve(parts, context)
        tagged.append(_expression(candidate, resolution, _modifier(parts, lexicon)))
        memory.remember(resolution)
    return tagged


def _expression(candidate: _Candidate, resolution: Resolution, mod: str | None) -> TaggedExpression:
    return TaggedExpression(
        text=candidate.match.group(0),
        start=candidate.start,
        end=candidate.end,
        type=resolution.type or candidate.rule.type,
        value=resolution.value,
        rule=candidate.rule.name,
        mod=resolution.mod or mod,
        anchor=resolution.anchor,
        reason=resolution.reason,
    )


def _modifier(parts: dict[str, str | None], lexicon: Lexicon) -> str | None:
    """The TimeML mod of a qualifier the match starts with ("early" START, "about" APPROX)."""
    word = " ".join((parts.get("modifier") or "").lower().split())
    found = lexicon.modifiers.get(word) if word else None
    return found.mod if found and found.mod != "-" else None


def _lazy_tense(text: str, start: int, end: int, lexicon: Lexicon) -> _TenseOf:
    return _TenseOf(text, start, end, lexicon)


class _TenseOf:
    """The clause's tense, read on first use only: most expressions never need it."""

    def __init__(self, text: str, start: int, end: int, lexicon: Lexicon) -> None:
        self._args = (text, start, end, lexicon)
        self._tense: Tense | None = None

    def __call__(self) -> Tense:
        if self._tense is None:
            self._tense = infer_tense(*self._args)
        return self._tense
