"""Reading inputs: files, folders, globs or stdin, decoded, dispatched to the reader for their kind.

Kinds: plain text, HTML, JSON and JSONL records, web archives. The file extension decides
(``.html``/``.htm``/``.xhtml``, ``.json``, ``.jsonl``/``.ndjson``, ``.warc``/``.warc.gz``/
``.arc``/``.arc.gz``, anything else text);
stdin and extension-less files are recognised by their first characters. Folders are
read recursively, taking the files with those extensions (:data:`ARTICLE_EXTENSIONS`),
in name order; hidden files and folders are skipped.
"""

from __future__ import annotations

import datetime as dt
import glob
import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from timeline.errors import InputError
from timeline.ingest.decoding import decode
from timeline.ingest.given_dates import AmbiguousDateError, parse_given_date
from timeline.ingest.records import RecordProblem, read_json_records
from timeline.ingest.text import read_text_articles
from timeline.ingest.warc import SkippedRecord, is_archive, read_warc_articles
from timeline.models import Article

STDIN = "-"
STDIN_NAME = "<stdin>"

Kind = Literal["text", "html", "json", "jsonl", "warc"]
_BY_EXTENSION: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: What a folder is searched for.
ARTICLE_EXTENSIONS = frozenset(_BY_EXTENSION)
_GLOB_CHARS = frozenset("*?[")
_HTML_START = ("<!doctype html", "<html", "<head", "<body", "<article", "<meta", "<p>", "<div")


def input_kind(name: str, head: str) -> Kind:
    """The reader for an input: by extension, else by its first characters."""
    if is_archive(name):
        return "warc"
    kind = _BY_EXTENSION.get(Path(name).suffix.lower())
    if kind is not None:
        return kind
    if Path(name).suffix.lower() == ".tml":
        return "text"
    start = head.lstrip("\ufeff \t\n").lower()
    if start.startswith(_HTML_START):
        return "html"
    if start.startswith(("{", "[")):
        return "json"
    return "text"


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file; anything else is an :class:`InputError` naming it."""
    file = Path(path)
    try:
        info = file.stat()
    except FileNotFoundError:
        if file.is_symlink():
            raise InputError(
                f"{path}: broken link (its target is missing); fix or remove it"
            ) from None
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check it") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory; give the article files inside it")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a pipe or device); give article files")
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror}); check its permissions"
        ) from None


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def read_source(path: str) -> tuple[str, str]:
    """(display name, decoded text) for a path, or for stdin when ``path`` is ``-``."""
    if path == STDIN:
        return STDIN_NAME, decode(read_stdin(), STDIN_NAME)
    return path, decode(read_bytes(path), path)


def read_json(path: str, hint: str = "") -> tuple[str, object]:
    """(display name, parsed document) for a JSON file or stdin; bad JSON is an InputError.

    ``hint`` is added to the message to say which file was expected.
    """
    name, text = read_source(path)
    try:
        return name, json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name}: not JSON (line {error.lineno}, column {error.colno}: {error.msg}){hint}"
        ) from None


#: What a reader yields: articles, bad records, and records that are no article (WARC).
Item = Article | RecordProblem | SkippedRecord


def articles_from_bytes(name: str, data: bytes) -> Iterator[Item]:
    """Every article an input holds, and a problem for each bad record in it.

    A problem with the whole input (empty, binary, not JSON...) is an :class:`InputError`.
    """
    kind = input_kind(name, data[:256].decode("utf-8", errors="ignore"))
    if kind == "warc":
        yield from read_warc_articles(io.BytesIO(data), name)
        return
    if kind == "html":
        from timeline.ingest.html import declared_charset, read_html_articles

        yield from read_html_articles(decode(data, name, declared_charset(data)), name)
        return
    text = decode(data, name)
    if kind in ("json", "jsonl"):
        yield from read_json_records(text, name, lines_only=kind == "jsonl")
        return
    articles = read_text_articles(text, name)
    if not articles:
        raise InputError(f"{name}: holds no article text")
    yield from articles


@dataclass
class Expanded:
    """The files named by the inputs, and a message for each input that names none."""

    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and (
                Path(name).suffix.lower() in ARTICLE_EXTENSIONS or is_archive(name)
            ):
                yield str(Path(root) / name)


def expand_inputs(paths: Sequence[str]) -> Expanded:
    """Files from paths, folders (recursively) and glob patterns; none means stdin."""
    expanded = Expanded()
    for path in paths or [STDIN]:
        if path == STDIN or (os.path.lexists(path) and not Path(path).is_dir()):
            expanded.files.append(path)
        elif Path(path).is_dir():
            found = list(_walk(path))
            if not found:
                expanded.problems.append(
                    f"{path}: folder holds no .txt, .html, .json, .jsonl or .warc files"
                )
            expanded.files.extend(found)
        elif _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))  # noqa: PTH207 - str patterns
            files = [m for m in matches if not Path(m).is_dir()]
            for match in (m for m in matches if Path(m).is_dir()):
                files.extend(_walk(match))
            if not files:
                expanded.problems.append(f"{path}: no file matches this pattern")
            expanded.files.extend(files)
        else:
            expanded.problems.append(f"{path}: no such file; check the path")
    return expanded


def read_input(path: str) -> Iterator[Item]:
    """Articles (and record problems) of one expanded input: a file, or ``-`` for stdin."""
    if path == STDIN:
        return articles_from_bytes(STDIN_NAME, read_stdin())
    if is_archive(path):
        return _stream_archive(path)
    return articles_from_bytes(path, read_bytes(path))


def _stream_archive(path: str) -> Iterator[Item]:
    """An archive is read record by record from the file, never whole into memory."""
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 - closed below, as the generator ends
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check it") from None
    with handle:
        yield from read_warc_articles(handle, path)


def read_articles(paths: Sequence[str]) -> list[Article]:
    """Articles from every input, in order; no inputs means stdin. The first problem raises."""
    expanded = expand_inputs(paths)
    if expanded.problems:
        raise InputError(expanded.problems[0])
    articles: list[Article] = []
    for path in expanded.files:
        for item in read_input(path):
            if isinstance(item, RecordProblem):
                raise InputError(item.message)
            if isinstance(item, Article):
                articles.append(item)
    return articles


def parse_published(raw: str) -> dt.date:
    """A publication date given by the user: ISO ``YYYY-MM-DD`` or any absolute date string.

    Strings other than ISO are read as :func:`~timeline.ingest.given_dates.parse_given_date`
    reads them; ambiguous numeric dates and relative words are refused.
    """
    try:
        return dt.date.fromisoformat(raw.strip()[:10])
    except ValueError:
        pass
    try:
        given = parse_given_date(raw)
    except AmbiguousDateError as error:
        raise InputError(f"--published {error}") from None
    if given is None:
        raise InputError(f"--published {raw!r}: not a valid date; use YYYY-MM-DD, e.g. 2018-12-20")
    return given.date


def check_published_count(dates: int, articles: int) -> None:
    if dates > 1 and dates != articles:
        raise InputError(
            f"--published given {dates} times for {articles} articles; "
            "give it once for all, or once per article"
        )


def apply_published(articles: Sequence[Article], dates: Sequence[dt.date]) -> list[Article]:
    """One date applies to every article; several apply to the articles in order.

    A date given here wins over the article's own (metadata or date line).
    """
    if not dates:
        return list(articles)
    check_published_count(len(dates), len(articles))
    chosen = list(dates) * len(articles) if len(dates) == 1 else list(dates)
    return [
        article.model_copy(update={"published": day, "published_source": "option"})
        for article, day in zip(articles, chosen, strict=False)
    ]
