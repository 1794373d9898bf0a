"""The curated public API: exactly these names, all importable, typed package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import timeline

PUBLIC = {
    "Article",
    "ArticleInfo",
    "Event",
    "EventDate",
    "InputError",
    "TimeExpression",
    "Timeline",
    "TimelineError",
    "InvalidDocumentError",
    "articles_from_text",
    "extract",
    "read_articles",
    "tag",
    "tag_text",
}


def test_all_lists_exactly_the_public_names() -> None:
    assert set(timeline.__all__) == PUBLIC
    assert all(getattr(timeline, name) is not None for name in timeline.__all__)


def test_package_is_typed() -> None:
    assert (Path(timeline.__file__).parent / "py.typed").is_file()


def test_api_round_trip() -> None:
    text = "Dam Opens\n\nThe dam opened on Tuesday, officials said.\n"
    articles = timeline.articles_from_text(text, published=dt.date(2018, 12, 20))
    result = timeline.extract(articles)
    assert isinstance(result, timeline.Timeline)
    assert [e.date.value for e in result.events] == ["2018-12-18"]
    expressions = timeline.tag(articles[0])
    assert [(e.text, e.value) for e in expressions] == [("Tuesday", "2018-12-18")]
    assert text[expressions[0].start : expressions[0].end] == "Tuesday"
