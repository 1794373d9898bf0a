"""Web archives: HTML 200 pages become articles, every other response is a counted skip."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run
from warc_helpers import ENGLISH_URL, write_crawl

from timeline.ingest.dispatch import read_input
from timeline.ingest.warc import (
    NOT_200,
    NOT_ENGLISH,
    NOT_HTML,
    TRUNCATED,
    SkippedRecord,
    detected_language,
    page_language,
)
from timeline.models import Article


@pytest.fixture(params=["crawl.warc.gz", "crawl.warc"])
def crawl(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    return write_crawl(tmp_path / request.param)


def test_pages_keep_their_metadata_date_never_the_crawl_date(crawl: Path) -> None:
    items = list(read_input(str(crawl)))
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.title for a in articles] == ["Council approves the river bridge", "Harbour toll"]
    bridge, harbour = articles
    assert (bridge.published, bridge.published_source) == (dt.date(2018, 12, 20), "metadata")
    assert bridge.url == ENGLISH_URL
    assert harbour.published == dt.date(2018, 12, 21)
    assert harbour.url == "https://news.example/harbour"  # the WARC-Target-URI
    assert bridge.source == f"{crawl}@0"
    skipped = [item.reason for item in items if isinstance(item, SkippedRecord)]
    assert skipped == [NOT_200, NOT_HTML, TRUNCATED, NOT_ENGLISH, NOT_ENGLISH]


def test_an_archive_cut_inside_a_record_keeps_the_whole_ones(tmp_path: Path) -> None:
    whole = write_crawl(tmp_path / "whole.warc").read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.index(b"WARC/1.0", 10) + 120])
    items = list(read_input(str(cut)))
    assert isinstance(items[0], Article)
    assert [item.reason for item in items[1:] if isinstance(item, SkippedRecord)] == [TRUNCATED]


def test_language_from_the_page_first_then_the_text() -> None:
    assert page_language('<!DOCTYPE html><html class="x" lang="fr-CA">') == "fr"
    assert page_language("<html><body>") is None
    assert detected_language("Der Stadtrat hat am Mittwoch den Bau der Brücke gebilligt.") == "de"
    assert detected_language("The council approved the new bridge on Wednesday.") == "en"


def test_extract_reads_an_archive_and_counts_what_it_skipped(crawl: Path) -> None:
    result = run("extract", str(crawl), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    values = [event["date"]["value"] for event in events]
    # "on Wednesday" counts back from the page's date (Thu 20 Dec 2018), not the crawl's.
    assert values[0] == "2018-12-19"
    assert "2016-06-14" in values
    assert "2017-06-01" in values
    assert result.stderr.strip() == (
        "timeline: 1 input (1 read, 0 failed); 5 archive records skipped (2 not English, "
        "1 not HTML, 1 not status 200, 1 truncated); 2 articles; 6 events"
    )


def test_an_archive_on_stdin_is_read_as_one(crawl: Path) -> None:
    result = run("extract", "-", "-f", "jsonl", stdin=crawl.read_bytes())
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 6
    assert "5 archive records skipped" in result.stderr


def test_only_an_archive_is_read_as_one_when_the_name_does_not_say(tmp_path: Path) -> None:
    """Unnamed bytes are sniffed: an archive's first record, gzipped or not; no other gzip
    file and no text that happens to open with "WARC/"."""
    crawl = write_crawl(tmp_path / "crawl.warc.gz")
    bare = tmp_path / "crawl-without-extension"
    bare.write_bytes(crawl.read_bytes())
    assert len(run("extract", str(bare), "-f", "jsonl").stdout.splitlines()) == 6
    zipped = tmp_path / "records.jsonl.gz"
    zipped.write_bytes(gzip.compress(b'{"text": "The vote was held on Friday."}\n'))
    assert_one_line_error(run("extract", str(zipped)), 2, "records.jsonl.gz", "binary")
    piped = run("extract", "-", stdin=gzip.compress(b'{"text": "Vote on Friday."}\n'))
    assert piped.exit_code == 2
    assert "archive" not in piped.stderr
    notes = tmp_path / "notes"
    notes.write_text("WARC/ notes\nThe vote was held on March 3, 2020.\n", encoding="utf-8")
    result = run("extract", str(notes), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert '"value": "2020-03-03"' in result.stdout


def test_a_damaged_archive_is_one_error_in_the_users_terms(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nab")
    result = run("extract", str(damaged))
    assert_one_line_error(result, 2, "damaged.warc", "first record is damaged or cut short")
    assert "NoneType" not in result.stderr


def test_a_record_with_a_wrong_length_is_counted_not_shouted(tmp_path: Path) -> None:
    """warcio's own multi-line stderr warning stays out: the summary counts the record."""
    odd = tmp_path / "odd.warc"
    odd.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\ngarbage")
    result = run("extract", str(odd))
    assert result.exit_code == 2
    assert "WARNING" not in result.stderr
    assert all(line.startswith("timeline: ") for line in result.stderr.splitlines())
    assert "1 truncated" in result.stderr


def test_a_file_named_warc_that_is_no_archive_is_one_error(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc.gz"
    fake.write_text("just some notes\n")
    assert_one_line_error(run("extract", str(fake)), 2, "notes.warc.gz", "not a web archive")


def test_a_folder_search_finds_archives(tmp_path: Path) -> None:
    write_crawl(tmp_path / "crawl.warc.gz")
    result = run("extract", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 6
