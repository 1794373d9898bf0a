"""Sentence splitting with character offsets.

Offsets index the text given, so a sentence's span and the spans of the time expressions
inside it stay comparable. A blank line always ends a sentence; a single line break ends
one only after closing punctuation (otherwise it is a soft wrap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n\s*|[.!?:\"”’)]\n")
_NEXT_STARTS_SENTENCE = re.compile(r"\s*[\"'“‘(\[]?[A-Z0-9]")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.[\"'”’)\]]*$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@cache
def _abbreviations() -> frozenset[str]:
    text = (
        resources.files("timeline")
        .joinpath("data")
        .joinpath("abbreviations.txt")
        .read_text("utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_abbreviation(text: str, boundary_end: int) -> bool:
    match = _LAST_WORD.search(text, max(0, boundary_end - 20), boundary_end)
    if match is None:
        return False
    word = match.group(1)
    return word in _abbreviations() or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with exact offsets; surrounding whitespace is excluded."""
    cuts: list[int] = []
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if "\n" in match.group(0):
            cuts.append(end)
            continue
        if not _NEXT_STARTS_SENTENCE.match(text, end):
            continue
        if _is_abbreviation(text, end):
            continue
        cuts.append(end)
    sentences: list[Sentence] = []
    start = 0
    for cut in [*cuts, len(text)]:
        sentence = _trimmed(text, start, cut)
        if sentence is not None:
            sentences.append(sentence)
        start = cut
    return sentences


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Sentence(start, end, text[start:end])
