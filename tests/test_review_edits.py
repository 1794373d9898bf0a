"""The reviewer's edits: pure functions on a timeline, provenance, undo and redo."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from timeline.exporters.json_format import render
from timeline.models import ArticleInfo, Event, EventDate, EventSource, TimeExpression, Timeline
from timeline.review.dates import EditError, resolve_date
from timeline.review.edits import (
    Approve,
    Delete,
    Draft,
    History,
    Merge,
    Restore,
    SetDate,
    SetHeadline,
    SetStatus,
    apply_edit,
)
from timeline.schemas import validate_document

PUBLISHED = dt.date(2018, 12, 20)


def make_event(n: int, headline: str, value: str, confidence: float = 0.85) -> Event:
    day = dt.date.fromisoformat(value)
    expression = TimeExpression(text="then", start=n * 10, end=n * 10 + 4, type="DATE", value=value)
    text = f"{headline} then, officials said."
    return Event(
        id=f"e-{n:012x}",
        headline=headline,
        text=text,
        article_id="a1",
        confidence=confidence,
        date=EventDate(value=value, granularity="day", start=day, end=day),
        expression=expression,
        sources=(EventSource(article_id="a1", text=text, expression=expression),),
    )


TIMELINE = Timeline(
    title="Withdrawal",
    articles=(ArticleInfo(id="a1", title="Troops", published=PUBLISHED, source="a1.txt"),),
    events=(
        make_event(1, "Decision finalized", "2018-12-18"),
        make_event(2, "Troops began leaving", "2018-12-19", 0.6),
        make_event(3, "Troops started to leave", "2018-12-19"),
    ),
)
FIRST, SECOND, THIRD = (event.id for event in TIMELINE.events)


def _date(typed: str) -> EventDate:
    return resolve_date(typed, PUBLISHED).date


def test_a_date_edit_keeps_the_machine_value_and_the_id() -> None:
    draft = apply_edit(Draft(TIMELINE), SetDate(FIRST, _date("the next day")))
    draft = apply_edit(draft, SetDate(FIRST, _date("March 3, 2019")))
    event = draft.event(FIRST)
    assert event.id == FIRST
    assert (event.date.value, event.date.granularity) == ("2019-03-03", "day")
    assert event.review is not None
    assert event.review.status == "edited"
    assert event.review.edited == ("date",)
    # The second edit still remembers what extraction said, not the first edit.
    assert event.review.original is not None
    assert event.review.original.date == TIMELINE.events[0].date
    # The saved order follows the new date.
    assert [e.id for e in draft.result().events] == [SECOND, THIRD, FIRST]


def test_headline_and_status_edits_are_recorded_field_by_field() -> None:
    draft = apply_edit(Draft(TIMELINE), SetHeadline(SECOND, "  US troops   leave Syria "))
    draft = apply_edit(draft, SetStatus(SECOND, "expected"))
    event = draft.event(SECOND)
    assert (event.headline, event.status) == ("US troops leave Syria", "expected")
    assert event.review is not None and event.review.original is not None
    assert event.review.edited == ("headline", "status")
    assert event.review.original.headline == "Troops began leaving"
    assert event.review.original.status == "reported"
    assert event.review.original.date is None


def test_an_empty_headline_is_refused() -> None:
    with pytest.raises(EditError, match="cannot be empty"):
        apply_edit(Draft(TIMELINE), SetHeadline(FIRST, "   "))


def test_approve_keeps_the_edits_and_marks_the_event_checked() -> None:
    draft = apply_edit(Draft(TIMELINE), SetHeadline(FIRST, "Trump's decision finalized"))
    draft = apply_edit(draft, Approve(FIRST))
    draft = apply_edit(draft, Approve(THIRD))
    edited, untouched = draft.event(FIRST), draft.event(THIRD)
    assert edited.review is not None and untouched.review is not None
    assert (edited.review.status, edited.review.edited) == ("approved", ("headline",))
    assert (untouched.review.status, untouched.review.edited) == ("approved", ())
    assert draft.event(SECOND).review is None


def test_delete_and_restore() -> None:
    draft = apply_edit(Draft(TIMELINE), Delete(SECOND))
    assert [e.id for e in draft.result().events] == [FIRST, THIRD]
    with pytest.raises(EditError, match="restore it first"):
        apply_edit(draft, Approve(SECOND))
    draft = apply_edit(draft, Restore(SECOND))
    assert [e.id for e in draft.result().events] == [FIRST, SECOND, THIRD]


def test_merge_keeps_every_source_and_the_best_confidence() -> None:
    draft = apply_edit(Draft(TIMELINE), Merge(into_id=SECOND, other_id=THIRD))
    merged = draft.event(SECOND)
    assert [e.id for e in draft.result().events] == [FIRST, SECOND]
    assert [s.text for s in merged.sources] == [
        "Troops began leaving then, officials said.",
        "Troops started to leave then, officials said.",
    ]
    assert merged.confidence == 0.85
    assert merged.headline == "Troops began leaving"
    assert merged.review is not None
    assert (merged.review.edited, merged.review.merged) == (("sources",), (THIRD,))
    with pytest.raises(EditError, match="no event"):
        draft.event(THIRD)
    with pytest.raises(EditError, match="two different"):
        apply_edit(draft, Merge(into_id=FIRST, other_id=FIRST))


def test_undo_and_redo_walk_the_history() -> None:
    history = History(Draft(TIMELINE))
    history = history.apply(Delete(FIRST)).apply(SetHeadline(SECOND, "Leaving"))
    assert history.undo().present.event(SECOND).headline == "Troops began leaving"
    back_to_start = history.undo().undo()
    assert back_to_start.present == Draft(TIMELINE)
    assert back_to_start.redo().redo().present == history.present
    with pytest.raises(EditError, match="nothing to undo"):
        back_to_start.undo()
    # A new edit after undoing drops what could have been redone.
    branched = history.undo().apply(Approve(THIRD))
    with pytest.raises(EditError, match="nothing to redo"):
        branched.redo()


def test_the_saved_timeline_is_schema_valid_and_unreviewed_events_are_unchanged() -> None:
    history = History(Draft(TIMELINE)).apply(SetDate(FIRST, _date("2018-W50")))
    history = history.apply(Merge(SECOND, THIRD))
    document = json.loads(render(history.present.result()))
    assert validate_document(document, "timeline") == []
    first, second = document["events"]
    assert first["review"] == {
        "status": "edited",
        "edited": ["date"],
        "original": {"date": TIMELINE.events[0].date.model_dump(mode="json")},
    }
    assert first["review"]["original"]["date"]["value"] == "2018-12-18"
    assert second["review"] == {"status": "edited", "edited": ["sources"], "merged": [THIRD]}
    # An event nobody touched is written exactly as before: no review key at all.
    untouched = json.loads(render(TIMELINE))["events"][0]
    assert "review" not in untouched
    assert Timeline.model_validate(document).events[0].review is not None


@pytest.mark.parametrize(
    ("typed", "value", "granularity", "start", "end"),
    [
        ("the next day", "2018-12-21", "day", "2018-12-21", "2018-12-21"),
        ("March 3, 2019", "2019-03-03", "day", "2019-03-03", "2019-03-03"),
        ("2019-03-03", "2019-03-03", "day", "2019-03-03", "2019-03-03"),
        ("2018-W50", "2018-W50", "week", "2018-12-10", "2018-12-16"),
        ("last week", "2018-W50", "week", "2018-12-10", "2018-12-16"),
        ("in September", "2018-09", "month", "2018-09-01", "2018-09-30"),
        ("2019-Q1", "2019-Q1", "quarter", "2019-01-01", "2019-03-31"),
    ],
)
def test_typed_dates_resolve_against_the_publication_date(
    typed: str, value: str, granularity: str, start: str, end: str
) -> None:
    date = resolve_date(typed, PUBLISHED).date
    assert (date.value, date.granularity, date.start.isoformat(), date.end.isoformat()) == (
        value,
        granularity,
        start,
        end,
    )


def test_a_typed_range_spans_both_ends() -> None:
    resolved = resolve_date("from 12 to 14 July 2019", PUBLISHED)
    date = resolved.date
    assert (date.value, date.end_value, date.start, date.end) == (
        "2019-07-12",
        "2019-07-14",
        dt.date(2019, 7, 12),
        dt.date(2019, 7, 14),
    )
    assert resolved.matched == "12 to 14 July 2019"


def test_an_impossible_day_says_why() -> None:
    with pytest.raises(EditError, match="February has no day 30"):
        resolve_date("February 30, 2019", PUBLISHED)


def test_a_qualified_phrase_keeps_its_modifier() -> None:
    assert resolve_date("early 2019", PUBLISHED).date.mod == "START"


@pytest.mark.parametrize(
    ("typed", "published", "message"),
    [
        ("2019-02-30", PUBLISHED, "not a possible calendar date"),
        ("February 30, 2019", PUBLISHED, "not a possible date"),
        ("P3W", PUBLISHED, "not a possible calendar date"),
        ("PAST_REF", PUBLISHED, "not a possible calendar date"),
        ("soon-ish", PUBLISHED, "no date found"),
        ("", PUBLISHED, "type a date"),
        ("yesterday", None, "does not have"),
    ],
)
def test_impossible_dates_are_refused(typed: str, published: dt.date | None, message: str) -> None:
    with pytest.raises(EditError, match=message):
        resolve_date(typed, published)
