"""Plain-text articles: splitting a file into articles and cleaning scraped-page noise.

Cleaning never rewrites words: it keeps or drops whole lines and chooses the break between
kept lines. So every kept line is a verbatim piece of the input, and ``Article.source_spans``
map offsets in the cleaned text back to the text the user gave.

A date line near the top of an article ("Thursday, 20 December, 2018 - 10:45",
"Published: 2018-12-20") is page furniture too: it is dropped from the body, and it gives
the article's publication date (``published_source`` "text"). So does a front-matter block
at the top of the file, for the file's first article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.ingest.dates import read_date_line
from timeline.ingest.frontmatter import read_front_matter
from timeline.models import Article, SourceSpan

# Articles in one file are separated by two or more blank lines.
_ARTICLE_BREAK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_LINE = re.compile(r"[^\n]+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]$")
# Short duplicate lines may be legitimate ("Yes."); only longer lines are dropped as repeats.
_MIN_REPEAT_CHARS = 20
_MAX_TITLE_CHARS = 200
# A date line stands among the first lines: headline, byline, date, "updated" line.
_DATE_LINE_WINDOW = 4


@dataclass(frozen=True)
class _Line:
    start: int
    text: str
    after_blank: bool


@dataclass(frozen=True)
class CleanedArticle:
    """One article's title, cleaned body, offset map and the date its date line gives."""

    title: str | None
    text: str
    spans: tuple[SourceSpan, ...]
    published: dt.date | None = None


@cache
def _furniture() -> frozenset[str]:
    text = resources.files("timeline").joinpath("data").joinpath("page_furniture.txt")
    return frozenset(
        line.strip().casefold()
        for line in text.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_page_furniture(line: str) -> bool:
    """Lines like a lone "TT", "|" or "Advertisement" that belong to the page, not the story."""
    stripped = line.strip()
    if not any(ch.isalnum() for ch in stripped):
        return True
    if len(stripped) <= 3 and stripped.isalpha() and stripped.isupper():
        return True
    return stripped.casefold() in _furniture()


def split_articles(text: str) -> list[tuple[int, str]]:
    """(offset, chunk) for each article in a file; blank chunks are skipped."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in _ARTICLE_BREAK.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset, chunk) for offset, chunk in pieces if chunk.strip()]


def _lines(chunk: str, offset: int) -> list[_Line]:
    lines: list[_Line] = []
    previous_end = 0
    for match in _LINE.finditer(chunk):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        gap = chunk[previous_end : match.start()]
        after_blank = bool(lines) and gap.count("\n") >= 2
        lines.append(_Line(offset + match.start() + lead, stripped, after_blank))
        previous_end = match.end()
    return lines


def looks_like_title(line: str) -> bool:
    """A headline is short and does not end like a sentence."""
    return len(line) <= _MAX_TITLE_CHARS and not line.rstrip("\"”’'").endswith((".", ",", ";"))


def _normal(line: str) -> str:
    return " ".join(line.split()).casefold()


def _take_date_lines(lines: list[_Line]) -> tuple[list[_Line], dt.date | None]:
    """The lines without the date lines at their top, and the publication date stated."""
    published: dt.date | None = None
    kept: list[_Line] = []
    for index, line in enumerate(lines):
        found = read_date_line(line.text) if index < _DATE_LINE_WINDOW else None
        if found is None:
            kept.append(line)
        elif found.published and published is None:
            published = found.date
    return kept, published


def clean_article(chunk: str, offset: int) -> CleanedArticle:
    """Title, cleaned body, source spans and dateline date for one article's raw text."""
    lines, published = _take_date_lines(_lines(chunk, offset))
    if not lines:
        return CleanedArticle(None, "", (), published)
    title: str | None = None
    if looks_like_title(lines[0].text) and len(lines) > 1:
        title, lines = lines[0].text, lines[1:]
    seen = {_normal(title)} if title else set()
    body_parts: list[str] = []
    spans: list[SourceSpan] = []
    length = 0
    previous: str | None = None
    for line in lines:
        key = _normal(line.text)
        if is_page_furniture(line.text) or key in seen:
            continue
        if len(line.text) >= _MIN_REPEAT_CHARS:
            seen.add(key)
        if previous is not None:
            separator = _separator(previous, line)
            body_parts.append(separator)
            length += len(separator)
        spans.append(SourceSpan(clean_start=length, source_start=line.start, length=len(line.text)))
        body_parts.append(line.text)
        length += len(line.text)
        previous = line.text
    return CleanedArticle(title, "".join(body_parts), tuple(spans), published)


def _separator(previous: str, line: _Line) -> str:
    """A blank line between paragraphs, but a space where a sentence was broken in two."""
    broken = not _ENDS_SENTENCE.search(previous) and line.text[:1].islower()
    if broken:
        return " "
    return "\n\n" if line.after_blank else "\n"


def article_id(source: str, index: int, text: str) -> str:
    """Stable across runs: derived from where the article came from and what it says."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    digest = hashlib.sha256(f"{name}\x00{index}\x00{text}".encode()).hexdigest()
    return f"a{index + 1}-{digest[:8]}"


def read_text_articles(text: str, source: str) -> list[Article]:
    """All articles in a plain-text document (one, or several separated by blank lines).

    A front-matter block's date, title and URL go to the first article.
    """
    front = read_front_matter(text, source)
    start = front.end if front else 0
    articles: list[Article] = []
    for index, (offset, chunk) in enumerate(split_articles(text[start:])):
        cleaned = clean_article(chunk, offset + start)
        if not cleaned.text:
            continue
        title, url, published = cleaned.title, None, cleaned.published
        if front is not None and index == 0:
            title = front.title or title
            url = front.url
            published = front.published or published
        articles.append(
            Article(
                id=article_id(source, index, cleaned.text),
                title=title,
                text=cleaned.text,
                published=published,
                published_source="text" if published else "none",
                source=source,
                url=url,
                source_spans=cleaned.spans,
            )
        )
    return articles
