"""Batches as a user runs them: folders, globs, bad inputs among good ones, jobs, streaming.

Unreadable inputs are made without chmod, which root (CI) ignores: a dangling symlink and a
FIFO (named pipe) fail for every user, and a FIFO must be refused, not read (that blocks).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import timeline
from timeline import batch
from timeline.cli import app
from timeline.schemas import validate_document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def article(name: str, day: str = "2018-12-20") -> str:
    body = f"The {name.lower()} opened on Tuesday. Work began in 2019."
    return f"{name} Opens\nPublished: {day}\n\n{body}\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["extract", *args])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "a.txt").write_text(article("Dam"), encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(article("Bridge", "2025-01-09"), encoding="utf-8")
    (folder / "sub" / "deeper" / "c.html").write_bytes((SAMPLES / "ferry-strike.html").read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")  # not an article extension
    (folder / ".hidden.txt").write_text(article("Hidden"), encoding="utf-8")
    return folder


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "warning" not in line][:-1]


def test_folder_is_read_recursively_in_name_order(corpus: Path) -> None:
    result = run(str(corpus))
    assert result.exit_code == 0, result.stderr
    sources = [a["source"] for a in json.loads(result.stdout)["articles"]]
    assert sources == [
        str(corpus / "a.txt"),
        str(corpus / "sub" / "b.txt"),
        str(corpus / "sub" / "deeper" / "c.html"),
    ]
    assert result.stderr.splitlines()[-1] == (
        "timeline: 3 inputs (3 read, 0 failed); 3 articles; "
        f"{len(json.loads(result.stdout)['events'])} events"
    )


def test_glob_pattern(corpus: Path) -> None:
    result = run(str(corpus / "**" / "*.txt"))
    assert result.exit_code == 0, result.stderr
    assert [a["title"] for a in json.loads(result.stdout)["articles"]] == [
        "Dam Opens",
        "Bridge Opens",
    ]


def test_missing_file_is_reported_and_the_rest_are_written(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run(
        str(corpus / "a.txt"), str(tmp_path / "nope.txt"), str(corpus / "sub"), "-o", str(out)
    )
    assert result.exit_code == 2
    assert errors(result) == [f"timeline: {tmp_path / 'nope.txt'}: no such file; check the path"]
    assert "4 inputs (3 read, 1 failed)" in result.stderr.splitlines()[-1]
    titles = [a["title"] for a in json.loads(out.read_text(encoding="utf-8"))["articles"]]
    assert titles == ["Dam Opens", "Bridge Opens", "Ferry crews walk out over new rota"]


def test_folder_with_unreadable_entries(corpus: Path) -> None:
    (corpus / "broken.txt").symlink_to(corpus / "missing-target.txt")
    os.mkfifo(corpus / "pipe.txt")
    result = run(str(corpus))
    assert result.exit_code == 2
    assert errors(result) == [
        f"timeline: {corpus / 'broken.txt'}: broken link (its target is missing); fix or remove it",
        f"timeline: {corpus / 'pipe.txt'}: not a regular file (a pipe or device); "
        "give article files",
    ]
    assert "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 3


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)) * 8, "looks like a binary file"),
        (b"", "the input is empty"),
        (bytes(range(128, 256)) * 8, "looks like a binary file"),  # invalid UTF-8, not text
    ],
    ids=["binary", "empty", "invalid-utf8-junk"],
)
def test_bad_file_among_good_ones(corpus: Path, data: bytes, words: str) -> None:
    bad = corpus / "bad.txt"
    bad.write_bytes(data)
    result = run(str(corpus))
    assert result.exit_code == 2
    [message] = errors(result)
    assert message.startswith(f"timeline: {bad}: {words}")
    assert len(json.loads(result.stdout)["articles"]) == 3


def test_latin1_file_in_a_batch_is_read(corpus: Path) -> None:
    (corpus / "latin.txt").write_bytes(article("Café").encode("latin-1"))
    result = run(str(corpus))
    assert result.exit_code == 0, result.stderr
    assert "Café Opens" in [a["title"] for a in json.loads(result.stdout)["articles"]]


def test_every_input_failing_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run(str(empty), str(tmp_path / "nope.txt"), "-o", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt"]


def test_impossible_published_stops_before_anything(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run(str(corpus), "-p", "2018-02-30", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: --published '2018-02-30': not a valid date; use YYYY-MM-DD, e.g. 2018-12-20\n"
    )
    assert not out.exists()


def test_output_in_missing_folder_fails_before_reading(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "out.jsonl"
    result = run(str(corpus), str(tmp_path / "nope.txt"), "-f", "jsonl", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "does not exist" in result.stderr
    assert not out.parent.exists()


def test_output_in_read_only_folder(corpus: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere on disk; sysfs refuses even root
        folder = Path("/sys")
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
    before = sorted(p.name for p in folder.iterdir())
    try:
        result = run(str(corpus), "-f", "jsonl", "-o", str(folder / "out.jsonl"))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr
        assert sorted(p.name for p in folder.iterdir()) == before
    finally:
        if folder != Path("/sys"):
            folder.chmod(0o700)


def test_several_published_dates_follow_the_articles_across_files(corpus: Path) -> None:
    result = run(
        str(corpus / "a.txt"), str(corpus / "sub" / "b.txt"), "-p", "2020-06-04", "-p", "2021-06-03"
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [a["published"] for a in document["articles"]] == ["2020-06-04", "2021-06-03"]
    assert {a["published_source"] for a in document["articles"]} == {"option"}
    tuesdays = sorted(
        e["date"]["value"] for e in document["events"] if e["expression"]["text"] == "Tuesday"
    )
    assert tuesdays == ["2020-06-02", "2021-06-01"]
    mismatch = run(str(corpus / "a.txt"), "-p", "2020-06-04", "-p", "2021-06-03")
    assert mismatch.exit_code == 2
    assert mismatch.stderr.splitlines()[0] == (
        "timeline: --published given 2 times for 1 articles; "
        "give it once for all, or once per article"
    )


def test_batch_timeline_equals_the_python_api(corpus: Path) -> None:
    from timeline.exporters import get_renderer

    paths = [
        str(corpus / "a.txt"),
        str(SAMPLES / "wire-briefs.jsonl"),
        str(SAMPLES / "ferry-strike.html"),
    ]
    expected = get_renderer("json")(timeline.extract(timeline.read_articles(paths)))
    assert run(*paths).stdout == expected


def test_jobs_do_not_change_the_output(corpus: Path) -> None:
    for fmt in ("json", "jsonl"):
        one = run(str(corpus), str(SAMPLES / "wire-briefs.jsonl"), "-f", fmt)
        two = run(str(corpus), str(SAMPLES / "wire-briefs.jsonl"), "-f", fmt, "--jobs", "2")
        assert two.exit_code == 0, two.stderr
        assert one.stdout == two.stdout and one.stdout


def test_jsonl_is_one_valid_event_per_line(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = run(str(SAMPLES / "*.*"), "-f", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 20
    for line in lines:
        assert validate_document(json.loads(line), "event") == []
    assert f"; {len(lines)} events" in result.stderr.splitlines()[-1]


def test_large_jsonl_is_cut_into_chunks_with_true_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.jsonl"
    records = [
        json.dumps(
            {
                "id": f"r{i}",
                "text": f"It opened on Tuesday, report {i} said.",
                "published": "2018-12-20",
            }
        )
        for i in range(7)
    ]
    records[4] = "{broken"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    whole = run(str(path), "-f", "jsonl")
    monkeypatch.setattr(batch, "JSONL_CHUNK_MIN_BYTES", 0)
    monkeypatch.setattr(batch, "JSONL_CHUNK_LINES", 2)
    chunked = run(str(path), "-f", "jsonl")
    assert chunked.exit_code == whole.exit_code == 2
    assert chunked.stdout == whole.stdout
    assert f"timeline: {path}: line 5: not JSON" in chunked.stderr
    assert len(chunked.stdout.splitlines()) == 6


def test_progress_bar_only_on_a_terminal(corpus: Path) -> None:
    for index in range(25):
        (corpus / f"n{index:02}.txt").write_text(article(f"Pier{index}"), encoding="utf-8")
    quiet = run(str(corpus), "-f", "jsonl")
    assert quiet.exit_code == 0 and "extracting" not in quiet.stderr
    leader, follower = pty.openpty()
    completed = subprocess.run(
        [sys.executable, "-m", "timeline", "extract", str(corpus), "-f", "jsonl"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        check=False,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert completed.returncode == 0
    text = screen.decode("utf-8", errors="replace")
    assert "extracting" in text
    assert "timeline: 28 inputs (28 read, 0 failed); 28 articles" in text
