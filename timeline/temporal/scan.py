"""Finding rule matches fast: one pass for the trigger words, full patterns only near them.

A rule's ``trigger`` names words (or a cheap pattern) one of which every match contains
(or reads in a lookaround). For each text the scanner finds every trigger word in one regex
pass, then runs each rule's full pattern only inside the windows around its trigger's hits,
each as wide as that rule's matches can reach (``reach.py``); a rule whose windows reach
far is tried only where its matches can start in them (``start_words.py``). Rules that
share a trigger share its hits; a trigger with no hit costs its rules nothing. Everything
that depends on the rules alone (which word feeds which trigger, which rules share a
trigger, how far each rule reaches) is worked out once per rule table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from timeline.temporal.openings import ASCII_FOLDS, ascii_lower, digest, shipped_openings
from timeline.temporal.reach import Reach, Reaches, reach_key, run_level, shipped_reaches
from timeline.temporal.rulebase import Rule, Trigger, trigger_words
from timeline.temporal.start_words import DIGIT, shipped_starts
from timeline.temporal.wordtree import word_tree

_WORD = re.compile(r"[A-Za-z]+")
# What the scans read of a lower-cased text (see :func:`spaced`): its letters, and for the
# start finders its digits and "_" too; every other character reads as a space.
_LETTERS = bytes(code if 97 <= code <= 122 else 32 for code in range(256))
_WORD_CHARACTERS = bytes(
    code if 97 <= code <= 122 or 48 <= code <= 57 or code == 95 else 32 for code in range(256)
)
# A digit outside ASCII, which a start finder's "\d" would have to see (see _finder_text).
_WIDE_DIGIT = re.compile(r"[^\x00-\x7f](?<=\d)")
# Letters a case-insensitive pattern takes for ASCII ones (the long s, the dotless i, the
# dotted capital I, the Kelvin sign): a text is read with them written as those.
_FOLDS = tuple(fold for folds in ASCII_FOLDS.values() for fold in folds)
Span = tuple[int, int]
# A candidate's rank: start, then longest, then the rule listed first.
_RANK = itemgetter(0, 1, 2)


class Candidate(NamedTuple):
    """One match of one rule; ``order`` is the rule's place in the table (ties)."""

    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


class Scanner(NamedTuple):
    """What a rule table needs for scanning, worked out once per table.

    ``groups`` holds each distinct trigger with the places of the rules that use it;
    ``by_word`` maps a trigger word to the groups it feeds, so one pass over the words of a
    text fills every word trigger's hits at once; ``words`` finds those words (whole) as a
    prefix tree, so the engine skips every other word by itself (it reads the space before a
    word in the lower-cased text's copy that :func:`spaced` writes). Pattern triggers
    whose opening characters the openings file holds are ``led``: one pass (``openings``)
    finds the places where any of them matches, and each is tried only there.
    ``start_finders`` finds, in a spaced text, where the matches of a rule with wide windows
    can start.
    """

    rules: tuple[Rule, ...]
    groups: tuple[tuple[Trigger, tuple[int, ...]], ...]
    by_word: dict[str, tuple[int, ...]]
    words: re.Pattern[str]
    patterns: tuple[tuple[int, re.Pattern[str]], ...]  # (group, pattern): searched on its own
    led: tuple[tuple[int, re.Pattern[str]], ...]  # (group, pattern): tried at ``openings``
    openings: re.Pattern[str]  # where a led trigger matches (see _openings_pattern)
    ascii_openings: re.Pattern[str]  # the same for ASCII text, its classes ASCII too
    untriggered: tuple[int, ...]  # places of rules that run over the whole text
    unions: tuple[tuple[int, tuple[int, ...]], ...]  # (group, its parts' groups) of tuples
    reaches: tuple[Reaches | None, ...]  # each rule's reach around its hits (see reach.py)
    start_finders: tuple[re.Pattern[str] | None, ...]  # where each rule's matches can start


