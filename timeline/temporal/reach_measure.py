"""Reading a rule pattern's reach off its parse tree, with the ``re`` module's own parser.

``reach.py`` says what a reach is and how the scanner uses it. This works one out: the
most characters a match can read around a trigger hit, with the unbounded runs counted at
the lengths a text may hold. It runs when ``scripts/update_openings.py`` writes the reaches
file, in its tests, and for a rule that file lacks; the parser is not a public API (nor
fast), so tagging never loads this module otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from timeline.temporal.openings import ascii_lower, repeat_ops
from timeline.temporal.reach import (
    DIGITS,
    LOOSE_RUN,
    SPACE,
    SPACE_OR_HYPHEN,
    TIGHT_RUNS,
    Reach,
    Reaches,
    reach_key,
)

Runs = dict[str, int]  # the longest run of each class a text may hold
Path = list[tuple[Sequence[Any], int]]  # the sequences down to a group, with its place
# How many strings a group may match for its words to be listed (month names and their
# abbreviations, with or without a full stop, stay well below).
_MOST_STRINGS = 4096
# A repeat is spelt out only up to this many times ("Sept.?" twice at most, say).
_MOST_SPELT_REPEATS = 4
# A class range is spelt out only when it is this short (a range of letters or digits).
_MOST_SPELT_RANGE = 64
_WORD_THEN_NO_LETTER = re.compile(r"([a-z]+)[^a-z]*")


def reaches_text(rules: Iterable[tuple[str, str, int, frozenset[str]]]) -> str:
    """The reaches file for rules given as ``(name, source, flags, trigger words)``: a row
    per rule whose reach is finite."""
    rows = []
    for name, source, flags, words in rules:
        found = pattern_reaches(source, flags, words)
        if found is not None:
            numbers = "\t".join(str(number) for number in (*found.tight, *found.loose))
            rows.append(f"{name}\t{reach_key(source, flags, words)}\t{numbers}\n")
    header = (
        "# How far the matches of each rule with a trigger reach around its hits.\n"
        "# Written by scripts/update_openings.py. Format: name<TAB>key<TAB>before<TAB>after"
        "<TAB>before<TAB>after (tight runs, then loose).\n"
    )
    return header + "".join(rows)


class _UnboundedError(Exception):
    """A part of the pattern has no width bound (a backreference, a repeat of words)."""


def pattern_reaches(source: str, flags: int, words: frozenset[str]) -> Reaches | None:
    """The reaches of a pattern whose every match holds one of ``words`` (lower case) or a
    hit of another trigger; ``None`` when its matches have no width bound."""
    from timeline.programs import re_internal  # offline work, or an unlisted rule

    parser = re_internal("parser")
    tree = list(parser.parse(source, flags))
    anchors = [
        path for group in _groups(parser, tree) if (path := _anchor(parser, tree, group, words))
    ]
    try:
        return Reaches(*(_reach(parser, tree, anchors, runs) for runs in _run_caps()))
    except _UnboundedError:
        return None


def _run_caps() -> tuple[Runs, Runs]:
    return TIGHT_RUNS, dict.fromkeys(TIGHT_RUNS, LOOSE_RUN)


def _reach(parser: Any, tree: list[Any], anchors: list[Path], runs: Runs) -> Reach:
    """The narrowest window the pattern allows: around all a match reads, or around a group
    that always holds the hit (an anchor, given by its path)."""
    extent = _measure(parser, tree, runs)[1]
    best = Reach(extent, _look_back(parser, tree, runs) + extent)
    for path in anchors:
        ahead, group_width, behind = _around(parser, path, runs)
        candidate = Reach(ahead + group_width, group_width + behind)
        if sum(candidate) < sum(best):
            best = candidate
    return best


def _anchor(parser: Any, tree: Sequence[Any], group: Any, words: frozenset[str]) -> Path | None:
    """The path to a group that can anchor a window: every match has it, every string it
    matches is one of ``words`` then no letter, and no letter can touch that word (the
    scanner's hit is then that very word, inside the group)."""
    path = _path(parser, tree, group)
    if path is None:
        return None
    try:
        strings = _strings(parser, group[3])
    except _UnboundedError:
        return None
    found = [_WORD_THEN_NO_LETTER.fullmatch(string) for string in strings]
    if not strings or not all(match and match[1] in words for match in found):
        return None
    ends_apart = all(not string[-1:].isalpha() for string in strings)
    if not _apart(parser, path, backward=True) or not (ends_apart or _apart(parser, path, False)):
        return None
    return path


def _look_back(parser: Any, sequence: Sequence[Any], runs: Runs) -> int:
    """The most a lookbehind reads before where it stands (at most before the match)."""
    most = 0
    for op, arg in sequence:
        if op in (parser.ASSERT, parser.ASSERT_NOT):
            direction, body = arg
            if direction == -1:
                most = max(most, _measure(parser, body, runs)[1])
            most = max(most, _look_back(parser, body, runs))
        elif op is parser.SUBPATTERN:
            most = max(most, _look_back(parser, arg[3], runs))
        elif op in repeat_ops(parser):
            most = max(most, _look_back(parser, arg[2], runs))
        elif op is getattr(parser, "ATOMIC_GROUP", None):
            most = max(most, _look_back(parser, arg, runs))
        elif op is parser.BRANCH:
            most = max([most, *(_look_back(parser, alt, runs) for alt in arg[1])])
    return most


def _measure(parser: Any, sequence: Sequence[Any], runs: Runs) -> tuple[int, int]:
    """The most characters a sequence matches, and the most it reads from its start.

    Parts in a row that match only characters of one run class ("\\d{1,3}(?:,\\d{3})+",
    "\\s*-\\s*") make one run in the text, no longer together than the class allows.
    """
    width = extent = 0
    run_kinds: frozenset[str] = frozenset()  # the run the parts so far end with
    run_width = 0
    for op, arg in sequence:
        part_width, part_extent = _measure_op(parser, op, arg, runs)
        kinds = _char_kinds(parser, [(op, arg)])
        joined = _run_class_of(run_kinds | kinds) if kinds else None
        if joined is not None:
            part_width = part_extent = min(run_width + part_width, runs[joined]) - run_width
            run_kinds, run_width = run_kinds | kinds, run_width + part_width
        elif (alone := _run_class_of(kinds)) is not None:
            part_width = part_extent = min(part_width, runs[alone])
            run_kinds, run_width = kinds, part_width
        else:
            run_kinds, run_width = frozenset(), 0
        extent = max(extent, width + part_extent)
        width += part_width
    return width, extent


def _measure_op(parser: Any, op: Any, arg: Any, runs: Runs) -> tuple[int, int]:
    if op in (parser.LITERAL, parser.NOT_LITERAL, parser.IN, parser.ANY):
        return 1, 1
    if op is parser.AT:  # "\b" and "$" read the character at their place
        return 0, 1
    if op in (parser.ASSERT, parser.ASSERT_NOT):
        direction, body = arg
        return (0, _measure(parser, body, runs)[1]) if direction == 1 else (0, 0)
    if op is parser.SUBPATTERN:
        return _measure(parser, arg[3], runs)
    if op is getattr(parser, "ATOMIC_GROUP", None):
        return _measure(parser, arg, runs)
    if op is parser.BRANCH:
        measured = [_measure(parser, alternative, runs) for alternative in arg[1]]
        return max(w for w, _ in measured), max(e for _, e in measured)
    if op in repeat_ops(parser):
        _least, most, body = arg
        width, extent = _measure(parser, body, runs)
        if most == parser.MAXREPEAT:
            total = runs[_run_class(parser, body)]
            return total, total + extent - width
        if most == 0:
            return 0, 0
        return most * width, (most - 1) * width + extent
    raise _UnboundedError(op)


def _run_class(parser: Any, body: Sequence[Any]) -> str:
    """The run class of an unbounded repeat's body: what every character it matches is."""
    found = _run_class_of(_char_kinds(parser, body))
    if found is None:
        raise _UnboundedError(body)
    return found


def _char_kinds(parser: Any, sequence: Sequence[Any]) -> frozenset[str]:
    """The kinds of run character (space, hyphen, digit, comma, point) a sequence matches; empty
    when it may match any other character or hold a lookaround."""
    kinds: set[str] = set()
    for op, arg in sequence:
        if op is parser.IN:
            found = {_kind(parser, member_op, member) for member_op, member in arg}
        elif op is parser.LITERAL:
            found = {_kind(parser, op, arg)}
        elif op in repeat_ops(parser):
            found = set(_char_kinds(parser, arg[2]))
        elif op is parser.SUBPATTERN:
            found = set(_char_kinds(parser, arg[3]))
        elif op is parser.BRANCH:
            parts = [_char_kinds(parser, alternative) for alternative in arg[1]]
            found = set().union(*parts) if all(parts) else set()
        else:
            found = set()
        if not found or "" in found:
            return frozenset()
        kinds |= found
    return frozenset(kinds)


# The run classes, narrowest first, with the kinds of character a run of each may hold.
_RUN_MEMBERS = (
    (SPACE, frozenset({SPACE})),
    (SPACE_OR_HYPHEN, frozenset({SPACE, "-"})),
    (DIGITS, frozenset({DIGITS, ",", "."})),
)


def _run_class_of(kinds: frozenset[str]) -> str | None:
    """The narrowest run class whose runs may hold all of ``kinds``."""
    if not kinds:
        return None
    return next((name for name, members in _RUN_MEMBERS if kinds <= members), None)


def _kind(parser: Any, op: Any, arg: Any) -> str:
    if op is parser.CATEGORY and arg is parser.CATEGORY_SPACE:
        return SPACE
    if op is parser.CATEGORY and arg is parser.CATEGORY_DIGIT:
        return DIGITS
    if op is parser.LITERAL and chr(arg) in "-,.":
        return chr(arg)
    return ""


def _around(parser: Any, path: Path, runs: Runs) -> tuple[int, int, int]:
    """For the group at the end of ``path``: the most characters before it in a match, its
    width, and the most read after its end (lookaheads included)."""
    sequence, index = path[-1]
    width, extent = _measure(parser, sequence[index][1][3], runs)
    ahead, matched_after, read_after = 0, 0, extent - width
    for sequence, index in reversed(path):
        ahead += sum(_measure_op(parser, o, a, runs)[0] for o, a in sequence[:index])
        rest_width, rest_extent = _measure(parser, sequence[index + 1 :], runs)
        read_after = max(read_after, matched_after + rest_extent)
        matched_after += rest_width
    return ahead, width, read_after


def _contains(parser: Any, sequence: Sequence[Any], group: Any) -> bool:
    return any(found is group for found in _groups(parser, sequence))


def _groups(parser: Any, sequence: Sequence[Any]) -> list[Any]:
    """The arguments of every group in ``sequence`` (capturing or not), lookarounds too."""
    found: list[Any] = []
    for op, arg in sequence:
        if op is parser.SUBPATTERN:
            found += [arg, *_groups(parser, arg[3])]
        elif op in repeat_ops(parser):
            found += _groups(parser, arg[2])
        elif op is getattr(parser, "ATOMIC_GROUP", None):
            found += _groups(parser, arg)
        elif op in (parser.ASSERT, parser.ASSERT_NOT):
            found += _groups(parser, arg[1])
        elif op is parser.BRANCH:
            for alternative in arg[1]:
                found += _groups(parser, alternative)
    return found


def _strings(parser: Any, sequence: Sequence[Any]) -> set[str]:
    """Every string a sequence matches, lower-cased as words are looked up (``ascii_lower``);
    it raises when there are too many or no end to them."""
    found = {""}
    for op, arg in sequence:
        if op in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
            continue
        if op is parser.LITERAL:
            options = {ascii_lower(chr(arg))}
        elif op is parser.IN:
            options = {ascii_lower(char) for char in _set_chars(parser, arg)}
        elif op is parser.SUBPATTERN:
            options = _strings(parser, arg[3])
        elif op is parser.BRANCH:
            options = set().union(*(_strings(parser, alt) for alt in arg[1]))
        elif op in repeat_ops(parser) and arg[1] <= _MOST_SPELT_REPEATS:
            least, most, body = arg
            once = _strings(parser, body)
            options, times = set(), {""}
            for count in range(most + 1):
                if count >= least:
                    options |= times
                times = {a + b for a in times for b in once}
        else:
            raise _UnboundedError(op)
        found = {a + b for a in found for b in options}
        if len(found) > _MOST_STRINGS:
            raise _UnboundedError(len(found))
    return found


def _set_chars(parser: Any, members: Iterable[tuple[Any, Any]]) -> list[str]:
    chars: list[str] = []
    for op, arg in members:
        if op is parser.LITERAL:
            chars.append(chr(arg))
        elif op is parser.RANGE and arg[1] - arg[0] < _MOST_SPELT_RANGE:
            chars += [chr(code) for code in range(arg[0], arg[1] + 1)]
        else:
            raise _UnboundedError(op)
    return chars


def _path(parser: Any, sequence: Sequence[Any], group: Any) -> Path | None:
    """The sequences from the pattern down to the group, each with the group's place in it,
    through groups and single repeats only: ``None`` for a group a match may lack
    (optional, in one alternative, repeated, in a lookaround)."""
    for index, (op, arg) in enumerate(sequence):
        if op is parser.SUBPATTERN and arg is group:
            return [(sequence, index)]
        inner = None
        if op is parser.SUBPATTERN and _contains(parser, arg[3], group):
            inner = _path(parser, arg[3], group)
        elif op in repeat_ops(parser) and arg[0] == arg[1] == 1:
            inner = _path(parser, arg[2], group) if _contains(parser, arg[2], group) else None
        if inner is not None:
            return [(sequence, index), *inner]
    return None


def _apart(parser: Any, path: Path, backward: bool) -> bool:
    """Whether the character before (or after) the group is sure to be no letter: what
    stands there opens (or ends) with a non-letter, or a lookaround refuses a word character
    there; the edge of the pattern is not enough (the text goes on past it)."""
    for sequence, index in reversed(path):
        neighbours = sequence[:index] if backward else sequence[index + 1 :]
        free, empty = _edge_free(parser, neighbours, backward)
        if not free:
            return False
        if not empty:
            return True
    return False


def _edge_free(parser: Any, sequence: Sequence[Any], backward: bool) -> tuple[bool, bool]:
    """Whether the first (or, ``backward``, the last) character a sequence matches is sure
    to be no letter, and whether the sequence may match nothing (its edge is then further
    on). A lookaround that refuses a word character on that side settles it."""
    items = list(sequence)[::-1] if backward else list(sequence)
    for op, arg in items:
        if op in (parser.ASSERT, parser.ASSERT_NOT, parser.AT):
            facing = op is parser.ASSERT_NOT and arg[0] == (-1 if backward else 1)
            if facing and _refuses_letters(parser, arg[1]):
                return True, False
            continue
        if op is parser.LITERAL:
            free, empty = not chr(arg).isalpha(), False
        elif op is parser.IN:
            free, empty = all(_member_letter_free(parser, m_op, m) for m_op, m in arg), False
        elif op is parser.SUBPATTERN:
            free, empty = _edge_free(parser, arg[3], backward)
        elif op in repeat_ops(parser):
            free, empty = _edge_free(parser, arg[2], backward)
            empty = empty or arg[0] == 0
        elif op is parser.BRANCH:
            edges = [_edge_free(parser, alternative, backward) for alternative in arg[1]]
            free, empty = all(f for f, _ in edges), any(e for _, e in edges)
        else:
            free, empty = False, False
        if not free:
            return False, False
        if not empty:
            return True, False
    return True, True


def _refuses_letters(parser: Any, body: Sequence[Any]) -> bool:
    """Whether a negative lookaround's body matches any single letter (``[\\w]``, ``\\w``),
    alone or as one of its alternatives."""
    if len(body) != 1:
        return False
    op, arg = body[0]
    if op is parser.IN:
        return any(m_op is parser.CATEGORY and m is parser.CATEGORY_WORD for m_op, m in arg)
    if op is parser.SUBPATTERN:
        return _refuses_letters(parser, arg[3])
    if op is parser.BRANCH:
        return any(_refuses_letters(parser, alternative) for alternative in arg[1])
    return False


def _member_letter_free(parser: Any, op: Any, arg: Any) -> bool:
    if op is parser.LITERAL:
        return not chr(arg).isalpha()
    if op is parser.RANGE:
        low, high = arg
        spelt = high - low < _MOST_SPELT_RANGE
        return spelt and not any(chr(code).isalpha() for code in range(low, high + 1))
    return op is parser.CATEGORY and arg in (parser.CATEGORY_SPACE, parser.CATEGORY_DIGIT)
