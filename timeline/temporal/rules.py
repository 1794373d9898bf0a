"""The rule table: every family's named patterns, in the order that breaks ties.

Candidates from all rules compete in the tagger (leftmost, then longest, then earliest
listed here). The families live in ``rules_dates`` (calendar dates), ``rules_relative``
(deictic and anaphoric), ``rules_times`` (clock times, parts of day) and ``rules_spans``
(durations and sets); their resolvers in the matching ``resolve_*`` modules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from timeline.temporal.lexicon import Lexicon
from timeline.temporal.patterns import Fragments
from timeline.temporal.resolver import TimexType
from timeline.temporal.rulebase import Acceptor, Rule, trigger_words
from timeline.temporal.rules_dates import date_rules
from timeline.temporal.rules_informal import informal_rules
from timeline.temporal.rules_relative import relative_rules
from timeline.temporal.rules_spans import span_rules
from timeline.temporal.rules_times import time_rules

__all__ = [
    "Acceptor",
    "Rule",
    "TimexType",
    "build_rules",
    "named_patterns",
    "triggered_patterns",
]


@cache
def build_rules(lexicon: Lexicon) -> tuple[Rule, ...]:
    """All rules, compiled once per lexicon (the lexicon is immutable)."""
    fragments = Fragments(lexicon)
    return (
        *time_rules(fragments),
        *date_rules(fragments),
        *relative_rules(fragments),
        *span_rules(fragments),
        *informal_rules(fragments),
    )


def named_patterns(rules: Sequence[Rule]) -> list[tuple[str, str, int]]:
    """Every pattern of a rule table as ``(name, source, flags)``: each rule's, then each
    pattern trigger's (named after its first rule), as the openings file lists them."""
    found = [(rule.name, rule.pattern.source, rule.pattern.flags) for rule in rules]
    for rule in rules:
        cues = rule.trigger if isinstance(rule.trigger, tuple) else (rule.trigger,)
        found += [
            (f"{rule.name} trigger", cue.pattern, cue.flags)
            for cue in cues
            if isinstance(cue, re.Pattern)
        ]
    return found


def triggered_patterns(rules: Sequence[Rule]) -> list[tuple[str, str, int, frozenset[str]]]:
    """Every rule with a trigger as ``(name, source, flags, trigger words)``, as the reaches
    file lists them (a pattern trigger has no words)."""
    return [
        (rule.name, rule.pattern.source, rule.pattern.flags, trigger_words(rule))
        for rule in rules
        if rule.trigger is not None
    ]
