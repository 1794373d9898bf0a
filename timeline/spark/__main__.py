"""The Spark job: ``python -m timeline.spark INPUT... -o OUTDIR [--format parquet|jsonl]``.

The same file runs under ``spark-submit`` (which then sets the master). Inputs are what
``timeline extract`` takes (files, folders, globs: JSONL, JSON, text, HTML, WARC) and
Parquet files of records. Reading and tagging run in one Python stage on the executors.
The output folder gets Parquet partitioned by ``year`` and ``month`` of each event's start
(one file a month, written by the executors: :mod:`timeline.spark.write`), or JSONL: one
event JSON per line, in the order of ``timeline extract``. It is written next to OUTDIR
and renamed into place when complete. Skipped records are counted by reason in a summary
line on stderr, with the events written (counted by the writers, not by reading back).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timeline.errors import InputError, TimelineError


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m timeline.spark",
        description="Extract timeline events from news records with Apache Spark.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder")
    parser.add_argument("--format", choices=("parquet", "jsonl"), default="parquet")
    parser.add_argument("--master", metavar="URL", help="Spark master, e.g. local[2]")
    parser.add_argument(
        "--no-merge", action="store_true", help="keep repeated mentions as separate events"
    )
    return parser.parse_args(argv)


#: For a local master: driver and executor share one short-lived JVM on the cores the Python
#: workers need. The C2 JIT compiler (about 15 CPU seconds per run) and G1's concurrent
#: marking cost more there than they save; C1 and the parallel collector measured cheaper.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"


def _session(master: str | None) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("timeline")
    if master:
        builder = builder.master(master)
    submit_args = os.environ.get("PYSPARK_SUBMIT_ARGS", "")
    chosen_options = "java-options" in submit_args or "extraJavaOptions" in submit_args
    if (master or "").startswith("local") and not chosen_options:
        # Takes effect when this process starts the JVM (not under spark-submit).
        builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
    session = builder.getOrCreate()
    context = session.sparkContext
    context.setLogLevel("WARN")
    conf = context.getConf()
    chosen = "PYSPARK_PYTHON" in os.environ or conf.contains("spark.pyspark.python")
    if (context.master or "").startswith("local") and not chosen:
        # Local workers run this interpreter, which has the package (not "python3" on PATH).
        context.pythonExec = sys.executable
    return session


def _files(inputs: Sequence[str]) -> list[str]:
    from timeline.ingest.dispatch import expand_inputs

    expanded = expand_inputs(inputs)
    if expanded.problems:
        raise InputError(expanded.problems[0])
    if "-" in expanded.files:
        raise InputError("standard input cannot be read by a Spark job; give files")
    return expanded.files


class _CounterParam:
    """Accumulates a Counter of reasons across executors."""

    def zero(self, value: Counter[str]) -> Counter[str]:
        return Counter()

    def addInPlace(self, a: Counter[str], b: Counter[str]) -> Counter[str]:  # noqa: N802
        a.update(b)
        return a


class _Count:
    """A picklable ``count(reason)`` that adds to a Spark accumulator."""

    def __init__(self, accumulator: Any) -> None:
        self.accumulator = accumulator

    def __call__(self, reason: str) -> None:
        self.accumulator.add(Counter({reason: 1}))


def run(argv: Sequence[str] | None = None) -> int:
    from timeline.pipeline import ExtractOptions
    from timeline.spark.inputs import SPLIT_ARROW, input_splits, split_rows
    from timeline.spark.job import split_events, unmerged_split_events
    from timeline.spark.schema import spark_schema
    from timeline.spark.write import write_parquet

    args = _arguments(argv)
    if "://" in args.output:
        raise InputError(
            f"{args.output}: give a folder path (local or a shared mount); "
            "the job renames the finished output into place"
        )
    out = Path(args.output)
    if out.exists():
        raise InputError(f"{out}: already exists; remove it or give a new folder")
    files = _files(args.inputs)
    splits = input_splits(files)
    spark = _session(args.master)
    skipped = spark.sparkContext.accumulator(Counter(), _CounterParam())
    count = _Count(skipped)
    split_frame = spark.createDataFrame(split_rows(splits), spark_schema(SPLIT_ARROW))
    split_frame = split_frame.repartition(max(1, len(splits)))
    options = ExtractOptions(merge=not args.no_merge)
    temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if args.format == "parquet":
            temporary.mkdir()
            blocked = unmerged_split_events(split_frame, options, count=count)
            written = write_parquet(blocked, temporary, options)
            (temporary / "_SUCCESS").touch()
        else:
            _write_jsonl(split_events(split_frame, options, count=count), temporary)
            written = jsonl_lines(temporary)
        temporary.rename(out)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
    reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(skipped.value.items()))
    inputs = f"{len(files):,} input{'' if len(files) == 1 else 's'}"
    skips = f"; skipped {skipped.value.total():,} records ({reasons})" if reasons else ""
    print(f"timeline: {inputs}{skips}; {written:,} events written to {out}", file=sys.stderr)
    return 0


def _write_jsonl(events: Any, folder: Path) -> None:
    """Event JSON lines in the order of ``timeline extract``, across part files in name order."""
    from pyspark import StorageLevel

    from timeline.spark.job import EVENT_ORDER

    # A global sort first samples its input to choose its ranges: kept on disk, the
    # events are not extracted (or merged) a second time for the sort.
    kept = events.persist(StorageLevel.DISK_ONLY)
    lines = kept.orderBy(*EVENT_ORDER).mapInArrow(_json_batches, "value string")
    lines.write.text(str(folder))
    kept.unpersist()


def jsonl_lines(folder: Path) -> int:
    """Lines in the part files of a JSONL output: cheaper than a Spark count of it."""
    lines = 0
    for part in folder.glob("part-*.txt"):
        with part.open("rb") as handle:
            lines += sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return lines


def _json_batches(batches: Any) -> Any:
    import pyarrow as pa

    from timeline.spark.job import event_json_lines

    for batch in batches:
        yield pa.RecordBatch.from_pydict({"value": list(event_json_lines(batch.to_pylist()))})


def main(argv: Sequence[str] | None = None) -> None:
    try:
        code = run(argv)
    except TimelineError as error:
        print(f"timeline: {error}", file=sys.stderr)
        code = error.exit_code
    except ImportError as error:
        print(
            f"timeline: the Spark job needs the spark extra ({error.name} is missing); "
            'pip install "news-timeline[spark]"',
            file=sys.stderr,
        )
        code = 2
    except Exception as error:
        if not type(error).__module__.startswith(("py4j", "pyspark")):
            raise
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        print(f"timeline: the Spark job failed ({type(error).__name__}: {first})", file=sys.stderr)
        code = 2
    sys.exit(code)


if __name__ == "__main__":
    main()
