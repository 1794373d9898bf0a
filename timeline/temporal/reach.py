"""How far a rule's matches can reach around its trigger's hits, read off its pattern.

The scanner runs a rule only in windows around the hits of its trigger (``scan.py``). A
window must hold every match that contains the hit, and every character the engine reads
past that match (a lookahead such as ``(?!\\s*%)``): ``finditer`` with an end position does
not see beyond it. The window is cut to measure for each rule:

- With no more than the trigger contract (every match contains a hit, or reads one in a
  lookaround), a match that reads at most ``extent`` characters from its start, and a
  lookbehind at most ``back`` before it, lies with all it reads in
  ``[hit end - extent, hit start + back + extent)``.
- Most rules hold the trigger word in a group every match has ("years" in ``unit``, the
  ``(?i:ago)`` of "two years ago"). When every string the group can match is one of the
  trigger's words, the hit lies inside the group, and only what stands before and after
  the group counts: a duration reaches far back ("no more than the past twenty-four to
  thirty-six more years") but only a few characters past its unit.

Widths are finite because the only unbounded repeats in the rules are runs of whitespace,
of whitespace and hyphens, and of digits, commas and points. A repeat is counted as long
as the longest such run the text may hold (parts of one class in a row, as long as one
run): ``TIGHT_RUNS`` fits news and narrative text; a text with a longer run is cut by
``LOOSE_RUN`` (``run_level`` tells which), and one with a run longer still is scanned
whole. So no match is ever lost or cut.

Reading a pattern's structure takes the ``re`` module's own parser (not a public API), as
long again as compiling it, so the reaches are worked out ahead of time into
``data/reaches.tsv`` by ``scripts/update_openings.py``; a rule missing from that file (an
edited rule, another lexicon) is worked out when its scanner is built.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple

from timeline.temporal.openings import ascii_lower, packaged_text

REACHES_FILE = "reaches.tsv"
# Run classes of the unbounded repeats, each with the longest run ``TIGHT_RUNS`` allows.
_SPACE, _SPACE_OR_HYPHEN, _DIGITS = "space", "space or hyphen", "digits"
TIGHT_RUNS = {_SPACE: 2, _SPACE_OR_HYPHEN: 6, _DIGITS: 16}
LOOSE_RUN = 64
_TIGHT_BREAKERS = tuple(
    re.compile(f"{run}{run}{{{TIGHT_RUNS[kind]}}}")
    for kind, run in ((_SPACE, r"\s"), (_SPACE_OR_HYPHEN, r"[\s-]"), (_DIGITS, r"[\d,.]"))
)
_LOOSE_BREAKER = re.compile(rf"[\s\d,.-]{{{LOOSE_RUN + 1}}}")
# The bytes of a text's UTF-8 with each ASCII character written as its run class: space,
# hyphen, digit (or comma), anything else; a run of a class is then a run of one byte.
_CLASS_BYTES = bytes.maketrans(
    bytes(range(256)),
    bytes(
        32
        if chr(code).isspace() and code < 128
        else 45
        if code == 45
        else 48
        if chr(code) in "0123456789,."
        else 120
        for code in range(256)
    ),
)
_TIGHT_BYTE_RUNS = (b" " * (TIGHT_RUNS[_SPACE] + 1), b"0" * (TIGHT_RUNS[_DIGITS] + 1))
_SPACE_OR_HYPHEN_RUN = b" " * (TIGHT_RUNS[_SPACE_OR_HYPHEN] + 1)
# A character outside ASCII that is space or a digit ("\xa0", Arabic-Indic digits).
_WIDE_SPACE_OR_DIGIT = re.compile(r"[^\x00-\x7f](?<=[\s\d])")
# How many strings a group may match for its words to be listed (month names and their
# abbreviations, with or without a full stop, stay well below).
_MOST_STRINGS = 4096
_WORD_THEN_NO_LETTER = re.compile(r"([a-z]+)[^a-z]*")


Runs = dict[str, int]  # the longest run of each class a text may hold


class Reach(NamedTuple):
    """A window ``[hit end - before, hit start + after)`` holds every match around a hit."""

    before: int
    after: int


class Reaches(NamedTuple):
    """A rule's reach in a text whose runs ``TIGHT_RUNS`` bound, and in one ``LOOSE_RUN``
    bounds."""

    tight: Reach
    loose: Reach


def run_level(text: str) -> int:
    """Which reach holds in ``text``: 0 the tight one, 1 the loose one, 2 none (scan it all).

    Its runs are found in the text's bytes with each character written as its class, where
    ``bytes`` finds a run of one byte at memory speed (a regex pass over the text took six
    times as long); characters outside ASCII are no run's unless the text has a space or
    a digit among them, which the regex passes then look for.
    """
    if text.isascii() or _WIDE_SPACE_OR_DIGIT.search(text) is None:
        classes = text.encode("utf-8").translate(_CLASS_BYTES)
        if not any(run in classes for run in _TIGHT_BYTE_RUNS) and (
            _SPACE_OR_HYPHEN_RUN not in classes.replace(b"-", b" ")
        ):
            return 0
    elif not any(breaker.search(text) for breaker in _TIGHT_BREAKERS):
        return 0
    return 1 if _LOOSE_BREAKER.search(text) is None else 2


def reach_key(source: str, flags: int, words: Iterable[str]) -> str:
    """The key of a rule in the reaches file: its pattern and its trigger's words."""
    text = f"{int(flags)}\0{source}\0{' '.join(sorted(words))}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@cache
def shipped_reaches() -> dict[str, Reaches]:
    """The packaged reaches file: key to reaches. Missing or unreadable, it is empty."""
    return parse_reaches(packaged_text(REACHES_FILE))


