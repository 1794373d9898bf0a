"""A topic timeline: the K days that matter across a collection, N sentences each.

Pure: articles in, a :class:`~timeline.models.Timeline` out, one event per chosen day
whose ``text`` is the summary and whose ``sources`` are its sentences, so every exporter,
``validate`` and ``review`` take it as they take ``extract``'s output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence

from timeline.headlines import headline_of
from timeline.models import Article, Event, EventDate, EventSource, TimeExpression, Timeline
from timeline.pipeline import article_info
from timeline.summarize.corpus import Candidate, collect
from timeline.summarize.dates import choose_days, rank_days
from timeline.summarize.options import SummarizeOptions, default_dates, default_sentences
from timeline.summarize.sentences import SentenceSpace

#: Confidence of a line dated only by its article's publication.
LEAD_CONFIDENCE = 0.6


def summarize(
    articles: Sequence[Article],
    options: SummarizeOptions | None = None,
    events: Sequence[Event] | None = None,
) -> Timeline:
    """The topic timeline of ``articles``; days outside since/until are never chosen.

    ``events``: the articles' unmerged events, when a batch has made them already.
    """
    options = options or SummarizeOptions()
    corpus = collect(articles, events)
    dates = options.dates or default_dates(len(articles))
    per_day = options.sentences or default_sentences(len(articles))

    def within(day: dt.date) -> bool:
        return (options.since is None or day >= options.since) and (
            options.until is None or day <= options.until
        )

    mentions = [m for m in corpus.mentions if within(m.day)]
    leads = [c for c in corpus.leads if within(c.day)]
    infos = tuple(article_info(article) for article in articles)
    # Each article's sentence once (a lead stands for two days, a clause split repeats it).
    said = {(c.article, c.text): c.text for c in (*mentions, *leads)}
    space = SentenceSpace.of(list(said.values()))
    if space is None:  # no dated sentence, no lead with words: nothing to tell
        return Timeline(title=options.title, articles=infos)
    relevance = [float(r) for r in space.relevance([m.text for m in mentions])] if mentions else []
    ranked = rank_days(mentions, relevance, [d for d in corpus.published if within(d)])
    candidates: dict[dt.date, list[Candidate]] = defaultdict(list)
    for candidate in (*mentions, *leads):
        candidates[candidate.day].append(candidate)
    chosen_rows: list[int] = []
    days: list[Event] = []
    for day in choose_days(ranked):
        if len(days) >= dates:
            break
        pool = candidates.get(day, [])
        picks = space.select([c.text for c in pool], per_day, chosen_rows) if pool else []
        if picks:
            days.append(_day_event(day, [pool[i] for i in picks], articles))
    return Timeline(
        title=options.title,
        articles=infos,
        events=tuple(sorted(days, key=lambda event: event.date.start)),
    )


def _source(candidate: Candidate, articles: Sequence[Article]) -> EventSource:
    if candidate.event is not None:
        return EventSource(
            article_id=candidate.event.article_id,
            text=candidate.text,
            expression=candidate.event.expression,
            highlight=candidate.highlight,
        )
    # A lead sentence names no date: its expression is the publication date it stands on.
    return EventSource(
        article_id=articles[candidate.article].id,
        text=candidate.text,
        expression=TimeExpression(
            text="",
            start=0,
            end=0,
            type="DATE",
            value=candidate.day.isoformat(),
            anchor="publication",
        ),
    )


def _day_event(day: dt.date, picks: Sequence[Candidate], articles: Sequence[Article]) -> Event:
    sources = tuple(_source(pick, articles) for pick in picks)
    first = picks[0]
    if first.event is not None:
        headline = first.event.headline
        confidence = first.event.confidence
    else:
        headline = headline_of(first.text, 0, 0)
        confidence = LEAD_CONFIDENCE
    text = " ".join(source.text for source in sources)
    digest = hashlib.sha256(f"{day}\x00{text}".encode()).hexdigest()
    return Event(
        id=f"e-{digest[:12]}",
        headline=headline,
        text=text,
        article_id=sources[0].article_id,
        confidence=confidence,
        date=EventDate(value=day.isoformat(), granularity="day", start=day, end=day),
        expression=sources[0].expression,
        highlight=sources[0].highlight,
        sources=sources,
    )
