"""The Spark job's row layout: events as flat, typed columns (the job's output and shuffle).

One event row mirrors the event JSON (``timeline schema event``) with its nested objects
flattened into prefixed columns (``date_start``, ``expression_text``...), plus what the
row needs to stand alone in a table: its article's URL, source and publication date, and
the keys that order it as ``timeline extract`` does. Rows convert to and from our pydantic
:class:`~timeline.models.Event` losslessly (:func:`event_row`, :func:`row_event`), so the
merge stage runs our own :func:`timeline.merge.merge_events` on real events.

This module needs pyarrow only; the Spark schemas are derived from the Arrow ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from timeline.models import Article, Event

#: (column, Arrow type, meaning) of an event row, in order.
EVENT_COLUMNS: tuple[tuple[str, pa.DataType, str], ...] = (
    ("event_id", pa.string(), "stable event id, as in the event JSON `id`"),
    ("headline", pa.string(), "short headline made from the sentence"),
    ("text", pa.string(), "the sentence the event comes from"),
    ("article_id", pa.string(), "id of the article whose sentence this is"),
    ("confidence", pa.float64(), "0-1: explicit date 0.95 ... deadline window 0.5"),
    ("status", pa.string(), "reported or expected"),
    ("date_value", pa.string(), "TIMEX3 value: 2018-12-19, 2018-W50, 2018-09, 2018-Q3..."),
    ("date_granularity", pa.string(), "day, week, month, quarter, year..."),
    ("date_start", pa.date32(), "first day of the range the value covers"),
    ("date_end", pa.date32(), "last day (inclusive) of that range"),
    ("date_mod", pa.string(), "TIMEX3 mod (START, APPROX, ON_OR_BEFORE...) or null"),
    ("date_end_value", pa.string(), "TIMEX3 value of a range's far end ('12 to 14 July')"),
    ("expression_text", pa.string(), "the time expression as written"),
    ("expression_start", pa.int64(), "its offset in the article text (code points)"),
    ("expression_end", pa.int64(), "its exclusive end offset"),
    ("expression_type", pa.string(), "DATE or TIME"),
    ("expression_value", pa.string(), "the expression's own TIMEX3 value"),
    ("expression_mod", pa.string(), "the expression's mod"),
    ("expression_anchor", pa.string(), "publication or previous: what it was counted from"),
    ("expression_anchor_start", pa.int64(), "offset of the expression it was counted from"),
    ("expression_reason", pa.string(), "why a value is null, if it is"),
    ("highlight_start", pa.int64(), "the expression's offset in `text`"),
    ("highlight_end", pa.int64(), "its end in `text`"),
    ("media_caption", pa.string(), "photo caption given to the article's lead event"),
    ("media_credit", pa.string(), "its credit"),
    ("media_url", pa.string(), "its address"),
    ("sources_json", pa.string(), "every mention merged into the event, as JSON"),
    ("mentions", pa.int32(), "how many mentions were merged into the event"),
    ("url", pa.string(), "the article's URL"),
    ("source", pa.string(), "where the article was read: file:line, archive@offset"),
    ("published", pa.date32(), "the article's publication date"),
    ("published_source", pa.string(), "option, metadata, text or none"),
    ("published_raw", pa.string(), "the date string as written, when dateparser read it"),
    ("article_position", pa.int64(), "the article's place in the input (input, then record)"),
    ("event_index", pa.int32(), "the event's place in its article"),
    ("year", pa.int32(), "year of date_start (a Parquet partition)"),
    ("month", pa.int32(), "month of date_start (a Parquet partition)"),
)
EVENT_ARROW = pa.schema([(name, kind) for name, kind, _ in EVENT_COLUMNS])

#: Columns a records DataFrame may have; only ``text`` is required.
RECORD_COLUMNS = ("id", "title", "text", "published", "url")


def spark_schema(arrow: pa.Schema) -> Any:
    """The Spark StructType for an Arrow schema."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow)


def article_fields(article: Article, position: int) -> dict[str, Any]:
    """What an event row keeps of its article (``position`` orders articles as the CLI)."""
    return {
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "published_source": article.published_source,
        "published_raw": article.published_raw,
        "position": position,
    }


def _flat(prefix: str, document: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any]:
    return {f"{prefix}_{key}": (document or {}).get(key) for key in keys}


_DATE_KEYS = ("value", "granularity", "mod", "end_value")
_EXPRESSION_KEYS = (
    "text",
    "start",
    "end",
    "type",
    "value",
    "mod",
    "anchor",
    "anchor_start",
    "reason",
)
_SPAN_KEYS = ("start", "end")
_MEDIA_KEYS = ("caption", "credit", "url")


def event_row(event: Event, article: dict[str, Any], event_index: int) -> dict[str, Any]:
    """The flat row of an event; ``article`` is :func:`article_fields` of its article."""
    import json

    document = event.model_dump(mode="json")
    start = event.date.start
    return {
        "event_id": event.id,
        "headline": event.headline,
        "text": event.text,
        "article_id": event.article_id,
        "confidence": event.confidence,
        "status": event.status,
        **_flat("date", document["date"], _DATE_KEYS),
        "date_start": start,
        "date_end": event.date.end,
        **_flat("expression", document["expression"], _EXPRESSION_KEYS),
        **_flat("highlight", document["highlight"], _SPAN_KEYS),
        **_flat("media", document["media"], _MEDIA_KEYS),
        "sources_json": json.dumps(document["sources"], ensure_ascii=False),
        "mentions": len(event.sources),
        "url": article["url"],
        "source": article["source"],
        "published": article["published"],
        "published_source": article["published_source"],
        "published_raw": article["published_raw"],
        "article_position": article["position"],
        "event_index": event_index,
        "year": start.year,
        "month": start.month,
    }


def _nested(row: dict[str, Any], prefix: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    values = {key: row[f"{prefix}_{key}"] for key in keys}
    return None if all(value is None for value in values.values()) else values


def row_event(row: dict[str, Any]) -> Event:
    """The pydantic event a flat row describes (the inverse of :func:`event_row`)."""
    import json

    date = _nested(row, "date", _DATE_KEYS) or {}
    start: dt.date = row["date_start"]
    end: dt.date = row["date_end"]
    return Event.model_validate(
        {
            "id": row["event_id"],
            "headline": row["headline"],
            "text": row["text"],
            "article_id": row["article_id"],
            "confidence": row["confidence"],
            "status": row["status"],
            "date": {**date, "start": start, "end": end},
            "expression": _nested(row, "expression", _EXPRESSION_KEYS),
            "highlight": _nested(row, "highlight", _SPAN_KEYS),
            "media": _nested(row, "media", _MEDIA_KEYS),
            "sources": json.loads(row["sources_json"]),
        }
    )
