"""Batches: many inputs, in order, on worker processes; one timeline or a stream of events.

Each input is read and its articles turned into events by one task (a large JSONL file
becomes one task per run of lines). Tasks run in this process (``jobs=1``) or on
``jobs`` worker processes (:mod:`timeline.workers`), and their outcomes are taken in
input order, so the output does not depend on ``jobs`` and memory stays flat.

- ``-f jsonl`` writes each task's events as soon as it is done: one event per line,
  valid against ``timeline schema event``, in input order (not sorted by date; mentions
  are merged within an article, not across articles).
- Other formats collect every article's events and assemble one timeline at the end,
  exactly as :func:`timeline.pipeline.extract` would.

A bad input or record is reported on stderr and the rest go on; output is written only
when some article was read, and the exit code is 2 when anything failed.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.batch_report import Reporter
from timeline.errors import InvalidDocumentError, TimelineError
from timeline.ingest.dispatch import (
    STDIN,
    STDIN_NAME,
    apply_published,
    articles_from_bytes,
    check_published_count,
    expand_inputs,
    input_kind,
    parse_published,
    read_input,
    read_stdin,
)
from timeline.ingest.records import OwnOutputError, RecordProblem, read_jsonl_chunk
from timeline.ingest.warc import SkippedRecord
from timeline.merge import merge_events
from timeline.models import Article, ArticleInfo, Event, Timeline
from timeline.output import Sink, output_path
from timeline.pipeline import (
    DEFAULT_OPTIONS,
    ExtractOptions,
    article_events,
    article_info,
    assemble,
)
from timeline.rule_cache import restore_patterns
from timeline.temporal import compile_rules
from timeline.workers import ordered_map

if TYPE_CHECKING:
    from timeline.ingest.dispatch import Item


#: JSONL files at least this large are cut into tasks of this many lines.
JSONL_CHUNK_MIN_BYTES = 1_000_000
JSONL_CHUNK_LINES = 200
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Task:
    """One unit of work: a file to read, stdin's bytes, a run of JSONL lines, or articles."""

    name: str
    path: str | None = None
    data: bytes | None = None
    first_line: int = 0
    lines: tuple[bytes, ...] = ()
    articles: tuple[Article, ...] | None = None
    size: int = 0


@dataclass(frozen=True)
class Settings:
    published: dt.date | None = None
    stream: bool = False
    options: ExtractOptions = DEFAULT_OPTIONS
    keep_articles: bool = False  # a Finish needs the articles themselves, not only events


@dataclass
class Outcome:
    """What a task gives back; a whole-input ``failure`` comes with no articles."""

    name: str
    size: int = 0
    infos: list[ArticleInfo] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    event_count: int = 0
    undated: list[str] = field(default_factory=list)
    record_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Archive records that hold no article, by reason.
    skipped: Counter[str] = field(default_factory=Counter)
    failure: str | None = None


def article_label(article: Article) -> str:
    return f"{article.source} ({article.title!r})" if article.title else article.source


def _items(task: Task) -> Iterable[Item]:
    if task.articles is not None:
        return task.articles
    if task.lines:
        return read_jsonl_chunk(task.name, task.first_line, task.lines)
    if task.data is not None:
        return articles_from_bytes(task.name, task.data)
    return read_input(task.path or STDIN)


def _add(outcome: Outcome, article: Article, settings: Settings) -> None:
    if settings.published is not None:
        article = apply_published([article], [settings.published])[0]
    events = article_events(article, settings.options)
    if settings.stream:
        if settings.options.merge:
            events = merge_events(events)
        kept = [event for event in events if settings.options.keeps(event)]
        outcome.lines.extend(
            json.dumps(event.model_dump(mode="json"), ensure_ascii=False) for event in kept
        )
        outcome.event_count += len(kept)
    else:
        outcome.events.extend(events)
    if settings.keep_articles:
        outcome.articles.append(article)
    outcome.infos.append(article_info(article))
    if article.published is None:
        outcome.undated.append(article_label(article))


def run_task(task: Task, settings: Settings) -> Outcome:
    """Read one task's articles and make their events; never raises for a bad input."""
    outcome = Outcome(name=task.name, size=task.size)
    try:
        for item in _items(task):
            if isinstance(item, RecordProblem):
                (outcome.notes if item.skipped else outcome.record_problems).append(item.message)
            elif isinstance(item, SkippedRecord):
                outcome.skipped[item.reason] += 1
            else:
                _add(outcome, item, settings)
    except OwnOutputError as note:
        return Outcome(name=task.name, size=task.size, notes=[str(note)])
    except TimelineError as error:
        return Outcome(name=task.name, size=task.size, failure=str(error))
    except Exception as error:  # one broken input must not stop the batch
        return Outcome(
            name=task.name,
            size=task.size,
            failure=f"{task.name}: could not be processed ({type(error).__name__}: {error}); "
            "please report this with the file",
        )
    return outcome


