"""The TimelineJS exporter and the TimelineJS schema, without a browser."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from timeline.exporters import get_renderer
from timeline.exporters.timelinejs import render
from timeline.models import ArticleInfo, Event, EventDate, TimeExpression, Timeline
from timeline.timelinejs_schema import timelinejs_schema

DATE_KEYS = ("year", "month", "day", "hour", "minute", "second", "millisecond")


def make_event(
    n: int,
    value: str,
    granularity: str,
    start: str,
    end: str,
    *,
    article: str = "a1",
    headline: str = "Something happened",
    text: str = "Something happened, officials said.",
) -> Event:
    return Event(
        id=f"e-{n:012x}",
        headline=headline,
        text=text,
        article_id=article,
        confidence=0.9,
        date=EventDate.model_validate(
            {"value": value, "granularity": granularity, "start": start, "end": end}
        ),
        expression=TimeExpression(text="then", start=n, end=n + 4, type="DATE", value=value),
    )


DAY = make_event(1, "2018-12-19", "day", "2018-12-19", "2018-12-19")
WEEK = make_event(2, "2018-W50", "week", "2018-12-10", "2018-12-16")
MONTH = make_event(3, "2018-09", "month", "2018-09-01", "2018-09-30")
YEAR = make_event(4, "2014", "year", "2014-01-01", "2014-12-31")
QUARTER = make_event(5, "2019-Q1", "quarter", "2019-01-01", "2019-03-31")
TIME = make_event(6, "2018-12-20T14:30", "time", "2018-12-20", "2018-12-20")
ARTICLE = ArticleInfo(
    id="a1",
    title="Troops to leave",
    published=dt.date(2018, 12, 20),
    source="a1.txt",
    url="https://news.example/a1?x=1&y=2",
)
TIMELINE = Timeline(
    title="Syria",
    articles=(ARTICLE,),
    events=(DAY, WEEK, MONTH, YEAR, QUARTER, TIME),
)


def export(timeline: Timeline) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(timeline))
    return document


def slides_by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {slide["unique_id"]: slide for slide in document["events"]}


def test_registered_as_the_timelinejs_format() -> None:
    assert get_renderer("timelinejs") is render


def test_document_shape_and_scale() -> None:
    document = export(TIMELINE)
    assert list(document) == ["title", "events", "scale"]
    assert document["scale"] == "human"
    assert len(document["events"]) == len(TIMELINE.events)


def test_unique_id_is_the_event_id() -> None:
    document = export(TIMELINE)
    assert [slide["unique_id"] for slide in document["events"]] == [e.id for e in TIMELINE.events]


def test_date_fields_are_integers() -> None:
    for slide in export(TIMELINE)["events"]:
        for key in ("start_date", "end_date"):
            for field, number in slide.get(key, {}).items():
                assert field in DATE_KEYS
                assert type(number) is int, (slide["unique_id"], key, field)


def test_dates_keep_the_precision_of_the_text() -> None:
    slides = slides_by_id(export(TIMELINE))
    assert slides[DAY.id]["start_date"] == {"year": 2018, "month": 12, "day": 19}
    assert "end_date" not in slides[DAY.id]
    assert "display_date" not in slides[DAY.id]
    assert slides[MONTH.id]["start_date"] == {"year": 2018, "month": 9}
    assert "end_date" not in slides[MONTH.id]
    assert slides[MONTH.id]["display_date"] == "September 2018"
    assert slides[YEAR.id]["start_date"] == {"year": 2014}
    assert "end_date" not in slides[YEAR.id]
    clock = {"year": 2018, "month": 12, "day": 20, "hour": 14, "minute": 30}
    assert slides[TIME.id]["start_date"] == clock


@pytest.mark.parametrize(
    ("event", "start", "end", "label"),
    [
        (WEEK, (2018, 12, 10), (2018, 12, 16), "Week of December 10, 2018"),
        (QUARTER, (2019, 1, 1), (2019, 3, 31), "Q1 2019"),
    ],
)
def test_ranges_have_start_and_end_days(
    event: Event, start: tuple[int, int, int], end: tuple[int, int, int], label: str
) -> None:
    slide = slides_by_id(export(TIMELINE))[event.id]
    assert slide["start_date"] == dict(zip(("year", "month", "day"), start, strict=True))
    assert slide["end_date"] == dict(zip(("year", "month", "day"), end, strict=True))
    assert slide["display_date"] == label


def test_text_is_the_sentence_and_its_source() -> None:
    slide = slides_by_id(export(TIMELINE))[DAY.id]
    assert slide["text"]["headline"] == "Something happened"
    assert slide["text"]["text"] == (
        "<p>Something happened, officials said.</p>"
        '<p>Source: <a href="https://news.example/a1?x=1&amp;y=2">Troops to leave</a></p>'
    )


def test_html_in_the_articles_is_escaped() -> None:
    event = make_event(
        7,
        "2018-12-19",
        "day",
        "2018-12-19",
        "2018-12-19",
        headline="<script>alert(1)</script> & co",
        text='He said "<b>no</b>" & left.',
    )
    article = ArticleInfo(id="a1", title="A <i>title</i>", source="x", url="javascript:alert(1)")
    document = export(Timeline(title="Q&A <live>", articles=(article,), events=(event,)))
    slide = document["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert '<p>He said "&lt;b>no&lt;/b>" & left.</p>' in slide["text"]["text"]
    # Only web addresses become links.
    assert "javascript:" not in slide["text"]["text"]
    assert "A &lt;i>title&lt;/i>" in slide["text"]["text"]
    assert document["title"]["text"]["headline"] == "Q&amp;A &lt;live&gt;"


def test_title_slide_lists_the_articles() -> None:
    title = export(TIMELINE)["title"]
    assert "start_date" not in title
    assert title["text"]["headline"] == "Syria"
    assert "Troops to leave</a>, published 2018-12-20" in title["text"]["text"]


def test_untitled_timeline_gets_a_default_title() -> None:
    document = export(Timeline(articles=(ARTICLE,), events=(DAY,)))
    assert document["title"]["text"]["headline"] == "Timeline"


def test_no_groups_for_a_single_article() -> None:
    assert all("group" not in slide for slide in export(TIMELINE)["events"])


def test_one_group_per_article() -> None:
    articles = (
        ARTICLE,
        ArticleInfo(id="a2", title=None, source="notes/a2.txt"),
        ArticleInfo(id="a3", title="Troops to leave", source="a3.txt"),
    )
    events = (
        make_event(1, "2018-12-19", "day", "2018-12-19", "2018-12-19", article="a1"),
        make_event(2, "2018-12-18", "day", "2018-12-18", "2018-12-18", article="a2"),
        make_event(3, "2018-12-17", "day", "2018-12-17", "2018-12-17", article="a3"),
    )
    document = export(Timeline(articles=articles, events=events))
    groups = [slide["group"] for slide in document["events"]]
    assert groups == ["Troops to leave", "notes/a2.txt", "Troops to leave (2)"]


def test_output_is_stable_and_keeps_non_ascii() -> None:
    timeline = Timeline(title="Zürich — Genève", articles=(ARTICLE,), events=(DAY, WEEK))
    first = render(timeline)
    assert first == render(timeline.model_copy(deep=True))
    assert first.endswith("}\n")
    assert "Zürich — Genève" in first


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(timelinejs_schema())


def test_export_validates_against_the_schema() -> None:
    validator = Draft202012Validator(timelinejs_schema())
    two_articles = Timeline(
        articles=(ARTICLE, ArticleInfo(id="a2", source="b.txt")),
        events=(DAY, make_event(8, "2018-SU", "season", "2018-06-01", "2018-08-31", article="a2")),
    )
    for timeline in (TIMELINE, two_articles):
        assert list(validator.iter_errors(export(timeline))) == []


def _good() -> dict[str, Any]:
    return export(TIMELINE)


def _with_start(start_date: object) -> dict[str, Any]:
    document = _good()
    document["events"][0]["start_date"] = start_date
    return document


MALFORMED: dict[str, dict[str, Any]] = {
    "month as a string": _with_start({"year": 2018, "month": "12"}),
    "month name": _with_start({"year": 2018, "month": "Dec"}),
    "month 13": _with_start({"year": 2018, "month": 13}),
    "day 0": _with_start({"year": 2018, "month": 1, "day": 0}),
    "no year": _with_start({"month": 1}),
    "day without month": _with_start({"year": 2018, "day": 3}),
    "fractional year": _with_start({"year": 2018.5}),
    "no start_date": {**_good(), "events": [{"text": {"headline": "x"}}]},
    "no events": {"title": _good()["title"], "scale": "human"},
    "empty events": {**_good(), "events": []},
    "unknown scale": {**_good(), "scale": "geological"},
    "headline not a string": {
        **_good(),
        "events": [{"start_date": {"year": 1}, "text": {"headline": 1}}],
    },
    "unique_id not a string": {**_good(), "events": [{"start_date": {"year": 1}, "unique_id": 5}]},
    "group not a string": {**_good(), "events": [{"start_date": {"year": 1}, "group": ["a"]}]},
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_documents_fail_the_schema(name: str) -> None:
    validator = Draft202012Validator(timelinejs_schema())
    assert list(validator.iter_errors(MALFORMED[name])) != [], name


def test_extra_keys_are_allowed() -> None:
    document = _good()
    document["events"][0]["background"] = {"color": "#123"}
    document["events"][0]["x-ours"] = 1
    document["eras"] = [{"start_date": {"year": 2014}, "end_date": {"year": 2015}}]
    assert list(Draft202012Validator(timelinejs_schema()).iter_errors(document)) == []
