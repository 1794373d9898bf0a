"""Publication dates given as strings: what is read, by which reader, and what is refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from timeline.ingest.given_dates import AmbiguousDateError, parse_given_date
from timeline.ingest.records import RecordProblem, read_json_records
from timeline.models import Article

DEC_20 = dt.date(2018, 12, 20)


@pytest.mark.parametrize(
    ("raw", "reader"),
    [
        ("Thu, 20 Dec 2018 10:45:00 +0300", "strict"),
        ("20.12.2018", "strict"),
        ("December 20th, 2018", "strict"),
        ("20 décembre 2018", "dateparser"),
        ("20. Dezember 2018", "dateparser"),
        ("20 de diciembre de 2018", "dateparser"),
        ("Donnerstag, 20. Dezember 2018, 10:45 Uhr", "dateparser"),
        ("20/12/2018", "dateparser"),
        ("12/20/2018", "dateparser"),
        ("20 December 2018 at 23:30 -0500", "strict"),
    ],
)
def test_given_date_formats_are_read(raw: str, reader: str) -> None:
    given = parse_given_date(raw)
    assert given is not None
    assert (given.date, given.reader, given.raw) == (DEC_20, reader, raw)


def test_a_late_evening_timestamp_keeps_the_day_written_not_utc() -> None:
    given = parse_given_date("Thursday, 20 December 2018 23:30 -0500")
    assert given is not None and given.date == DEC_20


@pytest.mark.parametrize(
    "raw",
    ["yesterday", "2 days ago", "now", "today", "in 3 days", "December 2018", "Dec 20", "20.12.18"],
)
def test_relative_partial_and_two_digit_year_strings_are_refused(raw: str) -> None:
    assert parse_given_date(raw) is None


def test_a_numeric_date_that_reads_both_ways_is_refused_unless_the_order_is_given() -> None:
    with pytest.raises(AmbiguousDateError, match="day-month or month-day"):
        parse_given_date("03/04/2018")
    mdy = parse_given_date("03/04/2018", date_order="MDY")
    dmy = parse_given_date("03/04/2018", date_order="DMY")
    assert mdy is not None and mdy.date == dt.date(2018, 3, 4)
    assert dmy is not None and dmy.date == dt.date(2018, 4, 3)


def test_a_record_keeps_the_string_dateparser_read() -> None:
    line = json.dumps({"text": "The bridge opened.", "published": "20 décembre 2018"})
    (article,) = read_json_records(line, "feed.jsonl", lines_only=True)
    assert isinstance(article, Article)
    assert (article.published, article.published_source) == (DEC_20, "metadata")
    assert article.published_raw == "20 décembre 2018"


def test_a_record_with_an_ambiguous_date_is_reported_not_guessed() -> None:
    line = json.dumps({"text": "The bridge opened.", "published": "03/04/2018"})
    (problem,) = read_json_records(line, "feed.jsonl", lines_only=True)
    assert isinstance(problem, RecordProblem)
    assert "03/04/2018" in problem.message
    assert "day-month or month-day" in problem.message


def test_published_option_takes_a_written_out_date(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council met yesterday to approve the budget for the new bridge.\n")
    result = run("extract", str(article), "-p", "December 20th, 2018", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    event = json.loads(result.stdout.splitlines()[0])
    assert event["date"]["value"] == "2018-12-19"


@pytest.mark.parametrize("raw", ["yesterday", "03/04/2018"])
def test_published_option_refuses_relative_and_ambiguous_dates(tmp_path: Path, raw: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council met yesterday to approve the budget.\n")
    result = run("extract", str(article), "-p", raw)
    assert_one_line_error(result, 2, "--published", raw)


def test_a_page_date_in_french_is_read_from_its_metadata_and_kept_as_written() -> None:
    from timeline.ingest.html import read_html_articles

    page = """<html lang="en"><head><title>Bridge</title>
    <meta property="article:published_time" content="jeudi 20 décembre 2018"></head>
    <body><article><p>The city council approved the new river bridge on Wednesday after a
    long debate, the mayor said.</p></article></body></html>"""
    (article,) = read_html_articles(page, "page.html")
    assert (article.published, article.published_source) == (DEC_20, "metadata")
    assert article.published_raw == "jeudi 20 décembre 2018"
