"""The real command, as a user runs it: output, exit codes, one-line errors, whole files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "harbor-bridge.txt"
ARTICLE = "Dam Opens\n\nThe dam opened on Tuesday, officials said. Work began in 2019.\n"


class TestExtract:
    def test_json_to_stdout_validates(self, tmp_path: Path) -> None:
        result = run("extract", str(SAMPLE), "-p", "2024-03-14")
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["events"]
        out = tmp_path / "t.json"
        out.write_text(result.stdout, encoding="utf-8")
        assert run("validate", str(out)).exit_code == 0

    def test_stdin(self) -> None:
        result = run("extract", "-p", "2018-12-20", stdin=ARTICLE)
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert [e["date"]["value"] for e in document["events"]] == ["2018-12-18", "2019"]
        assert document["articles"][0]["source"] == "<stdin>"

    def test_same_input_gives_byte_identical_output(self) -> None:
        for fmt in ("json", "ics", "timelinejs", "csv", "timeml"):
            first = run("extract", str(SAMPLE), "-p", "2024-03-14", "-f", fmt)
            second = run("extract", str(SAMPLE), "-p", "2024-03-14", "-f", fmt)
            assert first.exit_code == 0, first.stderr
            assert first.stdout == second.stdout
            assert first.stdout.strip()

    def test_output_file_gets_ordinary_permissions(self, tmp_path: Path) -> None:
        out = tmp_path / "t.json"
        old_umask = os.umask(0o022)
        try:
            assert run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(out)).exit_code == 0
        finally:
            os.umask(old_umask)
        assert stat.S_IMODE(out.stat().st_mode) == 0o644

    def test_output_file(self, tmp_path: Path) -> None:
        out = tmp_path / "t.ics"
        result = run("extract", str(SAMPLE), "-p", "2024-03-14", "-f", "ics", "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert out.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        assert result.stdout == ""
        assert [p.name for p in tmp_path.iterdir()] == ["t.ics"]

    def test_title(self) -> None:
        result = run("extract", str(SAMPLE), "-p", "2024-03-14", "--title", "Bridge")
        assert json.loads(result.stdout)["title"] == "Bridge"

    def test_published_per_article_in_order(self) -> None:
        text = (
            "One\n\nIt opened on Tuesday, they said.\n\n\n\n"
            "Two\n\nIt closed on Tuesday, they said.\n"
        )
        result = run("extract", "-p", "2018-12-20", "-p", "2025-01-09", stdin=text)
        assert result.exit_code == 0, result.stderr
        values = sorted(e["date"]["value"] for e in json.loads(result.stdout)["events"])
        assert values == ["2018-12-18", "2025-01-07"]


class TestErrors:
    def test_missing_file(self, tmp_path: Path) -> None:
        assert_one_line_error(
            run("extract", str(tmp_path / "nope.txt")), 2, "nope.txt", "no such file"
        )

    def test_a_file_named_with_a_trailing_slash_is_not_called_missing(self, tmp_path: Path) -> None:
        """It is there, but is no folder: the system says so when it is read."""
        article = tmp_path / "note.txt"
        article.write_text("The vote was on Friday.", encoding="utf-8")
        for command in ("extract", "tag"):
            assert_one_line_error(
                run(command, f"{article}/"), 2, "note.txt/", "cannot be read (Not a directory)"
            )

    def test_bad_published(self) -> None:
        assert_one_line_error(
            run("extract", str(SAMPLE), "-p", "2018-02-30"), 2, "2018-02-30", "YYYY-MM-DD"
        )

    def test_published_count_mismatch(self) -> None:
        result = run("extract", str(SAMPLE), "-p", "2018-01-01", "-p", "2018-01-02")
        assert_one_line_error(result, 2, "2 times for 1 articles")

    def test_unknown_format(self) -> None:
        result = run("extract", str(SAMPLE), "-f", "pdf")
        assert result.exit_code == 2
        assert "pdf" in result.stderr
        assert "Traceback" not in result.stderr

    def test_empty_and_binary_input(self, tmp_path: Path) -> None:
        empty = tmp_path / "empty.txt"
        empty.write_text("", encoding="utf-8")
        assert_one_line_error(run("extract", str(empty)), 2, "empty")
        binary = tmp_path / "blob.txt"
        binary.write_bytes(b"\x00\x01\x02" * 100)
        assert_one_line_error(run("extract", str(binary)), 2, "binary")

    def test_latin1_text_is_read(self, tmp_path: Path) -> None:
        latin1 = tmp_path / "latin1.txt"
        latin1.write_bytes(b"Title\n\nThe caf\xe9 opened on Tuesday.\n")
        result = run("extract", str(latin1), "-p", "2018-12-20")
        assert result.exit_code == 0, result.stderr
        [event] = json.loads(result.stdout)["events"]
        assert event["text"] == "The café opened on Tuesday."
        assert event["date"]["value"] == "2018-12-18"

    def test_junk_bytes_fail(self, tmp_path: Path) -> None:
        junk = tmp_path / "junk.txt"
        junk.write_bytes(bytes(range(256)) * 8)
        assert_one_line_error(run("extract", str(junk)), 2, "junk.txt", "binary")

    def test_output_in_missing_folder(self, tmp_path: Path) -> None:
        out = tmp_path / "missing" / "t.json"
        result = run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(out))
        assert_one_line_error(result, 2, "does not exist")
        assert not out.parent.exists()

    def test_output_in_read_only_folder(self, tmp_path: Path) -> None:
        if os.geteuid() == 0:  # root writes anywhere on disk; sysfs refuses even root
            folder = Path("/sys")
        else:
            folder = tmp_path / "ro"
            folder.mkdir()
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        before = sorted(p.name for p in folder.iterdir())
        try:
            result = run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(folder / "t.json"))
            assert_one_line_error(result, 2, "cannot write")
            assert sorted(p.name for p in folder.iterdir()) == before
        finally:
            if folder != Path("/sys"):
                folder.chmod(stat.S_IRWXU)

    def test_failed_run_keeps_previous_output_whole(self, tmp_path: Path) -> None:
        out = tmp_path / "t.json"
        out.write_text("previous", encoding="utf-8")
        result = run("extract", str(tmp_path / "nope.txt"), "-o", str(out))
        assert result.exit_code == 2
        assert out.read_text(encoding="utf-8") == "previous"
        assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


class TestValidate:
    def test_valid(self, tmp_path: Path) -> None:
        out = tmp_path / "t.json"
        run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(out))
        assert run("validate", str(out)).exit_code == 0

    def test_broken_field_is_named(self, tmp_path: Path) -> None:
        out = tmp_path / "t.json"
        run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(out))
        document = json.loads(out.read_text(encoding="utf-8"))
        document["events"][0]["date"]["start"] = "2024-02-30"
        del document["events"][1]["confidence"]
        out.write_text(json.dumps(document), encoding="utf-8")
        result = run("validate", str(out))
        assert result.exit_code == 1
        assert "$.events[0].date.start" in result.stderr
        assert "'confidence' is a required property" in result.stderr

    def test_timelinejs_schema(self, tmp_path: Path) -> None:
        out = tmp_path / "tl.json"
        run("extract", str(SAMPLE), "-p", "2024-03-14", "-f", "timelinejs", "-o", str(out))
        assert run("validate", str(out), "--schema", "timelinejs").exit_code == 0
        assert run("validate", str(out)).exit_code == 1

    def test_not_json(self, tmp_path: Path) -> None:
        out = tmp_path / "t.json"
        out.write_text("{nope", encoding="utf-8")
        assert_one_line_error(run("validate", str(out)), 2, "not JSON")


class TestTag:
    def test_json_expressions(self) -> None:
        result = run("tag", "-p", "2018-12-20", stdin=ARTICLE)
        assert result.exit_code == 0, result.stderr
        expressions = json.loads(result.stdout)
        assert [(e["text"], e["type"], e["value"]) for e in expressions] == [
            ("Tuesday", "DATE", "2018-12-18"),
            ("2019", "DATE", "2019"),
        ]
        assert all(ARTICLE[e["start"] : e["end"]] == e["text"] for e in expressions)

    def test_unresolved_keeps_span_and_reason(self) -> None:
        expressions = json.loads(run("tag", stdin=ARTICLE).stdout)
        tuesday = expressions[0]
        assert tuesday["value"] is None
        assert "publication date" in tuesday["reason"]

    def test_several_articles(self) -> None:
        text = "One\n\nIt opened on Tuesday.\n\n\n\nTwo\n\nIt closed in 2019.\n"
        documents = json.loads(run("tag", "-p", "2018-12-20", stdin=text).stdout)
        assert [d["title"] for d in documents] == ["One", "Two"]
        assert [len(d["expressions"]) for d in documents] == [1, 1]

    def test_timeml_out(self) -> None:
        result = run("tag", "-p", "2018-12-20", "-f", "timeml", stdin=ARTICLE)
        assert result.exit_code == 0, result.stderr
        # counted from the publication date: the DCT's tid is its anchor, as TimeML writes it
        assert (
            '<TIMEX3 tid="t1" type="DATE" value="2018-12-18" temporalFunction="true" '
            'anchorTimeID="t0">Tuesday</TIMEX3>'
        ) in result.stdout
        assert 'functionInDocument="CREATION_TIME">2018-12-20<' in result.stdout


class TestSchema:
    @pytest.mark.parametrize("name", ["timeline", "event", "timelinejs"])
    def test_prints_the_checked_in_schema(self, name: str) -> None:
        result = run("schema", name)
        assert result.exit_code == 0
        checked_in = Path(__file__).resolve().parents[1] / "schemas" / f"{name}.schema.json"
        assert result.stdout == checked_in.read_text(encoding="utf-8")


def test_python_dash_m_and_help() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "timeline", "--help"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    for command in ("extract", "tag", "validate", "schema", "eval"):
        assert command in completed.stdout


class TestNoEvents:
    UNDATED = "Dam Opens\n\nThe dam opened on Tuesday, officials said.\n"

    @pytest.mark.parametrize("fmt", ["timelinejs", "csv"])
    def test_timelinejs_formats_refuse_an_empty_timeline(self, fmt: str, tmp_path: Path) -> None:
        out = tmp_path / "t.out"
        result = run("extract", "-f", fmt, "-o", str(out), stdin=self.UNDATED)
        assert result.exit_code == 1
        assert "no dated events" in result.stderr and "-p YYYY-MM-DD" in result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()

    def test_json_warns_but_writes(self) -> None:
        result = run("extract", "-f", "json", stdin=self.UNDATED)
        assert result.exit_code == 0
        assert json.loads(result.stdout)["events"] == []
        assert "no dated events found" in result.stderr


def test_a_date_window_that_closes_before_it_opens_is_refused() -> None:
    window = ["--since", "2019-01-01", "--until", "2018-01-01"]
    result = run("extract", "-", "-p", "2018-12-20", *window, stdin="It rained on Monday.\n")
    assert_one_line_error(result, 2, "--since", "--until")
