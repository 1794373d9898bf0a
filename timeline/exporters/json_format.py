"""Our own Timeline JSON (``schemas/timeline.schema.json``): stable keys, stable order."""

from __future__ import annotations

import json

from timeline.models import Timeline


def render(timeline: Timeline) -> str:
    document = timeline.model_dump(mode="json")
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