@cache
def scanner(rules: tuple[Rule, ...]) -> Scanner:
    """The scanner of a rule table (rules hash by identity, so this lookup is cheap)."""
    places: dict[Trigger, list[int]] = {}
    untriggered = []
    for order, rule in enumerate(rules):
        if rule.trigger is None:
            untriggered.append(order)
        else:
            places.setdefault(rule.trigger, []).append(order)
    for trigger in list(places):  # each part of a tuple trigger is found like any trigger
        if isinstance(trigger, tuple):
            for part in trigger:
                places.setdefault(part, [])
    groups = tuple((trigger, tuple(orders)) for trigger, orders in places.items())
    group_of = {trigger: index for index, (trigger, _) in enumerate(groups)}
    unions = tuple(
        (index, tuple(group_of[part] for part in trigger))
        for index, (trigger, _) in enumerate(groups)
        if isinstance(trigger, tuple)
    )
    by_word: dict[str, list[int]] = {}
    patterns: list[tuple[int, re.Pattern[str]]] = []
    led: list[tuple[int, re.Pattern[str], str]] = []
    classes = shipped_openings()
    for index, (trigger, _) in enumerate(groups):
        if isinstance(trigger, tuple):
            continue
        if isinstance(trigger, re.Pattern):
            opening = classes.get(digest(trigger.pattern, trigger.flags))
            if opening is None or not _joinable(trigger):
                patterns.append((index, trigger))
            else:
                led.append((index, trigger, opening))
            continue
        for word in trigger:
            by_word.setdefault(word, []).append(index)
    feeds = {word: tuple(indexes) for word, indexes in by_word.items()}
    all_reaches = tuple(_reaches(rule) for rule in rules)
    words = re.compile(rf" (?:{word_tree(feeds)})(?![a-z])" if feeds else r"(?!)")
    return Scanner(
        rules,
        groups,
        feeds,
        words,
        tuple(patterns),
        tuple((index, pattern) for index, pattern, _ in led),
        _openings_pattern([(pattern, opening) for _, pattern, opening in led]),
        _openings_pattern([(pattern, opening) for _, pattern, opening in led], ascii_text=True),
        tuple(untriggered),
        unions,
        all_reaches,
        tuple(_start_finder(rule, reach) for rule, reach in zip(rules, all_reaches, strict=True)),
    )


#: How far back a rule's windows must reach (its tight reach, in characters) for it to be
#: tried only at its start words. Over TempEval-3, a bound from 20 to 35 gave the fewest
#: instructions (2% fewer than 60, the best bound when the finders read the text through a
#: class; 0 or 45: about 1% more): narrower windows lose, finding the words costing more
#: than the tries it spares.
WIDE_REACH = 30


def _start_finder(rule: Rule, reaches: Reaches | None) -> re.Pattern[str] | None:
    """Where, in a text as :func:`_finder_text` writes it, a match of ``rule`` can start:
    one of its start words (``start_words.py``), whole, or a digit, each after a space (a
    character that is not a letter, a digit or ``_``; the place is the character after it).
    ``None`` for a rule whose start words the packaged file lacks, or whose windows are
    narrow (see :data:`WIDE_REACH`)."""
    if reaches is None or reaches.tight.before < WIDE_REACH:
        return None
    words = shipped_starts().get(digest(rule.pattern.source, rule.pattern.flags))
    if words is None:
        return None
    parts = []
    letters = [word for word in words if word != DIGIT]
    if letters:
        parts.append(f"(?:{word_tree(letters)})(?![a-z])")
    if DIGIT in words:
        parts.append(r"(?=\d)")
    return re.compile(rf" (?:{'|'.join(parts)})")


