"""Every rule's own examples run here, then behaviour a reader of the news would check."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from timeline.temporal import tag_text, tense
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.patterns import rx, word_spans
from timeline.temporal.rules import build_rules

EXAMPLES = [
    pytest.param(rule.name, text, reference, value, id=f"{rule.name}:{text}")
    for rule in build_rules(load_lexicon())
    for text, reference, value in rule.examples
]


def values(text: str, reference: str | None = "2018-12-20") -> list[str | None]:
    day = dt.date.fromisoformat(reference) if reference else None
    return [e.value for e in tag_text(text, day)]


def spans(text: str) -> list[str]:
    return [e.text for e in tag_text(text, dt.date(2018, 12, 20))]


@pytest.mark.parametrize(("rule", "text", "reference", "value"), EXAMPLES)
def test_rule_examples(rule: str, text: str, reference: str, value: str) -> None:
    found = tag_text(text, dt.date.fromisoformat(reference))
    assert [(e.rule, e.value) for e in found if e.rule == rule] == [(rule, value)]


def test_every_rule_has_examples() -> None:
    assert all(rule.examples for rule in build_rules(load_lexicon()))


class TestExplicitDates:
    def test_formats(self) -> None:
        assert values("on December 11") == ["2018-12-11"]
        assert values("Dec. 3, 2016") == ["2016-12-03"]
        assert values("3 November 2016") == ["2016-11-03"]
        assert values("the 11th of December") == ["2018-12-11"]
        assert values("2018-11-30") == ["2018-11-30"]
        assert values("12/03/2018") == ["2018-12-03"]
        assert values("25/12/2018") == ["2018-12-25"]

    def test_year_of_a_bare_day_follows_tense(self) -> None:
        assert values("He said on December 28", "2019-01-05") == ["2018-12-28"]
        assert values("They will meet on January 3", "2018-12-20") == ["2019-01-03"]

    def test_a_tense_cue_counts_at_the_start_of_a_text_or_sentence(self) -> None:
        """Cue words are found after any boundary: the text's start, a sentence's, a dash."""
        assert values("Will meet on Friday.", "2018-12-20") == ["2018-12-21"]
        assert values("Talks ended. Announced Friday, the deal", "2018-12-20") == ["2018-12-14"]
        assert values("Plans changed -- will reopen Friday", "2018-12-20") == ["2018-12-21"]

    def test_impossible_dates_are_not_resolved(self) -> None:
        found = tag_text("on February 30, 2018", dt.date(2018, 12, 20))
        assert [e.value for e in found] == [None]
        assert found[0].reason

    def test_absolute_dates_need_no_publication_date(self) -> None:
        assert values("April 28, 2017", None) == ["2017-04-28"]


class TestWeekdays:
    def test_tense_decides_direction(self) -> None:
        assert values("The talks ended on Friday.") == ["2018-12-14"]
        assert values("They will vote on Friday.") == ["2018-12-21"]

    def test_a_listed_cue_outranks_the_past_verb_inside_it(self) -> None:
        """ "are expected to" is future though "expected" ends in -ed; a word in -ed after a
        hyphen ("long-awaited") is no past verb, so the clause keeps its own cue."""
        assert values("Talks are expected to resume Friday.") == ["2018-12-21"]
        assert values("They will hold the long-awaited Friday talks.") == ["2018-12-21"]
        assert values("The talks resumed Friday.") == ["2018-12-14"]

    def test_a_cue_spelt_with_a_letter_that_folds_to_ascii_is_still_that_cue(self) -> None:
        """The cue pattern ignores case as Python does: "will" with a dotless i is "will"."""
        assert values("He wıll meet on Friday.") == ["2018-12-21"]
        assert values("They ſaid on Friday.") == ["2018-12-14"]
        assert values("Sales are up rıght now.") == values("Sales are up right now.") != []
        (found,) = tag_text("for ſome three weeks", dt.date(2018, 12, 20))
        assert (found.value, found.mod) == ("P3W", "APPROX")
        assert values("ſeven years ago") == values("seven years ago") == ["2011"]

    def test_cues_read_as_written_whatever_the_case(self) -> None:
        """The cue pass reads a lower-cased sentence: a listed cue counts in capitals, and a
        word in -ed is a past verb only in lower case, as written ("BY" is no passive "by")."""
        assert values("The talks WILL RESUME on Friday.") == ["2018-12-21"]
        assert values("Talks will be Resumed Friday.") == ["2018-12-21"]
        assert values("He was arrested BY police Friday.") == ["2018-12-14"]

    @pytest.mark.parametrize(
        "sentence",
        [
            "They Reopened the bridge on Monday, and Will close it Friday.",
            "He was arrested BY police, then REPORTED it; markED, long-awaited, o'reported.",
            "Officials SAID the İstanbul talks were announced and will be closed.",
            "They ſaid it; ſome reported it -- needed, bed, ed, x'ed, 'reported'.",
            "reported by\nWill\u00a0announced-closed",
        ],
    )
    def test_the_lower_cased_cue_pass_finds_what_the_case_blind_pattern_finds(
        self, sentence: str
    ) -> None:
        lexicon = load_lexicon()
        for left in range(len(sentence) + 1):
            for right in range(left, len(sentence) + 1):
                expected = word_spans(tense._cue_pattern(lexicon), sentence, left, right)
                assert tense._cue_spans(sentence, left, right, lexicon) == expected

    @pytest.mark.parametrize(
        "quote",
        [
            '"We will reopen the bridge on Friday," the mayor said.',
            "``We will reopen the bridge on Friday,'' the mayor said.",  # TimeBank's TeX style
            "‘We will reopen the bridge on Friday,’ the mayor said.",
            "'We will reopen the bridge on Friday,' the mayor said.",
            "'We will reopen the bridge on Friday', the mayor said.",  # British style
            "‘We will reopen the bridge on Friday’, the mayor said.",
        ],
    )
    def test_a_quote_is_dated_by_its_own_verbs_not_the_nearer_attribution(self, quote: str) -> None:
        """ "said" is nearer to Friday than "will", but the promise is the quote's."""
        assert values(quote) == ["2018-12-21"]

    def test_the_attribution_is_dated_by_its_own_verbs(self) -> None:
        text = '"We will reopen the bridge on Friday," the mayor said on Monday.'
        assert values(text) == ["2018-12-21", "2018-12-17"]
        text = 'He assured people during a visit on Friday that they "will not be left behind".'
        assert values(text) == ["2018-12-14"]

    def test_scare_quotes_leave_the_clause_whole(self) -> None:
        """A quoted word is no clause: "arrested" still dates Friday."""
        text = 'Police "arrested" him on Friday, and the court will hear it.'
        assert values(text) == ["2018-12-14"]

    def test_a_quote_without_a_tense_of_its_own_takes_the_sentences(self) -> None:
        assert values('The council will say the "Friday deal" is off.') == ["2018-12-21"]

    def test_same_weekday_as_publication(self) -> None:
        assert values("He said on Thursday") == ["2018-12-20"]
        assert values("He will speak on Thursday") == ["2018-12-27"]

    def test_relations(self) -> None:
        assert values("next Monday") == ["2018-12-24"]
        assert values("last Monday") == ["2018-12-17"]