def _size(path: str) -> int:
    if path == STDIN:
        return 0
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _jsonl_tasks(path: str, size: int) -> Iterator[Task]:
    """A large JSONL file as runs of lines, read lazily; odd files stay one task."""
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 - closed below, after the first check
    except OSError:
        yield Task(name=path, path=path, size=size)
        return
    with handle:
        if handle.read(2) in _WIDE_BOMS:
            yield Task(name=path, path=path, size=size)
            return
        handle.seek(0)
        chunk: list[bytes] = []
        first = 1
        for number, raw in enumerate(handle, start=1):
            chunk.append(raw.rstrip(b"\r\n"))
            if len(chunk) == JSONL_CHUNK_LINES:
                yield Task(
                    name=path, first_line=first, lines=tuple(chunk), size=sum(map(len, chunk))
                )
                chunk, first = [], number + 1
        if chunk:
            yield Task(name=path, first_line=first, lines=tuple(chunk), size=sum(map(len, chunk)))


def _tasks(files: Sequence[str], sizes: Sequence[int]) -> Iterator[Task]:
    for path, size in zip(files, sizes, strict=True):
        if path == STDIN:
            yield Task(name=STDIN_NAME, data=read_stdin())
        elif input_kind(path, "") == "jsonl" and size >= JSONL_CHUNK_MIN_BYTES:
            yield from _jsonl_tasks(path, size)
        else:
            yield Task(name=path, path=path, size=size)


def _pre_read(
    files: Sequence[str], sizes: Sequence[int], dates: Sequence[dt.date], reporter: Reporter
) -> list[Task]:
    """Several ``-p`` dates go to the articles in order: read all articles first to count."""
    tasks: list[tuple[Task, list[Article]]] = []
    for path, size in zip(files, sizes, strict=True):
        name = STDIN_NAME if path == STDIN else path
        outcome = Outcome(name=name, size=size)
        articles: list[Article] = []
        try:
            for item in read_input(path):
                if isinstance(item, RecordProblem):
                    (outcome.notes if item.skipped else outcome.record_problems).append(
                        item.message
                    )
                elif isinstance(item, SkippedRecord):
                    reporter.counts.skipped[item.reason] += 1
                else:
                    articles.append(item)
        except OwnOutputError as note:
            reporter.note(str(note))
            continue
        except TimelineError as error:
            reporter.problem(str(error), whole_input=True)
            continue
        for message in outcome.record_problems:
            reporter.problem(message, whole_input=False)
        for message in outcome.notes:
            reporter.note(message)
        tasks.append((Task(name=name, size=size), articles))
    check_published_count(len(dates), sum(len(articles) for _, articles in tasks))
    remaining = iter(dates)
    return [
        replace(
            task, articles=tuple(apply_published(articles, [next(remaining) for _ in articles]))
        )
        for task, articles in tasks
    ]


def run_tasks(
    tasks: Iterable[Task], settings: Settings, jobs: int, command: str = "extract"
) -> Generator[Outcome, None, None]:
    """Outcomes in task order, from this process or from ``jobs`` worker processes."""
    work = functools.partial(run_task, settings=settings)
    if jobs > 1:
        # Here too, though the workers tag: this process saves the patterns it compiled for
        # the next run's workers to restore (from the cache already, when it was warm).
        compile_rules()
    return ordered_map(work, tasks, jobs, prepare=functools.partial(restore_patterns, command))


def _take(outcome: Outcome, reporter: Reporter) -> None:
    if outcome.failure is not None:
        reporter.problem(outcome.failure, whole_input=True)
    for message in outcome.record_problems:
        reporter.problem(message, whole_input=False)
    for message in outcome.notes:
        reporter.note(message)
    for label in outcome.undated:
        reporter.undated(label)
    reporter.counts.skipped.update(outcome.skipped)
    reporter.advance(outcome.size, len(outcome.infos), outcome.event_count)


