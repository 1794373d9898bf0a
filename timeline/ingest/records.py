"""JSON and JSONL records: ``{"id", "title", "text", "published", "url"}`` each.

A ``.json`` file holds one record or a list of them; a ``.jsonl`` (``.ndjson``) file one
record per line. Only ``text`` is required; other keys are ignored. ``published`` is the
record's metadata date (ISO ``2018-12-20`` or a timestamp; ``null`` means unknown). A bad
record is reported with its line number and skipped; the other records go on.

**Offsets** for a record index its ``text`` field as given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from timeline.errors import InputError
from timeline.ingest.given_dates import AmbiguousDateError, GivenDate, parse_given_date
from timeline.ingest.text import article_id
from timeline.models import Article

_OPTIONAL_STRINGS = ("title", "url")


@dataclass(frozen=True)
class RecordProblem:
    """A record that could not be read: the one-line message names the file and line."""

    message: str


class _BadRecordError(Exception):
    pass


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
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield reader.problem(
                number, f"not JSON ({error.msg}, column {error.colno}); fix or remove the line"
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


def _looks_like_jsonl(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") for line in lines[:3])


def read_json_records(
    text: str, source: str, lines_only: bool = False
) -> Iterator[Article | RecordProblem]:
    """Records of a whole JSON or JSONL document; a document that is neither fails whole."""
    if not lines_only:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            if not _looks_like_jsonl(text):
                raise InputError(
                    f"{source}: not JSON (line {error.lineno}, column {error.colno}: "
                    f"{error.msg}); give JSON records or one record per line (JSONL)"
                ) from None
        else:
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
    yield from read_jsonl_lines(source, enumerate(text.splitlines(), start=1))


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