class TestDeictic:
    def test_days(self) -> None:
        assert values("yesterday, today and tomorrow") == ["2018-12-19", "2018-12-20", "2018-12-21"]

    def test_units_keep_granularity(self) -> None:
        assert values("last week") == ["2018-W50"]
        assert values("this month") == ["2018-12"]
        assert values("next year") == ["2019"]
        assert values("last month", "2019-01-10") == ["2018-12"]

    def test_ago(self) -> None:
        assert values("two weeks ago") == ["2018-W49"]
        assert values("five months ago") == ["2018-07"]
        assert values("two years ago") == ["2016"]
        assert values("several years ago") == ["PAST_REF"]

    def test_relative_without_publication_date_keeps_span(self) -> None:
        found = tag_text("He left yesterday.", None)
        assert [(e.text, e.value) for e in found] == [("yesterday", None)]
        assert found[0].reason is not None and "publication date" in found[0].reason


class TestMonthsAndYears:
    def test_month_alone_follows_tense(self) -> None:
        assert values("Bolton said in September") == ["2018-09"]
        assert values("The vote is due to take place in March") == ["2019-03"]
        assert values("last September", "2018-09-10") == ["2017-09"]

    def test_month_and_year(self) -> None:
        assert values("in September 2017") == ["2017-09"]
        assert values("in early 2019")[0] == "2019"
        assert [e.mod for e in tag_text("in early 2019", dt.date(2018, 1, 1))] == ["START"]

    def test_decades(self) -> None:
        assert values("the 1990s") == ["199"]


class TestAnaphora:
    def test_counts_from_the_last_date_mentioned(self) -> None:
        text = (
            "The talks began on March 3, 2015. Two days later they collapsed; the next day he left."
        )
        assert values(text) == ["2015-03-03", "2015-03-05", "2015-03-06"]
        found = tag_text(text, dt.date(2018, 12, 20))
        assert [e.anchor for e in found] == [None, "previous", "previous"]


class TestDurations:
    def test_are_durations_not_dates(self) -> None:
        found = tag_text("within 24 hours and over three weeks", dt.date(2018, 12, 20))
        assert [(e.type, e.value) for e in found] == [("DURATION", "PT24H"), ("DURATION", "P3W")]

    def test_range(self) -> None:
        found = tag_text("between 60 to 100 days", dt.date(2018, 12, 20))
        assert [(e.text, e.type, e.value) for e in found] == [
            ("60 to 100 days", "DURATION", "P100D")
        ]


class TestNoFalseTags:
    @pytest.mark.parametrize(
        "text",
        [
            "We have defeated ISIS.",
            "It may rain.",
            "They march on.",
            "It displaced 22 million people.",
            "The vote was 60 to 40.",
            "Call 555-1234.",
            "She came second.",
            "The Sun rose.",
            "Prices fall.",
            "In august company.",
            "It cost $2,000.",
            "About 2,000 troops.",
        ],
    )
    def test_no_expression(self, text: str) -> None:
        assert spans(text) == []


def test_every_alternative_of_a_rule_stops_at_word_edges() -> None:
    """A rule with alternatives is bounded by word edges in each of them, not only before
    the first and after the last: "bathe latest" holds no "the latest"."""
    assert spans("Sales bathe latest period fell.") == []
    assert spans("Sales in the latest period fell.") == ["the latest period"]
    assert "the year-ago quarter" not in spans("Profit rose against the year-ago quarterback.")


def test_a_verbose_rule_pattern_may_end_in_a_comment() -> None:
    pattern = rx("may  # the month\n| march  # the other", re.VERBOSE).compiled()
    assert [m.group() for m in pattern.finditer("may march mayday summarch")] == ["may", "march"]
