"""Readers: turn files, stdin and records into :class:`~timeline.models.Article` lists."""

from timeline.ingest.dispatch import (
    apply_published,
    parse_published,
    read_articles,
    read_json,
    read_source,
)

__all__ = ["apply_published", "parse_published", "read_articles", "read_json", "read_source"]
