"""Topic timelines: the days that matter across many articles, each with its story."""

from timeline.summarize.api import (
    SummarizeOptions,
    default_dates,
    default_sentences,
    summarize,
)

__all__ = ["SummarizeOptions", "default_dates", "default_sentences", "summarize"]
