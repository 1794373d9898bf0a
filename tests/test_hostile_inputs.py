"""Hostile or careless input: one bad record, URL or document never costs the rest.

Each test reproduces an item of issue 10 as a user would meet it on the command line.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from timeline.exporters.csv_sheet import inert_cell
from timeline.exporters.event_html import html_text

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "harbor-bridge.txt"


def record(number: int, **extra: object) -> str:
    return json.dumps(
        {"id": f"r{number}", "text": f"Bridge {number} opened on 2018-12-{number:02d}.", **extra}
    )


HOSTILE_LINES = {
    "lone-surrogate": '{"id": "bad", "text": "The dam opened \\ud800 on 2018-12-18."}',
    "100k-deep-array": "[" * 100_000 + "]" * 100_000,
    "5000-digit-number": '{"id": ' + "7" * 5000 + ', "text": "The dam opened on 2018-12-18."}',
    "deep-object": '{"a":' * 50_000 + "1" + "}" * 50_000,
}


class TestJsonlLines:
    @pytest.mark.parametrize("line", list(HOSTILE_LINES.values()), ids=list(HOSTILE_LINES))
    def test_bad_line_is_reported_by_number_and_the_rest_kept(
        self, tmp_path: Path, line: str
    ) -> None:
        path = tmp_path / "news.jsonl"
        path.write_text("\n".join([record(1), line, record(3)]) + "\n", encoding="utf-8")
        result = run("extract", str(path), "-p", "2018-12-20")
        assert result.exit_code == 2
        assert "Traceback" not in result.stderr
        problems = [line for line in result.stderr.splitlines() if f"{path}: line 2:" in line]
        assert len(problems) == 1 and len(problems[0]) < 300, result.stderr
        assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["r1", "r3"]

    def test_surrogate_message_says_what_is_wrong(self, tmp_path: Path) -> None:
        path = tmp_path / "news.jsonl"
        path.write_text(record(1) + "\n" + HOSTILE_LINES["lone-surrogate"] + "\n", "utf-8")
        result = run("extract", str(path), "-p", "2018-12-20", "-f", "jsonl")
        assert f'{path}: line 2: "text" holds a lone surrogate' in result.stderr
        assert len(result.stdout.splitlines()) == 1  # r1's event, written as valid UTF-8

    def test_big_number_message_says_what_is_wrong(self, tmp_path: Path) -> None:
        path = tmp_path / "news.jsonl"
        path.write_text(record(1) + "\n" + HOSTILE_LINES["5000-digit-number"] + "\n", "utf-8")
        result = run("extract", str(path), "-p", "2018-12-20")
        assert "line 2: not JSON (a number of more than 4,300 digits)" in result.stderr


class TestJsonDocuments:
    @pytest.mark.parametrize("command", ["validate", "preview"])
    @pytest.mark.parametrize(
        ("content", "words"),
        [
            ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
            ('{"version": ' + "1" * 5000 + "}", "4,300 digits"),
        ],
        ids=["100k-deep", "5000-digits"],
    )
    def test_is_one_line(self, tmp_path: Path, command: str, content: str, words: str) -> None:
        path = tmp_path / "hostile.json"
        path.write_text(content, encoding="utf-8")
        args = [command, str(path)] + (
            ["-o", str(tmp_path / "p.html")] if command == "preview" else []
        )
        assert_one_line_error(run(*args), 2, str(path), words)
        assert not (tmp_path / "p.html").exists()

    def test_timelinejs_file_gets_a_hint_not_a_hundred_errors(self, tmp_path: Path) -> None:
        path = tmp_path / "tl.json"
        assert (
            run(
                "extract", str(SAMPLE), "-p", "2024-03-14", "-f", "timelinejs", "-o", str(path)
            ).exit_code
            == 0
        )
        assert_one_line_error(run("validate", str(path)), 1, "TimelineJS", "--schema timelinejs")
        assert run("validate", str(path), "--schema", "timelinejs").exit_code == 0

    def test_timeline_file_checked_as_timelinejs_gets_a_hint(self, tmp_path: Path) -> None:
        path = tmp_path / "t.json"
        assert run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(path)).exit_code == 0
        result = run("validate", str(path), "--schema", "timelinejs")
        assert_one_line_error(result, 1, "Timeline document", "--schema timeline")


class TestIcsUrls:
    @pytest.mark.parametrize(
        ("url", "reason"),
        [
            ("https://news.example/a\r\nATTENDEE:mailto:x@evil.example", "line break"),
            ("https://news.example/a\nb", "line break"),
            ("javascript:alert(1)", "not an http(s) address"),
            ("file:///etc/passwd", "not an http(s) address"),
        ],
        ids=["crlf", "lf", "javascript", "file"],
    )
    def test_bad_url_is_left_out_with_a_warning_and_every_event_written(
        self, tmp_path: Path, url: str, reason: str
    ) -> None:
        path = tmp_path / "news.jsonl"
        lines = [record(1, url="https://news.example/1"), record(2, url=url, title="Bad one")]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run("extract", str(path), "-p", "2018-12-20", "-f", "ics", "--no-merge")
        assert result.exit_code == 0, result.stderr
        [warning] = [line for line in result.stderr.splitlines() if "URL" in line]
        assert f"{path}:2 ('Bad one')" in warning and reason in warning
        calendar = result.stdout
        assert calendar.count("BEGIN:VEVENT") == 2
        assert "URL:https://news.example/1" in calendar
        assert "evil" not in calendar and "javascript" not in calendar and "file:" not in calendar
        assert "ATTENDEE" not in calendar

    def test_html_canonical_link_with_a_line_break(self, tmp_path: Path) -> None:
        page = tmp_path / "page.html"
        page.write_text(
            '<html><head><title>Dam opens</title><link rel="canonical" '
            'href="https://news.example/dam&#13;&#10;X-INJECTED:yes"></head><body><article>'
            "<h1>Dam opens</h1><p>The dam opened on 18 December 2018 after five years of "
            "work, officials said at a ceremony by the river.</p></article></body></html>",
            encoding="utf-8",
        )
        result = run("extract", str(page), "-p", "2018-12-20", "-f", "ics")
        assert result.exit_code == 0, result.stderr
        assert "BEGIN:VEVENT" in result.stdout
        assert "X-INJECTED" not in result.stdout.replace("\\n", " ").split("DESCRIPTION")[0]
        assert "\r\nX-INJECTED" not in result.stdout


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1

    def handle_data(self, data: str) -> None:
        self.text += data


class TestCsvSheet:
    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_formula_starts_are_neutralised_in_every_cell(self, tmp_path: Path, start: str) -> None:
        payload = f'{start}HYPERLINK("https://evil.example","click")'
        path = tmp_path / "news.jsonl"
        text = f"{payload} The dam opened on 2018-12-18."
        path.write_text(
            json.dumps({"id": "r1", "title": payload, "text": text}) + "\n", encoding="utf-8"
        )
        result = run("extract", str(path), "-p", "2018-12-20", "-f", "csv", "--title", payload)
        assert result.exit_code == 0, result.stderr
        rows = list(csv.reader(io.StringIO(result.stdout)))
        cells = [cell for row in rows for cell in row if cell]
        assert cells, result.stdout
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert rows[1][9] == "'" + payload  # the title row's Headline

    def test_integers_stay_numbers(self) -> None:
        assert inert_cell("-44") == "-44"
        assert inert_cell("-44+1") == "'-44+1"

    def test_headline_reads_as_written_in_the_sheet(self, tmp_path: Path) -> None:
        path = tmp_path / "a.txt"
        path.write_text(
            "Trump's Plan\n\nTrump's adviser said the \"deal\" & the <b>plan</b> ended on "
            "Tuesday.\n",
            encoding="utf-8",
        )
        result = run("extract", str(path), "-p", "2018-12-20", "-f", "csv")
        assert result.exit_code == 0, result.stderr
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows[0]["Headline"] == "Trump's Plan"
        assert "&#x27;" not in result.stdout and "&quot;" not in result.stdout
        # TimelineJS puts Headline in the page as HTML: what it shows is the sentence.
        shown = _Text()
        shown.feed(rows[1]["Headline"])
        assert shown.tags == 0 and "<b>plan</b>" in shown.text

    @pytest.mark.parametrize(
        "text", ["AT&T", "a < b", "<script>x</script>", "&amp;", "&#39;", "x<!--y", "</p>", "'\""]
    )
    def test_html_text_reads_back_as_the_same_words(self, text: str) -> None:
        shown = _Text()
        shown.feed(html_text(text))
        shown.close()
        assert (shown.text, shown.tags) == (text, 0)


TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>dam-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2018-12-20"
  functionInDocument="CREATION_TIME">2018-12-20</TIMEX3></DCT>
<TEXT>The dam opened <TIMEX3 tid="t1" type="DATE"
  value="2018-12-18">on Tuesday</TIMEX3>. Work began in 2019.</TEXT>
</TimeML>
"""


