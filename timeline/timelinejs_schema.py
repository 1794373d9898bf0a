"""JSON Schema (draft 2020-12) for TimelineJS3 documents: as we write them, as TimelineJS reads.

Written by hand from https://timeline.knightlab.com/docs/json-format.html and TimelineJS
3.9.11's own checks, and stricter than TimelineJS where it fails late or silently: date
parts must be integers (TimelineJS also takes digit strings; any other string is an error
page, or without ``scale`` a page stuck on "Loading Timeline..."), months 1-12 and days
1-31 (TimelineJS rolls month 13 into the next year without a word). A document without
events is refused by TimelineJS, so by the schema too. Objects accept keys the format does
not list, as TimelineJS does (it copies slides through and ignores what it does not use).
"""

from __future__ import annotations

from timeline.schemas import SCHEMA_BASE, SCHEMA_DIALECT


def _integer(minimum: int | None = None, maximum: int | None = None) -> dict[str, object]:
    schema: dict[str, object] = {"type": "integer"}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def timelinejs_schema() -> dict[str, object]:
    """The schema ``timeline validate --schema timelinejs`` checks against."""
    date = {
        "type": "object",
        "description": "A point in time; only year is required, finer parts need the coarser.",
        "required": ["year"],
        "properties": {
            "year": _integer(),
            "month": _integer(1, 12),
            "day": _integer(1, 31),
            "hour": _integer(0, 23),
            "minute": _integer(0, 59),
            "second": _integer(0, 59),
            "millisecond": _integer(0, 999),
            "display_date": {"type": "string"},
            "format": {"type": "string"},
        },
        # TimelineJS would read a missing month as January; a time needs its day.
        "dependentRequired": {"day": ["month"], "hour": ["day"]},
        "additionalProperties": True,
    }
    text = {
        "type": "object",
        "description": "HTML shown on the slide.",
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
        "additionalProperties": True,
    }
    media = {
        "type": "object",
        "required": ["url"],
        "properties": {
            name: {"type": "string"}
            for name in (
                "url",
                "caption",
                "credit",
                "thumbnail",
                "alt",
                "title",
                "link",
                "link_target",
            )
        },
        "additionalProperties": True,
    }
    background = {
        "type": "object",
        "properties": {
            "url": {"type": "string"},
            "color": {"type": "string"},
            "alt": {"type": "string"},
        },
        "additionalProperties": True,
    }
    slide_properties: dict[str, object] = {
        "start_date": {"$ref": "#/$defs/date"},
        "end_date": {"$ref": "#/$defs/date"},
        "text": {"$ref": "#/$defs/text"},
        "media": {"$ref": "#/$defs/media"},
        "group": {"type": "string"},
        "display_date": {"type": "string"},
        "background": {"$ref": "#/$defs/background"},
        "autolink": {"type": "boolean"},
        "unique_id": {"type": "string", "minLength": 1},
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{SCHEMA_BASE}timelinejs.schema.json",
        "title": "TimelineJS3 document",
        "description": "What `new TL.Timeline(element, data)` loads: "
        "https://timeline.knightlab.com/docs/json-format.html",
        "type": "object",
        "required": ["events"],
        "properties": {
            "title": {
                "$ref": "#/$defs/slide",
                "description": "The title slide; it needs no date.",
            },
            "events": {
                "type": "array",
                "items": {"$ref": "#/$defs/event"},
                "minItems": 1,
                "description": "TimelineJS refuses a timeline without events.",
            },
            "eras": {"type": "array", "items": {"$ref": "#/$defs/era"}},
            "scale": {"enum": ["human", "cosmological"]},
        },
        "additionalProperties": True,
        "$defs": {
            "date": date,
            "text": text,
            "media": media,
            "background": background,
            "slide": {
                "type": "object",
                "properties": slide_properties,
                "additionalProperties": True,
            },
            "event": {
                "description": "A slide on the timeline: a slide with a start date.",
                "allOf": [{"$ref": "#/$defs/slide"}],
                "required": ["start_date"],
            },
            "era": {
                "type": "object",
                "required": ["start_date", "end_date"],
                "properties": {
                    "start_date": {"$ref": "#/$defs/date"},
                    "end_date": {"$ref": "#/$defs/date"},
                    "text": {"$ref": "#/$defs/text"},
                },
                "additionalProperties": True,
            },
        },
    }
