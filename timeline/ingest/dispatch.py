"""Reading inputs: files, folders, globs or stdin, decoded, dispatched to the reader for their kind.

Kinds: plain text, HTML, JSON and JSONL records, web archives. The file extension decides
(``.html``/``.htm``/``.xhtml``, ``.json``, ``.jsonl``/``.ndjson``, ``.warc``/``.warc.gz``/
``.arc``/``.arc.gz``, anything else text);
stdin and extension-less files are recognised by their first characters. Folders are
read recursively, taking the files with those extensions (:data:`ARTICLE_EXTENSIONS`),
in name order; hidden files and folders are skipped.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from timeline.errors import InputError
from timeline.ingest.archive_names import is_archive, looks_like_archive
from timeline.ingest.decoding import decode

if TYPE_CHECKING:  # the readers and the models load pydantic: only when an article is read
    from timeline.ingest.records import RecordProblem
    from timeline.ingest.warc import SkippedRecord
    from timeline.models import Article

    #: What a reader yields: articles, bad records, and records that are no article (WARC).
    Item = Article | RecordProblem | SkippedRecord

STDIN = "-"
STDIN_NAME = "<stdin>"

Kind = Literal["text", "html", "json", "jsonl", "timeml", "warc"]
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
    ".tml": "timeml",
}
#: What a folder is searched for.
ARTICLE_EXTENSIONS = frozenset(_BY_EXTENSION)
_GLOB_CHARS = frozenset("*?[")
#: UTF-16 and UTF-32 byte-order marks: such a file cannot be split into lines as bytes.
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_START = ("<!doctype html", "<html", "<head", "<body", "<article", "<meta", "<p>", "<div")


def input_kind(name: str, head: str) -> Kind:
    """The reader for an input: by extension, else by its first characters."""
    if is_archive(name):
        return "warc"
    kind = _BY_EXTENSION.get(Path(name).suffix.lower())
    if kind is not None:
        return kind
    start = head.lstrip("\ufeff \t\n").lower()
    if "<timeml" in start and start.startswith(("<?xml", "<timeml")):
        return "timeml"
    if start.startswith(_HTML_START):
        return "html"
    if start.startswith(("{", "[")):
        return "json"
    return "text"


#: Opening a file that turns into a FIFO after its check would wait for a writer; O_NONBLOCK
#: returns at once (and changes nothing for a regular file).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
#: What a read asks for after the first (which asks for the whole file).
_CHUNK = 1 << 16


def _status(path: str) -> os.stat_result:
    """``Path(path).stat()``, with no ``Path`` made unless the plain call fails (per input
    file, making one cost as much as the call). pathlib reads "a/" as "a" and "" as ".";
    the system call does not, but it fails on every path where that changes the answer
    (a file named with a trailing slash, an empty path), and pathlib then decides."""
    try:
        return os.stat(path)  # noqa: PTH116 - see above
    except OSError:
        return Path(path).stat()


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file; anything else is an :class:`InputError` naming it.

    The path's status first, so that a pipe or a device is never opened; then the file is
    read by descriptor, where a Python file object cost five more system calls per file
    (``timeline tag`` over the 256 TempEval-3 files read them in 11 ms of CPU, not 17)."""
    try:
        info = _status(path)
    except FileNotFoundError:
        if Path(path).is_symlink():
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
        handle = os.open(path, _READ_FLAGS)
        try:
            chunks = []
            size = info.st_size + 1 if info.st_size else _CHUNK  # the whole file in one read
            while chunk := os.read(handle, size):  # until a read finds the end: a file that
                chunks.append(chunk)  # grew since is still read whole
                size = _CHUNK
            return b"".join(chunks)
        finally:
            os.close(handle)
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror}); check its permissions"
        ) from None


def read_stdin() -> bytes:
    """All of standard input; closed or unreadable is an :class:`InputError`."""
    if sys.stdin is None:  # started with stdin closed (<&-)
        raise InputError(f"{STDIN_NAME}: standard input is closed; give article files")
    try:
        return sys.stdin.buffer.read()
    except OSError as error:
        raise InputError(f"{STDIN_NAME}: cannot be read ({error.strerror})") from None


def read_source(path: str) -> tuple[str, str]:
    """(display name, decoded text) for a path, or for stdin when ``path`` is ``-``."""
    if path == STDIN:
        return STDIN_NAME, decode(read_stdin(), STDIN_NAME)
    return path, decode(read_bytes(path), path)


def read_json(path: str, hint: str = "") -> tuple[str, object]:
    """(display name, parsed document) for a JSON file or stdin; bad JSON is an InputError.

    ``hint`` is added to the message to say which file was expected.
    """
    from timeline.ingest.records import JsonError, parse_json

    name, text = read_source(path)
    try:
        return name, parse_json(text)
    except JsonError as error:
        raise InputError(f"{name}: not JSON ({error.where()}{error.reason}){hint}") from None


