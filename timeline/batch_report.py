"""What a batch tells the user on stderr: problems, warnings, progress and a summary.

Every message is one line starting ``timeline:``. The progress bar (rich) shows only when
stderr is a terminal and the batch is large; messages printed meanwhile go above it.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

#: A batch this large (inputs, or bytes of input) gets a progress bar on a terminal.
PROGRESS_MIN_INPUTS = 20
PROGRESS_MIN_BYTES = 4_000_000
#: Undated-article warnings shown one by one; the rest are counted in the summary.
MAX_UNDATED_WARNINGS = 10


@dataclass
class Counts:
    """What a batch has done so far, for its summary line and its exit code."""

    inputs: int = 0
    failed_inputs: int = 0
    bad_records: int = 0
    articles: int = 0
    undated: int = 0
    events: int = 0
    #: Archive records that hold no article, by reason ("not HTML", "truncated"...).
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def any_problem(self) -> bool:
        return self.failed_inputs > 0 or self.bad_records > 0


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def undated_warning(label: str) -> str:
    """The warning for an article without a publication date (``extract`` and ``tag``)."""
    return (
        f"warning: {label}: no publication date in its metadata or text; relative dates "
        "(on Friday, last week) stay unresolved; give -p YYYY-MM-DD"
    )


def summary_line(counts: Counts) -> str:
    read = counts.inputs - counts.failed_inputs
    parts = [f"{_plural(counts.inputs, 'input')} ({read:,} read, {counts.failed_inputs:,} failed)"]
    if counts.bad_records:
        parts.append(f"{_plural(counts.bad_records, 'bad record')} skipped")
    if counts.skipped:
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(counts.skipped.items()))
        parts.append(f"{_plural(counts.skipped.total(), 'archive record')} skipped ({reasons})")
    articles = _plural(counts.articles, "article")
    if counts.undated:
        articles += f" ({counts.undated:,} without a publication date)"
    parts.append(articles)
    parts.append(_plural(counts.events, "event"))
    return "; ".join(parts)


class Reporter:
    """Prints one-line messages to stderr, above a live progress bar when there is one."""

    def __init__(self, total_bytes: int, inputs: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.counts = Counts()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._notes: set[str] = set()
        large = inputs >= PROGRESS_MIN_INPUTS or total_bytes >= PROGRESS_MIN_BYTES
        if large and self.stream.isatty():
            self._start_progress(total_bytes)

    def _start_progress(self, total_bytes: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._task = self._progress.add_task("batch", total=max(total_bytes, 1), articles=0)

    def __enter__(self) -> Reporter:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def say(self, message: str) -> None:
        line = f"timeline: {message}"
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

    def problem(self, message: str, whole_input: bool) -> None:
        if whole_input:
            self.counts.failed_inputs += 1
        else:
            self.counts.bad_records += 1
        self.say(message)

    def note(self, message: str) -> None:
        """Something passed over on purpose (not a problem); each message once."""
        if message not in self._notes:
            self._notes.add(message)
            self.say(f"note: {message}")

    def undated(self, label: str) -> None:
        self.counts.undated += 1
        if self.counts.undated <= MAX_UNDATED_WARNINGS:
            self.say(undated_warning(label))
        elif self.counts.undated == MAX_UNDATED_WARNINGS + 1:
            self.say("warning: more articles without a publication date; counted in the summary")

    def advance(self, size: int, articles: int, events: int) -> None:
        self.counts.articles += articles
        self.counts.events += events
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=size, articles=self.counts.articles)

    def summary(self) -> None:
        self.say(summary_line(self.counts))
