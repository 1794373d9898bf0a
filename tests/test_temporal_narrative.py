"""Reference time that follows the text: narratives, background passages inside news, eras.

Each case writes out the publication date (or none), the context and the TIMEX3 value a
reader would give, and where it matters which mention the value leaned on.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cli_helpers import run
from lxml import etree

from timeline.temporal import TaggedExpression, tag_text

DOWNLOADED = dt.date(2009, 12, 19)  # a Wikipedia page's date says nothing about its events
NEWS_DAY = dt.date(1998, 2, 27)


def find(found: list[TaggedExpression], text: str) -> TaggedExpression:
    return next(e for e in found if e.text == text)


def values(
    text: str, reference: dt.date | None, mode: str = "auto"
) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in tag_text(text, reference, mode=mode)]  # type: ignore[arg-type]


HISTORY = (
    "On 1 September 1939 Germany invaded Poland. Two days later Britain and France declared "
    "war. In April 1940 Germany invaded Denmark and Norway, and on 10 May it attacked France. "
    "By the end of the month the British had withdrawn. Italy declared war on June 10, and "
    "twelve days later France signed an armistice. In the summer the air battle began. "
    "In December 1941 Japan attacked. In January the Allies signed a declaration."
)


class TestNarrative:
    @pytest.mark.parametrize("reference", [DOWNLOADED, None])
    def test_year_less_dates_take_the_year_the_text_has_set(
        self, reference: dt.date | None
    ) -> None:
        found = dict(values(HISTORY, reference))
        assert found["Two days later"] == "1939-09-03"
        assert found["10 May"] == "1940-05-10"
        assert found["the end of the month"] == "1940-05"
        assert found["June 10"] == "1940-06-10"
        assert found["twelve days later"] == "1940-06-22"
        assert found["the summer"] == "1940-SU"
        assert found["January"] == "1942-01"  # told in order: the January after December 1941

    def test_the_anchor_is_the_mention_leaned_on(self) -> None:
        found = tag_text(HISTORY, DOWNLOADED)
        june = find(found, "June 10")
        leaned = next(e for e in found if e.start == june.anchor_start)
        # "the end of the month" only restates May: the story's time is still 10 May
        assert (june.anchor, leaned.text) == ("previous", "10 May")
        assert find(found, "1 September 1939").anchor is None  # stated in full

    def test_a_restated_year_keeps_the_finer_time(self) -> None:
        text = "Japan attacked on December 7, 1941. The war of 1941 widened. In January it spread."
        assert dict(values(text, DOWNLOADED, mode="narrative"))["January"] == "1942-01"

    def test_a_flashback_does_not_move_the_story(self) -> None:
        text = (
            "The invasion began on March 20, 2003, a year after the war in Afghanistan. "
            "It followed an attack just over a year earlier. On April 9 Baghdad fell."
        )
        assert dict(values(text, DOWNLOADED, mode="narrative"))["April 9"] == "2003-04-09"

    def test_a_year_in_passing_does_not_move_the_story(self) -> None:
        text = (
            "The offensive began on 10 March 1975, meant to prepare a campaign in 1976. "
            "The town fell on 11 March."
        )
        assert dict(values(text, None))["11 March"] == "1975-03-11"

    def test_deictic_words_count_from_the_story_when_it_has_a_date(self) -> None:
        text = "By 1975 the army had collapsed. Two years ago, a general said, it was whole."
        assert dict(values(text, DOWNLOADED, mode="narrative"))["Two years ago"] == "1973"

    def test_without_a_publication_date_speech_time_words_stay_open(self) -> None:
        text = "The festival runs from 12 to 14 July 2024. Last year's drew 18,000 visitors."
        found = {e.text: e for e in tag_text(text, None)}
        assert found["12"].value == "2024-07-12"
        assert found["Last year"].value is None and found["Last year"].reason


class TestNewsWithBackground:
    def test_news_stays_on_the_publication_date(self) -> None:
        text = "The board met on Monday. Profits rose in January, the chairman said."
        assert values(text, NEWS_DAY) == [("Monday", "1998-02-23"), ("January", "1998-01")]

    def test_a_background_passage_anchors_locally_then_returns(self) -> None:
        text = (
            "Back in 1994, the plant closed in March and reopened in June.\n\n"
            "The company said on Monday that it expects to open a new plant in March."
        )
        found = values(text, NEWS_DAY)
        assert found[:3] == [("1994", "1994"), ("March", "1994-03"), ("June", "1994-06")]
        assert found[3:] == [("Monday", "1998-02-23"), ("March", "1998-03")]

    def test_a_far_year_in_a_relative_clause_sets_no_scene(self) -> None:
        text = (
            "Under a program approved by the company in 1987 that set no amount, Nashua had "
            "bought 481,000 shares through Sept. 29."
        )
        assert dict(values(text, dt.date(1989, 10, 30)))["Sept. 29"] == "1989-09-29"

    def test_a_sentence_that_turns_back_to_the_present_ends_the_passage(self) -> None:
        text = "On May 22, 1995, he was promoted. However, he was cited in December for speeding."
        assert dict(values(text, dt.date(1998, 4, 18)))["December"] == "1997-12"

    def test_news_mode_can_be_forced(self) -> None:
        assert dict(values(HISTORY, DOWNLOADED, mode="news"))["June 10"] == "2009-06-10"

    def test_a_history_inside_a_news_file_is_read_as_narrative(self) -> None:
        assert dict(values(HISTORY, NEWS_DAY))["June 10"] == "1940-06-10"


class TestEras:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("in 480 BC", "BC0480"),
            ("the 5th century BC", "BC04"),
            ("753 BCE", "BC0753"),
            ("AD 9", "0009"),
            ("the 460s BC", "BC046"),
            ("April 480 BC", "BC0480-04"),
        ],
    )
    def test_years_before_the_common_era(self, text: str, value: str) -> None:
        assert [v for _, v in values(text, NEWS_DAY)] == [value]

    def test_a_narrative_set_before_year_one(self) -> None:
        text = (
            "The revolt began in 499 BC. The following year Athens sent ships. In 480 BC "
            "Xerxes marched. In August the fleets met, and in the winter they withdrew."
        )
        found = dict(values(text, None))
        assert found["The following year"] == "BC0498"
        assert found["August"] == "BC0480-08"
        assert found["the winter"] == "BC0480-WI"

    def test_an_era_range_tags_both_years(self) -> None:
        assert values("the Ionian Revolt (499–493 BC)", None) == [
            ("499", "BC0499"),
            ("493 BC", "BC0493"),
        ]


class TestRanges:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("the war of 1914–18", [("1914", "1914"), ("18", "1918")]),
            ("the 1998-99 season", [("1998", "1998"), ("99", "1999")]),
            ("in 2003/04", [("2003", "2003"), ("04", "2004")]),
            ("between 1994 and 1997", [("1994", "1994"), ("1997", "1997")]),
            ("from 12 to 14 July", [("12", "1998-07-12"), ("14 July", "1998-07-14")]),
            ("on 3-5 Nov", [("3", "1997-11-03"), ("5 Nov", "1997-11-05")]),
            ("on July 12-14", [("July 12", "1998-07-12"), ("14", "1998-07-14")]),
        ],
    )
    def test_both_ends_are_tagged(self, text: str, expected: list[tuple[str, str]]) -> None:
        assert values(text, NEWS_DAY) == expected

    def test_scores_and_counts_are_no_ranges(self) -> None:
        assert values("They won 3-5 in the final and sold 1500 to 2000 cars.", NEWS_DAY) == []

    @pytest.mark.parametrize("text", ["Sales in 1998-01 fell.", "It ended 1990-85.", "2019-13-45"])
    def test_a_month_a_score_or_a_code_is_no_year_range(self, text: str) -> None:
        assert values(text, NEWS_DAY) == []

    def test_a_range_may_cross_a_century(self) -> None:
        assert values("the 1999-00 season", NEWS_DAY) == [("1999", "1999"), ("00", "2000")]


class TestOddYears:
    def test_a_stated_year_is_never_replaced_by_the_publication_year(self) -> None:
        assert values("in the year 1", NEWS_DAY) == [("the year 1", "0001")]
        assert values("on December 31, 9999", NEWS_DAY) == [("December 31, 9999", "9999-12-31")]

    def test_an_impossible_date_gets_an_honest_reason(self) -> None:
        (found,) = tag_text("on February 30, 2018", NEWS_DAY)
        assert found.value is None
        assert found.reason == "not a calendar date: February has no day 30"


class TestCommandLine:
    def test_tag_json_names_the_mention_each_value_leaned_on(self) -> None:
        text = "On 1 September 1939 Germany invaded Poland. Two days later Britain declared war.\n"
        result = run("tag", "-", "-p", "2009-12-19", "--mode", "narrative", stdin=text)
        assert result.exit_code == 0, result.output
        later = next(e for e in json.loads(result.stdout) if e["text"] == "Two days later")
        assert later["value"] == "1939-09-03"
        assert later["anchor"] == "previous"
        assert text[later["anchor_start"] :].startswith("1 September 1939")

    def test_extract_mode_news_counts_from_the_publication_date(self) -> None:
        text = "In April 1940 the army moved. On June 10 Italy joined the war.\n"
        values = {}
        for mode in ("narrative", "news"):
            result = run("extract", "-", "-p", "2009-12-19", "--mode", mode, stdin=text)
            assert result.exit_code == 0, result.output
            events = json.loads(result.stdout)["events"]
            values[mode] = [e["date"]["value"] for e in events if "Italy" in e["text"]]
        assert values == {"narrative": ["1940-06-10"], "news": ["2009-06-10"]}

    def test_a_bad_mode_is_a_usage_error(self) -> None:
        assert run("tag", "-", "--mode", "history", stdin="In 1940.").exit_code == 2


class TestPhraseClasses:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("She finished in 2:04:11.", [("2:04:11", "PT2H4M11S")]),
            ("every evening", [("every evening", "XXXX-XX-XXTEV")]),
            ("It took hours.", [("hours", "PTXH")]),
            ("for weeks", [("weeks", "PXW")]),
            ("over decades", [("decades", "PXDE")]),
            ("a decade-long war", [("decade-long", "P10Y")]),
            ("took 2hrs", [("2hrs", "PT2H")]),
            ("10 mins later", [("10 mins", "PT10M")]),
        ],
    )
    def test_lengths_and_sets(self, text: str, expected: list[tuple[str, str]]) -> None:
        assert values(text, dt.date(2018, 12, 20)) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("see you on fri", [("fri", "2018-12-21")]),
            ("on sept 5", [("sept 5", "2018-09-05")]),
            ("back in sept", [("sept", "2018-09")]),
            ("doors open at 9:15", [("9:15", "2018-12-20T09:15")]),
            ("see u tmrw", [("tmrw", "2018-12-21")]),
            ("gig 2nite!!", [("2nite", "2018-12-20TNI")]),
            ("The final starts at 20:00 CET Sunday.", [("20:00 CET Sunday", "2018-12-23T20:00")]),
            ("The match kicks off at 3 p.m. Saturday.", [("3 p.m. Saturday", "2018-12-22T15:00")]),
        ],
    )
    def test_informal_writing(self, text: str, expected: list[tuple[str, str]]) -> None:
        assert values(text, dt.date(2018, 12, 20)) == expected

    def test_lower_case_may_and_march_stay_verbs(self) -> None:
        assert values("you may 5 times march on", dt.date(2018, 12, 20)) == []


class TestAnaphora:
    def test_that_afternoon_and_the_day_after(self) -> None:
        found = dict(
            values(
                "On 31 January 1965 talks began; that afternoon they broke off. "
                "They resumed on May 11, 1965, and ended the day after.",
                None,
            )
        )
        assert found["that afternoon"] == "1965-01-31TAF"
        assert found["the day after"] == "1965-05-12"

    def test_the_next_day_names_the_day_it_counted_from(self) -> None:
        text = "On 5 June 1944 the army landed. In March the war ended. The next day peace came."
        found = tag_text(text, None)
        assert find(found, "The next day").value == "1944-06-06"
        assert find(found, "The next day").anchor_start == text.index("5 June 1944")

    def test_the_day_after_an_event_is_left_to_the_event(self) -> None:
        assert values("the day after the election", NEWS_DAY) == []

    def test_bare_seasons_after_a_preposition(self) -> None:
        assert values("The siege lasted through winter.", None) == [("winter", None)]
        assert values("In 1942, fighting resumed in summer.", None) == [
            ("1942", "1942"),
            ("summer", "1942-SU"),
        ]
        assert values("Prices fall sharply.", NEWS_DAY) == []

    def test_unnumbered_stretches(self) -> None:
        assert values("in the following days", NEWS_DAY) == [("the following days", "PXD")]


def _tag_story(tmp_path: Path, body: str) -> etree._Element:
    """``timeline tag -f timeml`` of a story created on 2009-12-19 (its DCT ``t0``) whose
    ``body`` is the <TEXT> element and what follows it; the root of what it wrote."""
    source = tmp_path / "story.tml"
    source.write_text(
        '<?xml version="1.0"?>\n<TimeML><DOCID>story</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
        'value="2009-12-19" functionInDocument="CREATION_TIME">2009-12-19</TIMEX3></DCT>'
        f"{body}</TimeML>\n",
        encoding="utf-8",
    )
    result = run("tag", str(source), "-f", "timeml", "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 0, result.output
    return etree.parse(str(tmp_path / "out" / "story.tml")).getroot()


def test_timeml_output_says_what_each_value_was_counted_from(tmp_path: Path) -> None:
    root = _tag_story(
        tmp_path,
        "<TEXT>On 1 September 1939 Germany invaded Poland. Two days later Britain declared "
        "war. Today the border is open.</TEXT>",
    )
    timexes = {node.text: node for node in root.iter("TIMEX3")}
    stated, later = timexes["1 September 1939"], timexes["Two days later"]
    assert later.get("value") == "1939-09-03"
    assert later.get("anchorTimeID") == stated.get("tid")
    assert later.get("temporalFunction") == "true"
    assert stated.get("anchorTimeID") is None


def test_an_anchor_on_a_tid_the_gold_tags_used_is_kept_and_their_links_dropped(
    tmp_path: Path,
) -> None:
    """Our tags take the tids of the gold ones they replace: a link to a gold tid goes, but
    our own anchor on that tid stays."""
    root = _tag_story(
        tmp_path,
        '<TEXT>On <TIMEX3 tid="t1" type="DATE" value="1939-09-01">1 September 1939</TIMEX3> '
        "Germany invaded Poland. Two days later Britain declared war.</TEXT>"
        '<TLINK lid="l1" relType="BEFORE" timeID="t1" relatedToTime="t0"/>',
    )
    timexes = {node.text: node for node in root.iter("TIMEX3")}
    assert timexes["1 September 1939"].get("tid") == "t1"
    assert timexes["Two days later"].get("anchorTimeID") == "t1"
    assert root.find("TLINK") is None


def test_a_history_without_a_publication_date_is_dated_from_its_own_words() -> None:
    sample = Path(__file__).resolve().parents[1] / "samples" / "lighthouse-history.txt"
    result = run("extract", str(sample))
    assert result.exit_code == 0, result.output
    dates = [
        (e["date"]["value"], e["date"]["end_value"], e["expression"]["text"])
        for e in json.loads(result.stdout)["events"]
    ]
    assert dates == [
        ("1871-10-12", None, "12 October 1871"),
        ("1871-10-15", None, "Three days later"),
        ("1893", None, "1893"),
        ("1893-04", None, "April"),
        ("1895-06-03", None, "3 June 1895"),
        ("1896", None, "the following year"),
        ("1914", "1918", "1914"),
        ("1914-08-04", None, "4 August 1914"),
        ("1918-11-11", None, "11 November 1918"),
        ("1974", None, "1974"),
        ("1974-09-30", None, "30 September"),
        ("1975-SP", None, "the next spring"),
    ]
