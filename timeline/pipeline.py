"""The Python API the CLI stands on: articles -> time expressions -> timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.events import events_from_article, to_time_expression
from timeline.merge import merge_events
from timeline.models import Article, ArticleInfo, Event, EventStatus, TimeExpression, Timeline
from timeline.temporal import tag_text
from timeline.temporal.resolver import Mode


@dataclass(frozen=True)
class ExtractOptions:
    """What goes into a timeline; the defaults are what an editor would keep."""

    merge: bool = True
    include_captions: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float = 0.0
    status: EventStatus | None = None
    mode: Mode = "auto"  # how dates are read: per passage, or forced news / narrative

    def keeps(self, event: Event) -> bool:
        """Date filters test overlap: a month that reaches into the range is kept."""
        if self.since is not None and event.date.end < self.since:
            return False
        if self.until is not None and event.date.start > self.until:
            return False
        if event.confidence < self.min_confidence:
            return False
        return self.status is None or event.status == self.status


#: Immutable, so sharing one instance as a default is safe.
DEFAULT_OPTIONS = ExtractOptions()


def tag(article: Article, mode: Mode = "auto") -> list[TimeExpression]:
    """Every time expression in an article, offsets into the text the user gave."""
    return [
        to_time_expression(article, expression)
        for expression in tag_text(article.text, article.published, mode=mode)
    ]


def article_events(article: Article, options: ExtractOptions = DEFAULT_OPTIONS) -> list[Event]:
    """The events of one article, unmerged and unfiltered, in text order."""
    expressions = tag_text(article.text, article.published, mode=options.mode)
    return events_from_article(article, expressions, include_captions=options.include_captions)


def extract(
    articles: Sequence[Article],
    title: str | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> Timeline:
    """A timeline of the dated events in ``articles``, sorted by start date then position."""
    events = [event for article in articles for event in article_events(article, options)]
    return assemble([article_info(article) for article in articles], events, title, options)


def assemble(
    infos: Sequence[ArticleInfo],
    events: Sequence[Event],
    title: str | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> Timeline:
    """The timeline from per-article events: merged, filtered, sorted by start then position.

    Batches build their events article by article (in workers) and finish here too, so
    a batch and :func:`extract` give the same timeline.
    """
    merged = merge_events(events) if options.merge else list(events)
    position = {id(event): index for index, event in enumerate(merged)}
    kept = sorted(
        (event for event in merged if options.keeps(event)),
        key=lambda event: (event.date.start, position[id(event)]),
    )
    titles = [info.title for info in infos if info.title]
    return Timeline(
        title=title or (titles[0] if len(titles) == 1 else None),
        articles=tuple(infos),
        events=tuple(kept),
    )


def article_info(article: Article) -> ArticleInfo:
    """What a timeline records of an article (everything but its text)."""
    return ArticleInfo(
        id=article.id,
        title=article.title,
        published=article.published,
        published_source=article.published_source,
        source=article.source,
        url=article.url,
    )
