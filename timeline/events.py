"""Events from dated sentences: one per sentence (two where it clearly reports two).

Confidence scale (0-1), explicit before relative before anaphoric before vague: an
explicit calendar date 0.95; a day counted from the publication date ("yesterday", "on
Friday") 0.85; a coarser span counted from it ("last week", "in September") 0.75; a date
counted from another mention ("the next day") 0.6; a deadline window ("within 24 hours")
0.5. Vague references (PAST_REF) never make events.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline.captions import caption_ranges, media_of
from timeline.deadlines import deadline_window
from timeline.headlines import headline_of
from timeline.models import Article, Event, EventDate, EventSource, TextSpan, TimeExpression
from timeline.segment import Sentence, split_sentences
from timeline.status import status_of
from timeline.temporal import Granularity, TaggedExpression, parse_timex_value

DEADLINE_CONFIDENCE = 0.5
# Where a sentence reporting two things splits: ", and", "; ", ", while", ", but".
_CLAUSE_JOIN = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s+")
_MIN_CLAUSE_WORDS = 4


@dataclass(frozen=True)
class _Dated:
    expression: TaggedExpression
    granularity: Granularity
    until: TaggedExpression | None = None  # the far end of a range ("12 to 14 July")

    @property
    def end(self) -> int:
        return (self.until or self.expression).end


# What stands between the two ends of a range: "1914-18", "12 to 14 July", "May 3 through 5".
_RANGE_JOIN = re.compile(r"\s?(?:-|–|—|to|through|until|till|and)\s?", re.IGNORECASE)


def confidence_of(expression: TaggedExpression, granularity: Granularity) -> float:
    if expression.anchor is None:
        return 0.95
    if expression.anchor == "previous":
        return 0.6
    if granularity in (Granularity.DAY, Granularity.TIME):
        return 0.85
    return 0.75


def event_id(article_id: str, start: int, value: str) -> str:
    digest = hashlib.sha256(f"{article_id}\x00{start}\x00{value}".encode()).hexdigest()
    return f"e-{digest[:12]}"


def events_from_article(
    article: Article, expressions: Sequence[TaggedExpression], *, include_captions: bool = False
) -> list[Event]:
    """The events of one article, in text order; captions are skipped unless asked for."""
    captions = caption_ranges(article.text)
    skipped = [] if include_captions else captions
    events: list[Event] = []
    ordered = sorted(expressions, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    for sentence in split_sentences(article.text):
        if any(start <= sentence.start and sentence.end <= end for start, end in skipped):
            continue
        # Only the expressions starting inside the sentence: found by bisection, not a scan.
        first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        inside = [e for e in ordered[first:last] if e.end <= sentence.end]
        dated = _dated(inside, article.text)
        if dated:
            for clause_start, clause_end, main in _clauses(sentence, dated):
                events.append(_event(article, sentence, main, clause_start, clause_end))
            continue
        deadline = _deadline_event(article, sentence, inside)
        if deadline is not None:
            events.append(deadline)
    return _with_media(events, article.text, captions)


def _with_media(events: list[Event], text: str, captions: Sequence[tuple[int, int]]) -> list[Event]:
    """The article's photo caption goes to its lead event: the first one not from a caption."""
    media = media_of(text, captions)
    if media is None:
        return events
    caption_texts = {re.sub(r"\s", " ", text[start:end]).strip() for start, end in captions}
    for index, event in enumerate(events):
        if not any(event.text in caption for caption in caption_texts):
            events[index] = event.model_copy(update={"media": media})
            break
    return events


def _dated(expressions: Sequence[TaggedExpression], text: str) -> list[_Dated]:
    """The calendar-dated expressions, the two ends of a range joined into one."""
    found: list[_Dated] = []
    for expression in expressions:
        if expression.type not in ("DATE", "TIME") or expression.value is None:
            continue
        parsed = parse_timex_value(expression.value)
        if parsed is None:
            continue
        if found and _ends_range(found[-1], expression, parsed.granularity, text):
            found[-1] = _Dated(found[-1].expression, found[-1].granularity, expression)
            continue
        found.append(_Dated(expression, parsed.granularity))
    return found


def first_range(
    expressions: Sequence[TaggedExpression], text: str
) -> tuple[TaggedExpression, TaggedExpression] | None:
    """The first range ("from 12 to 14 July") among ``expressions``: its two ends."""
    for dated in _dated(expressions, text):
        if dated.until is not None:
            return dated.expression, dated.until
    return None


def _ends_range(
    first: _Dated, expression: TaggedExpression, granularity: Granularity, text: str
) -> bool:
    """ "14 July" ends the range "12 to 14 July" begun by "12": same precision, later, and
    only a dash or "to" between them ("and" only after "between")."""
    if first.until is not None or granularity is not first.granularity:
        return False
    join = _RANGE_JOIN.fullmatch(text, first.expression.end, expression.start)
    if join is None:
        return False
    if join.group().strip().lower() == "and" and not re.search(
        r"\bbetween\s+$", text[max(0, first.expression.start - 9) : first.expression.start]
    ):
        return False
    start = parse_timex_value(first.expression.value or "")
    end = parse_timex_value(expression.value or "")
    return start is not None and end is not None and end.start > start.end


