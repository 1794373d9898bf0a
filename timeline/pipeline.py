"""The Python API the CLI stands on: articles -> time expressions -> timeline."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.events import events_from_article, to_time_expression
from timeline.models import Article, ArticleInfo, Event, TimeExpression, Timeline
from timeline.temporal import tag_text


def tag(article: Article) -> list[TimeExpression]:
    """Every time expression in an article, offsets into the text the user gave."""
    return [
        to_time_expression(article, expression)
        for expression in tag_text(article.text, article.published)
    ]


def _sort_key(indexed: tuple[int, Event]) -> tuple[str, str, int, int]:
    order, event = indexed
    return (event.date.start.isoformat(), event.date.end.isoformat(), order, event.expression.start)


def extract(articles: Sequence[Article], title: str | None = None) -> Timeline:
    """A timeline of every dated event in ``articles``, sorted by date then position."""
    collected: list[tuple[int, Event]] = []
    for order, article in enumerate(articles):
        expressions = tag_text(article.text, article.published)
        collected.extend((order, event) for event in events_from_article(article, expressions))
    collected.sort(key=_sort_key)
    return Timeline(
        title=title or _default_title(articles),
        articles=tuple(_info(article) for article in articles),
        events=tuple(event for _, event in collected),
    )


def _default_title(articles: Sequence[Article]) -> str | None:
    titles = [article.title for article in articles if article.title]
    return titles[0] if len(titles) == 1 else None


def _info(article: Article) -> ArticleInfo:
    return ArticleInfo(
        id=article.id,
        title=article.title,
        published=article.published,
        published_source=article.published_source,
        source=article.source,
        url=article.url,
    )
