"""Extraction as Spark stages: articles -> events on executors, then merging as a shuffle.

- :func:`extract_events` takes records (the columns of our JSONL records) and gives one row
  per event (:data:`timeline.spark.schema.EVENT_COLUMNS`). Python runs once per Arrow batch
  (``mapInArrow``), never once per row.
- Merging one event reported by many outlets is a shuffle: events are grouped by the month
  their date starts in (:func:`merge_block`), and each group is merged on an executor with
  :func:`timeline.merge.merge_events` (``applyInArrow``), never collected on the driver.
- Ordered by ``date_start``, ``article_position``, ``event_index``
  (:data:`EVENT_ORDER`), the rows are the events ``timeline extract`` gives for the same
  records, in the same order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from timeline.ingest.records import RecordProblem
from timeline.merge import merge_events, month_key
from timeline.models import Article, EventSource
from timeline.pipeline import DEFAULT_OPTIONS, ExtractOptions, article_events
from timeline.spark.inputs import BAD_RECORD, Split, record_item, split_articles
from timeline.spark.schema import (
    EVENT_ARROW,
    RECORD_COLUMNS,
    article_fields,
    event_row,
    row_event,
    spark_schema,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

#: Sort by these columns for the order of ``timeline extract``.
EVENT_ORDER = ("date_start", "article_position", "event_index")
BLOCK = "merge_block"
#: Unmerged event rows carry their merge block (:func:`merge_block`), the shuffle key.
BLOCKED_ARROW = EVENT_ARROW.append(pa.field(BLOCK, pa.string()))


def merge_block(start: dt.date) -> str:
    """The calendar month an event starts in: events merge only within one.

    The block key of :mod:`timeline.merge` (merging is block-local, by the month of
    ``date.start``), so merging each block on its own equals merging everything.
    """
    return month_key(start)


def _events_batch(
    articles: Iterable[tuple[Article, int]], options: ExtractOptions
) -> pa.RecordBatch | None:
    """Unmerged event rows (with their block) of articles and their positions, as one batch.

    Articles go from reader to tagger in the same Python worker: no Arrow round trip
    through the JVM between reading and tagging.
    """
    rows: list[dict[str, Any]] = []
    for article, position in articles:
        fields = article_fields(article, position)
        for index, event in enumerate(article_events(article, options)):
            row = event_row(event, fields, index)
            row[BLOCK] = merge_block(event.date.start)
            rows.append(row)
    return pa.RecordBatch.from_pylist(rows, schema=BLOCKED_ARROW) if rows else None


def _split_batches(
    batches: Iterable[pa.RecordBatch], count: Callable[[str], None], options: ExtractOptions
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: input splits in, their unmerged event rows out, a batch a split."""
    for batch in batches:
        for row in batch.to_pylist():
            events = _events_batch(split_articles(Split(**row), count), options)
            if events is not None:
                yield events


def _order_key(row: dict[str, Any]) -> tuple[int, int]:
    return (row["article_position"], row["event_index"])


def merge_group(table: pa.Table, options: ExtractOptions) -> pa.Table:
    """``applyInArrow`` body: one block's events merged, filtered, each keyed by its first mention.

    The first mention (input order) is where ``timeline extract`` places a merged event.
    """
    rows = sorted(table.to_pylist(), key=_order_key)
    events = [row_event(row) for row in rows]
    first_seen: dict[EventSource, tuple[int, int]] = {}
    for row, event in zip(rows, events, strict=True):
        for source in event.sources:
            first_seen.setdefault(source, _order_key(row))
    by_id = {row["event_id"]: row for row in rows}
    merged = merge_events(events) if options.merge else events
    out: list[dict[str, Any]] = []
    for event in merged:
        if not options.keeps(event):
            continue
        position, index = min(first_seen[source] for source in event.sources)
        own = by_id[event.id]
        article = {**own, "position": position}
        out.append(event_row(event, article, index))
    return pa.Table.from_pylist(out, schema=EVENT_ARROW)


