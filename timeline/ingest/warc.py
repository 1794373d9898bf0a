"""Web archives (WARC, ARC; CC-NEWS): the HTML pages a crawl holds, read as articles.

Records are streamed with ``warcio``, one at a time, so an archive of any size is read in
constant memory. Only HTTP responses are pages; every response that is not an English
HTML page with status 200 is skipped with a counted reason (:class:`SkippedRecord`):
``not HTML``, ``not status 200``, ``truncated`` (``WARC-Truncated``, or a payload
shorter than its ``Content-Length``), ``not English`` (the page's ``<html lang>``, else
py3langid on the main text, until the tagger speaks other languages) and ``no article
text``. Pages go through the HTML reader (:mod:`timeline.ingest.html`): main text, title,
and publication date from the page's metadata. ``WARC-Date`` is when the crawler fetched
the page, never the publication date; the ``WARC-Target-URI`` is the URL when the page
names none.

A record's ``source`` is ``ARCHIVE@OFFSET``, the record's byte offset in the archive, as
Common Crawl's indexes address records.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from timeline.errors import InputError
from timeline.ingest.archive_names import ARCHIVE_MAGIC
from timeline.ingest.decoding import decode
from timeline.ingest.html import declared_charset, read_html_articles
from timeline.models import Article

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

#: Archive names by their endings; ``.gz`` archives are gzipped record by record.
HTML_TYPES = ("text/html", "application/xhtml+xml")
NOT_HTML = "not HTML"
NOT_200 = "not status 200"
TRUNCATED = "truncated"
NOT_ENGLISH = "not English"
NO_TEXT = "no article text"
_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*(?P<lang>[A-Za-z]{2,3})\b""", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?(?P<charset>[\w.:-]+)", re.I)
_SEPARATOR_SLACK = 16
_RECORD_TYPES = frozenset(
    (
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    )
)
#: Enough running text for py3langid to be sure; more only costs time.
_DETECT_CHARS = 2000


@dataclass(frozen=True)
class SkippedRecord:
    """A record that is no English HTML article; ``reason`` is one of the constants above."""

    reason: str
    source: str


def page_language(html: str) -> str | None:
    """The primary language subtag the page declares on ``<html lang>``, lower-cased."""
    match = _LANG.search(html[:8192])
    return match["lang"].lower() if match else None


def detected_language(text: str) -> str:
    """py3langid's guess for running text (deterministic, about 0.1 ms per article)."""
    import py3langid

    language: str = py3langid.classify(text[:_DETECT_CHARS])[0]
    return language


def _skip_reason(record: ArcWarcRecord) -> str | None:
    """Why a response is no page to read, judged from its headers alone."""
    if record.rec_headers.get_header("WARC-Truncated"):
        return TRUNCATED
    headers = record.http_headers
    if headers is None or headers.get_statuscode() != "200":
        return NOT_200
    content_type = (headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(HTML_TYPES):
        return NOT_HTML
    return None


def _cut_short(record: ArcWarcRecord) -> bool:
    """The archive ended inside the record: bytes its ``Content-Length`` promised are missing."""
    remaining = getattr(record.raw_stream, "limit", 0)
    return isinstance(remaining, int) and remaining > 0


def _charset(record: ArcWarcRecord, data: bytes) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    match = _CHARSET.search(content_type)
    return match["charset"] if match else declared_charset(data)


def _page(record: ArcWarcRecord, data: bytes, source: str) -> Article | SkippedRecord:
    """The article of one HTML response, or why it is skipped."""
    html = decode(data, source, _charset(record, data))
    declared = page_language(html)
    if declared is not None and declared != "en":
        return SkippedRecord(NOT_ENGLISH, source)
    try:
        (article,) = read_html_articles(html, source)
    except InputError:
        return SkippedRecord(NO_TEXT, source)
    if declared is None and detected_language(article.text) != "en":
        return SkippedRecord(NOT_ENGLISH, source)
    if article.url is None:
        article = article.model_copy(
            update={"url": record.rec_headers.get_header("WARC-Target-URI")}
        )
    return article


class _Archive:
    """Walks an archive's records, remembering where the last whole record ended."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream = stream
        self.name = name
        self.records = 0
        self.end = 0

    def responses(self) -> Iterator[Article | SkippedRecord]:
        from warcio.archiveiterator import ArchiveIterator

        class QuietIterator(ArchiveIterator):  # type: ignore[misc]
            # warcio writes its own warning on stderr for a record with a wrong length; the
            # record is counted as truncated here, so the user sees it once, in our summary.
            INC_RECORD = ""

        records = QuietIterator(self.stream, arc2warc=True)
        for record in records:
            response = record.rec_type == "response"
            reason = _skip_reason(record) if response else None
            data = record.content_stream().read() if response and reason is None else b""
            # Offset and length are known once the record has been read to its end.
            offset = records.get_record_offset()
            self.end = offset + records.get_record_length()
            self.records += 1
            if response and _cut_short(record):
                reason = TRUNCATED
            source = f"{self.name}@{offset}"
            if record.rec_type not in _RECORD_TYPES:
                # Headers cut off inside: warcio cannot even tell the record's type.
                yield SkippedRecord(TRUNCATED, source)
            elif record.rec_type == "response":
                yield SkippedRecord(reason, source) if reason else _page(record, data, source)

    def cut_short(self) -> bool:
        """More than record separators follow the last whole record: it was cut inside one."""
        if not self.stream.seekable():
            return False
        size = self.stream.seek(0, io.SEEK_END)
        if size - self.end > _SEPARATOR_SLACK:
            return True
        self.stream.seek(self.end)
        return bool(self.stream.read().strip())


def read_warc_articles(stream: IO[bytes], name: str) -> Iterator[Article | SkippedRecord]:
    """Every English HTML page in an archive, and a skip for every other response.

    An archive cut inside a record (a partial download) gives its whole records and one
    ``truncated`` skip; a file that holds no record at all is an :class:`InputError`.
    """
    from warcio.exceptions import ArchiveLoadFailed

    if stream.seekable():
        head = stream.read(16)
        stream.seek(0)
        if not head.startswith(ARCHIVE_MAGIC):
            raise InputError(f"{name}: not a web archive (no WARC or ARC record at its start)")
    archive = _Archive(stream, name)
    items = archive.responses()
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except (ArchiveLoadFailed, AttributeError, ValueError, EOFError, OSError) as error:
            if archive.records == 0:
                raise InputError(f"{name}: not a readable web archive ({_why(error)})") from None
            yield SkippedRecord(TRUNCATED, f"{name}@{archive.end}")
            return
        yield item
    if archive.cut_short():
        yield SkippedRecord(TRUNCATED, f"{name}@{archive.end}")


def _why(error: Exception) -> str:
    """A reader's failure in the user's terms: warcio's own messages name the format problem;
    the rest (a None header, a bad number) are internal and only mean a damaged record."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(error, (ArchiveLoadFailed, OSError)) and str(error):
        return str(error)
    return "its first record is damaged or cut short"
