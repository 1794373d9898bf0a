"""The TimelineJS sheet CSV exporter and the date labels it shares with TimelineJS JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from timeline.exporters import get_renderer
from timeline.exporters.csv_sheet import render
from timeline.exporters.display import display_date
from timeline.models import (
    ArticleInfo,
    Event,
    EventDate,
    GranularityName,
    TimeExpression,
    Timeline,
)

D = dt.date
HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)
DATE_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time")


def make_event(
    event_id: str,
    value: str,
    granularity: GranularityName,
    start: dt.date,
    end: dt.date,
    *,
    text: str = "Troops began to withdraw.",
    article_id: str = "a1",
) -> Event:
    return Event(
        id=event_id,
        headline=f"Headline {event_id}",
        text=text,
        article_id=article_id,
        confidence=0.9,
        date=EventDate(value=value, granularity=granularity, start=start, end=end),
        expression=TimeExpression(text="then", start=0, end=4, type="DATE", value=value),
    )


ARTICLES = (
    ArticleInfo(
        id="a1",
        title="US troops leave Syria",
        published=D(2018, 12, 20),
        source="syria.txt",
        url="https://example.com/news?id=1&page=2",
    ),
    ArticleInfo(id="a2", source="<stdin>", url="javascript:alert(1)"),
)
EVENTS = (
    make_event("day", "2018-12-19", "day", D(2018, 12, 19), D(2018, 12, 19)),
    make_event("week", "2018-W50", "week", D(2018, 12, 10), D(2018, 12, 16)),
    make_event("month", "2018-09", "month", D(2018, 9, 1), D(2018, 9, 30), article_id="a2"),
    make_event("year", "2018", "year", D(2018, 1, 1), D(2018, 12, 31)),
    make_event(
        "html",
        "2018-12-20",
        "day",
        D(2018, 12, 20),
        D(2018, 12, 20),
        text='Aid <b>fell</b> by 5% & "stalled",\nofficials said.',
    ),
)
TIMELINE = Timeline(title="Syria & the US", articles=ARTICLES, events=EVENTS)


def rows(timeline: Timeline = TIMELINE) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render(timeline), newline="")))


def event_row(headline: str) -> dict[str, str]:
    (row,) = (row for row in rows() if row["Headline"] == headline)
    return row


def dates(row: dict[str, str]) -> dict[str, str]:
    """The non-empty date columns of a row."""
    return {column: row[column] for column in DATE_COLUMNS if row[column]}


def test_registered_as_the_csv_format() -> None:
    assert get_renderer("csv") is render


def test_header_is_the_timelinejs_sheet_layout() -> None:
    assert render(TIMELINE).split("\n", 1)[0] == HEADER


def test_lines_end_with_a_bare_newline() -> None:
    text = render(TIMELINE)
    assert "\r" not in text
    assert text.endswith("\n")


def test_one_title_row_then_one_row_per_event() -> None:
    parsed = rows()
    assert [row["Headline"] for row in parsed[1:]] == [event.headline for event in EVENTS]
    title = parsed[0]
    assert (title["Type"], title["Headline"]) == ("title", "Syria & the US")
    assert dates(title) == {}
    assert all(row["Type"] == "" for row in parsed[1:])


def test_untitled_timeline_gets_a_default_title_slide() -> None:
    title = rows(Timeline(events=EVENTS[:1]))[0]
    assert (title["Type"], title["Headline"]) == ("title", "Timeline")


def test_day_row_has_a_date_and_no_end_or_label() -> None:
    row = event_row("Headline day")
    assert dates(row) == {"Year": "2018", "Month": "12", "Day": "19"}
    assert row["Display Date"] == ""


def test_week_row_has_start_and_end() -> None:
    row = event_row("Headline week")
    assert dates(row) == {
        "Year": "2018",
        "Month": "12",
        "Day": "10",
        "End Year": "2018",
        "End Month": "12",
        "End Day": "16",
    }
    assert row["Display Date"] == "Week of December 10, 2018"


def test_month_row_has_year_and_month_but_no_day() -> None:
    row = event_row("Headline month")
    assert dates(row) == {"Year": "2018", "Month": "9"}
    assert row["Display Date"] == "September 2018"


def test_year_row_has_the_year_alone() -> None:
    row = event_row("Headline year")
    assert dates(row) == {"Year": "2018"}
    assert row["Display Date"] == "2018"


def test_range_that_is_not_a_whole_month_or_year_gets_start_and_end() -> None:
    quarter = make_event("q", "2018-Q3", "quarter", D(2018, 7, 1), D(2018, 9, 30))
    (_, row) = rows(Timeline(events=(quarter,)))
    assert (row["Year"], row["Month"], row["Day"]) == ("2018", "7", "1")
    assert (row["End Year"], row["End Month"], row["End Day"]) == ("2018", "9", "30")
    assert row["Display Date"] == "Q3 2018"


def test_html_in_the_sentence_is_escaped_and_the_sentence_survives_the_round_trip() -> None:
    text = event_row("Headline html")["Text"]
    sentence = 'Aid &lt;b>fell&lt;/b> by 5% & "stalled",\nofficials said.'
    assert text.startswith(f"<p>{sentence}</p>")
    assert "<b>" not in text


def test_headline_is_escaped() -> None:
    event = make_event("<i>", "2018-12-19", "day", D(2018, 12, 19), D(2018, 12, 19))
    assert rows(Timeline(events=(event,)))[1]["Headline"] == "Headline &lt;i>"


def test_source_line_links_the_article() -> None:
    text = event_row("Headline day")["Text"]
    assert text.endswith(
        '<p>Source: <a href="https://example.com/news?id=1&amp;page=2">'
        "US troops leave Syria</a></p>"
    )


def test_source_line_does_not_link_a_non_web_url() -> None:
    text = event_row("Headline month")["Text"]
    assert text.endswith("<p>Source: &lt;stdin></p>")
    assert "javascript" not in text


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end", "mod", "label"),
    [
        ("2018-12-19", "day", D(2018, 12, 19), D(2018, 12, 19), None, None),
        ("2018-W50", "week", D(2018, 12, 10), D(2018, 12, 16), None, "Week of December 10, 2018"),
        (
            "2018-W50-WE",
            "day",
            D(2018, 12, 15),
            D(2018, 12, 16),
            None,
            "Weekend of December 15, 2018",
        ),
        ("2018-09", "month", D(2018, 9, 1), D(2018, 9, 30), None, "September 2018"),
        ("2018-Q3", "quarter", D(2018, 7, 1), D(2018, 9, 30), None, "Q3 2018"),
        ("2018-H1", "half", D(2018, 1, 1), D(2018, 6, 30), None, "H1 2018"),
        ("2018-SU", "season", D(2018, 6, 1), D(2018, 8, 31), None, "Summer 2018"),
        ("2018-WI", "season", D(2018, 12, 1), D(2019, 2, 28), None, "Winter 2018"),
        ("2018", "year", D(2018, 1, 1), D(2018, 12, 31), None, "2018"),
        ("2019", "year", D(2019, 1, 1), D(2019, 12, 31), "START", "Early 2019"),
        ("199", "decade", D(1990, 1, 1), D(1999, 12, 31), None, "1990s"),
        ("199", "decade", D(1990, 1, 1), D(1999, 12, 31), "END", "Late 1990s"),
        ("19", "century", D(1900, 1, 1), D(1999, 12, 31), None, "20th century"),
        ("20", "century", D(2000, 1, 1), D(2099, 12, 31), None, "21st century"),
        (
            "2018-12-20TMO",
            "time",
            D(2018, 12, 20),
            D(2018, 12, 20),
            None,
            "December 20, 2018, morning",
        ),
        (
            "2018-12-20T14:30",
            "time",
            D(2018, 12, 20),
            D(2018, 12, 20),
            None,
            "December 20, 2018, 14:30",
        ),
    ],
)
def test_display_date(
    value: str,
    granularity: GranularityName,
    start: dt.date,
    end: dt.date,
    mod: str | None,
    label: str | None,
) -> None:
    date = EventDate(value=value, granularity=granularity, start=start, end=end, mod=mod)
    assert display_date(date) == label


def test_a_url_with_a_line_break_never_becomes_a_link() -> None:
    """The same rule as the calendar's URL: a CR/LF or a script address is no link."""
    from timeline.exporters.event_html import article_html
    from timeline.models import ArticleInfo

    for url in ("http://ex.com/a\r\nX: 1", "javascript:alert(1)"):
        info = ArticleInfo(id="a", title="T", source="s", url=url)
        assert "<a " not in article_html(info)
    ok = ArticleInfo(id="a", title="T", source="s", url="https://ex.com/a")
    assert article_html(ok) == '<a href="https://ex.com/a">T</a>'