def _reaches(rule: Rule) -> Reaches | None:
    """A rule's reaches from the packaged file, or worked out now for a rule it lacks;
    ``None`` for a rule without a trigger or without a width bound (it runs everywhere)."""
    if rule.trigger is None:
        return None
    words = trigger_words(rule)
    source, flags = rule.pattern.source, rule.pattern.flags
    shipped = shipped_reaches().get(reach_key(source, flags, words))
    if shipped is not None:
        return shipped
    from timeline.temporal.reach_measure import pattern_reaches  # a rule the file lacks

    return pattern_reaches(source, flags, words)


def _joinable(trigger: re.Pattern[str]) -> bool:
    """Whether a trigger can join the openings pattern: no groups (their names could clash)
    and no flag but IGNORECASE (written on its alternative there)."""
    return trigger.groups == 0 and not trigger.flags & ~(re.IGNORECASE | re.UNICODE)


def _openings_pattern(
    led: Sequence[tuple[re.Pattern[str], str]], ascii_text: bool = False
) -> re.Pattern[str]:
    """One pattern for the places where any of the ``(pattern, opening class)`` pairs matches.

    It reads one character of the classes joined and looks back at it (a fixed width of
    one) to try every pattern there, each with its own case rule. Opening with a class, it
    lets the engine jump between those characters by itself (digits and a few capitals in
    news), and each pattern is then tried only at the places this finds (469 in the 256
    TempEval-3 texts, which hold 6,568 digits) instead of searching the whole text on its own.
    With ``ascii_text`` its class spells ``\\d`` and ``\\w`` as their ASCII ranges, for a text
    with no other character: the engine tests such a class by one table look-up, where a
    category costs it a call (the pass took a third less time).
    """
    if not led:
        return re.compile(r"(?!)")
    members = dict.fromkeys(_class_members(opening) for _, opening in led)
    if ascii_text:
        members = dict.fromkeys(_ASCII_CATEGORIES.get(member, member) for member in members)
    opening = "[" + "".join(members) + "]"
    tries = "|".join(
        f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?:{pattern.pattern})"
        for pattern, _ in led
    )
    return re.compile(rf"{opening}(?<=(?={tries}){opening})")


# What a class made of one category holds in a text of ASCII characters only (not "\s":
# Python counts the ASCII separators \x1c-\x1f as space too).
_ASCII_CATEGORIES = {r"\d": "0-9", r"\w": "0-9A-Za-z_"}


def _class_members(opening: str) -> str:
    """What stands between the brackets of an openings-file class (``[\\d]`` gives ``\\d``);
    its members are escaped so that they keep their meaning next to any other class's."""
    return opening[1:-1]


def trigger_hits(text: str, table: Scanner, lowered: str | None = None) -> list[list[Span]]:
    """The spans of each group's trigger in ``text``, in text order, from one word pass
    (over ``lowered``, the text as :func:`lowered_text` gives it, when the caller has it)."""
    hits: list[list[Span]] = [[] for _ in table.groups]
    if lowered is None:
        lowered = lowered_text(text)
    if len(lowered) == len(text):  # every ASCII word in its place
        feeding = table.by_word.__getitem__
        for found in table.words.finditer(spaced(lowered, _LETTERS)):
            span = (found.start(), found.end() - 1)  # the text is one place behind
            for index in feeding(lowered[span[0] : span[1]]):
                hits[index].append(span)
    else:
        feeds = table.by_word.get
        for hit in _WORD.finditer(text):
            indexes = feeds(hit[0].lower())
            if indexes is not None:
                span = hit.span()
                for index in indexes:
                    hits[index].append(span)
    for index, pattern in table.patterns:
        hits[index] = [hit.span() for hit in pattern.finditer(text)]
    if table.led:
        openings = table.ascii_openings if text.isascii() else table.openings
        places = [hit.start() for hit in openings.finditer(text)]
        for index, pattern in table.led:
            hits[index] = _hits_at(pattern, text, places)
    for index, parts in table.unions:
        hits[index] = sorted({span for part in parts for span in hits[part]})
    return hits


