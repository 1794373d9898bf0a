"""The rule type shared by the family modules (``rules_*.py``) and the tagger."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.temporal.patterns import LazyPattern
from timeline.temporal.resolver import Resolver, TimexType

Acceptor = Callable[[str, "re.Match[str]"], bool]
# A word set (lower case) or a cheap pattern, one of which every match of the rule contains;
# or several of them when every match contains one of theirs ("1990s" or "nineties").
Cue = frozenset[str] | re.Pattern[str]
Trigger = Cue | tuple[Cue, ...]
Example = tuple[str, str, str]  # (text, reference date, expected value)


@dataclass(frozen=True, eq=False)
class Rule:
    """A named pattern (named groups only), the resolver of its family and runnable examples.

    ``accept`` vetoes a match from its surroundings ("May" the verb, "$2,000"). ``trigger``,
    when given, matches a word every match of the rule contains ("ago", a month name) or
    reads in a lookaround ("1914" of "1914-18"), or is a tuple of such triggers: the tagger
    then runs the full pattern only near its hits (see ``scan.rule_matches``).
    Rules compare and hash by identity, so a rule table is a cheap cache key.
    """

    name: str
    type: TimexType
    pattern: LazyPattern
    resolve: Resolver
    examples: tuple[Example, ...] = ()
    accept: Acceptor | None = None
    trigger: Trigger | None = None


def trigger_words(rule: Rule) -> frozenset[str]:
    """The words of a rule's trigger, of each of its parts for a tuple (none for patterns)."""
    cues = rule.trigger if isinstance(rule.trigger, tuple) else (rule.trigger,)
    return frozenset().union(*(cue for cue in cues if isinstance(cue, frozenset)))
