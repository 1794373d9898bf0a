"""Finding rule matches fast: one pass for the trigger words, full patterns only near them.

A rule's ``trigger`` names words (or a cheap pattern) one of which every match contains.
For each text the scanner finds every trigger word in one regex pass, then runs each rule's
full pattern only inside the windows around its trigger's hits. Rules that share a trigger
share its windows, and everything that depends on the rules alone (the word set, which
rules share which trigger) is worked out once per rule table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from timeline.temporal.rulebase import Rule, Trigger

# How far a match may reach before and after its trigger word ("no more than the past
# twenty-four to thirty-six more years" is 53 characters before "years").
REACH_BEFORE = 80
REACH_AFTER = 40
_WORD = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"\s")
Span = tuple[int, int]


@dataclass(frozen=True)
class Candidate:
    """One match of one rule; ``order`` is the rule's place in the table (ties)."""

    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


@dataclass(frozen=True, eq=False)
class Scanner:
    """What a rule table needs for scanning, worked out once per table."""

    rules: tuple[Rule, ...]
    words: frozenset[str]  # every trigger word of every rule, lower case


@cache
def scanner(rules: tuple[Rule, ...]) -> Scanner:
    """The scanner of a rule table (rules hash by identity, so this lookup is cheap)."""
    words = frozenset(
        w for rule in rules if isinstance(rule.trigger, frozenset) for w in rule.trigger
    )
    return Scanner(rules, words)


class Hits:
    """Where each trigger occurs in one text; the word index is built once, on first need."""

    def __init__(self, text: str, wanted: frozenset[str]) -> None:
        self.text = text
        self._wanted = wanted
        self._words: dict[str, list[Span]] | None = None
        self._windows: dict[Trigger, list[Span]] = {}

    def windows(self, trigger: Trigger) -> list[Span]:
        found = self._windows.get(trigger)
        if found is None:
            found = self._windows[trigger] = merge_windows(self._spans(trigger), self.text)
        return found

    def _index(self) -> dict[str, list[Span]]:
        if self._words is None:
            self._words = {}
            wanted = self._wanted
            if self.text.isascii():  # lower case once: same length, same word boundaries
                for hit in _WORD.finditer(self.text.lower()):
                    if hit.group() in wanted:
                        self._words.setdefault(hit.group(), []).append(hit.span())
                return self._words
            for hit in _WORD.finditer(self.text):
                word = hit.group().lower()
                if word in wanted:
                    self._words.setdefault(word, []).append(hit.span())
        return self._words

    def _spans(self, trigger: Trigger) -> list[Span]:
        if isinstance(trigger, re.Pattern):
            return [hit.span() for hit in trigger.finditer(self.text)]
        index = self._index()
        spans = [span for word in trigger & index.keys() for span in index[word]]
        spans.sort()
        return spans


def merge_windows(spans: list[Span], text: str) -> list[Span]:
    """Stretches of ``text`` around the hits, merged, each ending on whitespace or the end."""
    windows: list[Span] = []
    size = len(text)
    space = _SPACE.search
    for start, end in spans:
        low = start - REACH_BEFORE if start > REACH_BEFORE else 0
        high = end + REACH_AFTER
        if high < size:
            found = space(text, high)
            high = found.start() if found else size
        else:
            high = size
        if windows and low <= windows[-1][1]:
            if high > windows[-1][1]:
                windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


def rule_matches(rule: Rule, text: str, hits: Hits | None = None) -> Iterator[re.Match[str]]:
    """Every match of ``rule`` in ``text``, as ``pattern.finditer(text)`` gives them.

    A rule with a trigger is only tried near the trigger's hits: every match contains one,
    and the windows around the hits are merged, so no match is lost or cut (the pattern's
    lookbehind still sees the text before a window). Most rules never run on most text.
    """
    if rule.trigger is None:
        yield from rule.pattern.finditer(text)
        return
    if hits is None:
        hits = Hits(text, rule.trigger if isinstance(rule.trigger, frozenset) else frozenset())
    finditer = rule.pattern.finditer
    for low, high in hits.windows(rule.trigger):
        yield from finditer(text, low, high)


def find_candidates(text: str, rules: tuple[Rule, ...]) -> list[Candidate]:
    """Non-overlapping matches, leftmost-longest, earlier rules winning ties."""
    table = scanner(rules)
    found: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    hits = Hits(text, table.words)
    for order, rule in enumerate(rules):
        accept = rule.accept
        for match in rule_matches(rule, text, hits):
            start, end = match.span()
            if end > start and (accept is None or accept(text, match)):
                found.append((start, start - end, order, rule, match))
    found.sort(key=lambda c: c[:3])
    chosen: list[Candidate] = []
    last_end = -1
    for start, negative_length, order, rule, match in found:
        if start >= last_end:
            last_end = start - negative_length
            chosen.append(Candidate(start, last_end, order, rule, match))
    return chosen
