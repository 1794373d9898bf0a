"""The HTML body of an event slide, shared by the TimelineJS and sheet exporters.

The sentence with its time expression marked, an "Expected" badge for plans and
deadlines, and every source article that reported it (linked when it has a web address).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

from timeline.exporters.display import source_label
from timeline.exporters.urls import is_web_url
from timeline.models import ArticleInfo, Event, Media

EXPECTED_BADGE = "<p><strong>Expected</strong></p>"
# Only what would start markup in HTML text (a tag, a comment, a character reference);
# an apostrophe or a lone "&" stays as it is, so a sheet user reads "Trump's".
_MARKUP_START = re.compile(r"<(?=[A-Za-z/!?])|&(?=[A-Za-z0-9#])")
_ENTITIES = {"<": "&lt;", "&": "&amp;"}


def html_text(text: str) -> str:
    """``text`` as HTML text content that reads back as the same words, escaped minimally.

    TimelineJS puts headlines and captions into the page as HTML (after DOMPurify), so
    markup in an article must be escaped; ``html.escape`` would also turn every
    apostrophe and quote into ``&#x27;``/``&quot;``, which the sheet then shows verbatim.
    Per the HTML tokenizer, ``<`` starts markup only before a letter, ``/``, ``!`` or
    ``?``, and ``&`` a character reference only before a letter, digit or ``#``.
    """
    return _MARKUP_START.sub(lambda match: _ENTITIES[match[0]], text)


def marked_sentence(event: Event) -> str:
    """The sentence, escaped, with the time expression in ``<mark>``."""
    span = event.highlight
    if span is None or not 0 <= span.start < span.end <= len(event.text):
        return html_text(event.text)
    return (
        html_text(event.text[: span.start])
        + f"<mark>{html_text(event.text[span.start : span.end])}</mark>"
        + html_text(event.text[span.end :])
    )


def article_html(article: ArticleInfo) -> str:
    """The article's title (or source), linked only when its address is a web address.

    The link text is never the bare address: TimelineJS's autolink would wrap it again,
    and a "javascript:" URL from the input must never become a link.
    """
    label = html_text(source_label(article))
    if article.url and is_web_url(article.url):
        return f'<a href="{escape(article.url)}">{label}</a>'
    return label


def event_html(event: Event, articles: Mapping[str, ArticleInfo]) -> str:
    html = EXPECTED_BADGE if event.status == "expected" else ""
    html += f"<p>{marked_sentence(event)}</p>"
    source_ids = list(dict.fromkeys([event.article_id, *(s.article_id for s in event.sources)]))
    known = [articles[i] for i in source_ids if i in articles]
    if known:
        label = "Source" if len(known) == 1 else "Sources"
        html += f"<p>{label}: {'; '.join(article_html(a) for a in known)}</p>"
    return html


def media_caption_html(media: Media) -> str:
    """A photo caption as a line of slide text, for media without a picture address."""
    credit = f" ({html_text(media.credit)})" if media.credit else ""
    return f"<p><em>Photo: {html_text(media.caption)}</em>{credit}</p>"
