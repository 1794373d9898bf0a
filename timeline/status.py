"""Whether an event was reported as done or is expected: tense, plans, deadlines, dates."""

from __future__ import annotations

import datetime as dt
import re

from timeline.models import EventStatus

_EXPECTATION = re.compile(
    r"\b(?:will|shall|won't|is|are|was|were)\s+(?:expected|due|scheduled|set|planning|slated"
    r"|poised|going)\s+to\b|\bwill\b|'ll\b|\bplans?\s+to\b|\bintends?\s+to\b|\bwithin\s+\d|\bwithin\s+(?:the\s+)?(?:next\s+)?\w+\s+(?:hours?|days?|weeks?|months?)\b|\bdeadline\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def status_of(
    sentence: str, start: dt.date | None, end: dt.date | None, published: dt.date | None
) -> EventStatus:
    """A date wholly before publication is reported; wholly after, expected; else the wording."""
    if published is not None and end is not None and end < published:
        return "reported"
    if published is not None and start is not None and start > published:
        return "expected"
    unquoted = _QUOTED.sub(" ", sentence)
    return "expected" if _EXPECTATION.search(unquoted) else "reported"
