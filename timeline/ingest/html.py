"""HTML pages: the article's main text, its title, canonical URL and publication date.

The main text comes from trafilatura (``favor_precision``), which drops navigation,
teasers, "most read" boxes, related links, footers and cookie banners; title, URL and
date come from the page's own metadata (:mod:`timeline.ingest.html_meta`). Both libraries
load on first use, so the command line starts fast.

**Offsets** for a page index its main text as extracted: the article's paragraphs in
order, separated by a blank line, without the headline (``Article.text``; ``timeline tag
-f timeml`` prints it with the expressions marked).
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.errors import InputError
from timeline.ingest.dates import read_date_line
from timeline.ingest.html_meta import PageMetadata, read_metadata
from timeline.ingest.text import article_id, is_page_furniture
from timeline.models import Article

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[\w.:-]+)""", re.I)
_DATE_LINE_WINDOW = 3
# Less than this is a menu or a caption, not an article ("Home").
_MIN_WORDS = 8


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its first bytes (``<meta charset>``), if any."""
    match = _CHARSET.search(data[:4096])
    return match["charset"].decode("ascii") if match else None


def _main_text(tree: object) -> str:
    """trafilatura's main text, favouring precision; its default mode if that finds none."""
    import trafilatura

    for precision in (True, False):
        text = trafilatura.extract(
            tree,
            favor_precision=precision,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=False,
            output_format="txt",
        )
        if text and len(text.split()) >= _MIN_WORDS:
            return text
    return ""


def _paragraphs(text: str, meta: PageMetadata) -> tuple[list[str], dt.date | None]:
    """Kept paragraphs and the date a date line among the first ones states."""
    title = " ".join((meta.title or "").split()).casefold()
    kept: list[str] = []
    dated: dt.date | None = None
    for index, raw in enumerate(line.strip() for line in text.splitlines()):
        if not raw or is_page_furniture(raw) or " ".join(raw.split()).casefold() == title:
            continue
        found = read_date_line(raw) if index < _DATE_LINE_WINDOW else None
        if found is not None:
            if found.published and dated is None:
                dated = found.date
            continue
        kept.append(raw)
    return kept, dated


def read_html_articles(text: str, source: str) -> list[Article]:
    """The one article an HTML page holds."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(f"{source}: not a readable HTML page ({error})") from None
    meta = read_metadata(tree)
    paragraphs, dated = _paragraphs(_main_text(tree), meta)
    if not paragraphs:
        raise InputError(f"{source}: no article text found in the page")
    body = "\n\n".join(paragraphs)
    published, origin = meta.published, "metadata"
    if published is None:
        published, origin = dated, "text"
    return [
        Article(
            id=article_id(source, 0, body),
            title=meta.title,
            text=body,
            published=published,
            published_source=origin if published else "none",
            published_raw=meta.published_raw if origin == "metadata" else None,
            source=source,
            url=meta.url,
        )
    ]
