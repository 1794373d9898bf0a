"""Alternations of literal words written as prefix trees, which the regex engine reads faster.

``Sept|Sep|Oct`` makes the engine try every word in turn at every place it looks; the tree
``Oct|Sep(?:t|)`` tries one branch per first character and shares the letters words have
in common. For literal words tried longest first, both find the same word: the words that
can match at one place are prefixes of one another, so they lie on one path of the tree,
and the tree tries the longer before the shorter ("Sept" before "Sep").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from os.path import commonprefix


def escape(text: str) -> str:
    """``re.escape(text)``, which only changes what is not a letter or digit: most pieces of
    a tree are letters, and a call of ``re.escape`` costs several times this test."""
    return text if text.isalnum() else re.escape(text)


def word_tree(words: Iterable[str], first: Callable[[str], str] = escape) -> str:
    """The tree of ``words`` as a regex; ``first`` writes a word's first character."""
    return _branches(sorted(set(words)), 0, first)


def first_branches(words: Iterable[str]) -> dict[str, str]:
    """The tree of ``words`` (none empty) by first character: what follows each, as a
    regex. Joined as ``re.escape(first) + rest`` in this order, they are :func:`word_tree`."""
    ordered = sorted(set(words))
    if ordered and not ordered[0]:
        raise ValueError("an empty word has no first character")
    return {group[0][0]: _rest(group, 1) for group in _by_character(ordered, 0)}


# The tree is read off the sorted words, without building it: the words below a node are a
# run of the sorted list (those sharing its prefix), and a word that ends at the node comes
# first in its run. Half the cost of building nested dicts and walking them.


def _by_character(words: list[str], depth: int) -> Iterator[list[str]]:
    """The runs of ``words`` (sorted, sharing their first ``depth`` characters, each longer)
    that share the character at ``depth``, in order."""
    at, count = 0, len(words)
    while at < count:
        character = words[at][depth]
        upto = at + 1
        while upto < count and words[upto][depth] == character:
            upto += 1
        yield words[at:upto]
        at = upto


def _branches(words: list[str], depth: int, write: Callable[[str], str]) -> str:
    """The alternation below the node of ``words`` at ``depth``: a branch per next character,
    then, when a word ends here, the empty one (after every longer branch: the longer word is
    tried first)."""
    ends = bool(words) and len(words[0]) == depth
    longer = words[1:] if ends else words
    parts = [write(run[0][depth]) + _rest(run, depth + 1) for run in _by_character(longer, depth)]
    if ends:
        parts.append("")
    return "|".join(parts)


def _rest(words: list[str], depth: int) -> str:
    """What follows the node of ``words`` at ``depth``: the letters all of them share (no
    group; being sorted, the first and the last share what all do), then the branches."""
    if len(words) == 1:
        return escape(words[0][depth:]) if len(words[0]) > depth else ""
    shared = len(commonprefix((words[0], words[-1])))  # noqa: RUF071 - characters, as wanted
    letters = escape(words[0][depth:shared]) if shared > depth else ""
    return letters + f"(?:{_branches(words, shared, escape)})"


def one_path_per_place(words: Iterable[str]) -> bool:
    """Whether the tree is safe for ``words`` however the pattern sets case: only when every
    two words that one text could match at one place (one is a prefix of the other, letter
    case aside) are also prefixes in exact case, so they share a path. ASCII only: other
    letters fold in ways ``str.lower`` does not show."""
    items = sorted(set(words))
    if not all(w.isascii() for w in items):
        return False
    lowered = sorted((w.lower(), w) for w in items)
    for index, (low, word) in enumerate(lowered):
        for other_low, other in lowered[index + 1 :]:
            if not other_low.startswith(low):
                break
            if not other.startswith(word):
                return False
    return True
