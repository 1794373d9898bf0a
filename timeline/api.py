"""The Python API the CLI commands stand on; tests and other programs use it too."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from timeline.document_kind import DESCRIPTIONS, document_kind
from timeline.errors import InputError, InvalidDocumentError
from timeline.ingest import apply_published, parse_published, read_json
from timeline.ingest import read_articles as _read_files
from timeline.ingest.text import read_text_articles
from timeline.models import Article, Timeline
from timeline.pipeline import DEFAULT_OPTIONS, ExtractOptions, extract
from timeline.schemas import SchemaIssue, schema_for, validate_document
from timeline.summarize.options import SummarizeOptions
from timeline.temporal.resolver import Mode


def read_articles(paths: Sequence[str], published: Sequence[dt.date | str] = ()) -> list[Article]:
    """Articles from files (or stdin for ``-``/none), with publication dates applied in order."""
    dates = [day if isinstance(day, dt.date) else parse_published(day) for day in published]
    return apply_published(_read_files(paths), dates)


def articles_from_text(
    text: str, published: dt.date | None = None, source: str = "<text>"
) -> list[Article]:
    """Articles from a string, as if it were a plain-text file."""
    articles = read_text_articles(text.replace("\r\n", "\n"), source)
    return apply_published(articles, [published] if published else [])


def extract_options(
    *,
    merge: bool = True,
    include_captions: bool = False,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    status: str | None = None,
    mode: Mode = "auto",
) -> ExtractOptions:
    """Options from command-line values; a bad date names its option."""
    first, last = _date_window(since, until)
    return ExtractOptions(
        merge=merge,
        include_captions=include_captions,
        since=first,
        until=last,
        min_confidence=min_confidence,
        status="expected" if status == "expected" else "reported" if status else None,
        mode=mode,
    )


def summarize_options(
    *,
    dates: int | None = None,
    sentences: int | None = None,
    since: str | None = None,
    until: str | None = None,
    title: str | None = None,
) -> SummarizeOptions:
    """Options of ``summarize`` from command-line values; a bad date names its option."""
    first, last = _date_window(since, until)
    return SummarizeOptions(
        dates=dates,
        sentences=sentences,
        since=first,
        until=last,
        title=title,
    )


def _date_window(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """--since and --until as dates; a window that closes before it opens is refused."""
    first, last = _option_date("--since", since), _option_date("--until", until)
    if first is not None and last is not None and first > last:
        raise InputError(f"--since {first} is after --until {last}; no date lies between them")
    return first, last


def _option_date(option: str, raw: str | None) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise InputError(f"{option} {raw!r}: not a valid date; use YYYY-MM-DD") from None


def extract_timeline(
    articles: Sequence[Article],
    title: str | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> Timeline:
    return extract(articles, title=title, options=options)


def schema_text(name: str) -> str:
    return json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n"


def validate_file(path: str, schema_name: str) -> list[SchemaIssue]:
    """Schema problems of a JSON file; unreadable or non-JSON input is an :class:`InputError`.

    A document of the other kind (a TimelineJS file checked as a Timeline) would fail on
    every field; that is one :class:`InvalidDocumentError` naming the right ``--schema``.
    """
    name, document = read_json(path)
    kind = document_kind(document)
    other = {"timeline": "timelinejs", "timelinejs": "timeline"}[schema_name]
    if kind == other:
        raise InvalidDocumentError(
            f"{name}: {DESCRIPTIONS[kind]}, not a {schema_name} one; check it with --schema {other}"
        )
    return validate_document(document, schema_name)
