"""HTML pages: main text without page boilerplate, metadata dates, titles, canonical URLs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import timeline
from timeline.cli import app
from timeline.ingest.html import read_html_articles

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# page -> (publication date, metadata style, canonical URL, boilerplate dates on the page)
PAGES = {
    "ferry-strike.html": (
        "2024-05-16",
        "OpenGraph article:published_time",
        "https://gazette.example/local/2024/05/16/ferry-crews-walk-out",
        ["2 January 2024", "June 1", "9 May", "June 3", "12 March 2024", "17 May 2024", "2025"],
    ),
    "library-reopens.html": (
        "2023-11-02",
        "JSON-LD datePublished (dateModified differs)",
        "https://courier.example/news/library-reopens",
        ["31 December 2024", "8 November", "12 Nov", "April 2024", "1887"],
    ),
    "vineyard-frost.html": (
        "2024-04-24",
        "<time pubdate> in the article header",
        "https://valleyrecord.example/2024/04/late-frost-vineyards",
        ["27 April 2024", "25 April 2024", "26 April", "19 April", "2019", "2001"],
    ),
    "tram-extension.html": (
        "2022-09-07",
        "DC.date.issued / meta date, windows-1252 page",
        "https://cittadaily.example/city/tram-extension-old-port",
        ["August 2022", "July 2022", "08.09.2022", "9 September 2022", "20 August", "1998"],
    ),
}


def _extract(*args: str) -> tuple[dict[str, object], str]:
    result = CliRunner().invoke(app, ["extract", *args])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document, result.stderr


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_metadata_dates_the_article(page: str) -> None:
    published, _style, url, _ = PAGES[page]
    document, stderr = _extract(str(SAMPLES / page))
    [article] = document["articles"]  # type: ignore[misc]
    assert article["published"] == published
    assert article["published_source"] == "metadata"
    assert article["url"] == url
    assert "warning" not in stderr


@pytest.mark.parametrize("page", sorted(PAGES))
def test_boilerplate_dates_never_become_events(page: str) -> None:
    *_, boilerplate = PAGES[page]
    document, _ = _extract(str(SAMPLES / page))
    events = document["events"]
    assert isinstance(events, list) and events
    for event in events:
        for date_text in boilerplate:
            assert date_text not in event["text"], (date_text, event["text"])


def test_title_comes_from_the_page_not_the_site_name() -> None:
    document, _ = _extract(str(SAMPLES / "library-reopens.html"))
    assert document["title"] == "Eastbrook library reopens after flood repairs"


def test_offsets_index_the_extracted_main_text() -> None:
    articles = timeline.read_articles([str(SAMPLES / "ferry-strike.html")])
    [article] = articles
    assert not article.text.startswith("Ferry crews walk out")  # the headline is the title
    assert "Most read" not in article.text and "cookies" not in article.text
    expressions = timeline.tag(article)
    assert [e.text for e in expressions][:3] == ["Thursday morning", "Wednesday", "Sunday"]
    for expression in expressions:
        assert article.text[expression.start : expression.end] == expression.text


def test_windows_1252_page_is_decoded() -> None:
    [article] = timeline.read_articles([str(SAMPLES / "tram-extension.html")])
    assert "René Caruso" in article.text
    assert "“We waited seven years for this,”" in article.text


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


STORY = (
    "<article><h1>Dam opens</h1>"
    "<p>The new dam on the river opened on Tuesday after four years of building work, "
    "the regional water board said in a statement to the press.</p>"
    "<p>Work began in March 2019 and cost far more than planned, the board said.</p>"
    "</article>"
)
SIDEBAR = (
    '<aside><h2>Events</h2><ul><li><time datetime="2019-03-08">8 March</time> Fair</li></ul>'
    "</aside>"
)


def test_page_without_metadata_is_undated_and_warned_about(tmp_path: Path) -> None:
    page = tmp_path / "dam.html"
    page.write_text(_page("<title>Dam opens</title>", STORY + SIDEBAR), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page)])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["articles"][0]["published"] is None
    assert document["articles"][0]["published_source"] == "none"
    assert [e["date"]["value"] for e in document["events"]] == ["2019-03"]  # absolute only
    assert "warning" in result.stderr and "dam.html" in result.stderr
    assert "-p YYYY-MM-DD" in result.stderr


def test_date_line_in_the_main_text_dates_a_page_without_metadata(tmp_path: Path) -> None:
    story = STORY.replace("<h1>Dam opens</h1>", "<h1>Dam opens</h1><p>Published: 2021-06-10</p>")
    [article] = read_html_articles(_page("", story), "dam.html")
    assert (article.published, article.published_source) == (dt.date(2021, 6, 10), "text")
    assert "Published" not in article.text


def test_modified_date_is_not_the_publication_date() -> None:
    head = '<meta property="article:modified_time" content="2021-06-12T10:00:00Z">'
    [article] = read_html_articles(_page(head, STORY), "dam.html")
    assert article.published is None


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ('<meta name="pubdate" content="20210610">', "2021-06-10"),
        ('<meta name="DC.date" content="10.06.2021">', "2021-06-10"),
        ('<meta itemprop="datePublished" content="2021-06-10T23:30:00-05:00">', "2021-06-10"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, '
            '{"@type": ["NewsArticle"], "datePublished": "Thu, 10 Jun 2021 08:00:00 GMT"}]}'
            "</script>",
            "2021-06-10",
        ),
    ],
)
def test_metadata_styles(head: str, published: str) -> None:
    [article] = read_html_articles(_page(head, STORY), "dam.html")
    assert article.published == dt.date.fromisoformat(published)
    assert article.published_source == "metadata"


def test_option_wins_over_metadata() -> None:
    document, _ = _extract(str(SAMPLES / "ferry-strike.html"), "-p", "2024-05-20")
    assert document["articles"][0]["published"] == "2024-05-20"  # type: ignore[index]
    assert document["articles"][0]["published_source"] == "option"  # type: ignore[index]


def test_page_with_no_article_text_is_an_input_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text(_page("<title>x</title>", "<nav><a href='/'>Home</a></nav>"), "utf-8")
    result = CliRunner().invoke(app, ["extract", str(page)])
    assert result.exit_code == 2
    assert re.fullmatch(
        r"timeline: .*empty\.html: no article text found in the page\n", result.stderr
    )