def merged_events(events: DataFrame, options: ExtractOptions = DEFAULT_OPTIONS) -> DataFrame:
    """Events grouped by block (a shuffle) and merged within each group on executors."""

    # A plain function: pyspark reads its signature, which a functools.partial lacks.
    def merge(table: pa.Table) -> pa.Table:
        return merge_group(table, options)

    return events.groupBy(BLOCK).applyInArrow(merge, spark_schema(EVENT_ARROW))


def _ignore(_reason: str) -> None:
    return None


def _grouped(unmerged: DataFrame, options: ExtractOptions) -> DataFrame:
    """Unmerged event rows with their block -> event rows merged and filtered by month."""
    if not needs_grouping(options):
        return unmerged.drop(BLOCK)  # nothing to merge or drop: no shuffle
    return merged_events(unmerged, options)


def unmerged_split_events(
    splits: DataFrame,
    options: ExtractOptions = DEFAULT_OPTIONS,
    *,
    count: Callable[[str], None] = _ignore,
) -> DataFrame:
    """Unmerged event rows, with their block, of input splits (``SPLIT_ARROW`` rows)."""
    body = functools.partial(_split_batches, count=count, options=options)
    return splits.mapInArrow(body, spark_schema(BLOCKED_ARROW))


def split_events(
    splits: DataFrame,
    options: ExtractOptions = DEFAULT_OPTIONS,
    *,
    count: Callable[[str], None] = _ignore,
) -> DataFrame:
    """Event rows of input splits, merged and filtered as ``options`` say."""
    return _grouped(unmerged_split_events(splits, options, count=count), options)


def needs_grouping(options: ExtractOptions) -> bool:
    """Whether events must be seen a month at a time: to merge them, or to drop some."""
    unfiltered = dataclasses.replace(
        DEFAULT_OPTIONS, merge=options.merge, include_captions=options.include_captions
    )
    return options.merge or options != unfiltered


def _record_batches(
    batches: Iterable[pa.RecordBatch], count: Callable[[str], None], options: ExtractOptions
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: records in, unmerged event rows out; bad records are counted."""
    for batch in batches:
        events = _events_batch(_record_articles(batch.to_pylist(), count), options)
        if events is not None:
            yield events


def _record_articles(
    records: Iterable[dict[str, Any]], count: Callable[[str], None]
) -> Iterator[tuple[Article, int]]:
    for record in records:
        source, position = record.pop("_source"), record.pop("_position")
        item = record_item(record, source, position)
        if isinstance(item, RecordProblem):
            count(BAD_RECORD)
        else:
            yield item, position


def extract_events(
    records: DataFrame,
    options: ExtractOptions = DEFAULT_OPTIONS,
    *,
    count: Callable[[str], None] = _ignore,
) -> DataFrame:
    """One row per event of the records, merged across articles; not sorted (see EVENT_ORDER).

    ``records`` has the columns of our JSONL records (``text`` required; ``id``, ``title``,
    ``published`` (string or date), ``url`` optional) and may carry ``source`` (where a
    record came from) and ``position`` (its order). Without ``position`` the DataFrame's own
    order is used. ``count`` is called with "bad record" for each record that is skipped
    (an accumulator's ``add`` counts them across executors).
    """
    from pyspark.sql import functions as F  # noqa: N812 - the usual Spark alias

    present = set(records.columns)
    if "text" not in present:
        raise ValueError('records need a "text" column')
    columns = [
        (F.col(name) if name in present else F.lit(None)).cast("string").alias(name)
        for name in RECORD_COLUMNS
    ]
    source = F.col("source") if "source" in present else F.lit("<dataframe>")
    position = F.col("position") if "position" in present else F.monotonically_increasing_id()
    prepared = records.select(
        *columns, source.cast("string").alias("_source"), position.alias("_position")
    )
    body = functools.partial(_record_batches, count=count, options=options)
    return _grouped(prepared.mapInArrow(body, spark_schema(BLOCKED_ARROW)), options)


def event_json_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Event rows as the lines of ``timeline extract -f jsonl`` (the event JSON)."""
    for row in rows:
        yield json.dumps(row_event(row).model_dump(mode="json"), ensure_ascii=False)
