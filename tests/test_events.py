"""Events an editor would keep: headlines, one date per event, merging, status, captions."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.api import articles_from_text
from timeline.captions import is_caption_line
from timeline.headlines import headline_of
from timeline.merge import dates_compatible
from timeline.models import EventDate, Timeline
from timeline.pipeline import ExtractOptions, extract

PUBLISHED = dt.date(2018, 12, 20)


def timeline_of(text: str, **options: object) -> Timeline:
    articles = articles_from_text(text, published=PUBLISHED)
    return extract(articles, options=ExtractOptions(**options))  # type: ignore[arg-type]


def headline(sentence: str, expression: str) -> str:
    start = sentence.index(expression)
    return headline_of(sentence, start, start + len(expression))


class TestHeadlines:
    def test_time_expression_and_its_preposition_are_removed(self) -> None:
        sentence = (
            "The United States began on Wednesday withdrawing its troops from Syria, "
            "citing the defeat of the ISIS terrorist group."
        )
        assert headline(sentence, "Wednesday") == (
            "The United States began withdrawing its troops from Syria"
        )

    def test_quote_becomes_speaker_and_statement(self) -> None:
        sentence = (
            '"Americans will remain on the ground after the physical defeat of the '
            "'caliphate',\" McGurk told reporters on December 11."
        )
        result = headline(sentence, "December 11")
        assert result.startswith("McGurk: Americans will remain on the ground")

    def test_appositive_keeps_the_name(self) -> None:
        sentence = (
            "Trump's national security adviser, John Bolton, said in September that the US "
            "would stay."
        )
        assert headline(sentence, "September") == "John Bolton said the US would stay"

    def test_attribution_tail_is_dropped(self) -> None:
        sentence = "The bridge reopened to traffic on Tuesday, city officials said."
        assert headline(sentence, "Tuesday") == "The bridge reopened to traffic"

    @pytest.mark.parametrize(
        "sentence",
        [
            "and two weeks ago " + "the committee debated the long and winding proposal " * 5,
            "yesterday the mayor said it.",
        ],
    )
    def test_short_and_capitalised(self, sentence: str) -> None:
        words = sentence.split()
        expression = "two weeks ago" if "two weeks ago" in sentence else words[0]
        result = headline(sentence, expression)
        assert 10 <= len(result) <= 100
        assert result[0].isupper()


class TestOneDatePerEvent:
    def test_most_precise_date_wins_and_others_stay_in_the_text(self) -> None:
        result = timeline_of(
            "Bus Lane\n\nCouncillor Ada Moss, who proposed the lane in 2021, said on Monday "
            "that buses may use it.\n"
        )
        assert [e.date.value for e in result.events] == ["2018-12-17"]

    def test_sentence_reporting_two_things_becomes_two_events(self) -> None:
        result = timeline_of(
            "Budget\n\nA public hearing on the plan will be held on Monday, January 7, and the "
            "council will vote on the budget in March.\n"
        )
        assert [(e.date.value, e.headline) for e in result.events] == [
            ("2019-01-07", "A public hearing on the plan will be held"),
            ("2019-03", "The council will vote on the budget"),
        ]


class TestMerging:
    TEXT = (
        "Envoy\n\nJust last week, the envoy, Brett McGurk, said troops would remain in Syria.\n\n"
        '"Americans will remain on the ground," McGurk told reporters on December 11.\n\n'
        "Sudani met Pezeshkian on Wednesday.\n\nSudani landed in Tehran on Wednesday.\n"
    )

    def test_same_event_reported_twice_is_one_event_with_the_precise_date(self) -> None:
        events = timeline_of(self.TEXT).events
        mcgurk = [e for e in events if "McGurk" in e.text]
        assert len(mcgurk) == 1
        assert mcgurk[0].date.value == "2018-12-11"
        assert len(mcgurk[0].sources) == 2

    def test_same_actor_alone_is_not_the_same_event(self) -> None:
        events = timeline_of(self.TEXT).events
        assert len([e for e in events if "Sudani" in e.text]) == 2

    def test_no_merge_keeps_mentions_apart(self) -> None:
        events = timeline_of(self.TEXT, merge=False).events
        assert len([e for e in events if "McGurk" in e.text]) == 2

    def test_identical_sentences_across_articles_merge(self) -> None:
        article = "Title {n}\n\nThe dam opened on Tuesday after years of work, officials said.\n"
        articles = articles_from_text(
            article.format(n=1) + "\n\n\n" + article.format(n=2), published=PUBLISHED
        )
        events = extract(articles).events
        assert len(events) == 1
        assert {s.article_id for s in events[0].sources} == {a.id for a in articles}

    def test_date_compatibility(self) -> None:
        week = EventDate(
            value="2018-W50",
            granularity="week",
            start=dt.date(2018, 12, 10),
            end=dt.date(2018, 12, 16),
        )
        day = EventDate(
            value="2018-12-11",
            granularity="day",
            start=dt.date(2018, 12, 11),
            end=dt.date(2018, 12, 11),
        )
        year = EventDate(
            value="2018", granularity="year", start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31)
        )
        assert dates_compatible(week, day)
        assert not dates_compatible(year, day)  # too wide to say it is the same event


class TestStatus:
    def test_future_and_plans_are_expected(self) -> None:
        events = timeline_of(
            "Plans\n\nThe council will vote on Friday.\n\nThe council voted on Monday.\n\n"
            "The State Department is evacuating its staff within 24 hours, an official said.\n"
        ).events
        status = {e.headline: e.status for e in events}
        assert status["The council will vote"] == "expected"
        assert status["The council voted"] == "reported"
        evacuation = next(e for e in events if "evacuating" in e.text)
        assert evacuation.status == "expected"
        assert (evacuation.date.start, evacuation.date.end) == (PUBLISHED, dt.date(2018, 12, 21))
        assert evacuation.date.mod == "ON_OR_BEFORE"

    def test_confidence_orders_explicit_weekday_anaphora(self) -> None:
        events = timeline_of(
            "Talks\n\nTalks began on March 3, 2015.\n\nThey resumed on Friday.\n\n"
            "The next day they collapsed.\n"
        ).events
        by_text = {e.expression.text: e.confidence for e in events}
        assert by_text["March 3, 2015"] > by_text["Friday"] > by_text["The next day"]


class TestCaptions:
    TEXT = (
        "Storm\n\nWaves crash on the pier in Dover, March 3, 2017. (Reuters)\n\n"
        "The storm reached the coast on Sunday, officials said.\n"
    )

    def test_caption_dates_are_not_events_by_default(self) -> None:
        assert [e.date.value for e in timeline_of(self.TEXT).events] == ["2018-12-16"]

    def test_include_captions(self) -> None:
        values = [e.date.value for e in timeline_of(self.TEXT, include_captions=True).events]
        assert values == ["2017-03-03", "2018-12-16"]

    @pytest.mark.parametrize(
        ("line", "caption"),
        [
            ("Sudani and Pezeshkian hold a press conference in Tehran. (Iranian presidency)", True),
            ("Photo: the new reading room on opening day", True),
            ("The library opened (after a long wait).", False),
            ("The council approved the plan on Thursday.", False),
        ],
    )
    def test_caption_lines(self, line: str, caption: bool) -> None:
        assert is_caption_line(line) is caption


class TestFiltersAndOrder:
    TEXT = (
        "Log\n\nThe dam opened on March 3, 2015.\n\nThe vote is set for January 10, 2019.\n\n"
        "Repairs began last week.\n\nThe minister resigned on Monday.\n"
    )

    def test_sorted_by_start_date(self) -> None:
        starts = [e.date.start for e in timeline_of(self.TEXT).events]
        assert starts == sorted(starts)

    def test_since_until_test_overlap(self) -> None:
        events = timeline_of(
            self.TEXT, since=dt.date(2018, 12, 12), until=dt.date(2018, 12, 31)
        ).events
        assert [e.date.value for e in events] == ["2018-W50", "2018-12-17"]

    def test_status_and_confidence_filters(self) -> None:
        expected = timeline_of(self.TEXT, status="expected").events
        assert [e.date.value for e in expected] == ["2019-01-10"]
        confident = timeline_of(self.TEXT, min_confidence=0.9).events
        assert all(e.confidence >= 0.9 for e in confident) and len(confident) == 2


class TestPresentation:
    TEXT = (
        "Vote\n\nThe council will vote on Friday.\n\nThe council voted on Monday, officials said.\n"
    )

    def test_timelinejs_marks_expected_events_and_the_expression(self) -> None:
        import json

        from timeline.exporters import get_renderer

        document = json.loads(get_renderer("timelinejs")(timeline_of(self.TEXT)))
        slides = {s["text"]["headline"]: s for s in document["events"]}
        expected = slides["The council will vote"]
        assert "Expected" in expected["text"]["text"]
        assert "background" in expected
        reported = slides["The council voted"]
        assert "Expected" not in reported["text"]["text"]
        assert "background" not in reported
        assert "<mark>Monday</mark>" in reported["text"]["text"]

    def test_ics_marks_expected_events_tentative(self) -> None:
        from icalendar import Calendar

        from timeline.exporters import get_renderer

        calendar = Calendar.from_ical(get_renderer("ics")(timeline_of(self.TEXT)))
        status = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
        assert status == {
            "The council will vote": "TENTATIVE",
            "The council voted": "CONFIRMED",
        }


class TestCaptionAsMedia:
    TEXT = (
        "Storm\n\nWaves crash on the pier in Dover, March 3, 2017. (Reuters)\n\n"
        "The storm reached the coast on Sunday, officials said.\n\n"
        "The harbour reopened on Monday.\n"
    )

    def test_caption_goes_to_the_lead_event(self) -> None:
        events = timeline_of(self.TEXT).events
        lead = next(e for e in events if "storm reached" in e.text)
        assert lead.media is not None
        assert lead.media.caption == "Waves crash on the pier in Dover, March 3, 2017."
        assert lead.media.credit == "Reuters"
        assert all(e.media is None for e in events if e is not lead)

    def test_exports_carry_the_caption(self) -> None:
        import csv
        import io
        import json

        from timeline.exporters import get_renderer

        result = timeline_of(self.TEXT)
        slides = json.loads(get_renderer("timelinejs")(result))["events"]
        lead = next(s for s in slides if "storm reached" in s["text"]["text"])
        assert "Photo: Waves crash on the pier" in lead["text"]["text"]
        rows = list(csv.DictReader(io.StringIO(get_renderer("csv")(result))))
        captioned = [r for r in rows if r["Media Caption"]]
        assert [(r["Media Caption"], r["Media Credit"]) for r in captioned] == [
            ("Waves crash on the pier in Dover, March 3, 2017.", "Reuters")
        ]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        (
            "The summer folk festival will take place from 12 to 14 July 2024, "
            "organisers said on Friday.",
            "14 July 2024",
            "The summer folk festival will take place",
        ),
        (
            "Night trains will run again between the capital and the coast from 15 April, "
            "the rail operator announced today.",
            "15 April",
            "Night trains will run again between the capital and the coast",
        ),
    ],
)
def test_headline_drops_range_starts_and_dated_attributions(
    sentence: str, expression: str, expected: str
) -> None:
    assert headline(sentence, expression) == expected
