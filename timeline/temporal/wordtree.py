"""Alternations of literal words written as prefix trees, which the regex engine reads faster.

``Sept|Sep|Oct`` makes the engine try every word in turn at every place it looks; the tree
``Oct|Sep(?:t|)`` tries one branch per first character and shares the letters words have
in common. For literal words tried longest first, both find the same word: the words that
can match at one place are prefixes of one another, so they lie on one path of the tree,
and the tree tries the longer before the shorter ("Sept" before "Sep").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Node = dict[str, "Node"]
_END = ""  # key of the mark "a word ends here"


def word_tree(words: Iterable[str], first: Callable[[str], str] = re.escape) -> str:
    """The tree of ``words`` as a regex; ``first`` writes a word's first character."""
    return _branches(_tree(words), first)


def first_branches(words: Iterable[str]) -> dict[str, str]:
    """The tree of ``words`` (none empty) by first character: what follows each, as a
    regex. Joined as ``re.escape(first) + rest`` in this order, they are :func:`word_tree`."""
    root = _tree(words)
    if _END in root:
        raise ValueError("an empty word has no first character")
    return {char: _rest(child) for char, child in sorted(root.items())}


def _tree(words: Iterable[str]) -> Node:
    root: Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _branches(node: Node, write: Callable[[str], str]) -> str:
    parts = [write(char) + _rest(child) for char, child in sorted(node.items()) if char]
    if _END in node:
        parts.append("")  # after every longer branch: the longer word is tried first
    return "|".join(parts)


def _rest(node: Node) -> str:
    chain = []
    while len(node) == 1 and _END not in node:  # one way on: plain letters, no group
        ((char, node),) = node.items()
        chain.append(char)
    letters = re.escape("".join(chain))  # once for the run: each call costs more than a letter
    if not node or list(node) == [_END]:
        return letters
    return letters + f"(?:{_branches(node, re.escape)})"


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
