"""A page's own statement of its title, canonical URL and publication date.

Only markup that *says* "this article was published on" counts, in this order of trust:

1. JSON-LD ``datePublished`` of an article-like object (``NewsArticle``, ``BlogPosting``...).
2. ``<meta>`` publication tags, in the order of :data:`PUBLISHED_META` (OpenGraph
   ``article:published_time``, ``pubdate``, ``DC.date.issued``, ``date``...).
3. An element marked ``itemprop="datePublished"``; a ``<time pubdate>``.
4. The first ``<time datetime>`` in the article's own header (``<article>`` ``<header>``).

Modification dates (``dateModified``, ``article:modified_time``) are never taken, and
neither is a date merely printed somewhere on the page: sidebars, teasers, event
listings and footers are full of dates that are not the article's. When the page states
none, the date is unknown. (htmldate, measured on our sample pages, takes an event
listing's ``<time>`` for the publication date in that case; see the README.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline.ingest.given_dates import AmbiguousDateError, GivenDate, parse_given_date
from timeline.ingest.records import JsonError, parse_json

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: ``<meta>`` names and properties that state the publication date, most specific first.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "date_published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "dc.date",
    "dcterms.date",
    "date",
)
TITLE_META = ("og:title", "twitter:title", "dc.title")
URL_META = ("og:url", "twitter:url")
_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report)$")
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|·)\s+[^|\-–—:·]{1,60}$")


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    #: The date string as written, when only dateparser could read it.
    published_raw: str | None = None


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    collapsed = " ".join(text.split())
    return collapsed or None


def _meta(tree: HtmlElement) -> dict[str, str]:
    """Lower-cased name/property/itemprop -> content of the first such ``<meta>``."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                found.setdefault(key, content.strip())
    return found


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = parse_json(script.text or "")
        except JsonError:  # broken, too deep or huge numbers: the page's other metadata
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(name, str) and _ARTICLE_TYPES.search(name) for name in names)


def _json_ld_url(item: dict[str, Any]) -> str | None:
    for key in ("url", "mainEntityOfPage"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str):
            return value
    return None


def _absolute(url: str | None) -> str | None:
    return url.strip() if url and re.match(r"https?://", url.strip()) else None


def _marked_dates(tree: HtmlElement) -> Iterator[str]:
    """Values of elements marked as the publication date, then of the article header's time."""
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        yield element.get("content") or element.get("datetime") or element.text_content()
    for element in tree.xpath("//time[@pubdate]"):
        yield element.get("datetime") or element.text_content()
    for element in tree.xpath("//article//header//time[@datetime]"):
        yield element.get("datetime") or ""


def _published(
    meta: dict[str, str], articles: list[dict[str, Any]], tree: HtmlElement
) -> GivenDate | None:
    candidates: list[str] = [
        item["datePublished"] for item in articles if isinstance(item.get("datePublished"), str)
    ]
    candidates += [meta[name] for name in PUBLISHED_META if meta.get(name)]
    candidates += list(_marked_dates(tree))
    for raw in candidates:
        try:
            given = parse_given_date(raw)
        except AmbiguousDateError:
            continue
        if given is not None:
            return given
    return None


def _title(meta: dict[str, str], articles: list[dict[str, Any]], tree: HtmlElement) -> str | None:
    for name in TITLE_META:
        if _clean(meta.get(name)):
            return _clean(meta[name])
    for item in articles:
        if isinstance(item.get("headline"), str) and _clean(item["headline"]):
            return _clean(item["headline"])
    for heading in tree.iter("h1"):
        text = _clean(heading.text_content())
        if text:
            return text
    for element in tree.iter("title"):
        text = _clean(element.text_content())
        if text:
            return _SITE_SUFFIX.sub("", text)
    return None


def _url(meta: dict[str, str], articles: list[dict[str, Any]], tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            url = _absolute(link.get("href"))
            if url:
                return url
    for name in URL_META:
        url = _absolute(meta.get(name))
        if url:
            return url
    for item in articles:
        url = _absolute(_json_ld_url(item))
        if url:
            return url
    return None


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Title, canonical URL and publication date as the page itself states them."""
    meta = _meta(tree)
    articles = [item for item in _json_ld_objects(tree) if _is_article(item)]
    given = _published(meta, articles, tree)
    return PageMetadata(
        title=_title(meta, articles, tree),
        url=_url(meta, articles, tree),
        published=given.date if given else None,
        published_raw=given.raw if given and given.reader == "dateparser" else None,
    )
