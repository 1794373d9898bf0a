"""Which days matter: date-wise ranking by how often the coverage points back at a day.

Following the date-wise approach of timeline summarisation (Tran et al. 2013; Martschat &
Markert 2018; Gholipour Ghalandari & Ifrim 2020), a day scores by the articles that mention
it (a mention in a later article, a look back, counts more: the day is still news), and by
the burst of articles published on it and the day after. Each mention is weighted by how
close its sentence is to the story's topic, so asides ("the 1918 pandemic") weigh little.
Days are then chosen greedily with a temporal diversity penalty (as in the submodular
selection of Martschat & Markert 2018): a day next to a chosen one counts half.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from timeline.summarize.corpus import Candidate

#: Extra weight of a mention in an article published after the day it names.
LOOK_BACK_WEIGHT = 1.0
#: Weight of an article published on the day, and on the day after.
PUBLISHED_WEIGHT = 0.5
#: A day next to one already chosen keeps this share of its score: the coverage of one
#: happening spreads over the day and the day after, and a timeline wants the next story.
NEIGHBOUR_SHARE = 0.5


@dataclass(frozen=True)
class DayScore:
    day: dt.date
    score: float


def rank_days(
    mentions: Sequence[Candidate],
    relevance: Sequence[float],
    published: Sequence[dt.date],
) -> list[DayScore]:
    """Days by importance, most important first; ties go to the earlier day.

    ``relevance`` gives each mention's topic weight (0-1); an article counts once per day,
    with its most relevant mention of it.
    """
    strongest: dict[tuple[dt.date, int], float] = {}
    for mention, weight in zip(mentions, relevance, strict=True):
        looks_back = mention.published is not None and mention.published > mention.day
        value = weight * (1.0 + (LOOK_BACK_WEIGHT if looks_back else 0.0))
        key = (mention.day, mention.article)
        strongest[key] = max(strongest.get(key, 0.0), value)
    score: dict[dt.date, float] = defaultdict(float)
    for (day, _), value in strongest.items():
        score[day] += value
    burst: dict[dt.date, int] = defaultdict(int)
    for day in published:
        burst[day] += 1
        burst[day - dt.timedelta(days=1)] += 1
    for day in burst:
        score[day] += PUBLISHED_WEIGHT * burst[day]
    ranked = sorted(score.items(), key=lambda item: (-item[1], item[0]))
    return [DayScore(day, value) for day, value in ranked]


def choose_days(ranked: Sequence[DayScore]) -> Iterator[dt.date]:
    """Days in the order they are chosen: best first, a chosen day's neighbours at half.

    Lazy greedy: scores only fall as days are chosen, so a day whose score is still
    current when it comes off the heap is the best one left.
    """
    base = {scored.day: scored.score for scored in ranked}
    heap = [(-scored.score, scored.day) for scored in ranked]
    heapq.heapify(heap)
    chosen: set[dt.date] = set()
    while heap:
        negative, day = heapq.heappop(heap)
        near = any(day + dt.timedelta(days=step) in chosen for step in (-1, 1))
        current = base[day] * (NEIGHBOUR_SHARE if near else 1.0)
        if current < -negative:
            heapq.heappush(heap, (-current, day))
            continue
        chosen.add(day)
        yield day
