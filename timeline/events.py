"""Events from dated sentences: one per sentence, with headline, date and confidence.

Confidence scale (0-1): an explicit calendar date 0.95; a day counted from the
publication date ("yesterday", "on Friday") 0.85; a coarser span counted from it
("last week", "in September") 0.75; a date counted from another mention ("the next
day") 0.6. Vague references (PAST_REF) never make events.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from timeline.models import Article, Event, EventDate, TimeExpression
from timeline.segment import Sentence, split_sentences
from timeline.temporal import Granularity, TaggedExpression, parse_timex_value

HEADLINE_LIMIT = 100
_PREPOSITION_BEFORE = re.compile(r"(?:\b(?:on|in|at|since|during|from)\s+)?$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_LEADING_JUNK = re.compile(
    r"^(?:[\s,;:.\-–—]|(?:just|and|but|so|also|earlier|later|then|meanwhile)\b,?)+",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(r"[\s,;:\-–—]+$")


def confidence_of(expression: TaggedExpression, granularity: Granularity) -> float:
    if expression.anchor is None:
        return 0.95
    if expression.anchor == "previous":
        return 0.6
    if granularity in (Granularity.DAY, Granularity.TIME):
        return 0.85
    return 0.75


def headline_of(sentence: str, expression_start: int, expression_end: int) -> str:
    """The sentence without its time expression (and its preposition), at most 100 characters."""
    before = _PREPOSITION_BEFORE.sub("", sentence[:expression_start])
    text = before + " " + sentence[expression_end:]
    text = _SPACE.sub(" ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", text)).rstrip(".")
    text = text.strip() or sentence.strip()
    text = text[0].upper() + text[1:]
    if len(text) <= HEADLINE_LIMIT:
        return text
    cut = text[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0]
    return _TRAILING_JUNK.sub("", cut) + "…"


def event_id(article_id: str, start: int, value: str) -> str:
    digest = hashlib.sha256(f"{article_id}\x00{start}\x00{value}".encode()).hexdigest()
    return f"e-{digest[:12]}"


def _main_expression(
    candidates: Sequence[tuple[TaggedExpression, Granularity]],
) -> tuple[TaggedExpression, Granularity]:
    """The most precise date in the sentence; the first one when precision ties."""
    return max(candidates, key=lambda pair: (pair[1].rank, -pair[0].start))


def events_from_article(article: Article, expressions: Sequence[TaggedExpression]) -> list[Event]:
    """One event per sentence holding a calendar DATE or TIME expression."""
    events: list[Event] = []
    for sentence in split_sentences(article.text):
        dated = _dated_expressions(sentence, expressions)
        if not dated:
            continue
        expression, granularity = _main_expression(dated)
        events.append(_event(article, sentence, expression, granularity))
    return events


def _dated_expressions(
    sentence: Sentence, expressions: Sequence[TaggedExpression]
) -> list[tuple[TaggedExpression, Granularity]]:
    found = []
    for expression in expressions:
        if expression.start < sentence.start or expression.end > sentence.end:
            continue
        if expression.type not in ("DATE", "TIME") or expression.value is None:
            continue
        parsed = parse_timex_value(expression.value)
        if parsed is not None:
            found.append((expression, parsed.granularity))
    return found


def to_time_expression(article: Article, expression: TaggedExpression) -> TimeExpression:
    """The tagger's span, with offsets moved into the text the user gave."""
    return TimeExpression(
        text=expression.text,
        start=article.source_offset(expression.start),
        end=article.source_offset(expression.end),
        type=expression.type,
        value=expression.value,
        mod=expression.mod,
        anchor=expression.anchor,
        reason=expression.reason,
    )


def _event(
    article: Article, sentence: Sentence, expression: TaggedExpression, granularity: Granularity
) -> Event:
    value = expression.value or ""
    parsed = parse_timex_value(value)
    assert parsed is not None  # guaranteed by _dated_expressions
    local_start, local_end = expression.start - sentence.start, expression.end - sentence.start
    return Event(
        id=event_id(article.id, expression.start, value),
        headline=headline_of(sentence.text, local_start, local_end),
        text=_SPACE.sub(" ", sentence.text),
        article_id=article.id,
        confidence=confidence_of(expression, granularity),
        date=EventDate(
            value=value,
            granularity=granularity.value,
            start=parsed.start,
            end=parsed.end,
            mod=expression.mod,
        ),
        expression=to_time_expression(article, expression),
    )
