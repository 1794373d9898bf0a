"""Timelines from a news archive as a Spark job (``pip install "news-timeline[spark]"``).

- :func:`extract_events` (DataFrame API): records in, one row per event out, merged across
  articles by a shuffle on the month the event starts in; the columns are
  :data:`~timeline.spark.schema.EVENT_COLUMNS`.
- ``python -m timeline.spark INPUT... -o OUTDIR`` (or ``spark-submit``): the job, see
  :mod:`timeline.spark.__main__`.

Names load on first use, so ``python -m timeline.spark`` can say which package is missing.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EVENT_COLUMNS", "EVENT_ORDER", "extract_events", "merge_block"]


def __getattr__(name: str) -> Any:
    if name == "EVENT_COLUMNS":
        from timeline.spark.schema import EVENT_COLUMNS

        return EVENT_COLUMNS
    if name in ("EVENT_ORDER", "extract_events", "merge_block"):
        from timeline.spark import job

        return getattr(job, name)
    raise AttributeError(name)
