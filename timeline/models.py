"""The data model shared by every stage: articles in, a timeline of events out.

These pydantic models are the JSON contract (``schemas/*.schema.json`` are generated from
them), so field names and meanings change only with the schema version.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from timeline.temporal.timex import TIMEX_VALUE_RE

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
AnchorKind = Literal["publication", "previous"]
PublishedSource = Literal["option", "metadata", "text", "none"]
EventStatus = Literal["reported", "expected"]
ReviewStatus = Literal["approved", "edited"]
EditedField = Literal["date", "headline", "status", "sources"]
GranularityName = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "time"
]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )


class SourceSpan(_Model):
    """A piece of the cleaned text and where it stands in the text the user gave."""

    clean_start: int = Field(ge=0)
    source_start: int = Field(ge=0)
    length: int = Field(ge=0)


class Article(_Model):
    """One news article as read from the input, before any date work."""

    id: str = Field(description="Stable identifier, derived from the source and position.")
    title: str | None = None
    text: str = Field(description="The article body after page-noise cleaning.")
    published: dt.date | None = None
    published_source: PublishedSource = "none"
    published_raw: str | None = Field(
        default=None,
        description="The date string as written, when only dateparser could read it.",
    )
    source: str = Field(description="File path, '<stdin>', or the record's origin.")
    url: str | None = None
    source_spans: tuple[SourceSpan, ...] = Field(
        default=(),
        description="Maps offsets in `text` to offsets in the source text; empty when equal.",
    )

    def source_offset(self, offset: int) -> int:
        """Offset in the text the user gave for an offset in ``text``."""
        # The spans are in text order: the last one starting at or before ``offset``.
        index = bisect_right(self.source_spans, offset, key=lambda span: span.clean_start)
        if index == 0:
            return offset
        best = self.source_spans[index - 1]
        return best.source_start + min(offset - best.clean_start, best.length)


class ArticleInfo(_Model):
    """What a timeline records about each article it was built from."""

    id: str
    title: str | None = None
    published: dt.date | None = None
    published_source: PublishedSource = "none"
    source: str
    url: str | None = None


class TimeExpression(_Model):
    """A time expression as found in an article, TIMEX3-style."""

    text: str
    start: int = Field(ge=0, description="Offset into the source text (code points).")
    end: int = Field(ge=0, description="Exclusive end offset into the source text.")
    type: TimexType
    value: str | None = Field(
        pattern=TIMEX_VALUE_RE.pattern,
        description="TIMEX3 value; null when it could not be resolved.",
    )
    mod: str | None = None
    anchor: AnchorKind | None = Field(
        default=None,
        description="What a relative value was counted from: the publication date "
        "or the date mentioned before it.",
    )
    anchor_start: int | None = Field(
        default=None,
        ge=0,
        description="With anchor 'previous': where the expression it was counted from "
        "starts (offset into the source text), so a reviewer can see why.",
    )
    reason: str | None = Field(default=None, description="Why the value is null, if it is.")


class EventDate(_Model):
    """When an event happened, at the precision the text gives."""

    value: str = Field(
        pattern=TIMEX_VALUE_RE.pattern,
        description="TIMEX3 value, e.g. 2018-12-19, 2018-W50, 2018-09.",
    )
    granularity: GranularityName
    start: dt.date = Field(
        description="First day of the range: the one the value covers or, with a mod such "
        "as ON_OR_BEFORE, the window the text allows."
    )
    end: dt.date = Field(description="Last day (inclusive) of that range.")
    mod: str | None = None
    end_value: str | None = Field(
        default=None,
        pattern=TIMEX_VALUE_RE.pattern,
        description="TIMEX3 value of the range's far end when the text gives a range "
        "('from 12 to 14 July': value 2024-07-12, end_value 2024-07-14); start and end "
        "then span both.",
    )


class TextSpan(_Model):
    """Where the time expression stands inside an event's sentence."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class EventSource(_Model):
    """One mention of an event: the article, its sentence and the expression that dates it."""

    article_id: str
    text: str
    expression: TimeExpression
    highlight: TextSpan | None = None


class Media(_Model):
    """A picture that goes with an event: its caption and credit, its address when known."""

    caption: str
    credit: str | None = None
    url: str | None = None


def _absent(value: object) -> bool:
    """Optional parts left out of the JSON when empty, so unreviewed files stay as they were."""
    return value is None or value == ()


class ReviewOriginal(_Model):
    """What the extractor gave for each field a person changed (only those fields)."""

    date: EventDate | None = Field(default=None, exclude_if=_absent)
    headline: str | None = Field(default=None, exclude_if=_absent)
    status: EventStatus | None = Field(default=None, exclude_if=_absent)


class Review(_Model):
    """A person's check of an event in ``timeline review``: its verdict and what changed."""

    status: ReviewStatus = Field(
        description="approved: a person checked the event and kept it; edited: a person "
        "changed it and has not approved it yet."
    )
    edited: tuple[EditedField, ...] = Field(
        default=(),
        exclude_if=_absent,
        description="The fields a person changed; `sources` when other events were merged in.",
    )
    original: ReviewOriginal | None = Field(
        default=None,
        exclude_if=_absent,
        description="The machine's values of the edited fields, as extraction gave them.",
    )
    merged: tuple[str, ...] = Field(
        default=(),
        exclude_if=_absent,
        description="Ids of the events a person merged into this one (their sources are kept).",
    )


class Event(_Model):
    id: str = Field(description="Stable: the same input gives the same id.")
    headline: str
    text: str = Field(description="The sentence the event comes from.")
    article_id: str
    confidence: float = Field(
        ge=0.0,
        le=1.0,
        description="0.95 explicit date, 0.85 day counted from the publication date, 0.75 "
        "coarser span counted from it, 0.6 counted from another mention, 0.5 deadline.",
    )
    status: EventStatus = Field(
        default="reported",
        description="reported: it happened; expected: planned, due or forecast.",
    )
    date: EventDate
    expression: TimeExpression
    highlight: TextSpan | None = Field(
        default=None, description="The expression's place in `text`, for marking it."
    )
    sources: tuple[EventSource, ...] = Field(
        default=(), description="Every mention merged into this event, this one first."
    )
    media: Media | None = Field(
        default=None,
        description="The article's photo caption, given to its lead event (captions are "
        "not events themselves unless asked for).",
    )
    review: Review | None = Field(
        default=None,
        exclude_if=_absent,
        description="Present once a person reviewed the event (`timeline review`); "
        "absent for events as extraction made them.",
    )


class Timeline(_Model):
    version: Literal["1"] = "1"
    title: str | None = None
    articles: tuple[ArticleInfo, ...] = ()
    events: tuple[Event, ...] = ()
