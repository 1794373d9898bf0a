"""The iCalendar exporter, read back by icalendar and by the independent parser vobject."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from timeline.exporters import get_renderer
from timeline.exporters.ics import render
from timeline.models import (
    ArticleInfo,
    Event,
    EventDate,
    GranularityName,
    TimeExpression,
    Timeline,
)

D = dt.date


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
        url="https://example.com/news/syria?id=1,2",
    ),
    ArticleInfo(id="a2", published=D(2018, 12, 21), source="<stdin>"),
    ArticleInfo(id="a3", title="Undated", source="old.txt"),
)
EVENTS = (
    make_event("day", "2018-12-19", "day", D(2018, 12, 19), D(2018, 12, 19)),
    make_event("week", "2018-W50", "week", D(2018, 12, 10), D(2018, 12, 16)),
    make_event("month", "2018-09", "month", D(2018, 9, 1), D(2018, 9, 30), article_id="a2"),
    make_event("year", "2018", "year", D(2018, 1, 1), D(2018, 12, 31)),
    make_event("time", "2018-12-20TMO", "time", D(2018, 12, 20), D(2018, 12, 20)),
)
TIMELINE = Timeline(title="Syria, 2018; withdrawal", articles=ARTICLES, events=EVENTS)


def vevents(text: str) -> dict[str, Any]:
    """The parsed VEVENTs keyed by summary, so a test can name the event it checks."""
    calendar = Calendar.from_ical(text)
    return {str(component["SUMMARY"]): component for component in calendar.walk("VEVENT")}


def test_registered_as_the_ics_format() -> None:
    assert get_renderer("ics") is render


def test_calendar_properties() -> None:
    calendar = Calendar.from_ical(render(TIMELINE))
    assert str(calendar["PRODID"]) == "-//news-timeline//timeline//EN"
    assert str(calendar["VERSION"]) == "2.0"


def test_calendar_name_is_the_title_with_commas_and_semicolons_intact() -> None:
    # icalendar reads X- properties back raw, so the unescaped value comes from vobject.
    assert vobject.readOne(render(TIMELINE)).x_wr_calname.value == "Syria, 2018; withdrawal"


def test_no_calendar_name_without_a_title() -> None:
    calendar = Calendar.from_ical(render(Timeline(articles=ARTICLES, events=EVENTS)))
    assert "X-WR-CALNAME" not in calendar


@pytest.mark.parametrize(
    ("summary", "start", "end", "granularity", "timex"),
    [
        ("Headline day", D(2018, 12, 19), D(2018, 12, 20), "day", "2018-12-19"),
        ("Headline week", D(2018, 12, 10), D(2018, 12, 17), "week", "2018-W50"),
        ("Headline month", D(2018, 9, 1), D(2018, 10, 1), "month", "2018-09"),
        ("Headline year", D(2018, 1, 1), D(2019, 1, 1), "year", "2018"),
        ("Headline time", D(2018, 12, 20), D(2018, 12, 21), "time", "2018-12-20TMO"),
    ],
)
def test_events_are_all_day_spans_with_an_exclusive_end(
    summary: str, start: dt.date, end: dt.date, granularity: str, timex: str
) -> None:
    vevent = vevents(render(TIMELINE))[summary]
    # A datetime is a date subclass: check the exact type, or a timed event would pass.
    assert type(vevent["DTSTART"].dt) is dt.date
    assert type(vevent["DTEND"].dt) is dt.date
    assert (vevent["DTSTART"].dt, vevent["DTEND"].dt) == (start, end)
    assert str(vevent["X-TIMELINE-GRANULARITY"]) == granularity
    assert str(vevent["X-TIMELINE-TIMEX"]) == timex


def test_dates_are_written_as_value_date() -> None:
    text = render(TIMELINE)
    assert "DTSTART;VALUE=DATE:20181210\r\n" in text
    assert "DTEND;VALUE=DATE:20181217\r\n" in text


def test_every_dtend_is_after_its_dtstart() -> None:
    last_day = make_event("last", "99", "century", D(9900, 1, 1), D(9999, 12, 31))
    timeline = Timeline(articles=ARTICLES, events=(*EVENTS, last_day))
    parsed = list(vevents(render(timeline)).values())
    assert len(parsed) == len(EVENTS) + 1
    for vevent in parsed:
        assert vevent["DTEND"].dt > vevent["DTSTART"].dt


def test_uids_are_stable_across_runs_and_distinct_across_events() -> None:
    first = [str(v["UID"]) for v in vevents(render(TIMELINE)).values()]
    again = [str(v["UID"]) for v in vevents(render(TIMELINE.model_copy())).values()]
    assert first == again
    assert len(set(first)) == len(EVENTS)
    assert all(uid.endswith("@news-timeline") for uid in first)


def test_uid_follows_the_event_id_not_its_position() -> None:
    reordered = Timeline(articles=ARTICLES, events=tuple(reversed(EVENTS)))
    uids = {name: str(v["UID"]) for name, v in vevents(render(TIMELINE)).items()}
    assert uids == {name: str(v["UID"]) for name, v in vevents(render(reordered)).items()}


def test_output_is_byte_identical_across_runs() -> None:
    copy = Timeline.model_validate(TIMELINE.model_dump(mode="json"))
    assert render(TIMELINE).encode() == render(copy).encode()


def test_dtstamp_is_the_latest_publication_date_at_midnight_utc() -> None:
    for vevent in vevents(render(TIMELINE)).values():
        assert vevent["DTSTAMP"].dt == dt.datetime(2018, 12, 21, tzinfo=dt.timezone.utc)


def test_dtstamp_is_the_epoch_when_no_article_has_a_date() -> None:
    undated = Timeline(articles=(ARTICLES[2],), events=EVENTS[:1])
    (vevent,) = vevents(render(undated)).values()
    assert vevent["DTSTAMP"].dt == dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def test_description_has_the_sentence_source_and_url() -> None:
    parsed = vevents(render(TIMELINE))
    assert str(parsed["Headline day"]["DESCRIPTION"]) == (
        "Troops began to withdraw.\n\nSource: US troops leave Syria\n"
        "https://example.com/news/syria?id=1,2"
    )
    assert str(parsed["Headline day"]["URL"]) == "https://example.com/news/syria?id=1,2"


def test_untitled_article_is_named_by_its_source_and_has_no_url() -> None:
    month = vevents(render(TIMELINE))["Headline month"]
    assert str(month["DESCRIPTION"]) == "Troops began to withdraw.\n\nSource: <stdin>"
    assert "URL" not in month


def test_event_of_an_unknown_article_keeps_its_sentence() -> None:
    orphan = make_event("orphan", "2018-12-19", "day", D(2018, 12, 19), D(2018, 12, 19))
    (vevent,) = vevents(render(Timeline(events=(orphan,)))).values()
    assert str(vevent["DESCRIPTION"]) == "Troops began to withdraw."


def test_vobject_validates_and_reads_the_same_events() -> None:
    text = render(TIMELINE)
    calendar = vobject.readOne(text)
    calendar.validate()
    read = calendar.vevent_list
    assert len(read) == len(EVENTS)
    assert [e.summary.value for e in read] == [e.headline for e in EVENTS]
    assert [e.dtend.value for e in read] == [v["DTEND"].dt for v in vevents(text).values()]


def test_vobject_reads_escaped_and_folded_text_back_unchanged() -> None:
    # Escapes, a newline, and non-ASCII long enough to be folded inside multi-byte text.
    tricky = 'Talks; a deal, \\ "done"\nmaybe. ' + "Erdoğan — «غادرت القوات» " * 5
    event = make_event("x", "2018-12-19", "day", D(2018, 12, 19), D(2018, 12, 19), text=tricky)
    calendar = vobject.readOne(render(Timeline(articles=ARTICLES, events=(event,))))
    calendar.validate()
    assert calendar.vevent.description.value.startswith(tricky + "\n\nSource: ")
