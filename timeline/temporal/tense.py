"""Direction of a bare weekday or month from the tense of its clause.

"said on Friday" is the Friday before the reference date, "will meet on Friday" the one
after: the cue word nearest the expression, within its sentence, decides.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from timeline.temporal.lexicon import Lexicon, alternation

_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_PAST_VERB = re.compile(r"\b[a-z]{3,}ed\b")


class Tense(str, Enum):
    PAST = "past"
    FUTURE = "future"
    NONE = "none"


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{alternation(cues)})(?!\w)", re.IGNORECASE)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last boundary before to the next after."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    following = _SENTENCE_END.search(text, end)
    right = following.start() + 1 if following else len(text)
    return left, right


def infer_tense(text: str, start: int, end: int, lexicon: Lexicon) -> Tense:
    left, right = clause_bounds(text, start, end)
    pattern = _cue_pattern(tuple(sorted(lexicon.tense_cues)))
    best: tuple[int, Tense] | None = None
    for match in pattern.finditer(text, left, right):
        if start <= match.start() < end:
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        tense = Tense(lexicon.tense_cues[match.group(0).lower()])
        if best is None or distance < best[0]:
            best = (distance, tense)
    if best is not None:
        return best[1]
    if _PAST_VERB.search(text, left, right):
        return Tense.PAST
    return Tense.NONE
