"""Photo captions and credits: page text whose dates are not news events.

A caption line describes a picture and ends with its credit: "... Syria April 28, 2017.
(Reuters)", "... in Tehran. (Iranian presidency)"; or it is introduced as one ("Photo: ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.models import Media

_LINE = re.compile(r"[^\n]+")
_CREDIT_TAIL = re.compile(r"[.!?]\s*\((?P<credit>[^()]{2,40})\)\s*$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photograph|image|picture|credit|file|getty|reuters|afp|ap|epa)\b", re.IGNORECASE
)
_LABELLED = re.compile(r"^(?:photo|image|picture|caption|file photo)\s*[:|]", re.IGNORECASE)


def is_caption_line(line: str) -> bool:
    stripped = line.strip()
    if _LABELLED.match(stripped):
        return True
    tail = _CREDIT_TAIL.search(stripped)
    if tail is None:
        return False
    # A closing parenthesis after a full sentence is a credit when short and alone on its line.
    credit = tail.group(0)
    return len(stripped) <= 400 and (len(credit) <= 30 or bool(_CREDIT_WORDS.search(credit)))


def caption_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets of the caption lines of an article's cleaned text."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if is_caption_line(m.group(0))]


def media_of(text: str, captions: Sequence[tuple[int, int]]) -> Media | None:
    """The first of an article's caption lines as media: "..., April 28, 2017." + "Reuters"."""
    for start, end in captions:
        line = text[start:end].strip()
        tail = _CREDIT_TAIL.search(line)
        if tail is not None:
            return Media(caption=line[: tail.start() + 1].strip(), credit=tail.group("credit"))
        return Media(caption=_LABELLED.sub("", line).strip())
    return None
