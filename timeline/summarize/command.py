"""The ``summarize`` command: extract's input and batch machinery, a topic timeline at the end."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.batch import run_extract
from timeline.models import Article, Event, Timeline
from timeline.summarize.api import summarize
from timeline.summarize.options import SummarizeOptions


def run_summarize(
    inputs: Sequence[str],
    published: Sequence[str],
    fmt: str,
    output: str | None,
    jobs: int,
    options: SummarizeOptions,
) -> int:
    """Reads and tags like ``extract`` (bad inputs reported, the rest kept); returns the code."""

    def finish(articles: Sequence[Article], events: Sequence[Event]) -> Timeline:
        return summarize(articles, options, events)

    return run_extract(
        inputs, published, fmt, output, options.title, jobs, finish=finish, command="summarize"
    )
