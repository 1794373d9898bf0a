"""What kind of JSON document a file holds, told by shape: ours, TimelineJS's, or articles.

``validate`` uses it to suggest the right schema, ``preview`` to accept either timeline, and
the article readers to leave alone what this tool wrote itself (an ``-o`` inside an input
folder must not come back as bad records on the next run).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Kind = Literal["timeline", "timelinejs", "event", "expressions"]

#: What each kind is called in messages, and the command that writes it.
DESCRIPTIONS: Mapping[Kind, str] = {
    "timeline": "a Timeline document (timeline extract)",
    "timelinejs": "a TimelineJS document (timeline extract -f timelinejs)",
    "event": "events (timeline extract -f jsonl)",
    "expressions": "time expressions (timeline tag)",
}
_EVENT_KEYS = frozenset({"headline", "date", "article_id"})
_EXPRESSION_KEYS = frozenset({"start", "end", "type", "value"})
_TAGGED_KEYS = frozenset({"source", "expressions"})


def looks_like_timelinejs(document: Mapping[str, Any]) -> bool:
    """TimelineJS has a title slide object, slides with start_date, eras or a scale;
    our Timeline has a version, articles and a title string."""
    if "version" in document or "articles" in document:
        return False
    events = document.get("events")
    slides = events if isinstance(events, list) else []
    return (
        isinstance(document.get("title"), dict)
        or "scale" in document
        or "eras" in document
        or any(isinstance(slide, dict) and "start_date" in slide for slide in slides)
    )


def record_kind(record: object) -> Kind | None:
    """The kind of one JSON value this tool writes, or ``None`` (an article, or unknown)."""
    if not isinstance(record, dict):
        return None
    keys = record.keys()
    if {"version", "articles", "events"} <= keys:
        return "timeline"
    if looks_like_timelinejs(record):
        return "timelinejs"
    if keys >= _EVENT_KEYS:
        return "event"
    if keys >= _EXPRESSION_KEYS or keys >= _TAGGED_KEYS:
        return "expressions"
    return None


def document_kind(document: object) -> Kind | None:
    """A whole document's kind: a record's, or that of a non-empty list of one kind."""
    if isinstance(document, list):
        kinds = {record_kind(item) for item in document}
        return kinds.pop() if len(kinds) == 1 and document else None
    return record_kind(document)
