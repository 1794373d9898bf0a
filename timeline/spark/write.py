"""The job's Parquet output, written by the executors with pyarrow: one file per event month.

Events are shuffled by the month they start in (the merge block), sorted within it in the
order of ``timeline extract``, and each month is merged (unless ``--no-merge``) and
written to ``year=Y/month=M/part-00000.parquet`` under the output folder by the Python
worker that holds it. Spark's own Parquet writer did the same job at a higher price on a
local or mounted folder: Hadoop, without its native library, starts a ``chmod`` process for
every file and folder it makes (about four per month file) and sets up a writer per file,
which cost more than the shuffle and sort together (README, Spark "Speed").

A month's file is written under a temporary name and renamed into place, so a retried task
replaces it whole. The folder must be one path every executor sees (local mode, NFS,
``/dbfs``), as the inputs must.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.pipeline import ExtractOptions
from timeline.spark.job import BLOCK, EVENT_ORDER, merge_group, needs_grouping
from timeline.spark.schema import EVENT_ARROW

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

#: Partition columns: folder names, not columns of the files (as Spark writes them).
PARTITIONS = ("year", "month")
FILE_ARROW = pa.schema([field for field in EVENT_ARROW if field.name not in PARTITIONS])
PART_NAME = "part-00000.parquet"


def write_month(
    batches: Iterable[pa.RecordBatch], folder: str, options: ExtractOptions
) -> pa.RecordBatch:
    """One month's event rows (in order) merged if asked and written; gives the row count."""
    if needs_grouping(options):
        merged = merge_group(pa.Table.from_batches(list(batches)), options)
        ordered = merged.sort_by([(name, "ascending") for name in EVENT_ORDER])
        batches = ordered.to_batches()
    written = 0
    writer: pq.ParquetWriter | None = None
    temporary = target = Path()
    try:
        for batch in batches:
            if batch.num_rows == 0:
                continue
            if writer is None:
                year, month = (batch.column(name)[0].as_py() for name in PARTITIONS)
                target = Path(folder) / f"year={year}" / f"month={month}" / PART_NAME
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{PART_NAME}.{uuid.uuid4().hex[:8]}.tmp")
                writer = pq.ParquetWriter(temporary, FILE_ARROW)
            writer.write_batch(batch.select(FILE_ARROW.names))
            written += batch.num_rows
    except BaseException:
        if writer is not None:  # a failed task leaves no part file for a retry to find
            writer.close()
            temporary.unlink(missing_ok=True)
        raise
    if writer is not None:
        writer.close()
        temporary.replace(target)
    return pa.RecordBatch.from_pydict({"events": [written]})


def write_parquet(blocked: DataFrame, folder: Path, options: ExtractOptions) -> int:
    """Unmerged event rows with their block -> Parquet by year and month; the events written."""

    target = str(folder.resolve())  # Python workers need not share the driver's folder

    # Plain and annotated: pyspark reads the hints to pass each month as a stream of batches.
    def write(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        yield write_month(batches, target, options)

    # Unmerged months are written in the order the sort leaves them in each group's
    # batches (pyspark 4 keeps it; tests/test_spark.py checks it); merged ones are
    # sorted again after merging.
    ordered = blocked.repartition(BLOCK).sortWithinPartitions(BLOCK, *EVENT_ORDER)
    counts = ordered.groupBy(BLOCK).applyInArrow(write, "events long")
    return sum(row["events"] for row in counts.collect())
