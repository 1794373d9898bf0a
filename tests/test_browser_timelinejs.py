"""The TimelineJS export, loaded by TimelineJS 3.9.11 itself in headless Chromium.

Needs Chromium, the npm package and the playwright driver (``.ci/install-browser.sh``);
without them the test is skipped, or fails under TIMELINE_REQUIRE_EXTERNAL=1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest
from browser import load_timelinejs, require_browser

from timeline.exporters.timelinejs import render
from timeline.models import ArticleInfo, Event, EventDate, TimeExpression, Timeline

pytestmark = pytest.mark.browser


def _event(
    n: int, headline: str, value: str, granularity: str, start: str, end: str, article: str
) -> Event:
    return Event(
        id=f"e-{n:012x}",
        headline=headline,
        text=f"{headline}, officials said.",
        article_id=article,
        confidence=0.9,
        date=EventDate.model_validate(
            {"value": value, "granularity": granularity, "start": start, "end": end}
        ),
        expression=TimeExpression(text="then", start=n, end=n + 4, type="DATE", value=value),
    )


TIMELINE = Timeline(
    title="Syria & the <withdrawal>",
    articles=(
        ArticleInfo(
            id="a1",
            title="Troops to leave",
            published=dt.date(2018, 12, 20),
            source="a1.txt",
            url="https://news.example/a1?x=1&y=2",
        ),
        ArticleInfo(id="a2", title=None, source="notes/a2.txt"),
    ),
    events=(
        _event(1, "Withdrawal announced", "2018-12-19", "day", "2018-12-19", "2018-12-19", "a1"),
        _event(2, "Talks <in> Ankara", "2018-W50", "week", "2018-12-10", "2018-12-16", "a1"),
        _event(3, "Summit & vote", "2018-09", "month", "2018-09-01", "2018-09-30", "a2"),
        _event(4, "Campaign began", "2014", "year", "2014-01-01", "2014-12-31", "a2"),
    ),
)


def test_timelinejs_loads_the_export(
    tmp_path: Path, require_external: Callable[[str], NoReturn]
) -> None:
    chromium, dist = require_browser(require_external)

    path = tmp_path / "timeline.json"
    path.write_text(render(TIMELINE), encoding="utf-8")
    result = load_timelinejs(path, dist, chromium=chromium)

    assert result.console_errors == ()
    assert result.page_errors == ()
    assert result.failed_requests == ()
    assert result.ready, result.message
    assert result.slide_count == len(TIMELINE.events) + 1
    # Escaped markup shows as the text it was, on the title slide and the event slides.
    assert result.title_text == "Syria & the <withdrawal>"
    assert sorted(result.headlines) == sorted(event.headline for event in TIMELINE.events)


def test_timelinejs_loads_a_summarized_timeline(
    tmp_path: Path, require_external: Callable[[str], NoReturn]
) -> None:
    """A topic timeline (one slide per chosen day, its summary as text) loads as it is."""
    from test_summarize import coverage

    from timeline.summarize import SummarizeOptions, summarize

    chromium, dist = require_browser(require_external)
    timeline = summarize(coverage(), SummarizeOptions(dates=4, sentences=2, title="Valley dam"))
    path = tmp_path / "story.json"
    path.write_text(render(timeline), encoding="utf-8")
    result = load_timelinejs(path, dist, chromium=chromium)

    assert result.console_errors == ()
    assert result.page_errors == ()
    assert result.ready, result.message
    assert result.slide_count == len(timeline.events) + 1 == 5
    assert result.title_text == "Valley dam"
    assert sorted(result.headlines) == sorted(event.headline for event in timeline.events)
