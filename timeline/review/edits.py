"""The reviewer's edits as pure functions: a draft in, a new draft out, history kept.

A :class:`Draft` is the timeline being reviewed plus the ids deleted so far (deleted events
stay in the draft so they can be restored; :meth:`Draft.result` leaves them out). Every edit
records its provenance on the event (:class:`timeline.models.Review`): the machine's value
of each field the first time a person changes it, and the ids of events merged in. Event
ids never change. :class:`History` gives undo and redo over immutable drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TypeAlias

from timeline.models import (
    EditedField,
    Event,
    EventDate,
    EventSource,
    EventStatus,
    Review,
    ReviewOriginal,
    Timeline,
)
from timeline.review.dates import EditError


@dataclass(frozen=True)
class SetDate:
    event_id: str
    date: EventDate


@dataclass(frozen=True)
class SetHeadline:
    event_id: str
    headline: str


@dataclass(frozen=True)
class SetStatus:
    event_id: str
    status: EventStatus


@dataclass(frozen=True)
class Approve:
    event_id: str


@dataclass(frozen=True)
class Delete:
    event_id: str


@dataclass(frozen=True)
class Restore:
    event_id: str


@dataclass(frozen=True)
class Merge:
    """Fold ``other_id`` into ``into_id``: the latter keeps its id, date and headline."""

    into_id: str
    other_id: str


Edit: TypeAlias = SetDate | SetHeadline | SetStatus | Approve | Delete | Restore | Merge


@dataclass(frozen=True)
class Draft:
    """The timeline under review and the events deleted from it so far."""

    timeline: Timeline
    deleted: frozenset[str] = frozenset()

    def event(self, event_id: str) -> Event:
        for event in self.timeline.events:
            if event.id == event_id:
                return event
        raise EditError(f"no event {event_id!r} in this timeline")

    def result(self) -> Timeline:
        """What gets saved: the events not deleted, in date order (ties keep their order)."""
        kept = [event for event in self.timeline.events if event.id not in self.deleted]
        ordered = sorted(enumerate(kept), key=lambda pair: (pair[1].date.start, pair[0]))
        return self.timeline.model_copy(update={"events": tuple(e for _, e in ordered)})


def apply_edit(draft: Draft, edit: Edit) -> Draft:
    """The draft after ``edit``; :class:`EditError` when it names a missing or deleted event."""
    match edit:
        case Delete(event_id=event_id):
            draft.event(event_id)
            return replace(draft, deleted=draft.deleted | {event_id})
        case Restore(event_id=event_id):
            draft.event(event_id)
            return replace(draft, deleted=draft.deleted - {event_id})
        case Merge():
            return _merge(draft, edit)
    event = _live(draft, edit.event_id)
    return _replace_event(draft, _changed_event(event, edit))


def _changed_event(event: Event, edit: SetDate | SetHeadline | SetStatus | Approve) -> Event:
    match edit:
        case SetDate(date=date):
            return _changed(event, "date", {"date": date}, ReviewOriginal(date=event.date))
        case SetHeadline(headline=typed):
            headline = " ".join(typed.split())
            if not headline:
                raise EditError("a headline cannot be empty; delete the event instead")
            original = ReviewOriginal(headline=event.headline)
            return _changed(event, "headline", {"headline": headline}, original)
        case SetStatus(status=status):
            return _changed(
                event, "status", {"status": status}, ReviewOriginal(status=event.status)
            )
        case Approve():
            review = event.review or Review(status="approved")
            return event.model_copy(
                update={"review": review.model_copy(update={"status": "approved"})}
            )


def _changed(
    event: Event, name: EditedField, update: dict[str, object], original: ReviewOriginal
) -> Event:
    """The event with ``update`` applied and the edit recorded in its review.

    The machine's value is kept from the first change of a field only: a second edit of the
    date still remembers what extraction said, not what the reviewer typed before.
    """
    review = event.review or Review(status="edited")
    if name not in review.edited:
        before = review.original or ReviewOriginal()
        kept = before.model_copy(update={name: getattr(original, name)})
        review = review.model_copy(update={"edited": (*review.edited, name), "original": kept})
    return event.model_copy(update={**update, "review": review})


def _merge(draft: Draft, edit: Merge) -> Draft:
    if edit.into_id == edit.other_id:
        raise EditError("choose two different events to merge")
    into, other = _live(draft, edit.into_id), _live(draft, edit.other_id)
    review = into.review or Review(status="edited")
    edited = review.edited if "sources" in review.edited else (*review.edited, "sources")
    merged_ids = (*review.merged, other.id, *(other.review.merged if other.review else ()))
    combined = into.model_copy(
        update={
            "sources": _sources(into) + _sources(other),
            "confidence": max(into.confidence, other.confidence),
            "review": review.model_copy(update={"edited": edited, "merged": merged_ids}),
        }
    )
    events = tuple(
        combined if event.id == into.id else event
        for event in draft.timeline.events
        if event.id != other.id
    )
    return replace(draft, timeline=draft.timeline.model_copy(update={"events": events}))


def _sources(event: Event) -> tuple[EventSource, ...]:
    """Every mention of an event; one made by hand without sources is its own mention."""
    if event.sources:
        return event.sources
    own = EventSource(
        article_id=event.article_id,
        text=event.text,
        expression=event.expression,
        highlight=event.highlight,
    )
    return (own,)


def _live(draft: Draft, event_id: str) -> Event:
    event = draft.event(event_id)
    if event_id in draft.deleted:
        raise EditError(f"event {event_id} is deleted; restore it first")
    return event


def _replace_event(draft: Draft, new: Event) -> Draft:
    events = tuple(new if event.id == new.id else event for event in draft.timeline.events)
    return replace(draft, timeline=draft.timeline.model_copy(update={"events": events}))


@dataclass(frozen=True)
class History:
    """Drafts before and after the present one: undo steps back, redo forward again."""

    present: Draft
    past: tuple[Draft, ...] = field(default=())
    future: tuple[Draft, ...] = field(default=())

    def apply(self, edit: Edit) -> History:
        """The history after ``edit``; a new edit clears what could be redone."""
        return History(apply_edit(self.present, edit), (*self.past, self.present), ())

    def undo(self) -> History:
        if not self.past:
            raise EditError("nothing to undo")
        return History(self.past[-1], self.past[:-1], (self.present, *self.future))

    def redo(self) -> History:
        if not self.future:
            raise EditError("nothing to redo")
        return History(self.future[0], (*self.past, self.present), self.future[1:])
