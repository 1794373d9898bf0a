"""JSON and JSONL records: ``{"id", "title", "text", "published", "url"}`` each.

A ``.json`` file holds one record or a list of them; a ``.jsonl`` (``.ndjson``) file one
record per line. Only ``text`` is required; other keys are ignored. ``published`` is the
record's metadata date (ISO ``2018-12-20`` or a timestamp; ``null`` means unknown). A bad
record is reported with its line number and skipped; the other records go on.

**Offsets** for a record index its ``text`` field as given.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from timeline.document_kind import DESCRIPTIONS, document_kind, record_kind
from timeline.errors import InputError, TimelineError
from timeline.ingest.given_dates import AmbiguousDateError, GivenDate, parse_given_date
from timeline.ingest.text import article_id
from timeline.models import Article

_OPTIONAL_STRINGS = ("title", "url")


@dataclass(frozen=True)
class RecordProblem:
    """A record that could not be read: the one-line message names the file and line.

    ``skipped`` marks a note rather than a problem: records this tool wrote itself (an
    output left in an input folder) are passed over, not counted as bad.
    """

    message: str
    skipped: bool = False


class OwnOutputError(TimelineError):
    """A whole input is something this tool wrote (a timeline, events): skipped, not an error."""

    exit_code = 0


class _BadRecordError(Exception):
    pass


class JsonError(ValueError):
    """Why a text is not JSON we can read, with the line and column when the parser knows."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column

    def where(self) -> str:
        return "" if self.line is None else f"line {self.line}, column {self.column}: "


def parse_json(text: str) -> Any:
    """``json.loads`` whose every failure is a :class:`JsonError`.

    Besides syntax errors, Python's parser gives up on nesting deeper than the recursion
    limit and on integers of more than 4,300 digits; both are hostile input, not bugs.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonError(error.msg, error.lineno, error.colno) from None
    except RecursionError:
        raise JsonError("nested too deeply") from None
    except ValueError:  # sys.get_int_max_str_digits(), 4,300 by default
        raise JsonError(f"a number of more than {sys.get_int_max_str_digits():,} digits") from None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _record_id(record: dict[str, Any]) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _BadRecordError('"id" must be a string or a number')
    return str(value)


def _published(raw: Any) -> GivenDate | None:
    """The record's publication date; a string that states no day, or two, is refused."""
    if raw is None:
        return None
    try:
        given = parse_given_date(raw) if isinstance(raw, str) else None
    except AmbiguousDateError as error:
        raise _BadRecordError(f'"published" {error}') from None
    if given is None:
        raise _BadRecordError(f'"published" {raw!r} is not a calendar date; use YYYY-MM-DD')
    return given


def record_article(record: Any, source: str, line: int) -> Article:
    """The article a decoded record describes; raises ``_BadRecordError`` with the reason."""
    if not isinstance(record, dict):
        raise _BadRecordError('a record must be a JSON object with a "text" field')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _BadRecordError('the record has no "text" (a non-empty string)')
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise _BadRecordError(f'"{key}" must be a string')
    for key in ("text", *_OPTIONAL_STRINGS, "id"):
        if isinstance(record.get(key), str) and _SURROGATE.search(record[key]):
            raise _BadRecordError(
                f'"{key}" holds a lone surrogate (a \\ud800-\\udfff escape), not text'
            )
    published = _published(record.get("published"))
    origin = f"{source}:{line}"
    title = " ".join((record.get("title") or "").split())
    return Article(
        id=_record_id(record) or article_id(origin, 0, text),
        title=title or None,
        text=text,
        published=published.date if published else None,
        published_source="metadata" if published else "none",
        published_raw=published.raw if published and published.reader == "dateparser" else None,
        source=origin,
        url=record.get("url") or None,
    )


class _Reader:
    """Turns decoded records into articles, or problems naming the file and line."""

    def __init__(self, source: str) -> None:
        self.source = source

    def read(self, record: Any, line: int) -> Article | RecordProblem:
        kind = record_kind(record)
        if kind is not None:
            return RecordProblem(
                f"{self.source}: skipped lines holding {DESCRIPTIONS[kind]}, not articles",
                skipped=True,
            )
        try:
            return record_article(record, self.source, line)
        except _BadRecordError as error:
            return self.problem(line, f"{error}; fix or remove the record")

    def problem(self, line: int, reason: str) -> RecordProblem:
        return RecordProblem(f"{self.source}: line {line}: {reason}")


def read_record(record: Any, source: str, line: int) -> Article | RecordProblem:
    """One decoded record (e.g. a table row) as an article, or the problem naming its line."""
    return _Reader(source).read(record, line)


def read_jsonl_lines(
    source: str, lines: Iterable[tuple[int, str]]
) -> Iterator[Article | RecordProblem]:
    """One record per ``(line number, line)``; blank lines are skipped."""
    reader = _Reader(source)
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = parse_json(line)
        except JsonError as error:
            column = "" if error.column is None else f", column {error.column}"
            yield reader.problem(
                number, f"not JSON ({error.reason}{column}); fix or remove the line"
            )
            continue
        yield reader.read(record, number)


def _list_items(text: str, start: int) -> Iterator[tuple[int, Any]]:
    """(line number, item) for each element of the top-level list opening at ``start``."""
    decoder = json.JSONDecoder()
    position = start + 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return
        line = text.count("\n", 0, position) + 1
        item, position = decoder.raw_decode(text, position)
        yield line, item


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text: split at ``\n`` (and ``\r\n``) only.

    ``str.splitlines`` would also split at U+2028, U+0085 and other characters that a JSON
    string may hold as they are, cutting a good record in two.
    """
    return [line.removesuffix("\r") for line in text.split("\n")]


def _looks_like_jsonl(text: str) -> bool:
    lines = [line.strip() for line in jsonl_lines(text) if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") for line in lines[:3])


def read_json_records(
    text: str, source: str, lines_only: bool = False
) -> Iterator[Article | RecordProblem]:
    """Records of a whole JSON or JSONL document; a document that is neither fails whole."""
    if not lines_only:
        try:
            document = parse_json(text)
        except JsonError as error:
            if not _looks_like_jsonl(text):
                raise InputError(
                    f"{source}: not JSON ({error.where()}{error.reason}); "
                    "give JSON records or one record per line (JSONL)"
                ) from None
        else:
            kind = document_kind(document)
            if kind is not None:
                raise OwnOutputError(f"{source}: skipped, {DESCRIPTIONS[kind]}, not articles")
            reader = _Reader(source)
            if isinstance(document, list):
                start = text.index("[")
                if not document:
                    raise InputError(f"{source}: the list holds no records")
                for line, item in _list_items(text, start):
                    yield reader.read(item, line)
            else:
                yield reader.read(document, text.count("\n", 0, len(text) - len(text.lstrip())) + 1)
            return
    yield from read_jsonl_lines(source, enumerate(jsonl_lines(text), start=1))


def _decode_line(raw: bytes, source: str, number: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from timeline.ingest.decoding import decode

        return decode(raw, f"{source}: line {number}")


def read_jsonl_chunk(
    source: str, first_line: int, raw_lines: Iterable[bytes]
) -> Iterator[Article | RecordProblem]:
    """Records of a run of raw JSONL lines, ``first_line`` being the number of the first."""
    for number, raw in enumerate(raw_lines, start=first_line):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            line = _decode_line(raw, source, number)
        except InputError:
            yield RecordProblem(f"{source}: line {number}: binary data, not a record; remove it")
            continue
        yield from read_jsonl_lines(source, [(number, line)])
