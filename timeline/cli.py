"""The ``timeline`` command: a few lines per command over the Python API.

Heavy modules (pydantic models, the resolver, exporters) are imported inside the
commands so that ``timeline --help`` starts fast. User errors become one line on
stderr and an exit code: 0 ok, 1 validation failure, 2 usage or input error.

No ``from __future__ import annotations`` here, unlike elsewhere: typer reads every
command's annotations as it starts, and as strings it compiles each one (about a hundred
compilations, 6% of a one-file ``timeline tag``).
"""

import atexit
import errno
import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperArgument, TyperGroup

from timeline.cli_options import (
    DateMode,
    EventStatusChoice,
    ExportFormat,
    Inputs,
    Jobs,
    Output,
    Published,
    ReadingMode,
    SchemaName,
    SummaryFormat,
    TagFormat,
    Title,
    ValidateSchema,
)
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from timeline.rule_cache import Restored

P = ParamSpec("P")
R = TypeVar("R")


class _Argument(TyperArgument):
    """An argument's usage as typer writes it (``{FILE}`` required, ``[INPUT]`` optional), with
    the dots of a list even when a metavar is set (``[INPUT]...``, which typer 0.28 drops);
    in the list of arguments, ``name <a|b>``."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        name = self.metavar or self.name or ""
        if usage:
            shown = f"{{{name}}}" if self.required else f"[{name}]"
            return shown + ("..." if self.nargs != 1 else "")
        kind = None if self.metavar else self.type.get_metavar(param=self, ctx=ctx)
        return f"{name} {kind}" if kind else name


class _Group(TyperGroup):
    """Typer's group, with our arguments' usage lines."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        for param in command.params if command else ():
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        return command


app = typer.Typer(
    cls=_Group,
    name="timeline",
    help="Turn news articles into event timelines (JSON, iCalendar, TimelineJS, CSV, TimeML).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"timeline: {message}", err=True)
    return typer.Exit(code)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turns a :class:`TimelineError` into its one-line message and exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from timeline.interrupts import TERMINATED_EXIT, Terminated, sigterm_raises
        from timeline.output import flush_stdout

        try:
            with sigterm_raises():
                result = command(*args, **kwargs)
                flush_stdout()
                return result
        except TimelineError as error:
            raise fail(str(error), error.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except Terminated:
            raise fail("terminated", TERMINATED_EXIT) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return run


@app.command()
@reports_errors
def extract(
    inputs: Inputs = None,
    published: Published = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="Output format; jsonl streams one event per line as it goes."
        ),
    ] = ExportFormat.json,
    output: Output = None,
    title: Title = None,
    jobs: Jobs = 1,
    merge: Annotated[
        bool, typer.Option(help="Fold repeated mentions of one event into one event.")
    ] = True,
    include_captions: Annotated[
        bool, typer.Option(help="Also make events from photo captions.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Keep events reaching into this date or later."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Keep events starting on this date or earlier."),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, metavar="0-1", help="Keep events at least this confident."),
    ] = 0.0,
    status: Annotated[
        EventStatusChoice | None, typer.Option(help="Keep only reported or expected events.")
    ] = None,
    mode: ReadingMode = DateMode.auto,
) -> None:
    """Build one timeline from the articles' dated events.

    A bad input is reported and the rest are processed; the exit code is then 2.
    """
    from timeline.api import extract_options
    from timeline.batch import run_extract

    options = extract_options(
        merge=merge,
        include_captions=include_captions,
        since=since,
        until=until,
        min_confidence=min_confidence,
        status=status.value if status else None,
        mode=mode.value,
    )
    code = run_extract(inputs or [], published or [], format.value, output, title, jobs, options)
    if code:
        raise typer.Exit(code)


@app.command()
@reports_errors
def summarize(
    inputs: Inputs = None,
    published: Published = None,
    dates: Annotated[
        int | None,
        typer.Option(
            "--dates",
            "-k",
            min=1,
            metavar="K",
            help="How many days; default: one per 8 articles, 5 to 60.",
            show_default=False,
        ),
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            min=1,
            metavar="N",
            help="Sentences per day; default: 2 from 50 articles on, else 1.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Choose no day before this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Choose no day after this date.")
    ] = None,
    format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SummaryFormat.json,
    output: Output = None,
    title: Title = None,
    jobs: Jobs = 1,
) -> None:
    """A topic timeline: the days that matter across the articles, a few sentences each.

    Reads what extract reads; one event per chosen day, its sentences as sources.
    """
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        raise fail("summarize needs scikit-learn: pip install 'news-timeline[summarize]'")
    from timeline.api import summarize_options
    from timeline.summarize.command import run_summarize

    options = summarize_options(
        dates=dates, sentences=sentences, since=since, until=until, title=title
    )
    code = run_summarize(inputs or [], published or [], format.value, output, jobs, options)
    if code:
        raise typer.Exit(code)