def articles_from_bytes(name: str, data: bytes) -> Iterator[Item]:
    """Every article an input holds, and a problem for each bad record in it.

    A problem with the whole input (empty, binary, not JSON...) is an :class:`InputError`.
    """
    kind = input_kind(name, data[:256].decode("utf-8", errors="ignore"))
    if (name == STDIN_NAME or not Path(name).suffix) and looks_like_archive(data):
        kind = "warc"  # an archive piped in ("cat crawl.warc.gz | timeline extract -")
    if kind == "warc":
        from timeline.ingest.warc import read_warc_articles

        yield from read_warc_articles(io.BytesIO(data), name)
        return
    if kind == "html":
        from timeline.ingest.html import declared_charset, read_html_articles

        yield from read_html_articles(decode(data, name, declared_charset(data)), name)
        return
    if kind == "jsonl" and not data.startswith(_WIDE_BOMS):
        # Line by line, so one line of junk (control characters, another encoding) is one
        # bad record, not a whole file taken for binary data.
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            raise InputError(f"{name}: the input is empty; give a file with article text")
        from timeline.ingest.records import read_jsonl_chunk

        yield from read_jsonl_chunk(name, 1, (raw.removesuffix(b"\r") for raw in data.split(b"\n")))
        return
    text = decode(data, name)
    if kind == "timeml":
        yield timeml_article(text, name)
        return
    if kind in ("json", "jsonl"):
        from timeline.ingest.records import read_json_records

        yield from read_json_records(text, name, lines_only=kind == "jsonl")
        return
    from timeline.ingest.text import read_text_articles

    articles = read_text_articles(text, name)
    if not articles:
        raise InputError(f"{name}: holds no article text")
    yield from articles


def timeml_article(text: str, name: str) -> Article:
    """A TimeML file as ``timeline tag`` reads it: the TEXT is the article, the DCT its date.

    Offsets index the TEXT's plain content; the gold TIMEX3 tags in it are not used.
    """
    from timeline.ingest.text import article_id
    from timeline.models import Article
    from timeline.timeml import TimemlError, parse_timeml

    try:
        document = parse_timeml(text, name)
    except TimemlError as error:
        raise InputError(f"{name}: not valid TimeML ({error})") from None
    if not document.text.strip():
        raise InputError(f"{name}: the TimeML <TEXT> is empty")
    return Article(
        id=article_id(name, 0, document.text),
        title=document.docid,
        text=document.text,
        published=document.dct,
        published_source="metadata" if document.dct else "none",
        source=name,
    )


class Expanded:
    """The files named by the inputs, and a message for each input that names none."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.problems: list[str] = []


def _walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and (
                Path(name).suffix.lower() in ARTICLE_EXTENSIONS or is_archive(name)
            ):
                yield str(Path(root) / name)


def _kind(path: str) -> str | None:
    """ "folder", "file" (anything else there, a broken link too: reading it says what is
    wrong) or ``None`` when nothing is there; one system call for a file that exists."""
    try:
        return "folder" if stat.S_ISDIR(_status(path).st_mode) else "file"
    except (OSError, ValueError):  # missing, a loop of links, a NUL in the name
        return "file" if os.path.lexists(path) else None


def _same_file(path: str, other: Path | None) -> bool:
    try:
        return other is not None and Path(path).samefile(other)
    except OSError:
        return False


def expand_inputs(paths: Sequence[str], exclude: Path | None = None) -> Expanded:
    """Files from paths, folders (recursively) and glob patterns; none means stdin.

    ``exclude`` is the output file: a folder or pattern that holds it does not read it
    back, and naming it as an input is an error (it would be overwritten).
    """
    expanded = Expanded()
    for path in paths or [STDIN]:
        if path != STDIN and _same_file(path, exclude):
            raise InputError(f"{path}: is also the output (-o); choose another -o")
        kind = None if path == STDIN else _kind(path)
        if path == STDIN or kind == "file":
            expanded.files.append(path)
        elif kind == "folder":
            found = list(_walk(path))
            if not found:
                expanded.problems.append(
                    f"{path}: folder holds no .txt, .html, .json, .jsonl, .tml or .warc files"
                )
            expanded.files.extend(f for f in found if not _same_file(f, exclude))
        elif _GLOB_CHARS & set(path):
            import glob  # only for a pattern: most runs name their files

            matches = sorted(glob.glob(path, recursive=True))  # noqa: PTH207 - str patterns
            files = [m for m in matches if not Path(m).is_dir()]
            for match in (m for m in matches if Path(m).is_dir()):
                files.extend(_walk(match))
            if not files:
                expanded.problems.append(f"{path}: no file matches this pattern")
            expanded.files.extend(f for f in files if not _same_file(f, exclude))
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
        from timeline.ingest.warc import read_warc_articles

        yield from read_warc_articles(handle, path)


def read_articles(paths: Sequence[str]) -> list[Article]:
    """Articles from every input, in order; no inputs means stdin. The first problem raises."""
    from timeline.ingest.records import OwnOutputError, RecordProblem
    from timeline.models import Article

    expanded = expand_inputs(paths)
    if expanded.problems:
        raise InputError(expanded.problems[0])
    articles: list[Article] = []
    for path in expanded.files:
        with contextlib.suppress(OwnOutputError):  # a timeline this tool wrote: not articles
            for item in read_input(path):
                if isinstance(item, RecordProblem):
                    if not item.skipped:
                        raise InputError(item.message)
                elif isinstance(item, Article):
                    articles.append(item)
    return articles


def parse_published(raw: str) -> dt.date:
    """A publication date given by the user: ISO ``YYYY-MM-DD``, an ISO date-time, or any
    absolute date string.

    Of a date-time (``2018-12-20T23:30-05:00``) the calendar day as written is used: the
    day in the article's own time zone, which is the day its "yesterday" counts from. The
    zone is not converted (to UTC that would be the 21st) and the time is not kept:
    relative dates resolve to days, not hours. Other strings are read as
    :func:`~timeline.ingest.given_dates.parse_given_date` reads them; ambiguous numeric dates
    and relative words are refused.
    """
    text = raw.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        if text[:10].count("-") == 2 and text[:4].isdigit():  # ISO with garbage: no guessing
            raise InputError(
                f"--published {raw!r}: not a valid date; use YYYY-MM-DD, e.g. 2018-12-20"
            ) from None
    from timeline.ingest.given_dates import AmbiguousDateError, parse_given_date

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
