"""The CLI's shared vocabulary: format and mode choices, and the options several commands
take, each defined once (as sqlite-utils does) so the commands stay a few lines each."""

from __future__ import annotations

import enum
from typing import Annotated

import typer


class ExportFormat(str, enum.Enum):
    json = "json"
    ics = "ics"
    timelinejs = "timelinejs"
    csv = "csv"
    timeml = "timeml"
    jsonl = "jsonl"


class TagFormat(str, enum.Enum):
    json = "json"
    timeml = "timeml"


class EventStatusChoice(str, enum.Enum):
    reported = "reported"
    expected = "expected"


class SchemaName(str, enum.Enum):
    timeline = "timeline"
    event = "event"
    timelinejs = "timelinejs"


class ValidateSchema(str, enum.Enum):
    timeline = "timeline"
    timelinejs = "timelinejs"


class DateMode(str, enum.Enum):
    auto = "auto"
    news = "news"
    narrative = "narrative"


Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="INPUT",
        help="Article files (.txt, .html, .json, .jsonl, .tml, web archives .warc/.warc.gz), "
        "folders (read recursively) or glob patterns; none or '-' reads standard input.",
        show_default=False,
    ),
]
Published = Annotated[
    list[str] | None,
    typer.Option(
        "--published",
        "-p",
        metavar="DATE",
        help="Publication date YYYY-MM-DD (or written out: '20 December 2018'); once for all "
        "articles, or once per article in order. A date-time (2018-12-20T23:30-05:00) counts "
        "as its day as written, in its own zone.",
        show_default=False,
    ),
]
ReadingMode = Annotated[
    DateMode,
    typer.Option(
        "--mode",
        help="How year-less and relative dates are read: auto (news from the publication "
        "date, histories and background passages from the time the text sets), or force "
        "news or narrative.",
    ),
]
Title = Annotated[str | None, typer.Option(metavar="TEXT", help="Title of the timeline.")]
Jobs = Annotated[
    int,
    typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes for large batches."),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write here (atomically) instead of standard output; PATH/ means a folder "
        "(created if missing) that gets timeline.json, timeline.ics, ... by format.",
    ),
]


class SummaryFormat(str, enum.Enum):
    json = "json"
    ics = "ics"
    timelinejs = "timelinejs"
    csv = "csv"