@app.command()
@reports_errors
def tag(
    inputs: Inputs = None,
    published: Published = None,
    format: Annotated[
        TagFormat, typer.Option("--format", "-f", help="json, or timeml (with -o DIR).")
    ] = TagFormat.json,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Output file; a folder (created if missing) for -f timeml with several "
            "inputs or PATH/.",
        ),
    ] = None,
    mode: ReadingMode = DateMode.auto,
    jobs: Jobs = 1,
) -> None:
    """Show the time expressions of the articles with their TIMEX3 values."""
    from timeline.tagging import run_tag

    code = run_tag(inputs or [], published or [], format.value, output, mode.value, jobs)
    if code:
        raise typer.Exit(code)


@app.command()
@reports_errors
def validate(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A JSON file to check ('-' for stdin).")
    ],
    schema: Annotated[
        ValidateSchema, typer.Option(help="Which schema to check against.")
    ] = ValidateSchema.timeline,
) -> None:
    """Check a file against our Timeline schema or the TimelineJS schema."""
    from timeline.api import validate_file

    issues = validate_file(str(file), schema.value)
    for issue in issues:
        typer.echo(f"{file}: {issue}", err=True)
    if issues:
        raise typer.Exit(1)
    typer.echo(f"{file}: valid {schema.value} document", err=True)


@app.command()
@reports_errors
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema.")] = SchemaName.timeline,
) -> None:
    """Print a JSON Schema."""
    from timeline.api import schema_text
    from timeline.output import emit

    emit(schema_text(name.value), None)


@app.command(name="eval")
@reports_errors
def evaluate(
    gold_dir: Annotated[
        Path, typer.Argument(metavar="GOLD_DIR", help="Folder of gold TimeML (.tml) files.")
    ],
    system_dir: Annotated[
        Path | None,
        typer.Argument(
            metavar="SYSTEM_DIR",
            help="Folder of system TimeML files; omitted: tag the gold texts now.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List misses, spurious tags and wrong values.")
    ] = False,
    mode: ReadingMode = DateMode.auto,
) -> None:
    """Score time expressions with the TempEval-3 measures."""
    from timeline.output import emit
    from timeline.scoring import run_eval

    emit(run_eval(gold_dir, system_dir, as_json=as_json, errors=errors, mode=mode.value), None)


@app.command()
@reports_errors
def preview(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Timeline or TimelineJS JSON; '-' reads stdin.")
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="PATH", help="The HTML page to write (PATH/: a folder)."
        ),
    ],
    assets: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="TimelineJS dist folder to inline (works offline), "
            "e.g. node_modules/@knight-lab/timelinejs/dist; default: Knight Lab's CDN.",
            show_default=False,
        ),
    ] = None,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
) -> None:
    """Write a standalone HTML page that shows the timeline in TimelineJS."""
    from timeline.preview import open_in_browser, write_preview

    page = write_preview(file, output, assets)
    if open_page and not open_in_browser(page):
        typer.echo(f"timeline: no web browser found; open {page} yourself", err=True)


@app.command()
@reports_errors
def review(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="Timeline JSON to review; saved back in place.")
    ],
    assets: Annotated[
        Path | None,
        typer.Option(
            help="TimelineJS dist folder for the preview (no network at all); "
            "default: Knight Lab's CDN.",
            show_default=False,
        ),
    ] = None,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Print the address only; open no browser.")
    ] = False,
) -> None:
    """Check and fix a timeline in a local web page, then save it with edit provenance.

    Serves 127.0.0.1 only, with a secret token in the address (printed as the first line),
    until Ctrl-C. Needs the review extra: pip install 'news-timeline[review]'.
    """
    try:
        from timeline.review.server import run_review
    except ImportError as error:
        raise fail(f"review needs {error.name}: pip install 'news-timeline[review]'") from None
    run_review(file, assets, open_browser=not no_open)


def main(early: "tuple[str, Restored] | None" = None) -> None:
    """The ``timeline`` program; output that cannot be written outside a command (``--help``
    into a full disk or a closed pipe) is one line too.

    While it unloads modules at exit, Python collects garbage again and again, each time
    walking every object still alive (compiled patterns, typer's and pydantic's tables):
    about 0.07 s of CPU after ``timeline tag`` over 256 files, for a process that is ending.
    Frozen first (the last exit handler to be registered runs first), they are passed over;
    the memory goes back with the process all the same.

    The patterns the command compiled last time are put back into ``re``'s cache first,
    before the command imports its modules, and any new ones are saved as it exits (see
    ``rule_cache``); ``early`` holds those the process restored before it loaded this
    module, and the command it took the arguments to name (see ``program``).
    """
    from timeline.output import stdout_error
    from timeline.rule_cache import command_of, restore_patterns, save_patterns

    names = {
        info.name or info.callback.__name__ for info in app.registered_commands if info.callback
    }
    command = command_of(sys.argv[1:], names)
    restored = early[1] if early and early[0] == command else restore_patterns(command)
    atexit.register(save_patterns, command, restored)
    atexit.register(gc.freeze)
    try:
        app()
    except BrokenPipeError:
        stdout_error(BrokenPipeError())  # quiet exit flush; a closed reader is no error
        sys.exit(0)
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
            raise
        typer.echo(f"timeline: {stdout_error(error)}", err=True)
        sys.exit(2)
