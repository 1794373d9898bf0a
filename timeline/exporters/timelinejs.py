"""TimelineJS3 JSON: a file that ``new TL.Timeline(id, data)`` loads as it is.

Format: https://timeline.knightlab.com/docs/json-format.html. Dates are numbers at the
precision the text gives: a day ``{year, month, day}``, a month ``{year, month}``, a year
``{year}``; a week, quarter, season, half, decade or century is a ``start_date``/``end_date``
range of days. ``display_date`` carries the readable label ("Week of December 10, 2018").
``scale`` is always written: TimelineJS needs it to report a bad date instead of hanging on
"Loading Timeline...". TimelineJS reads every string field as HTML (headline and text as
markup, group and display_date as the text of parsed markup), so everything taken from the
articles is escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from html import escape

from timeline.exporters.display import display_date, source_label
from timeline.exporters.event_html import article_html, event_html, media_caption_html
from timeline.exporters.urls import is_web_url
from timeline.models import ArticleInfo, Event, EventDate, Timeline

DEFAULT_TITLE = "Timeline"
#: Slide background of expected (planned, due) events, so they stand apart from facts.
EXPECTED_BACKGROUND = "#fff3d6"

#: Granularities shown as a range of days rather than a single point.
_RANGE_GRANULARITIES = frozenset({"week", "quarter", "season", "half", "decade", "century"})
_CLOCK_TIME = re.compile(r"T(?P<hour>\d{2}):(?P<minute>\d{2})")

JsonObject = dict[str, object]


def render(timeline: Timeline) -> str:
    """The timeline as a TimelineJS3 JSON document; the same timeline gives the same bytes."""
    articles = {article.id: article for article in timeline.articles}
    groups = _group_labels(timeline)
    document: JsonObject = {
        "title": _title_slide(timeline),
        "events": [_event_slide(event, articles, groups) for event in timeline.events],
        "scale": "human",
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _title_slide(timeline: Timeline) -> JsonObject:
    headline = timeline.title or DEFAULT_TITLE
    return {"text": {"headline": escape(headline), "text": _sources_html(timeline.articles)}}


def _sources_html(articles: Sequence[ArticleInfo]) -> str:
    if not articles:
        return ""
    items = []
    for article in articles:
        item = article_html(article)
        if article.published is not None:
            item += f", published {article.published.isoformat()}"
        items.append(f"<li>{item}</li>")
    label = "Source" if len(articles) == 1 else "Sources"
    return f"<p>{label}:</p><ul>{''.join(items)}</ul>"


def _event_slide(
    event: Event, articles: Mapping[str, ArticleInfo], groups: dict[str, str] | None
) -> JsonObject:
    slide: JsonObject = {"start_date": _start_date(event.date)}
    end = _end_date(event.date)
    if end is not None:
        slide["end_date"] = end
    label = display_date(event.date)
    if label:
        slide["display_date"] = escape(label)
    text = event_html(event, articles)
    media = event.media
    if media is not None and is_web_url(media.url):
        slide["media"] = {
            "url": media.url,
            "caption": escape(media.caption),
            "credit": escape(media.credit or ""),
        }
    elif media is not None:
        text += media_caption_html(media)
    slide["text"] = {"headline": escape(event.headline), "text": text}
    if event.status == "expected":
        slide["background"] = {"color": EXPECTED_BACKGROUND}
    if groups is not None:
        slide["group"] = escape(groups.get(event.article_id, event.article_id))
    slide["unique_id"] = event.id
    return slide


def _start_date(date: EventDate) -> JsonObject:
    start = date.start
    if date.granularity == "year":
        return {"year": start.year}
    if date.granularity == "month":
        return {"year": start.year, "month": start.month}
    fields: JsonObject = {"year": start.year, "month": start.month, "day": start.day}
    if date.granularity == "time":
        clock = _CLOCK_TIME.search(date.value)
        if clock is not None:
            fields["hour"] = int(clock.group("hour"))
            fields["minute"] = int(clock.group("minute"))
    return fields


def _end_date(date: EventDate) -> JsonObject | None:
    """The last day of a range; also of a day-level span such as a weekend."""
    is_span = date.granularity in ("day", "time") and date.end != date.start
    if date.granularity not in _RANGE_GRANULARITIES and not is_span and date.end_value is None:
        return None
    end = date.end
    return {"year": end.year, "month": end.month, "day": end.day}


def _group_labels(timeline: Timeline) -> dict[str, str] | None:
    """Article id -> group label, one group per article; None for a single-article timeline."""
    article_ids = [article.id for article in timeline.articles]
    for event in timeline.events:
        if event.article_id not in article_ids:
            article_ids.append(event.article_id)
    if len(article_ids) < 2:
        return None
    articles = {article.id: article for article in timeline.articles}
    labels: dict[str, str] = {}
    used: set[str] = set()
    for article_id in article_ids:
        article = articles.get(article_id)
        base = source_label(article) if article is not None else article_id
        label, n = base, 1
        while label in used:  # two articles with one title still get a group each
            n += 1
            label = f"{base} ({n})"
        used.add(label)
        labels[article_id] = label
    return labels