def parse_reaches(text: str) -> dict[str, Reaches]:
    """Key to reaches from a reaches file's text; a damaged row is passed over."""
    found: dict[str, Reaches] = {}
    for line in text.splitlines():
        row = line.split("\t")
        if line.startswith("#") or len(row) != 6 or not all(f.isdecimal() for f in row[2:]):
            continue
        numbers = [int(field) for field in row[2:]]
        found[row[1]] = Reaches(Reach(*numbers[:2]), Reach(*numbers[2:]))
    return found


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
    try:
        return Reaches(*(_reach(parser, tree, words, runs) for runs in _run_caps()))
    except _UnboundedError:
        return None


def _run_caps() -> tuple[Runs, Runs]:
    return TIGHT_RUNS, dict.fromkeys(TIGHT_RUNS, LOOSE_RUN)


def _reach(parser: Any, tree: list[Any], words: frozenset[str], runs: Runs) -> Reach:
    """The narrowest window the pattern allows: around all a match reads, or around a group
    that always holds the hit."""
    extent = _measure(parser, tree, runs)[1]
    best = Reach(extent, _look_back(parser, tree, runs) + extent)
    for group in _groups(parser, tree):
        around = _around(parser, tree, group, runs)
        if around is None or not _holds_a_word(parser, group[3], words):
            continue
        ahead, group_width, _, behind = around
        candidate = Reach(ahead + group_width, group_width + behind)
        if sum(candidate) < sum(best):
            best = candidate
    return best


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
        elif op in _repeats(parser):
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
    if op in _repeats(parser):
        _least, most, body = arg
        width, extent = _measure(parser, body, runs)
        if most == parser.MAXREPEAT:
            total = runs[_run_class(parser, body)]
            return total, total + extent - width
        if most == 0:
            return 0, 0
        return most * width, (most - 1) * width + extent
    raise _UnboundedError(op)


def _repeats(parser: Any) -> tuple[Any, ...]:
    names = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    return tuple(getattr(parser, name) for name in names if hasattr(parser, name))


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
        elif op in _repeats(parser):
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
    (_SPACE, frozenset({_SPACE})),
    (_SPACE_OR_HYPHEN, frozenset({_SPACE, "-"})),
    (_DIGITS, frozenset({_DIGITS, ",", "."})),
)


def _run_class_of(kinds: frozenset[str]) -> str | None:
    """The narrowest run class whose runs may hold all of ``kinds``."""
    if not kinds:
        return None
    return next((name for name, members in _RUN_MEMBERS if kinds <= members), None)


def _kind(parser: Any, op: Any, arg: Any) -> str:
    if op is parser.CATEGORY and arg is parser.CATEGORY_SPACE:
        return _SPACE
    if op is parser.CATEGORY and arg is parser.CATEGORY_DIGIT:
        return _DIGITS
    if op is parser.LITERAL and chr(arg) in "-,.":
        return chr(arg)
    return ""


def _around(
    parser: Any, sequence: Sequence[Any], group: Any, runs: Runs
) -> tuple[int, int, int, int] | None:
    """For a group (a parsed group's arguments) that every match of ``sequence`` has: the
    most characters before it, its width, the most matched after its end and the most read
    after its end; ``None`` for a group a match may lack (optional, in one alternative,
    repeated, in a lookaround)."""
    for index, (op, arg) in enumerate(sequence):
        if op is parser.SUBPATTERN and arg is group:
            width, extent = _measure(parser, arg[3], runs)
            inside: tuple[int, int, int, int] | None = (0, width, 0, extent - width)
        elif not _contains(parser, [(op, arg)], group):
            continue
        elif op is parser.SUBPATTERN:
            inside = _around(parser, arg[3], group, runs)
        elif op in _repeats(parser) and arg[0] == arg[1] == 1:
            inside = _around(parser, arg[2], group, runs)
        else:
            return None
        if inside is None:
            return None
        ahead, width, matched_after, read_after = inside
        ahead += sum(_measure_op(parser, o, a, runs)[0] for o, a in sequence[:index])
        rest_width, rest_extent = _measure(parser, sequence[index + 1 :], runs)
        read_after = max(read_after, matched_after + rest_extent)
        return ahead, width, matched_after + rest_width, read_after
    return None


def _contains(parser: Any, sequence: Sequence[Any], group: Any) -> bool:
    return any(found is group for found in _groups(parser, sequence))


def _groups(parser: Any, sequence: Sequence[Any]) -> list[Any]:
    """The arguments of every group in ``sequence`` (capturing or not), lookarounds too."""
    found: list[Any] = []
    for op, arg in sequence:
        if op is parser.SUBPATTERN:
            found += [arg, *_groups(parser, arg[3])]
        elif op in _repeats(parser):
            found += _groups(parser, arg[2])
        elif op is getattr(parser, "ATOMIC_GROUP", None):
            found += _groups(parser, arg)
        elif op in (parser.ASSERT, parser.ASSERT_NOT):
            found += _groups(parser, arg[1])
        elif op is parser.BRANCH:
            for alternative in arg[1]:
                found += _groups(parser, alternative)
    return found


def _holds_a_word(parser: Any, body: Sequence[Any], words: frozenset[str]) -> bool:
    """Whether every string a group's ``body`` matches is one of ``words``, then no letter:
    the scanner's hit for that word then lies inside the group."""
    try:
        strings = _strings(parser, body)
    except _UnboundedError:
        return False
    found = (_WORD_THEN_NO_LETTER.fullmatch(string) for string in strings)
    return bool(strings) and all(match and match[1] in words for match in found)


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
        elif op in _repeats(parser) and arg[1] <= 4:
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
        elif op is parser.RANGE and arg[1] - arg[0] < 64:
            chars += [chr(code) for code in range(arg[0], arg[1] + 1)]
        else:
            raise _UnboundedError(op)
    return chars
