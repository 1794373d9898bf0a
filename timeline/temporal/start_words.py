"""The words a rule's matches can start with, so that its wide windows are tried only there.

A duration may begin up to a hundred characters before its unit ("no more than the past
twenty-four to thirty-six more years"), so its window reaches that far back, and the
engine enters the pattern at every character of it: a third of all rule matching in
TempEval-3. Yet every match starts at a word start, with a qualifier, "the", a number word
or a digit. Knowing those words, the scanner finds where they stand in the window with one
light pass (a prefix tree of them over the lower-cased text, spaced: see ``scan.spaced``)
and tries the rule only there (``scan.py``): the same matches, for about a quarter less of
that rule's cost.

The words are read off the pattern's structure through the ``re`` module's own parser,
so, like the openings and reaches, ahead of time into ``data/starts.tsv`` by
``scripts/update_openings.py``. They are a sound over-estimate or nothing: a pattern that
does not open with a lookbehind that refuses a word character, or that can open with a
character other than a letter or a digit, or with a run of letters that is not a fixed set
of words, has none, and its rule is tried everywhere as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from timeline.temporal.openings import ascii_lower, digest, packaged_text, repeat_ops

STARTS_FILE = "starts.tsv"
#: The start that stands for "a digit" (no word is written with it).
DIGIT = "#"
#: Past this many words, a start set is no help (the engine reads a tree of them).
MOST_WORDS = 400
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_DIGITS = "0123456789"


class _NoWordsError(Exception):
    """The pattern's starts are not a fixed set of words and digits."""


