"""timeline: news articles in, event timelines out.

    >>> import datetime, timeline
    >>> articles = timeline.articles_from_text(text, published=datetime.date(2018, 12, 20))
    >>> result = timeline.extract(articles)

Names are loaded on first use so that the command line starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.api import articles_from_text, read_articles
    from timeline.errors import InputError, InvalidDocumentError, TimelineError
    from timeline.models import (
        Article,
        ArticleInfo,
        Event,
        EventDate,
        TimeExpression,
        Timeline,
    )
    from timeline.pipeline import extract, tag
    from timeline.temporal import tag_text

__all__ = [
    "Article",
    "ArticleInfo",
    "Event",
    "EventDate",
    "InputError",
    "InvalidDocumentError",
    "TimeExpression",
    "Timeline",
    "TimelineError",
    "articles_from_text",
    "extract",
    "read_articles",
    "tag",
    "tag_text",
]

_HOMES = {
    "Article": "timeline.models",
    "ArticleInfo": "timeline.models",
    "Event": "timeline.models",
    "EventDate": "timeline.models",
    "TimeExpression": "timeline.models",
    "Timeline": "timeline.models",
    "InputError": "timeline.errors",
    "TimelineError": "timeline.errors",
    "InvalidDocumentError": "timeline.errors",
    "articles_from_text": "timeline.api",
    "read_articles": "timeline.api",
    "extract": "timeline.pipeline",
    "tag": "timeline.pipeline",
    "tag_text": "timeline.temporal",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)


def __dir__() -> list[str]:
    return sorted(__all__)
