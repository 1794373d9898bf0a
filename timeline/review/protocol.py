"""What the review page and the server say to each other, as pure functions.

Requests arrive as parsed JSON objects and become typed edits (anything else is an
:class:`EditError` the page shows); the state goes back as one JSON object the page
renders whole. No I/O here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from timeline.models import Event, EventStatus
from timeline.review.dates import EditError, ResolvedDate, resolve_date
from timeline.review.edits import (
    Approve,
    Delete,
    Draft,
    Edit,
    History,
    Merge,
    Restore,
    SetDate,
    SetHeadline,
    SetStatus,
)

#: Events below this confidence are marked for a closer look (0.6: counted from another
#: mention, 0.5: a deadline window).
LOW_CONFIDENCE = 0.7
#: Export format -> the suffix that replaces FILE's own (news.json -> news.ics).
EXPORT_SUFFIXES = {"ics": ".ics", "timelinejs": ".timelinejs.json", "csv": ".csv"}
_SIMPLE_EDITS: dict[str, type[Approve | Delete | Restore]] = {
    "approve": Approve,
    "delete": Delete,
    "restore": Restore,
}
_STATUSES: dict[str, EventStatus] = {"reported": "reported", "expected": "expected"}


def state_json(history: History, file: Path, dirty: bool) -> dict[str, Any]:
    """Everything the page shows: articles, events (deleted ones flagged) and what can be done."""
    draft = history.present
    timeline = draft.timeline
    return {
        "file": file.name,
        "title": timeline.title,
        "dirty": dirty,
        "can_undo": bool(history.past),
        "can_redo": bool(history.future),
        "articles": [article.model_dump(mode="json") for article in timeline.articles],
        "events": [_event_json(event, event.id in draft.deleted) for event in timeline.events],
    }


def _event_json(event: Event, deleted: bool) -> dict[str, Any]:
    flags = []
    if event.confidence < LOW_CONFIDENCE:
        flags.append("low-confidence")
    if event.status == "expected":
        flags.append("expected")
    return {**event.model_dump(mode="json"), "deleted": deleted, "flags": flags}


def resolve_request(body: object, draft: Draft) -> ResolvedDate:
    """The date a typed text stands for, counted from the event's article's publication date."""
    fields = _object(body)
    event = draft.event(_text(fields, "id"))
    return resolve_date(_text(fields, "text"), _published(draft, event))


def resolved_json(resolved: ResolvedDate) -> dict[str, Any]:
    return {"matched": resolved.matched, **resolved.date.model_dump(mode="json")}


def edit_from_request(body: object, draft: Draft) -> Edit:
    """The edit a request asks for: ``{"op": ..., "id": ..., ...}``."""
    fields = _object(body)
    op = _text(fields, "op")
    event_id = _text(fields, "id")
    if op == "date":
        return SetDate(event_id, resolve_request(fields, draft).date)
    if op == "headline":
        return SetHeadline(event_id, _text(fields, "text"))
    if op == "status":
        status = _STATUSES.get(_text(fields, "status"))
        if status is None:
            raise EditError("status is reported or expected")
        return SetStatus(event_id, status)
    if op == "merge":
        return Merge(into_id=event_id, other_id=_text(fields, "other"))
    simple = _SIMPLE_EDITS.get(op)
    if simple is None:
        raise EditError(f"unknown edit {op!r}")
    return simple(event_id)


def export_format(body: object) -> str:
    name = _text(_object(body), "format")
    if name not in EXPORT_SUFFIXES:
        raise EditError(f"export format is one of {', '.join(EXPORT_SUFFIXES)}")
    return name


def export_path(file: Path, name: str) -> Path:
    """Where an export goes: beside FILE, its name with the format's suffix."""
    stem = file.name[: -len(file.suffix)] if file.suffix else file.name
    return file.with_name(stem + EXPORT_SUFFIXES[name])


def _published(draft: Draft, event: Event) -> dt.date | None:
    for article in draft.timeline.articles:
        if article.id == event.article_id:
            return article.published
    return None


def _object(body: object) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise EditError("expected a JSON object")
    return body


def _text(fields: dict[str, Any], key: str) -> str:
    value = fields.get(key)
    if not isinstance(value, str):
        raise EditError(f"{key} must be a string")
    return value
