"""Publication dates from plain text: date lines, front matter, and who wins."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.ingest.dates import parse_date_value, read_date_line
from timeline.ingest.text import read_text_articles

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BODY = "The dam opened on Tuesday, officials said. Work began in 2019.\n"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Thursday, 20 December, 2018 - 10:45", "2018-12-20"),
        ("Published: 2018-12-20", "2018-12-20"),
        ("Posted on May 16, 2024 at 8:30 am", "2024-05-16"),
        ("Dec. 20, 2018, 10:45 a.m. EST", "2018-12-20"),
        ("Published 16 May 2024 | Updated 17 May 2024", "2024-05-16"),
        ("2018-12-20T10:45:00Z", "2018-12-20"),
    ],
)
def test_date_lines(line: str, day: str) -> None:
    found = read_date_line(line)
    assert found is not None and found.published
    assert found.date == dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    "line",
    [
        "The storm reached the coast on 20 December 2018.",
        "In 2018 the council met twice",
        "Thursday, 30 February, 2018",  # no such day
        "Harbor Bridge Reopens After Emergency Repairs",
    ],
)
def test_sentences_and_impossible_dates_are_not_date_lines(line: str) -> None:
    assert read_date_line(line) is None


def test_updated_line_is_dropped_but_is_not_the_publication_date() -> None:
    [article] = read_text_articles("Dam Opens\nUpdated: 21 Dec 2018 09:00 GMT\n\n" + BODY, "x")
    assert article.published is None
    assert "Updated" not in article.text


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-05-16T08:30:00+02:00", "2024-05-16"),
        ("2024-05-16T23:30:00-05:00", "2024-05-16"),  # the date as written, not UTC
        ("20220907", "2022-09-07"),
        ("07.09.2022", "2022-09-07"),
        ("Thu, 16 May 2024 08:30:00 GMT", "2024-05-16"),
        ("May 16, 2024", "2024-05-16"),
        ("2018-02-30", None),
        ("soon", None),
    ],
)
def test_metadata_values(value: str, day: str | None) -> None:
    assert parse_date_value(value) == (dt.date.fromisoformat(day) if day else None)


def test_sample_date_line_dates_the_article_and_leaves_the_body() -> None:
    result = CliRunner().invoke(app, ["extract", str(SAMPLES / "school-meals.txt")])
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    document = json.loads(result.stdout)
    [article] = document["articles"]
    assert (article["published"], article["published_source"]) == ("2024-01-11", "text")
    wednesday = [e for e in document["events"] if e["expression"]["text"] == "Wednesday"]
    assert [e["date"]["value"] for e in wednesday] == ["2024-01-10"]
    assert not any("14:20" in e["text"] for e in document["events"])


def test_offsets_still_index_the_file_with_a_date_line() -> None:
    path = SAMPLES / "school-meals.txt"
    source = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["tag", str(path)])
    expressions = json.loads(result.stdout)
    assert expressions
    for expression in expressions:
        assert source[expression["start"] : expression["end"]] == expression["text"]


def test_front_matter_gives_date_title_and_url() -> None:
    text = '---\ntitle: "Dam Opens"\ndate: 2018-12-20\nurl: https://news.example/dam\n---\n' + BODY
    [article] = read_text_articles(text, "dam.md")
    assert article.title == "Dam Opens"
    assert (article.published, article.published_source) == (dt.date(2018, 12, 20), "text")
    assert article.url == "https://news.example/dam"
    at = article.text.index("Tuesday")
    assert text[article.source_offset(at) :].startswith("Tuesday")


def test_front_matter_with_a_bad_date_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dam.txt"
    path.write_text("---\ndate: someday\n---\n" + BODY, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"timeline: {path}: front matter date 'someday' is not a calendar date; "
        "write it as YYYY-MM-DD\n"
    )


def test_precedence_option_over_text_over_none(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text(
        "Dam Opens\nPublished: 2018-12-20\n\n" + BODY + "\n\n\nBridge Opens\n\n" + BODY,
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(path)])
    articles = json.loads(result.stdout)["articles"]
    assert [(a["published"], a["published_source"]) for a in articles] == [
        ("2018-12-20", "text"),
        (None, "none"),
    ]
    assert result.stderr.count("warning") == 1 and "'Bridge Opens'" in result.stderr
    forced = CliRunner().invoke(app, ["extract", str(path), "-p", "2025-01-09"])
    assert forced.exit_code == 0
    assert {
        (a["published"], a["published_source"]) for a in json.loads(forced.stdout)["articles"]
    } == {("2025-01-09", "option")}
    assert "warning" not in forced.stderr


def test_undated_article_keeps_relative_expressions_unresolved() -> None:
    result = CliRunner().invoke(app, ["extract"], input="Dam Opens\n\n" + BODY)
    assert result.exit_code == 0
    assert "<stdin> ('Dam Opens'): no publication date" in result.stderr
    values = [e["date"]["value"] for e in json.loads(result.stdout)["events"]]
    assert values == ["2019"]  # "on Tuesday" makes no event; the clock is never used
