"""The user's own example, end to end: the dates an editor expects from the seed file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from timeline.cli import app


def _timeline(seed_file: Path, *published: str) -> dict[str, object]:
    args = ["extract", str(seed_file)]
    for day in published:
        args += ["-p", day]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _events(document: dict[str, object], article: int) -> list[dict[str, object]]:
    articles = document["articles"]
    assert isinstance(articles, list)
    article_id = articles[article]["id"]
    events = document["events"]
    assert isinstance(events, list)
    return [e for e in events if e["article_id"] == article_id]


def _value_of(events: list[dict[str, object]], words: str) -> list[str]:
    return [e["date"]["value"] for e in events if words in e["text"]]  # type: ignore[index]


def test_first_article_dates(seed_file: Path) -> None:
    events = _events(_timeline(seed_file, "2018-12-20", "2025-01-09"), 0)
    assert _value_of(events, "began on Wednesday withdrawing") == ["2018-12-19"]
    assert _value_of(events, "decision was finalized Tuesday") == ["2018-12-18"]
    assert _value_of(events, "Recep Tayyip Erdogan on Friday") == ["2018-12-14"]
    assert _value_of(events, "McGurk told reporters on December 11") == ["2018-12-11"]
    assert _value_of(events, "two weeks ago Gen. Joseph Dunford") == ["2018-W49"]
    assert _value_of(events, "John Bolton, said in September") == ["2018-09"]


def test_first_article_has_no_false_events(seed_file: Path) -> None:
    events = _events(_timeline(seed_file, "2018-12-20", "2025-01-09"), 0)
    expressions = [e["expression"]["text"] for e in events]  # type: ignore[index]
    assert "We" not in expressions
    assert not any("million" in text for text in expressions)
    assert not any("22 million population" in e["text"] for e in events)  # type: ignore[operator]
    # "100 days" is a length of time, never a made-up calendar day: only a deadline window.
    for event in events:
        if event["expression"]["type"] == "DURATION":  # type: ignore[index]
            assert event["status"] == "expected"
            assert event["date"]["mod"] == "ON_OR_BEFORE"  # type: ignore[index]


def test_granularity_is_kept(seed_file: Path) -> None:
    events = _events(_timeline(seed_file, "2018-12-20"), 0)
    dunford = next(e for e in events if "Dunford" in e["text"])  # type: ignore[operator]
    assert dunford["date"] == {
        "value": "2018-W49",
        "granularity": "week",
        "start": "2018-12-03",
        "end": "2018-12-09",
        "mod": None,
        "end_value": None,
    }
    bolton = next(e for e in events if "Bolton" in e["text"])  # type: ignore[operator]
    assert bolton["date"]["granularity"] == "month"  # type: ignore[index]
    assert (bolton["date"]["start"], bolton["date"]["end"]) == ("2018-09-01", "2018-09-30")  # type: ignore[index]


def test_second_article_dates(seed_file: Path) -> None:
    events = _events(_timeline(seed_file, "2018-12-20", "2025-01-09"), 1)
    assert _value_of(events, "Sudani landed in Tehran on Wednesday") == ["2025-01-08"]
    assert _value_of(events, "met with Iranian President Masoud Pezeshkian") == ["2025-01-08"]


def test_offsets_point_into_the_file_as_given(seed_file: Path) -> None:
    document = _timeline(seed_file, "2018-12-20", "2025-01-09")
    source = seed_file.read_text(encoding="utf-8")
    events = document["events"]
    assert isinstance(events, list) and events
    for event in events:
        expression = event["expression"]
        assert source[expression["start"] : expression["end"]] == expression["text"]


def test_events_an_editor_would_keep(seed_file: Path) -> None:
    document = _timeline(seed_file, "2018-12-20", "2025-01-09")
    events = document["events"]
    assert isinstance(events, list)
    sentences = [e["text"] for e in events]
    headlines = [e["headline"] for e in events]
    assert len(set(sentences)) == len(sentences)
    assert len(set(headlines)) == len(headlines)
    for headline in headlines:
        assert 10 <= len(headline) <= 100
        assert headline[0].isupper()
    starts = [e["date"]["start"] for e in events]
    assert starts == sorted(starts)


def test_mcgurk_is_one_event_on_december_11(seed_file: Path) -> None:
    events = _events(_timeline(seed_file, "2018-12-20", "2025-01-09"), 0)
    mcgurk = [e for e in events if "McGurk" in str(e["text"])]
    assert len(mcgurk) == 1
    assert mcgurk[0]["date"]["value"] == "2018-12-11"  # type: ignore[index]
    assert len(mcgurk[0]["sources"]) == 2  # type: ignore[arg-type]


def test_caption_date_is_not_an_event(seed_file: Path) -> None:
    values = [e["date"]["value"] for e in _events(_timeline(seed_file, "2018-12-20"), 0)]  # type: ignore[index]
    assert "2017-04-28" not in values
    result = CliRunner().invoke(
        app, ["extract", str(seed_file), "-p", "2018-12-20", "--include-captions"]
    )
    assert "2017-04-28" in [e["date"]["value"] for e in json.loads(result.stdout)["events"]]


def test_pullout_and_evacuation_are_expected(seed_file: Path) -> None:
    events = _events(_timeline(seed_file, "2018-12-20", "2025-01-09"), 0)
    pullout = next(e for e in events if "60 to 100 days" in str(e["text"]))
    evacuation = next(e for e in events if "within 24 hours" in str(e["text"]))
    assert pullout["status"] == evacuation["status"] == "expected"
    assert (pullout["date"]["start"], pullout["date"]["end"]) == ("2019-02-18", "2019-03-30")  # type: ignore[index]
    reported = [e for e in events if e["status"] == "reported"]
    assert {e["date"]["value"] for e in reported} >= {"2018-12-19", "2018-12-18", "2018-12-14"}  # type: ignore[index]


def test_two_articles_each_titled_and_dated_by_its_own_value(seed_file: Path) -> None:
    articles = _timeline(seed_file, "2018-12-20", "2025-01-09")["articles"]
    assert isinstance(articles, list)
    assert [(a["title"], a["published"], a["published_source"]) for a in articles] == [
        ("US Begins Withdrawing Forces from Syria, Cites ISIS Defeat", "2018-12-20", "option"),
        (
            "Khamenei Urges Iraq’s PM to Strengthen Popular Mobilization Forces",
            "2025-01-09",
            "option",
        ),
    ]
