"""Topic timelines: the days that matter across many articles, each with its story.

The options load nothing heavy; :func:`summarize` loads scikit-learn on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from timeline.summarize.options import SummarizeOptions, default_dates, default_sentences

if TYPE_CHECKING:
    from timeline.summarize.api import summarize

__all__ = ["SummarizeOptions", "default_dates", "default_sentences", "summarize"]


def __getattr__(name: str) -> Any:
    if name == "summarize":
        from timeline.summarize.api import summarize

        return summarize
    raise AttributeError(name)
