"""Merging mentions of one event: repeated sentences, and the same event reported again.

Two events merge when their dates are compatible (one range inside the other, the wider
at most a month: 2018-12-11 lies inside 2018-W50) and either their wording is nearly the
same, or they share an actor and a further content word ("McGurk ... remain"). The more
precise date wins; every mention is kept in ``sources``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.models import Event, EventDate
from timeline.temporal import Granularity

NEAR_DUPLICATE = 0.6
_MAX_WIDER_DAYS = 31
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOPWORDS = frozenset(
    """a about after again against all also an and any are as at be been before being but by
    can could did do does during each for from had has have he her his how i if in into is it
    its just last me more most my next no not now of on once only or other our out over said
    says she should so some such than that the their them then there these they this those
    through to told too under until up very was we were what when where which while who will
    with would you your official officials according reporters statement added""".split()
)
_NOT_ACTORS = frozenset(
    """The A An In On At But And He She They It We I This That There According Just Earlier
    Later Meanwhile US U.S""".split()
)


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOPWORDS}


def _actors(text: str) -> set[str]:
    """Capitalised words not opening the sentence: names of people, places, bodies."""
    words = _WORD.findall(text)
    return {_stem(w) for w in words[1:] if w[0].isupper() and w not in _NOT_ACTORS}


def dates_compatible(a: EventDate, b: EventDate) -> bool:
    wider, narrower = (a, b) if (a.end - a.start) >= (b.end - b.start) else (b, a)
    if (wider.end - wider.start).days >= _MAX_WIDER_DAYS:
        return False
    return wider.start <= narrower.start and narrower.end <= wider.end


def _undated_text(event: Event) -> str:
    """The sentence without its time expression: a shared "Wednesday" is no shared actor."""
    if event.highlight is None:
        return event.text
    return event.text[: event.highlight.start] + " " + event.text[event.highlight.end :]


@dataclass(frozen=True)
class _Wording:
    """What merging compares of an event's sentence, computed once per event."""

    content: frozenset[str]
    actors: frozenset[str]

    @classmethod
    def of(cls, event: Event) -> _Wording:
        text = _undated_text(event)
        return cls(frozenset(_content(text)), frozenset(_actors(text)))


def _same_wording(a: _Wording, b: _Wording) -> bool:
    if a.content and b.content:
        overlap = len(a.content & b.content) / len(a.content | b.content)
        if overlap >= NEAR_DUPLICATE:
            return True
    shared_actors = a.actors & b.actors
    return bool(shared_actors) and bool((a.content & b.content) - shared_actors)


def same_event(a: Event, b: Event) -> bool:
    """Compatible dates and the same wording, or the same actor doing a shared thing."""
    return dates_compatible(a.date, b.date) and _same_wording(_Wording.of(a), _Wording.of(b))


def _precision(event: Event) -> tuple[int, float]:
    return (Granularity(event.date.granularity).rank, event.confidence)


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Events in the given order, each group of mentions folded into its most precise one."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    cache: dict[int, _Wording] = {}

    def wording(i: int) -> _Wording:
        if i not in cache:
            cache[i] = _Wording.of(events[i])
        return cache[i]

    # Compatible dates start at most a month apart, so only a sliding window is compared.
    by_start = sorted(range(len(events)), key=lambda i: events[i].date.start)
    for position, i in enumerate(by_start):
        for j in itertools.islice(by_start, position + 1, None):
            if (events[j].date.start - events[i].date.start).days >= _MAX_WIDER_DAYS:
                break
            if root(i) == root(j) or not dates_compatible(events[i].date, events[j].date):
                continue
            if _same_wording(wording(i), wording(j)):
                first, second = sorted((root(i), root(j)))
                parent[second] = first
    groups: dict[int, list[int]] = {}
    for i in range(len(events)):
        groups.setdefault(root(i), []).append(i)
    merged: list[Event] = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        if len(members) == 1:
            merged.append(events[members[0]])
            continue
        best = max(members, key=lambda i: (_precision(events[i]), -i))
        sources = tuple(s for i in members for s in events[i].sources)
        confidence = max(events[i].confidence for i in members)
        merged.append(
            events[best].model_copy(update={"sources": sources, "confidence": confidence})
        )
    return merged