#: Formats TimelineJS loads, which refuses a timeline without events.
NEEDS_EVENTS = frozenset({"timelinejs", "csv"})
NO_EVENTS_HINT = "Give -p YYYY-MM-DD so relative dates resolve, or loosen --since/--until/--status."
#: With -p given, only the filters are left to suggest.
FILTERS_HINT = "Check the filters (--since/--until/--status/--min-confidence)."
#: summarize has only the date window.
SUMMARY_HINTS = (
    "Give -p YYYY-MM-DD so relative dates resolve, or loosen --since/--until.",
    "Check the filters (--since/--until).",
)


def _empty_hint(dated: bool, *, summarizing: bool) -> str:
    """What to try when no event is left: a publication date, or looser filters."""
    if summarizing:
        return SUMMARY_HINTS[dated]
    return FILTERS_HINT if dated else NO_EVENTS_HINT


#: The file ``-o DIR/`` writes in DIR, by format.
OUTPUT_NAMES = {
    "json": "timeline.json",
    "ics": "timeline.ics",
    "timelinejs": "timeline.timelinejs.json",
    "csv": "timeline.csv",
    "timeml": "timeline.tml",
    "jsonl": "timeline.jsonl",
}


def _render_warnings(fmt: str, timeline: Timeline) -> list[str]:
    """What an exporter leaves out of the timeline it is given, so the user hears of it."""
    if fmt != "ics":
        return []
    from timeline.exporters.ics import url_warnings

    return url_warnings(timeline)


#: What makes the timeline of a whole batch from its articles and their unmerged events
#: (``summarize`` gives one); the default assembles them as ``extract`` does.
Finish = Callable[[Sequence[Article], Sequence[Event]], Timeline]


def run_extract(
    inputs: Sequence[str],
    published: Sequence[str],
    fmt: str,
    output: str | None,
    title: str | None = None,
    jobs: int = 1,
    options: ExtractOptions = DEFAULT_OPTIONS,
    finish: Finish | None = None,
    command: str = "extract",
) -> int:
    """The ``extract`` command over a batch (or ``command``, which uses it: its workers
    restore that command's patterns); returns the exit code (0, or 2 if any failed)."""
    dates = [parse_published(raw) for raw in published]
    stream = fmt == "jsonl"
    if not stream:
        from timeline.exporters import get_renderer

        render = get_renderer(fmt)
    target = output_path(output, OUTPUT_NAMES[fmt])
    expanded = expand_inputs(inputs, exclude=target)
    sizes = [_size(path) for path in expanded.files]
    with Sink(target) as sink:
        reporter = Reporter(sum(sizes), len(expanded.files))
        reporter.counts.inputs = len(expanded.files) + len(expanded.problems)
        infos: list[ArticleInfo] = []
        events: list[Event] = []
        with reporter:
            for message in expanded.problems:
                reporter.problem(message, whole_input=True)
            if len(dates) > 1:
                tasks: Iterable[Task] = _pre_read(expanded.files, sizes, dates, reporter)
                settings = Settings(stream=stream, options=options)
            else:
                tasks = _tasks(expanded.files, sizes)
                settings = Settings(dates[0] if dates else None, stream, options)
            settings = replace(settings, keep_articles=finish is not None)
            articles: list[Article] = []
            # closing: an error here (a full disk) stops the workers now, not at garbage
            # collection.
            with contextlib.closing(run_tasks(tasks, settings, jobs, command)) as outcomes:
                for outcome in outcomes:
                    _take(outcome, reporter)
                    if stream:
                        if outcome.lines:
                            sink.write("".join(line + "\n" for line in outcome.lines))
                    else:
                        infos.extend(outcome.infos)
                        events.extend(outcome.events)
                        articles.extend(outcome.articles)
            if reporter.counts.articles:
                if not stream:
                    if finish is None:
                        timeline = assemble(infos, events, title, options)
                    else:
                        timeline = finish(articles, events)
                    reporter.counts.events = len(timeline.events)
                    hint = _empty_hint(bool(dates), summarizing=finish is not None)
                    if not timeline.events and fmt in NEEDS_EVENTS:
                        raise InvalidDocumentError(
                            f"no dated events to show, and TimelineJS cannot load a timeline "
                            f"without events; nothing written. {hint}"
                        )
                    if not timeline.events:
                        reporter.say(f"warning: no dated events found. {hint}")
                    for message in _render_warnings(fmt, timeline):
                        reporter.say(f"warning: {message}")
                    sink.write(render(timeline))
                sink.commit()
    counts = reporter.counts
    if counts.inputs > 1 or counts.skipped or (counts.any_problem and counts.articles):
        reporter.summary()
    if not counts.articles and not counts.any_problem:  # every input was skipped
        reporter.say("no articles in the inputs; nothing written. Give article files")
        return 2
    return 2 if counts.any_problem else 0