def spaced(lowered: str, kept: bytes) -> str:
    """``lowered`` (a lower-cased text) with every character the byte table ``kept`` does
    not keep written as a space, one for one, after one more space for the text's start:
    index ``i`` of ``lowered`` is index ``i + 1`` here. A character outside ASCII reads as
    "?", which both tables make a space.

    A scan for a word after any character that is not a letter then opens with a plain
    space, which the engine finds by comparing characters; a class costs it a call per
    character, and made most of such a scan's cost.
    """
    return " " + lowered.encode("ascii", "replace").translate(kept).decode("ascii")


def _finder_text(text: str, lowered: str) -> str | None:
    """``lowered`` spaced for the start finders; ``None`` where they cannot read it: a place
    in ``lowered`` is not the same place in ``text``, or it holds a digit outside ASCII,
    where a match could start (the rules' ``\\d``) but a space would stand."""
    if len(lowered) != len(text):
        return None
    if not text.isascii() and _WIDE_DIGIT.search(lowered) is not None:
        return None
    return spaced(lowered, _WORD_CHARACTERS)


def lowered_text(text: str) -> str:
    """``text`` lower-cased as the rules read words: a letter they take for an ASCII one is
    written as that one first ("months" spelt with a long s is "months"), so that a word a
    rule matches with it is a hit too."""
    if text.isascii() or not any(fold in text for fold in _FOLDS):
        return text.lower()
    return ascii_lower(text)


def _hits_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[Span]:
    """``pattern.finditer(text)``'s spans when every match starts at one of ``starts`` (a
    pattern with an opening class, as the led triggers have, never matches empty)."""
    return [found.span() for found in _matches_at(pattern, text, starts, len(text))]


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], end: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, ..., end)``'s matches when every one starts at one of
    ``starts`` (in order): each is the engine's match there, unless it starts inside the one
    before (an empty match, which the rules never make, is passed over)."""
    last_end = 0
    match = pattern.match
    for start in starts:
        if start >= last_end:
            found = match(text, start, end)
            if found is not None and found.end() > start:
                last_end = found.end()
                yield found


def _window_matches(
    pattern: re.Pattern[str],
    finder: re.Pattern[str] | None,
    text: str,
    finder_text: str | None,
    window: Span,
) -> Iterable[re.Match[str]]:
    """The matches of ``pattern`` in ``window``: everywhere in it, or with a start finder
    (:func:`_start_finder`) and the text it reads, only where a match can start."""
    low, high = window
    if finder is None or finder_text is None:
        return pattern.finditer(text, low, high)
    return _matches_at(pattern, text, _start_places(finder, finder_text, low, high), high)


def _start_places(finder: re.Pattern[str], finder_text: str, low: int, high: int) -> list[int]:
    """Where ``finder`` (see :func:`_start_finder`) puts a possible start in ``[low, high)``
    of the text, read in ``finder_text`` (its spaced copy, one index ahead): the character
    before ``low`` is read too, and the text's own start is always one."""
    places = [found.start() for found in finder.finditer(finder_text, low or 1, high + 1)]
    if not low:
        places.insert(0, 0)
    return places


def merge_windows(spans: list[Span], text: str, reach: Reach) -> list[Span]:
    """Stretches of ``text`` around the hits, merged, none ending inside a word: every match
    a rule of this ``reach`` has around them, and all it reads, lies in one.

    The engine takes a window's end for the text's end, where ``(?![\\w])`` holds: a window
    that cut a word ("Mon" of "Monkey") would let its cut part pass for a word of its own.
    """
    windows: list[Span] = []
    size = len(text)
    before, after = reach
    for start, end in spans:
        low = end - before if end > before else 0
        high = start + after
        if high >= size:
            high = size
        elif (next_char := text[high]).isalnum() or next_char == "_":
            high = text.find(" ", high)  # a space: no word character
            if high < 0:
                high = size
        if windows and low <= windows[-1][1]:  # nested hits (a tuple trigger) may end earlier
            windows[-1] = (min(low, windows[-1][0]), max(high, windows[-1][1]))
        else:
            windows.append((low, high))
    return windows


