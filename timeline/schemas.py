"""JSON Schemas generated from the models, and validation with readable messages.

The files in ``schemas/`` are these schemas written out; a test keeps them equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from timeline.models import Event, Timeline

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://news-timeline.example/schemas/"
#: Longer schema messages are cut in the middle (a value is quoted whole in them).
MAX_MESSAGE = 200


def _from_model(model: type[Timeline] | type[Event], name: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        schema = model.model_json_schema(mode="serialization")
        return {"$schema": SCHEMA_DIALECT, "$id": f"{SCHEMA_BASE}{name}.schema.json", **schema}

    return build


def _timelinejs() -> dict[str, Any]:
    from timeline.timelinejs_schema import timelinejs_schema

    return dict(timelinejs_schema())


SCHEMAS: Mapping[str, Callable[[], dict[str, Any]]] = {
    "timeline": _from_model(Timeline, "timeline"),
    "event": _from_model(Event, "event"),
    "timelinejs": _timelinejs,
}


@dataclass(frozen=True)
class SchemaIssue:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def schema_for(name: str) -> dict[str, Any]:
    return SCHEMAS[name]()


def _json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def validate_document(document: object, schema_name: str) -> list[SchemaIssue]:
    """Every way ``document`` breaks the schema, each with its JSON path, in document order."""
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(schema_for(schema_name), format_checker=FormatChecker())
    try:
        errors = sorted(
            validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))
        )
    except RecursionError:  # hostile nesting that the parser still took
        return [SchemaIssue("$", "nested too deeply to check; no timeline is this deep")]
    return [SchemaIssue(_json_path(error.absolute_path), _readable(error)) for error in errors]


def _readable(error: Any) -> str:
    """Schema messages, minus the regex dumps nobody can read."""
    if error.validator == "pattern":
        what = (
            "a TIMEX3 value" if "PRESENT_REF" in str(error.validator_value) else "the expected form"
        )
        return f"{error.instance!r} is not {what}"
    message = str(error.message)
    if len(message) > MAX_MESSAGE:  # the message quotes the whole offending value
        return f"{message[: MAX_MESSAGE // 2]} ... {message[-MAX_MESSAGE // 2 :]}"
    return message