class TestTimemlInput:
    def test_extract_reads_timeml_as_tag_does(self, tmp_path: Path) -> None:
        path = tmp_path / "dam.tml"
        path.write_text(TIMEML, encoding="utf-8")
        result = run("extract", str(path))
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        [article] = document["articles"]
        assert (article["title"], article["published"]) == ("dam-1", "2018-12-20")
        assert [e["date"]["value"] for e in document["events"]] == ["2018-12-18", "2019"]
        assert not [e for e in document["events"] if "<" in e["headline"] or "<" in e["text"]]
        tagged = json.loads(run("tag", str(path)).stdout)
        expression = document["events"][0]["expression"]
        assert {k: tagged[0][k] for k in ("text", "start", "end")} == {
            k: expression[k] for k in ("text", "start", "end")
        }

    def test_timeml_on_stdin_is_recognised(self) -> None:
        result = run("extract", "-", stdin=TIMEML)
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["articles"][0]["published"] == "2018-12-20"

    def test_folder_finds_tml_files(self, tmp_path: Path) -> None:
        (tmp_path / "dam.tml").write_text(TIMEML, encoding="utf-8")
        (tmp_path / "b.txt").write_text("Bridge\n\nThe bridge opened in 2017.\n", "utf-8")
        tagged = json.loads(run("tag", str(tmp_path), "-p", "2018-12-20").stdout)
        assert [Path(t["source"]).name for t in tagged] == ["b.txt", "dam.tml"]
        extracted = json.loads(run("extract", str(tmp_path), "-p", "2018-12-20").stdout)
        assert len(extracted["articles"]) == 2

    def test_broken_timeml_is_one_line(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.tml"
        path.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
        assert_one_line_error(run("extract", str(path)), 2, str(path), "TimeML")


class TestPublished:
    def test_date_time_counts_as_its_day_as_written(self) -> None:
        article = "Dam\n\nThe dam opened yesterday.\n"
        result = run("extract", "-p", "2018-12-20T23:30-05:00", stdin=article)
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["articles"][0]["published"] == "2018-12-20"
        assert [e["date"]["value"] for e in document["events"]] == ["2018-12-19"]

    @pytest.mark.parametrize("raw", ["2018-12-20xyz", "2018-12-20T25:00", "yesterday"])
    def test_garbage_after_the_date_is_refused(self, raw: str) -> None:
        assert_one_line_error(run("extract", "-p", raw, stdin="A\n\nIt rained.\n"), 2, raw)

    def test_no_give_p_hint_when_p_was_given(self) -> None:
        result = run("extract", "-p", "2018-12-20", stdin="Rain\n\nIt rained a lot.\n")
        assert result.exit_code == 0
        assert "warning: no dated events" in result.stderr
        assert "-p" not in result.stderr
        without = run("extract", stdin="Rain\n\nIt rained a lot.\n")
        assert "Give -p YYYY-MM-DD" in without.stderr


@pytest.mark.parametrize("command", ["extract", "tag", "validate", "schema", "eval", "preview"])
def test_help_shows_no_python_types(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    for python_type in ("<list[str]>", "<str>", "<path>", "<int>", "<float>", "<bool>"):
        assert python_type not in result.stdout


def test_closed_stdin_is_one_line() -> None:
    """``timeline extract - <&-``: Python starts with no sys.stdin at all."""
    process = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m timeline extract - <&-'],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert process.stderr == "timeline: <stdin>: standard input is closed; give article files\n"


@pytest.mark.parametrize("fmt", ["ics", "csv"])
def test_control_characters_do_not_reach_calendars_or_sheets(tmp_path: Path, fmt: str) -> None:
    """RFC 5545 forbids control characters in text; a NUL or an escape sequence from a
    scraped page breaks calendar and spreadsheet importers."""
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "Dam\u0000 news \u001b[31m",
                "text": "The dam\u0000 opened on 2018-12-18 \u001b[2J after\u0007 work.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = run("extract", str(path), "-p", "2018-12-20", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    body = result.stdout.replace("\r\n", "\n").replace("\n", "").replace("\t", "")
    assert not [char for char in body if ord(char) < 32 or ord(char) == 127]
    assert "The dam opened" in result.stdout