def _reach_at(reaches: Reaches | None, level: int) -> Reach | None:
    """The reach that holds at a text's run level (``reach.run_level``); ``None``: the rule
    runs over the whole text."""
    if reaches is None or level > 1:
        return None
    return reaches[level]


def rule_matches(rule: Rule, text: str) -> Iterator[re.Match[str]]:
    """Every match of ``rule`` in ``text``, as ``pattern.finditer(text)`` gives them.

    A rule with a trigger is only tried near the trigger's hits: every match contains one,
    each window holds all that a match around its hit reads, and the windows are merged, so
    no match is lost or cut (the pattern's lookbehind still sees the text before a window).
    Most rules never run on most text, and one with start words is tried only where they
    stand in its windows (``start_words.py``).
    """
    if rule.trigger is None:
        yield from rule.pattern.compiled().finditer(text)
        return
    table = scanner((rule,))
    lowered = lowered_text(text)
    spans = trigger_hits(text, table, lowered)[0]  # the rule's own trigger comes first
    reach = _reach_at(table.reaches[0], run_level(text))
    pattern = rule.pattern.compiled()
    if reach is None:
        yield from pattern.finditer(text)
        return
    finder, finder_text = table.start_finders[0], _finder_text(text, lowered)
    for window in merge_windows(spans, text, reach):
        yield from _window_matches(pattern, finder, text, finder_text, window)


def find_candidates(text: str, rules: tuple[Rule, ...]) -> list[Candidate]:
    """Non-overlapping matches, leftmost-longest, earlier rules winning ties."""
    table = scanner(rules)
    found: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    lowered = lowered_text(text)
    hits = trigger_hits(text, table, lowered)
    finder_text = _finder_text(text, lowered)  # None: the rules run without finders
    size = len(text)
    everywhere = [(0, size)]
    level = run_level(text)
    reaches, start_finders = table.reaches, table.start_finders
    work: list[tuple[int, list[Span]]] = [(order, everywhere) for order in table.untriggered]
    for (_, orders), spans in zip(table.groups, hits, strict=True):
        if spans:
            made: dict[Reach, list[Span]] = {}  # rules of one reach share their windows
            for order in orders:
                reach = _reach_at(reaches[order], level)
                if reach is None:
                    work.append((order, everywhere))
                elif (windows := made.get(reach)) is not None:
                    work.append((order, windows))
                else:
                    work.append((order, made.setdefault(reach, merge_windows(spans, text, reach))))
    for order, windows in work:
        rule = rules[order]
        accept = rule.accept
        pattern = rule.pattern.compiled()
        finder = start_finders[order] if windows is not everywhere else None
        # _window_matches and _matches_at written out: their generators per window were
        # 1.4% of tag_text; rule_matches takes them, and a test holds the two to one answer.
        if finder is None or finder_text is None:
            for low, high in windows:
                for match in pattern.finditer(text, low, high):
                    start, end = match.span()
                    if end > start and (accept is None or accept(text, match)):
                        found.append((start, start - end, order, rule, match))
            continue
        match_at = pattern.match
        for low, high in windows:
            last_end = 0
            for start in _start_places(finder, finder_text, low, high):
                if start >= last_end and (tried := match_at(text, start, high)) is not None:
                    end = tried.end()
                    if end > start:
                        last_end = end
                        if accept is None or accept(text, tried):
                            found.append((start, start - end, order, rule, tried))
    found.sort(key=_RANK)  # nested tuple-trigger windows may find one match twice
    chosen: list[Candidate] = []
    last_end = -1
    for start, negative_length, order, rule, match in found:
        if start >= last_end:
            last_end = start - negative_length
            chosen.append(Candidate(start, last_end, order, rule, match))
    return chosen
