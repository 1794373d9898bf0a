"""Merging never joins different days, and merging month by month equals merging at once."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from timeline.api import articles_from_text, read_articles
from timeline.merge import merge_block_key, merge_events
from timeline.models import Event, Timeline
from timeline.pipeline import article_events, extract
from timeline.temporal import parse_timex_value

PUBLISHED = dt.date(2018, 12, 20)


def timeline_of(*sentences: str) -> Timeline:
    """One article per sentence, all published on PUBLISHED, merged across articles."""
    text = "\n\n\n".join(f"Story {n}\n\n{s}\n" for n, s in enumerate(sentences, 1))
    return extract(articles_from_text(text, published=PUBLISHED))


def day_mentions(event: Event) -> set[dt.date]:
    """The days named by the event's day (or finer) mentions."""
    days = set()
    for source in event.sources:
        parsed = parse_timex_value(source.expression.value or "")
        if parsed is not None and parsed.start == parsed.end:
            days.add(parsed.start)
    return days


def assert_no_day_event_spans_two_days(timeline: Timeline) -> None:
    for event in timeline.events:
        if event.date.start == event.date.end:
            assert day_mentions(event) <= {event.date.start}, event.text


class TestNoBridges:
    SAID = "The Harbor Council approved the Northsound bridge plan"

    def test_month_mention_does_not_join_two_days(self) -> None:
        timeline = timeline_of(
            f"{self.SAID} on December 3.",
            f"{self.SAID} in December.",
            f"{self.SAID} on December 17.",
        )
        assert [e.date.value for e in timeline.events] == ["2018-12-03", "2018-12-17"]
        assert sum(len(e.sources) for e in timeline.events) == 3
        assert_no_day_event_spans_two_days(timeline)

    def test_week_mention_does_not_join_two_days(self) -> None:
        timeline = timeline_of(
            f"{self.SAID} on December 10.",
            f"{self.SAID} last week.",
            f"{self.SAID} on December 12.",
        )
        assert [e.date.value for e in timeline.events] == ["2018-12-10", "2018-12-12"]
        assert_no_day_event_spans_two_days(timeline)

    def test_coarse_mention_joins_the_one_day_it_matches(self) -> None:
        timeline = timeline_of(
            f"{self.SAID} on December 3.",
            "Fishermen protested against the Eastbrook ferry on December 17.",
            f"{self.SAID} in December.",
        )
        by_day = {e.date.value: len(e.sources) for e in timeline.events}
        assert by_day == {"2018-12-03": 2, "2018-12-17": 1}

    def test_same_words_on_different_days_stay_apart(self) -> None:
        timeline = timeline_of(f"{self.SAID} on December 3.", f"{self.SAID} on December 4.")
        assert len(timeline.events) == 2

    def test_same_words_same_day_merge(self) -> None:
        timeline = timeline_of(f"{self.SAID} on December 3.", f"{self.SAID} on Monday, Dec. 3.")
        assert [len(e.sources) for e in timeline.events] == [2]

    def test_two_month_mentions_of_one_happening_merge(self) -> None:
        timeline = timeline_of(f"{self.SAID} in November.", f"{self.SAID} last month.")
        assert [(e.date.value, len(e.sources)) for e in timeline.events] == [("2018-11", 2)]

    def test_month_mention_never_joins_a_day_outside_it(self) -> None:
        timeline = timeline_of(f"{self.SAID} on November 30.", f"{self.SAID} in December.")
        assert sorted(e.date.value for e in timeline.events) == ["2018-11-30", "2018-12"]


def test_block_key_is_the_calendar_month_of_the_start() -> None:
    events = timeline_of("The Harbor Council met on Monday, March 5, 2007.").events
    assert [merge_block_key(e) for e in events] == ["2007-03"]


def generated_events(count: int, seed: int) -> list[Event]:
    """Many short articles whose sentences repeat on nearby days, weeks and months."""
    rng = random.Random(seed)
    actors = ["Harbor Council", "Marit Olsen", "Eastbrook police", "Ruth Amadi"]
    acts = ["approved the bridge plan", "closed the ferry line", "opened the new school"]
    whens = ["on Monday", "on Tuesday", "last week", "this month", "in November", "on Dec. 1"]
    text = "\n\n\n".join(
        f"Story {n}\n\n{rng.choice(actors)} {rng.choice(acts)} {rng.choice(whens)}.\n"
        for n in range(count)
    )
    articles = articles_from_text(text, published=PUBLISHED)
    return [event for article in articles for event in article_events(article)]


def test_merging_each_block_separately_gives_the_same_result() -> None:
    events = generated_events(300, seed=7)
    blocks: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        blocks.setdefault(merge_block_key(event), []).append(index)
    assert len(blocks) > 1  # the batch really spans several months
    by_block = [
        pair for members in blocks.values() for pair in _merge_with_first_index(events, members)
    ]
    separately = [merged for _, merged in sorted(by_block, key=lambda pair: pair[0])]
    assert separately == merge_events(events)


def _merge_with_first_index(events: list[Event], members: list[int]) -> list[tuple[int, Event]]:
    """Each merged event of one block paired with the input position of its first mention."""
    merged = merge_events([events[i] for i in members])
    first_source = {events[i].sources[0]: i for i in members}
    return [(first_source[event.sources[0]], event) for event in merged]


def test_generated_batch_never_joins_two_days() -> None:
    events = generated_events(300, seed=11)
    merged = merge_events(events)
    assert len(merged) < len(events)  # repeats did merge
    for event in merged:
        if event.date.start == event.date.end:
            assert day_mentions(event) <= {event.date.start}


def test_real_coverage_never_joins_two_days(
    shared_dir: Path, require_external: Callable[[str], NoReturn]
) -> None:
    path = shared_dir / "corpora" / "t17-dev" / "H1N1_guardian.articles.jsonl"
    if not path.is_file():
        require_external(f"T17 topic file not found: {path}")
    timeline = extract(read_articles([str(path)]))
    assert any(len(e.sources) > 1 for e in timeline.events)
    assert_no_day_event_spans_two_days(timeline)
