"""Exporters: one module per format, each a pure ``render(timeline) -> str``.

Adding a format is adding a module and a line in :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from types import MappingProxyType

from timeline.models import Timeline

Renderer = Callable[[Timeline], str]

# format name -> module under timeline.exporters; imported on first use to keep start-up fast.
FORMATS = MappingProxyType(
    {
        "json": "json_format",
        "ics": "ics",
        "timelinejs": "timelinejs",
        "csv": "csv_sheet",
        "timeml": "timeml_format",
    }
)


def get_renderer(name: str) -> Renderer:
    """The ``render`` function of a format; raises ``KeyError`` for an unknown one."""
    module = import_module(f"timeline.exporters.{FORMATS[name]}")
    renderer: Renderer = module.render
    return renderer
