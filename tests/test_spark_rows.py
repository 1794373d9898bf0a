"""The Spark job's pure parts, without a JVM: event rows, input splits, the merge of one block."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import NoReturn

import pytest

from timeline.api import read_articles
from timeline.ingest.dispatch import read_input
from timeline.models import Article
from timeline.pipeline import DEFAULT_OPTIONS, article_events, extract

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(autouse=True)
def _pyarrow(require_external: Callable[[str], NoReturn]) -> None:
    if find_spec("pyarrow") is None:
        require_external("needs pyarrow (pip install -e '.[spark]')")


def test_event_rows_convert_back_to_the_same_events() -> None:
    import pyarrow as pa

    from timeline.spark.schema import EVENT_ARROW, article_fields, event_row, row_event

    articles = read_articles(sorted(str(path) for path in SAMPLES.glob("*.*[tl]")))
    rows, events = [], []
    for position, article in enumerate(articles):
        for index, event in enumerate(article_events(article)):
            rows.append(event_row(event, article_fields(article, position), index))
            events.append(event)
    assert len(events) > 30
    through_arrow = pa.Table.from_pylist(rows, schema=EVENT_ARROW).to_pylist()
    assert [row_event(row) for row in through_arrow] == events


def test_jsonl_splits_give_the_articles_the_cli_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.spark import inputs

    lines = (SAMPLES / "wire-briefs.jsonl").read_text().splitlines()
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join([*lines, "", "not json", *lines]) + "\n")
    monkeypatch.setattr(inputs, "SPLIT_LINES", 3)
    splits = inputs.input_splits([str(records)])
    assert [split.first_line for split in splits] == [1, 4, 7, 10]
    counted: list[str] = []
    read = [pair for split in splits for pair in inputs.split_articles(split, counted.append)]
    expected = [item for item in read_input(str(records)) if isinstance(item, Article)]
    assert [article for article, _ in read] == expected
    assert counted == [inputs.BAD_RECORD]
    positions = [position for _, position in read]
    assert positions == sorted(positions)


def test_merging_one_block_keeps_the_first_mention_as_its_place() -> None:
    import pyarrow as pa

    from timeline.spark.job import merge_group
    from timeline.spark.schema import EVENT_ARROW, article_fields, event_row

    sentence = "The Harbour Board approved the new ferry terminal on 3 May 2024, officials said."
    articles = [
        Article(id=f"a{n}", text=text, source=f"feed:{n}")
        for n, text in enumerate([sentence, "Late news. " + sentence])
    ]
    rows = [
        event_row(event, article_fields(article, position), index)
        for position, article in enumerate(articles)
        for index, event in enumerate(article_events(article))
    ]
    table = pa.Table.from_pylist(list(reversed(rows)), schema=EVENT_ARROW)
    (merged,) = merge_group(table, DEFAULT_OPTIONS).to_pylist()
    assert merged["mentions"] == 2
    assert (merged["article_position"], merged["event_index"]) == (0, 0)
    timeline = extract(articles)
    assert [event.id for event in timeline.events] == [merged["event_id"]]


def test_job_reports_a_missing_input_in_one_line_before_starting_spark(tmp_path: Path) -> None:
    import subprocess
    import sys

    missing = tmp_path / "missing.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "timeline.spark", str(missing), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"timeline: {missing}: no such file; check the path"]
    assert not (tmp_path / "out").exists()


def test_jsonl_output_lines_are_counted_across_part_files(tmp_path: Path) -> None:
    from timeline.spark.__main__ import jsonl_lines

    (tmp_path / "part-00000-a.txt").write_text('{"id": 1}\n' * 200_000)  # several read blocks
    (tmp_path / "part-00001-a.txt").write_text("")
    (tmp_path / "part-00002-a.txt").write_text('{"id": 2}\n')
    (tmp_path / "_SUCCESS").write_text("")
    assert jsonl_lines(tmp_path) == 200_001


def test_a_month_whose_task_fails_leaves_no_part_file(tmp_path: Path) -> None:
    """A failed task writes nothing a retry or a reader could find, not even a hidden file."""
    import pyarrow as pa

    from timeline.pipeline import ExtractOptions
    from timeline.spark.job import BLOCK, BLOCKED_ARROW, merge_block
    from timeline.spark.schema import article_fields, event_row
    from timeline.spark.write import write_month

    article = read_articles([str(SAMPLES / "harbor-bridge.txt")])[0]
    rows = []
    for index, event in enumerate(article_events(article)):
        row = event_row(event, article_fields(article, 0), index)
        rows.append({**row, BLOCK: merge_block(event.date.start)})
    month = [row for row in rows if row[BLOCK] == rows[0][BLOCK]]

    def batches_then_failure() -> Iterator[pa.RecordBatch]:
        yield pa.RecordBatch.from_pylist(month, schema=BLOCKED_ARROW)
        raise OSError("executor lost")

    with pytest.raises(OSError, match="executor lost"):
        write_month(batches_then_failure(), str(tmp_path), ExtractOptions(merge=False))
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
    written = write_month(
        [pa.RecordBatch.from_pylist(month, schema=BLOCKED_ARROW)],
        str(tmp_path),
        ExtractOptions(merge=False),
    )
    assert written.column("events")[0].as_py() == len(month)
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == ["part-00000.parquet"]
