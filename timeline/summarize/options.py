"""What a topic timeline is asked for, and the defaults: kept apart from the summariser,
which loads scikit-learn, so the rest of the tool never imports it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SummarizeOptions:
    """How long the timeline is; ``None`` lets the input size decide (see the defaults)."""

    dates: int | None = None
    sentences: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    title: str | None = None


def default_dates(articles: int) -> int:
    """One day per eight articles, at least 5 and at most 60 (300 articles: 38 days)."""
    return max(5, min(60, round(articles / 8)))


def default_sentences(articles: int) -> int:
    """Two lines per day once there is enough coverage to say two things, else one."""
    return 2 if articles >= 50 else 1
