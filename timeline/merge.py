"""Merging mentions of one event: repeated sentences, and the same event reported again.

Two mentions merge when their dates are compatible and their wording says they tell the
same happening: nearly the same words, or a shared actor and a further content word
("McGurk ... remain"). Dates are compatible at the finer granularity: mentions of a day
(or a time on it) merge only with mentions of that same day; a coarser mention (a week, a
month, at most 31 days) joins at most one group, the best-worded one whose date lies
inside it, so "this month" never bridges two days. The most precise date wins; every
mention is kept in ``sources``.

Cost grows linearly with the input: mentions are grouped by calendar month of their start
(:func:`merge_block_key`) and by day, and candidates come from an index of words that
looks at a bounded number of recent groups per word, never at all pairs. Events only merge
within one block, so merging each block separately and putting the groups back in input
order gives the same result as merging everything at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
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

    @property
    def words(self) -> frozenset[str]:
        """Every word a match can share: two mentions with none in common never merge."""
        return self.content | self.actors


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


def month_key(start: dt.date) -> str:
    """The block of a start date: its calendar month, ``YYYY-MM``."""
    return f"{start.year:04d}-{start.month:02d}"


def merge_block_key(event: Event) -> str:
    """The calendar month of the event's start: events in different blocks never merge."""
    return month_key(event.date.start)


#: How many of the latest groups holding a word are looked at: bounds the cost per mention.
_RECENT_PER_WORD = 48


class _WordIndex:
    """Groups by the words of their first mention, to find candidates without all pairs."""

    def __init__(self) -> None:
        self._groups: dict[str, list[int]] = {}

    def add(self, group: int, wording: _Wording) -> None:
        for word in wording.words:
            self._groups.setdefault(word, []).append(group)

    def candidates(self, wording: _Wording) -> list[int]:
        """Groups sharing a word with ``wording``, most words shared first, then oldest."""
        shared: Counter[int] = Counter()
        for word in wording.words:
            shared.update(self._groups.get(word, ())[-_RECENT_PER_WORD:])
        return sorted(shared, key=lambda group: (-shared[group], group))


class _Block:
    """The groups of one block (one calendar month of start dates), built in input order."""

    def __init__(self, events: Sequence[Event], wordings: Mapping[int, _Wording]) -> None:
        self.events = events
        self.wordings = wordings
        self.groups: list[list[int]] = []  # member indices; the first one leads
        self._coarse_index = _WordIndex()

    def _new_group(self, index: int) -> int:
        self.groups.append([index])
        group = len(self.groups) - 1
        self._coarse_index.add(group, self.wordings[index])
        return group

    def add_days(self, members: Iterable[int]) -> None:
        """Mentions of one day: each joins the first group whose lead says the same."""
        index = _WordIndex()
        for member in members:
            wording = self.wordings[member]
            for group in index.candidates(wording):
                if _same_wording(self.wordings[self.groups[group][0]], wording):
                    self.groups[group].append(member)
                    break
            else:
                index.add(self._new_group(member), wording)

    def add_coarse(self, member: int) -> None:
        """A week or month mention joins one group dated inside it, or starts its own."""
        date, wording = self.events[member].date, self.wordings[member]
        for group in self._coarse_index.candidates(wording):
            lead = self.groups[group][0]
            lead_date = self.events[lead].date
            inside = date.start <= lead_date.start and lead_date.end <= date.end
            if inside and _same_wording(self.wordings[lead], wording):
                self.groups[group].append(member)
                return
        self._new_group(member)


def _span_days(event: Event) -> int:
    return (event.date.end - event.date.start).days


def _block_groups(events: Sequence[Event], members: Sequence[int]) -> list[list[int]]:
    """Groups of one block: day mentions by day first, then coarser ones, narrowest first."""
    block = _Block(events, {i: _Wording.of(events[i]) for i in members})
    days: dict[dt.date, list[int]] = {}
    coarse: list[int] = []
    wide: list[list[int]] = []
    for i in members:
        span = _span_days(events[i])
        if span == 0:
            days.setdefault(events[i].date.start, []).append(i)
        elif span < _MAX_WIDER_DAYS:
            coarse.append(i)
        else:
            wide.append([i])
    for day_members in days.values():
        block.add_days(day_members)
    for i in sorted(coarse, key=lambda i: (_span_days(events[i]), i)):
        block.add_coarse(i)
    return [*block.groups, *wide]


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Events in the given order, each group of mentions folded into its most precise one."""
    blocks: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        blocks.setdefault(merge_block_key(event), []).append(index)
    groups = [group for members in blocks.values() for group in _block_groups(events, members)]
    return [_fold(events, sorted(group)) for group in sorted(groups, key=min)]


def _fold(events: Sequence[Event], members: Sequence[int]) -> Event:
    """One event for a group: its most precise mention, with every mention as a source."""
    if len(members) == 1:
        return events[members[0]]
    best = max(members, key=lambda i: (_precision(events[i]), -i))
    sources = tuple(s for i in members for s in events[i].sources)
    confidence = max(events[i].confidence for i in members)
    return events[best].model_copy(update={"sources": sources, "confidence": confidence})
