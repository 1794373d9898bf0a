"""The sentences a topic timeline is made from: who says what, about which day, when.

A sentence is a *mention* of a day when it carries a day-precise date ("on Friday", "May
3"); the lead sentences of an article are *published* on its publication day and stand for
that day and the day before (news reports what happened yesterday). Both kinds are
candidates for that day's summary; mentions also vote for the day's importance.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.models import Article, Event, TextSpan
from timeline.pipeline import article_events
from timeline.segment import split_sentences

#: How many opening sentences of an article stand for its publication day.
LEAD_SENTENCES = 5
_MIN_WORDS = 6
_MAX_WORDS = 60
#: What a page puts before the story: an agency dateline ("GENEVA (Reuters) - "), or a
#: headline, byline and time stamp run into the first sentence ("... 22.09 BST A member").
_DATELINES = (
    re.compile(r"^.{0,120}?\([A-Z][A-Za-z]+\)\s*[-–—]+\s*"),
    re.compile(
        r"^(?:\S+\s+){0,60}?\S*\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?\s*)?"
        r"(?:BST|GMT|EDT|EST|CET|CEST|UTC|ET|PT|PDT|PST)\b\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—]\s*)?"
    ),
)
#: A story left after a dateline must be at least this long, or the dateline stays.
_MIN_STORY = 30


@dataclass(frozen=True)
class Candidate:
    """One sentence of one article, with the day it is about and where it came from."""

    article: int  # index into the articles
    position: int  # sentence number in the article
    text: str
    day: dt.date
    published: dt.date | None
    event: Event | None  # the event that dates it; None for a lead sentence
    highlight: TextSpan | None = None  # the event's expression in ``text``


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


def story_start(text: str) -> int:
    """Where the story begins in a sentence that opens with a page's dateline (else 0)."""
    start = 0
    for dateline in _DATELINES:
        found = dateline.match(text, start)
        if found and len(text) - found.end() >= _MIN_STORY:
            start = found.end()
    return start


def _in_dateline(event: Event) -> bool:
    return event.highlight is not None and event.highlight.start < story_start(event.text)


def _mention(
    index: int, article: Article, event: Event, day: dt.date, position: int
) -> Candidate | None:
    """The event's sentence without its dateline, if it reads as a summary line."""
    text = event.text
    cut = story_start(text)
    highlight = event.highlight
    if highlight is not None:
        highlight = TextSpan(start=highlight.start - cut, end=highlight.end - cut)
    story = text[cut:]
    if not _readable(story):
        return None
    return Candidate(index, position, story, day, article.published, event, highlight)


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
            if _in_dateline(event):
                continue  # the page's own time stamp: the sentence stays undated
            dated.add(_plain(event.text))
            day = _day_of(event)
            if day is None or event.status == "expected":
                continue
            mention = _mention(index, article, event, day, position.get(_plain(event.text), 0))
            if mention is not None:
                mentions.append(mention)
        if article.published is None:
            continue
        for number, sentence in enumerate(sentences[:LEAD_SENTENCES]):
            text = sentence[story_start(sentence) :]
            if sentence not in dated and _readable(text):
                for back in (0, 1):
                    day = article.published - dt.timedelta(days=back)
                    leads.append(Candidate(index, number, text, day, article.published, None))
    return Corpus(tuple(articles), tuple(mentions), tuple(leads))