def start_words(source: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased words (and :data:`DIGIT`) every match of ``source`` starts with, each
    a whole run of letters; ``None`` when that is not known to hold (see the module)."""
    from timeline.programs import re_internal  # offline work: not loaded to tag

    parser = re_internal("parser")
    try:
        tree = parser.parse(source, flags)
    except Exception:  # a pattern re refuses has no words
        return None
    ops = list(tree)
    if (flags | tree.state.flags) & parser.SRE_FLAG_ASCII:
        return None  # \w is ASCII: a dotless i or a long s is no word character to it
    if not ops or not _refuses_a_word_before(parser, ops[0]):
        return None
    try:
        done, left = _walk(parser, ops[1:], {""})
    except _NoWordsError:
        return None
    if left or not done or len(done) > MOST_WORDS:
        return None
    return frozenset(done)


def _refuses_a_word_before(parser: Any, op: tuple[Any, Any]) -> bool:
    """Whether ``op`` is a lookbehind that fails after a word character (``(?<![\\w$])``)."""
    kind, argument = op
    return kind is parser.ASSERT_NOT and argument[0] == -1 and _is_word_class(parser, argument)


def _walk(
    parser: Any, ops: Sequence[tuple[Any, Any]], open_words: set[str]
) -> tuple[set[str], set[str]]:
    """(words that ended, words still open) after ``ops``, from the open words given."""
    done: set[str] = set()
    for kind, argument in ops:
        if not open_words:
            break
        if kind is parser.LITERAL:
            ended, open_words = _extend(open_words, {ascii_lower(chr(argument))})
        elif kind is parser.IN:
            ended, open_words = _extend(open_words, _class_chars(parser, argument))
        elif kind is parser.BRANCH:
            ended, joined = set(), set()
            for alternative in argument[1]:
                alternative_done, alternative_open = _walk(parser, alternative, open_words)
                ended |= alternative_done
                joined |= alternative_open
            open_words = joined
        elif kind is parser.SUBPATTERN:
            if argument[1] & parser.SRE_FLAG_ASCII:
                raise _NoWordsError("ASCII")  # \w then takes the folding letters for signs
            ended, open_words = _walk(parser, argument[3], open_words)
        elif kind in repeat_ops(parser):
            ended, open_words = _repeat(parser, argument, open_words)
        elif kind is parser.ASSERT_NOT and argument[0] == 1 and _is_word_class(parser, argument):
            ended = {word for word in open_words if word}  # no letter follows them
            open_words = open_words & {""}  # a new set: a branch's others share the old
        elif kind in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
            continue  # they read without consuming: the words go on
        else:
            raise _NoWordsError(kind)
        done |= ended
        if len(open_words) > MOST_WORDS or len(done) > MOST_WORDS:
            raise _NoWordsError("too many words")
    return done, open_words


def _repeat(
    parser: Any, argument: tuple[int, int, Any], open_words: set[str]
) -> tuple[set[str], set[str]]:
    least, most, body = argument
    if most == 0:
        return set(), open_words
    ended, once = _walk(parser, body, open_words)
    if most > 1 and once:  # letters again and again: no fixed set of words
        raise _NoWordsError("repeated letters")
    return ended, once | (open_words if least == 0 else set())


def _extend(open_words: set[str], chars: set[str]) -> tuple[set[str], set[str]]:
    """(words that end, words open) when the next character is one of ``chars``."""
    letters = chars & _LETTERS
    others = chars - _LETTERS
    ended: set[str] = set()
    if others:
        for word in open_words:
            if word:
                ended.add(word)  # a character that is not a letter ends it
            elif others <= set(_DIGITS):
                ended.add(DIGIT)
            else:  # a match opening with a space or a sign: not found by words
                raise _NoWordsError(sorted(others))
    return ended, {word + letter for word in open_words for letter in letters}


def _class_chars(parser: Any, members: Iterable[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for kind, argument in members:
        if kind is parser.LITERAL:
            chars.add(ascii_lower(chr(argument)))
        elif kind is parser.RANGE and argument[1] - argument[0] < 64:
            chars |= {ascii_lower(chr(code)) for code in range(argument[0], argument[1] + 1)}
        elif kind is parser.CATEGORY and argument is parser.CATEGORY_DIGIT:
            chars |= set(_DIGITS)  # the scanner finds any digit (\d)
        elif kind is parser.CATEGORY and argument is parser.CATEGORY_SPACE:
            chars.add(" ")
        else:  # a negated class, \w: letters beyond a fixed set
            raise _NoWordsError(kind)
    if any(len(char) != 1 for char in chars):  # a letter whose lower case is two
        raise _NoWordsError(sorted(chars))
    return chars


def _is_word_class(parser: Any, argument: tuple[int, Any]) -> bool:
    """Whether a lookaround's body is one class that takes every word character (``\\w``
    among its members, and not negated)."""
    body = list(argument[1])
    if len(body) != 1 or body[0][0] is not parser.IN:
        return False
    members = body[0][1]
    return (parser.CATEGORY, parser.CATEGORY_WORD) in members and not any(
        kind is parser.NEGATE for kind, _ in members
    )


def starts_text(patterns: Iterable[tuple[str, str, int]]) -> str:
    """The starts file for rules, ``(name, source, flags)``: a row per pattern whose start
    words are known, the words in order, :data:`DIGIT` for a digit."""
    rows = []
    seen: set[str] = set()
    for name, source, flags in patterns:
        key = digest(source, flags)
        words = start_words(source, flags) if key not in seen else None
        seen.add(key)
        if words is not None:
            rows.append(f"{name}\t{key}\t{' '.join(sorted(words))}\n")
    header = (
        "# Words (lower case; # a digit) that every match of a rule starts with.\n"
        "# Written by scripts/update_openings.py. Format: name<TAB>pattern digest<TAB>words.\n"
    )
    return header + "".join(rows)


@cache
def shipped_starts() -> dict[str, frozenset[str]]:
    """The packaged starts file: digest to words. Missing or unreadable, it is empty."""
    return parse_starts(packaged_text(STARTS_FILE))


def parse_starts(text: str) -> dict[str, frozenset[str]]:
    """Digest to words from a starts file's text; a damaged row is passed over (its rule is
    then tried everywhere in its windows, as before)."""
    found: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        row = line.split("\t")
        if line.startswith("#") or len(row) != 3 or not row[2].strip():
            continue
        words = frozenset(row[2].split())
        if all(word == DIGIT or set(word) <= _LETTERS for word in words):
            found[row[1]] = words
    return found
