"""Deictic and anaphoric expressions: counted from the reference date or the last date named."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag_text

REF = dt.date(2018, 12, 20)  # a Thursday


def tags(text: str, reference: dt.date | None = REF) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in tag_text(text, reference)]


class TestDeictic:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("yesterday", ("yesterday", "2018-12-19")),
            ("this week", ("this week", "2018-W51")),
            ("last month", ("last month", "2018-11")),
            ("next year", ("next year", "2019")),
            ("two years ago", ("two years ago", "2016")),
            ("two weeks ago", ("two weeks ago", "2018-W49")),
            ("the past year", ("the past year", "2017")),
            ("the current fiscal year", ("the current fiscal year", "2018")),
            ("this century", ("this century", "20")),
        ],
    )
    def test_from_the_reference(self, text: str, expected: tuple[str, str]) -> None:
        assert tags(text) == [expected]

    def test_vague_references(self) -> None:
        assert tags("He recently left.") == [("recently", "PAST_REF")]
        assert tags("It is now clear.") == [("now", "PRESENT_REF")]
        assert tags("in the coming years") == [("the coming years", "FUTURE_REF")]
        assert tags("in the near future") == [("the near future", "FUTURE_REF")]
        assert tags("several years ago") == [("several years ago", "PAST_REF")]

    def test_now_is_the_present_also_opening_a_sentence(self) -> None:
        # TimeML annotates "Now," at the start of a sentence as PRESENT_REF too.
        assert tags("Iraq was ready. Now, he says, it looks bad.") == [("Now", "PRESENT_REF")]
        assert tags("Now the court has ruled.") == [("Now", "PRESENT_REF")]
        assert tags("For now, the embassy is closed.") == [("now", "PRESENT_REF")]

    def test_at_this_time_and_at_that_time(self) -> None:
        assert tags("At this time, Congress cut funds.") == [("At this time", "PRESENT_REF")]
        assert tags("On 4 May 1970 the guard fired; at that time few knew.") == [
            ("4 May 1970", "1970-05-04"),
            ("at that time", "1970-05-04"),
        ]

    def test_earlier_and_later_this_year(self) -> None:
        found = tag_text("earlier this year and later this month", REF)
        assert [(e.text, e.value, e.mod) for e in found] == [
            ("earlier this year", "2018", "START"),
            ("later this month", "2018-12", None),
        ]

    def test_counted_back_with_a_qualifier(self) -> None:
        found = tag_text("about three years ago", REF)
        assert [(e.text, e.value, e.mod) for e in found] == [
            ("about three years ago", "2015", "APPROX")
        ]

    def test_needs_a_reference_date(self) -> None:
        found = tag_text("He left yesterday.", None)
        assert [(e.text, e.value) for e in found] == [("yesterday", None)]
        assert found[0].reason is not None and "publication date" in found[0].reason


class TestWeekdaysFollowTense:
    def test_past_and_future(self) -> None:
        assert tags("The talks ended on Friday.") == [("Friday", "2018-12-14")]
        assert tags("They will vote on Friday.") == [("Friday", "2018-12-21")]
        assert tags("The team planned to leave on Monday.") == [("Monday", "2018-12-24")]

    def test_the_nearest_verb_decides_not_the_first_cue(self) -> None:
        # a regular past verb next to the weekday beats "will" earlier in the sentence
        text = "Exiles will fight the ruling, Cuba predicted Wednesday."
        assert tags(text) == [("Wednesday", "2018-12-19")]
        # a passive participle is no past tense: "will" decides
        text = "Qantas will double its flights by Friday in markets untouched by the crisis."
        assert tags(text) == [("Friday", "2018-12-21")]
        assert tags("The plant, which is based here, will reopen Monday.") == [
            ("Monday", "2018-12-24")
        ]

    def test_a_long_sentence_keeps_its_cue(self) -> None:
        # the sentence start lies far back: the look-back window must grow to reach "will"
        text = "It ended. " * 40 + "They will vote " + "and argue " * 60 + "on Friday."
        assert tags(text) == [("Friday", "2018-12-21")]

    def test_relations(self) -> None:
        assert tags("next Monday") == [("next Monday", "2018-12-24")]
        assert tags("last Monday") == [("last Monday", "2018-12-17")]
        assert tags("this coming Sunday") == [("this coming Sunday", "2018-12-23")]


class TestAnaphora:
    def test_counts_from_the_last_date_mentioned(self) -> None:
        text = (
            "The talks began on March 3, 2015. Two days later they collapsed; the next day he left."
        )
        found = tag_text(text, REF)
        assert [(e.value, e.anchor) for e in found] == [
            ("2015-03-03", None),
            ("2015-03-05", "previous"),
            ("2015-03-06", "previous"),
        ]

    def test_coarser_anaphora_keep_their_unit(self) -> None:
        text = "It opened in June 1998 and closed the following month; later that year it sold."
        assert tags(text) == [
            ("June 1998", "1998-06"),
            ("the following month", "1998-07"),
            ("later that year", "1998"),
        ]

    def test_previous_weekday_and_year_earlier(self) -> None:
        text = "Stocks fell on Oct. 27, 1989, down from the previous Friday and a year earlier."
        assert tags(text) == [
            ("Oct. 27, 1989", "1989-10-27"),
            ("the previous Friday", "1989-10-20"),
            ("a year earlier", "1988"),
        ]

    def test_counting_back_before_year_one_is_out_of_range(self) -> None:
        found = tag_text("It began on 0001-01-01; sixty centuries earlier nothing.", REF)
        assert [(e.text, e.value) for e in found][1] == ("sixty centuries earlier", None)
        assert found[1].reason is not None and "range" in found[1].reason

    def test_without_any_date_counts_from_the_reference(self) -> None:
        found = tag_text("the next day", REF)
        assert [(e.value, e.anchor) for e in found] == [("2018-12-21", "publication")]
        assert [e.value for e in tag_text("the next day", None)] == [None]


class TestTheWeekend:
    def test_past_by_default_next_in_a_future_clause(self) -> None:
        monday = dt.date(1990, 8, 13)
        assert tags("officials said over the weekend", monday) == [("the weekend", "1990-W32-WE")]
        assert tags("they will meet over the weekend", monday) == [("the weekend", "1990-W33-WE")]
