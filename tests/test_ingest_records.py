"""JSON and JSONL records: one object, a list, one per line; bad records named by line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

import timeline
from timeline.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RECORD = {
    "id": "r1",
    "title": "Dam opens",
    "text": "The dam opened on Tuesday. Work began in 2019.",
    "published": "2018-12-20",
    "url": "https://news.example/dam",
}


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, ["extract", *args], input=stdin)


def test_one_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(RECORD), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["articles"] == [
        {
            "id": "r1",
            "title": "Dam opens",
            "published": "2018-12-20",
            "published_source": "metadata",
            "source": f"{path}:1",
            "url": "https://news.example/dam",
        }
    ]
    assert [e["date"]["value"] for e in document["events"]] == ["2018-12-18", "2019"]


def test_a_list_with_a_bad_record_names_its_line(tmp_path: Path) -> None:
    records = [RECORD, {"id": "r2", "title": "No text"}, {**RECORD, "id": "r3"}]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    problems = [line for line in result.stderr.splitlines() if ": line " in line]
    assert problems == [
        f'timeline: {path}: line 9: the record has no "text" (a non-empty string); '
        "fix or remove the record"
    ]
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["r1", "r3"]


def test_jsonl_malformed_line_is_reported_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [json.dumps(RECORD), '{"id": "r2", "text": "oops"', json.dumps({**RECORD, "id": "r3"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert f"timeline: {path}: line 2: not JSON" in result.stderr
    assert "1 bad record skipped" in result.stderr.splitlines()[-1]
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["r1", "r3"]


def test_per_record_dates_resolve_each_record(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    second = {**RECORD, "id": "r2", "published": "2025-01-09T16:45:00+01:00"}
    path.write_text(json.dumps(RECORD) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    document = json.loads(run(str(path)).stdout)
    tuesdays = [
        e["date"]["value"] for e in document["events"] if e["expression"]["text"] == "Tuesday"
    ]
    assert tuesdays == ["2018-12-18", "2025-01-07"]


def test_bad_published_value_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({**RECORD, "published": "2018-02-30"}) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"timeline: {path}: line 1: \"published\" '2018-02-30' is not a calendar date; "
        "use YYYY-MM-DD; fix or remove the record\n"
    )
    assert result.stdout == ""


def test_offsets_index_the_record_text(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    [article] = timeline.read_articles([str(path)])
    for expression in timeline.tag(article):
        assert RECORD["text"][expression.start : expression.end] == expression.text


def test_records_from_stdin_are_recognised() -> None:
    result = run(stdin=json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "id": "r2"}) + "\n")
    assert result.exit_code == 0, result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["r1", "r2"]


def test_sample_jsonl_record_without_date_is_undated_but_keeps_absolute_dates() -> None:
    result = run(str(SAMPLES / "wire-briefs.jsonl"))
    assert result.exit_code == 0
    assert "wire-briefs.jsonl:4 ('Festival dates announced'): no publication date" in result.stderr
    document = json.loads(result.stdout)
    festival = [e for e in document["events"] if e["article_id"] == "wb-104"]
    # "from 12 to 14 July 2024" is one range event; "Last year's" has no anchor in time.
    assert [(e["date"]["start"], e["date"]["end"]) for e in festival] == [
        ("2024-07-12", "2024-07-14")
    ]
