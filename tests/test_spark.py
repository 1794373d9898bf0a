"""The Spark job on local[2]: the same events as ``timeline extract``, merged on executors.

One session serves the module (starting the JVM takes seconds). Without Java or pyspark
the tests skip with the reason (CI installs both and turns the skip into a failure).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any, NoReturn

import pytest
from cli_helpers import run
from warc_helpers import write_crawl

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_INPUTS = [
    str(SAMPLES / "wire-briefs.jsonl"),
    *sorted(str(path) for path in SAMPLES.glob("*.html")),
    *sorted(str(path) for path in SAMPLES.glob("*.txt")),
]


@pytest.fixture(scope="module")
def spark_session() -> Iterator[Any]:
    if shutil.which("java") is None or find_spec("pyspark") is None:
        yield None
        return
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("timeline-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def spark(spark_session: Any, require_external: Callable[[str], NoReturn]) -> Any:
    if spark_session is None:
        require_external(
            "Spark tests need Java (apt-get install openjdk-17-jre-headless) and pyspark "
            "(pip install -e '.[spark]')"
        )
    return spark_session


def cli_events(*inputs: str) -> list[dict[str, Any]]:
    result = run("extract", *inputs)
    assert result.exit_code == 0, result.output
    events: list[dict[str, Any]] = json.loads(result.stdout)["events"]
    return events


def job_events(out: Path) -> list[dict[str, Any]]:
    parts = sorted(out.glob("part-*"))
    return [json.loads(line) for part in parts for line in part.read_text().splitlines()]


def run_job(*args: str) -> int:
    from timeline.spark.__main__ import run as run_spark_job

    return run_spark_job(list(args))


def test_job_gives_the_cli_events_for_samples_and_a_crawl(
    spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crawl = str(write_crawl(tmp_path / "crawl.warc.gz"))
    out = tmp_path / "events"
    assert run_job(*SAMPLE_INPUTS, crawl, "-o", str(out), "--format", "jsonl") == 0
    expected = cli_events(*SAMPLE_INPUTS, crawl)
    assert len(expected) > 40
    assert job_events(out) == expected
    summary = capsys.readouterr().err
    assert "skipped 5 records (2 not English, 1 not HTML, 1 not status 200, 1 truncated)" in summary
    assert f"{len(expected):,} events written to {out}" in summary


@pytest.mark.parametrize("merge", [[], ["--no-merge"]], ids=["merged", "unmerged"])
def test_parquet_output_is_partitioned_by_event_year_and_month(
    spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], merge: list[str]
) -> None:
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from timeline.spark import EVENT_ORDER

    out = tmp_path / "events"
    assert run_job(*SAMPLE_INPUTS, "-o", str(out), *merge) == 0
    expected = cli_events(*SAMPLE_INPUTS, *merge)
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(expected)
    assert f"{len(expected):,} events written to {out}" in capsys.readouterr().err
    months = {(row["year"], row["month"]) for row in table.select(["year", "month"]).to_pylist()}
    starts = {(int(e["date"]["start"][:4]), int(e["date"]["start"][5:7])) for e in expected}
    assert months == starts
    assert (out / "year=2024" / "month=4").is_dir()
    order = [(name, "ascending") for name in EVENT_ORDER]
    ids = table.sort_by(order).column("event_id")
    assert ids.to_pylist() == [event["id"] for event in expected]
    for part in out.rglob("*.parquet"):  # one file a month, already in timeline order
        month = pq.read_table(part)
        assert month.column("event_id") == month.sort_by(order).column("event_id")
    back = spark.read.parquet(str(out))  # Spark reads it back, months from the folder names
    assert back.count() == len(expected)
    assert back.where("year = 2024 AND month = 4").count() == sum(
        event["date"]["start"].startswith("2024-04") for event in expected
    )


def test_an_existing_output_folder_is_refused(spark: Any, tmp_path: Path) -> None:
    from timeline.errors import InputError

    with pytest.raises(InputError, match="already exists"):
        run_job(str(SAMPLES / "wire-briefs.jsonl"), "-o", str(tmp_path))


def test_extract_events_merges_one_event_reported_by_two_outlets(spark: Any) -> None:
    from timeline.spark import EVENT_ORDER, extract_events

    sentence = "The Harbour Board approved the new ferry terminal on 3 May 2024, officials said."
    records = spark.createDataFrame(
        [
            ("gazette-1", "Terminal approved", sentence, "2024-05-04", "https://a.example/1"),
            ("courier-7", "Ferry terminal", "Yesterday, " + sentence, "4. Mai 2024", None),
            ("courier-8", "Other news", "Nothing dated here at all.", None, None),
        ],
        "id string, title string, text string, published string, url string",
    )
    rows = [row.asDict() for row in extract_events(records).orderBy(*EVENT_ORDER).collect()]
    assert [(row["date_value"], row["mentions"]) for row in rows] == [("2024-05-03", 2)]
    (row,) = rows
    assert str(row["date_start"]) == "2024-05-03"
    assert (row["year"], row["month"]) == (2024, 5)
    assert {source["article_id"] for source in json.loads(row["sources_json"])} == {
        "gazette-1",
        "courier-7",
    }