def _main(dated: Sequence[_Dated]) -> _Dated:
    """The most precise date of a clause; the first one when precision ties. A time of day
    counted from another mention ("the same afternoon") adds no day to it, so it ranks as
    that day does."""

    def rank(d: _Dated) -> int:
        if d.expression.anchor == "previous":
            return min(d.granularity.rank, Granularity.DAY.rank)
        return d.granularity.rank

    return max(dated, key=lambda d: (rank(d), -d.expression.start))


def _clauses(sentence: Sentence, dated: Sequence[_Dated]) -> list[tuple[int, int, _Dated]]:
    """One clause per reported event: split only where each part holds its own date."""
    whole = [(sentence.start, sentence.end, _main(dated))]
    if len(dated) < 2:
        return whole
    bounds = [sentence.start]
    for join in _CLAUSE_JOIN.finditer(sentence.text):
        bounds.append(sentence.start + join.start())
    bounds.append(sentence.end)
    parts: list[tuple[int, int, _Dated]] = []
    for left, right in itertools.pairwise(bounds):
        own = [d for d in dated if left <= d.expression.start and d.expression.end <= right]
        words = len(sentence.text[left - sentence.start : right - sentence.start].split())
        if own and words >= _MIN_CLAUSE_WORDS:
            parts.append((left, right, _main(own)))
        elif own or words < _MIN_CLAUSE_WORDS:
            return whole
    days = {_first_day(main) for _, _, main in parts}
    # "found on February 27, and closed the same afternoon": one day, one event
    return parts if len(parts) > 1 and len(days) > 1 else whole


def _first_day(dated: _Dated) -> object:
    parsed = parse_timex_value(dated.expression.value or "")
    return parsed.start if parsed else dated.expression.value


def time_expression(
    expression: TaggedExpression, offset: Callable[[int], int] = lambda at: at
) -> TimeExpression:
    """The tagger's span as the model records it, its offsets passed through ``offset``."""
    return TimeExpression(
        text=expression.text,
        start=offset(expression.start),
        end=offset(expression.end),
        type=expression.type,
        value=expression.value,
        mod=expression.mod,
        anchor=expression.anchor,
        reason=expression.reason,
        anchor_start=None if expression.anchor_start is None else offset(expression.anchor_start),
    )


def to_time_expression(article: Article, expression: TaggedExpression) -> TimeExpression:
    """The tagger's span, with offsets moved into the text the user gave."""
    return time_expression(expression, article.source_offset)


def _sentence_text(sentence: Sentence) -> str:
    """One line, same length, so offsets inside the sentence still hold."""
    return re.sub(r"\s", " ", sentence.text)


def _event(
    article: Article, sentence: Sentence, dated: _Dated, clause_start: int, clause_end: int
) -> Event:
    expression = dated.expression
    value = expression.value or ""
    parsed = parse_timex_value(value)
    assert parsed is not None  # _dated keeps calendar values only
    until = parse_timex_value(dated.until.value or "") if dated.until else None
    clause = article.text[clause_start:clause_end]
    headline = headline_of(clause, expression.start - clause_start, dated.end - clause_start)
    date = EventDate(
        value=value,
        granularity=dated.granularity.value,
        start=parsed.start,
        end=until.end if until else parsed.end,
        mod=expression.mod,
        end_value=until.value if until else None,
    )
    status = status_of(clause, date.start, date.end, article.published)
    return _assemble(
        article,
        sentence,
        expression,
        headline,
        date,
        confidence_of(expression, dated.granularity),
        status,
        highlight_end=dated.end,
    )


def _deadline_event(
    article: Article, sentence: Sentence, inside: Sequence[TaggedExpression]
) -> Event | None:
    if article.published is None:
        return None
    if status_of(sentence.text, None, None, article.published) != "expected":
        return None
    for expression in inside:
        window = deadline_window(sentence.text, expression, sentence.start, article.published)
        if window is None:
            continue
        headline = headline_of(
            sentence.text, expression.start - sentence.start, expression.end - sentence.start
        )
        date = EventDate(
            value=window.value,
            granularity="day",
            start=window.start,
            end=window.end,
            mod="ON_OR_BEFORE",
        )
        return _assemble(
            article, sentence, expression, headline, date, DEADLINE_CONFIDENCE, "expected"
        )
    return None


def _assemble(
    article: Article,
    sentence: Sentence,
    expression: TaggedExpression,
    headline: str,
    date: EventDate,
    confidence: float,
    status: str,
    highlight_end: int | None = None,
) -> Event:
    text = _sentence_text(sentence)
    highlight = TextSpan(
        start=expression.start - sentence.start,
        end=(highlight_end or expression.end) - sentence.start,
    )
    time_expression = to_time_expression(article, expression)
    return Event(
        id=event_id(article.id, expression.start, date.value),
        headline=headline,
        text=text,
        article_id=article.id,
        confidence=confidence,
        status="expected" if status == "expected" else "reported",
        date=date,
        expression=time_expression,
        highlight=highlight,
        sources=(
            EventSource(
                article_id=article.id, text=text, expression=time_expression, highlight=highlight
            ),
        ),
    )
