"""The sentences a topic timeline is made from: who says what, about which day, when.

A sentence is a *mention* of a day when it carries a day-precise date ("on Friday", "May
3"); the lead sentences of an article are *published* on its publication day and stand for
that day and the day before (news reports what happened yesterday). Both kinds are
candidates for that day's summary; mentions also vote for the day's importance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.models import Article, Event
from timeline.pipeline import article_events
from timeline.segment import split_sentences

#: How many opening sentences of an article stand for its publication day.
LEAD_SENTENCES = 5
_MIN_WORDS = 6
_MAX_WORDS = 60


@dataclass(frozen=True)
class Candidate:
    """One sentence of one article, with the day it is about and where it came from."""

    article: int  # index into the articles
    position: int  # sentence number in the article
    text: str
    day: dt.date
    published: dt.date | None
    event: Event | None  # the event that dates it; None for a lead sentence


@dataclass(frozen=True)
class Corpus:
    """Every candidate sentence of a collection, and when its articles were published."""

    articles: tuple[Article, ...]
    mentions: tuple[Candidate, ...]
    leads: tuple[Candidate, ...]

    @property
    def published(self) -> list[dt.date]:
        return [a.published for a in self.articles if a.published is not None]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _readable(text: str) -> bool:
    """A sentence a reader could take as a summary line: whole words, not a list or byline."""
    words = text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.6 * len(text) and "|" not in text and not text.rstrip().endswith("?")


def _day_of(event: Event) -> dt.date | None:
    if event.date.granularity not in ("day", "time") or event.date.start != event.date.end:
        return None
    return event.date.start


def collect(articles: Sequence[Article], events: Sequence[Event] | None = None) -> Corpus:
    """Day mentions and lead sentences of every article (articles without a date add none).

    ``events`` are the articles' unmerged events when a batch has made them already;
    otherwise they are made here.
    """
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events or ():
        by_article[event.article_id].append(event)
    mentions: list[Candidate] = []
    leads: list[Candidate] = []
    for index, article in enumerate(articles):
        sentences = [_plain(s.text) for s in split_sentences(article.text)]
        position = {text: number for number, text in reversed(list(enumerate(sentences)))}
        dated: set[str] = set()
        own = by_article[article.id] if events is not None else article_events(article)
        for event in own:
            day = _day_of(event)
            text = _plain(event.text)
            dated.add(text)
            if day is None or event.status == "expected" or not _readable(text):
                continue
            mentions.append(
                Candidate(index, position.get(text, 0), text, day, article.published, event)
            )
        if article.published is None:
            continue
        for number, text in enumerate(sentences[:LEAD_SENTENCES]):
            if text not in dated and _readable(text):
                for back in (0, 1):
                    day = article.published - dt.timedelta(days=back)
                    leads.append(Candidate(index, number, text, day, article.published, None))
    return Corpus(tuple(articles), tuple(mentions), tuple(leads))
