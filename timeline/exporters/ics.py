"""iCalendar (RFC 5545): one all-day VEVENT per event, byte-identical for the same timeline.

Every event is all-day, even a TIME one: the articles rarely give a clock time we can
trust. A week, month or decade becomes a multi-day span, and ``X-TIMELINE-GRANULARITY`` /
``X-TIMELINE-TIMEX`` keep what the span stands for, which the dates alone cannot say.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from timeline.exporters.display import source_label, without_controls
from timeline.exporters.urls import url_problem
from timeline.models import ArticleInfo, Event, Timeline

PRODID = "-//news-timeline//timeline//EN"
#: Fixed namespace for event UIDs. Calendar apps match updates by UID, so changing this
#: would make every re-import a duplicate of the last one.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://news-timeline.invalid/event")
UID_DOMAIN = "news-timeline"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_ONE_DAY = dt.timedelta(days=1)


def render(timeline: Timeline) -> str:
    # Plain constructors on purpose: icalendar 7's Calendar.new()/Event.new() fill a
    # missing UID with uuid4() and DTSTAMP with the clock, breaking reproducibility.
    # X- properties are wrapped in vText: icalendar 7.3 writes a plain str given to an
    # unknown property unescaped, and "Syria, 2018" then reads back as "Syria" elsewhere.
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if timeline.title:
        calendar.add("x-wr-calname", vText(without_controls(timeline.title, keep="")))
    stamp = reproducible_stamp(timeline.articles)
    articles = {article.id: article for article in timeline.articles}
    for event in timeline.events:
        calendar.add_component(_vevent(event, articles, stamp))
    ical: bytes = calendar.to_ical()  # untyped in icalendar 7.3
    return ical.decode("utf-8")


def reproducible_stamp(articles: tuple[ArticleInfo, ...]) -> dt.datetime:
    """DTSTAMP taken from the input, never from the clock.

    RFC 5545 requires a DTSTAMP on every VEVENT, but the time of the run would make each
    export differ. The latest publication date (at 00:00 UTC) is when the information was
    last current and depends only on the timeline; with no dates known, the Unix epoch.
    """
    dates = [article.published for article in articles if article.published is not None]
    if not dates:
        return EPOCH
    return dt.datetime.combine(max(dates), dt.time(), tzinfo=dt.timezone.utc)


def url_warnings(timeline: Timeline) -> list[str]:
    """One warning per article whose URL :func:`render` leaves out, naming the article."""
    return [
        f"{article.source} ({source_label(article)!r}): URL {article.url!r} {problem}; "
        "left out of the calendar"
        for article in timeline.articles
        if article.url and (problem := url_problem(article.url)) is not None
    ]


def event_uid(event: Event) -> str:
    """Stable across runs because event ids are: re-importing updates instead of duplicating."""
    return f"{uuid.uuid5(UID_NAMESPACE, event.id)}@{UID_DOMAIN}"


def _vevent(event: Event, articles: Mapping[str, ArticleInfo], stamp: dt.datetime) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.date.start)
    exclusive_end = _exclusive_end(event.date.end)
    if exclusive_end > event.date.start:
        vevent.add("dtend", exclusive_end)
    # else: a one-day event on 9999-12-31; RFC 5545 reads a DATE DTSTART alone as one day.
    vevent.add("summary", without_controls(event.headline, keep=""))
    # RFC 5545 STATUS: a plan or deadline is tentative until it happens.
    vevent.add("status", "TENTATIVE" if event.status == "expected" else "CONFIRMED")
    vevent.add("description", without_controls(_description(event, articles)))
    article = articles.get(event.article_id)
    if article is not None and article.url and url_problem(article.url) is None:
        vevent.add("url", article.url)
    vevent.add("x-timeline-granularity", vText(event.date.granularity))
    vevent.add("x-timeline-timex", vText(event.date.value))
    return vevent


def _exclusive_end(last_day: dt.date) -> dt.date:
    """DTEND is exclusive for all-day events; the day after 9999-12-31 cannot be written."""
    return last_day + _ONE_DAY if last_day < dt.date.max else last_day


def _description(event: Event, articles: Mapping[str, ArticleInfo]) -> str:
    """The sentence, then every article that reported the event (title, then its address)."""
    source_ids = dict.fromkeys([event.article_id, *(s.article_id for s in event.sources)])
    known = [articles[i] for i in source_ids if i in articles]
    description = ("Expected. " if event.status == "expected" else "") + event.text
    if not known:
        return description
    description += "\n"
    for article in known:
        description += f"\nSource: {source_label(article)}"
        if article.url and url_problem(article.url) is None:
            description += f"\n{article.url}"
    return description
