"""Timeline summarisation scores on Timeline17 (dev part): date F1, AR-1 and AR-2.

    pip install tilse        # the field's scorer; bundles ROUGE-1.5.5, needs perl
    python benchmarks/tls.py [../shared/corpora/t17-dev]

The protocol of tilse and news-tls (the corpus README states it): for each journalist's
timeline, the input is the articles published between its first and last date; the
system gives as many dates as the gold timeline and as many sentences per date as the
gold average (rounded); only dates in that span count. Date F1 and tilse's alignment-based
ROUGE (AR, many-to-one alignment with date and content costs, ROUGE-1.5.5 with stemming
and stopwords removed) are computed per timeline; precision and recall are averaged over
timelines and F1 is taken of the means.

Three systems run on the same inputs:
- ``summarize``: ``timeline summarize`` (timeline.summarize.summarize);
- ``pub-count``: the days with most articles published, each with the lead sentences
  of its articles;
- ``top-mentioned``: the days with most mentions among ``extract``'s events, each with
  its most-sourced event sentences.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.api import read_articles
from timeline.models import Article
from timeline.pipeline import extract
from timeline.segment import split_sentences
from timeline.summarize import SummarizeOptions, summarize

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "t17-dev"
_DATE_LINE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\s*$")
_RULE = re.compile(r"^-{5,}\s*$")

Summary = dict[dt.date, list[str]]
System = Callable[[Sequence[Article], int, int, dt.date, dt.date], Summary]


def read_gold(path: Path) -> Summary:
    """A tilse-format timeline: a date line, its sentences, a rule; repeated dates add up."""
    summary: Summary = defaultdict(list)
    day: dt.date | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if _RULE.match(line):
            day = None
        elif (match := _DATE_LINE.match(line)) and day is None:
            day = dt.date.fromisoformat(match["date"])
        elif day is not None and line.strip():
            summary[day].append(line.strip())
    return dict(summary)


def run_summarize(
    articles: Sequence[Article], dates: int, sentences: int, start: dt.date, end: dt.date
) -> Summary:
    options = SummarizeOptions(dates=dates, sentences=sentences, since=start, until=end)
    timeline = summarize(articles, options)
    return {e.date.start: [s.text for s in e.sources] for e in timeline.events}


def run_pub_count(
    articles: Sequence[Article], dates: int, sentences: int, start: dt.date, end: dt.date
) -> Summary:
    counts = Counter(a.published for a in articles if a.published and start <= a.published <= end)
    days = [day for day, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:dates]]
    summary: Summary = {}
    for day in days:
        leads = [
            " ".join(s.text.split())
            for a in articles
            if a.published == day
            for s in split_sentences(a.text)[:1]
        ]
        summary[day] = leads[:sentences]
    return summary


def run_top_mentioned(
    articles: Sequence[Article], dates: int, sentences: int, start: dt.date, end: dt.date
) -> Summary:
    events = [
        e
        for e in extract(articles).events
        if e.date.granularity in ("day", "time") and start <= e.date.start <= end
    ]
    mentions: Counter[dt.date] = Counter()
    by_day: dict[dt.date, list[tuple[int, str]]] = defaultdict(list)
    for event in events:
        mentions[event.date.start] += len(event.sources)
        by_day[event.date.start].append((len(event.sources), event.text))
    days = [day for day, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:dates]]
    return {
        day: [text for _, text in sorted(by_day[day], key=lambda p: -p[0])[:sentences]]
        for day in days
    }


SYSTEMS: dict[str, System] = {
    "summarize": run_summarize,
    "pub-count": run_pub_count,
    "top-mentioned": run_top_mentioned,
}


@dataclass
class Scores:
    """Per-timeline precision and recall, averaged the way news-tls does."""

    precision: list[float]
    recall: list[float]

    def add(self, precision: float, recall: float) -> None:
        self.precision.append(precision)
        self.recall.append(recall)

    def mean(self) -> tuple[float, float, float]:
        p = sum(self.precision) / len(self.precision)
        r = sum(self.recall) / len(self.recall)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tokenised(sentence: str) -> str:
    """Words and punctuation apart, as the gold files are (ROUGE splits on spaces)."""
    return " ".join(re.findall(r"\w+(?:[-'’]\w+)*|[^\w\s]", sentence))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated")
    options = parser.parse_args()
    try:
        from tilse.data.timelines import GroundTruth
        from tilse.data.timelines import Timeline as TilseTimeline
        from tilse.evaluation.rouge import TimelineRougeEvaluator
    except ImportError:
        print("tls.py: needs tilse (pip install tilse) and perl", file=sys.stderr)
        return 2
    evaluator = TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    names = options.systems.split(",")
    scores = {name: {m: Scores([], []) for m in ("date", "ar1", "ar2")} for name in names}
    seconds: Counter[str] = Counter()
    gold_files = sorted(options.corpus.glob("*.timeline.*.txt"))
    if not gold_files:
        print(f"tls.py: no *.timeline.*.txt files in {options.corpus}", file=sys.stderr)
        return 2
    for gold_file in gold_files:
        topic = gold_file.name.split(".timeline.")[0]
        gold = read_gold(gold_file)
        start, end = min(gold), max(gold)
        every = read_articles([str(options.corpus / f"{topic}.articles.jsonl")])
        articles = [a for a in every if a.published and start <= a.published <= end]
        dates = len(gold)
        sentences = round(sum(len(v) for v in gold.values()) / len(gold))
        reference = GroundTruth([TilseTimeline(gold)])
        for name in names:
            began = time.perf_counter()
            predicted = SYSTEMS[name](articles, dates, sentences, start, end)
            seconds[name] += time.perf_counter() - began
            predicted = {d: [tokenised(s) for s in v] for d, v in predicted.items() if v}
            shared = len(set(predicted) & set(gold))
            scores[name]["date"].add(
                shared / len(predicted) if predicted else 0.0, shared / len(gold)
            )
            rouge = evaluator.evaluate_align_date_content_costs_many_to_one(
                TilseTimeline(predicted), reference
            )
            for measure, key in (("ar1", "rouge_1"), ("ar2", "rouge_2")):
                scores[name][measure].add(rouge[key]["precision"], rouge[key]["recall"])
        print(f"{gold_file.name}: {len(articles)} articles, {dates} dates", file=sys.stderr)
    print(f"T17 dev: {len(gold_files)} timelines ({options.corpus.name})\n")
    print("| system | date F1 | AR-1 F | AR-2 F | seconds |")
    print("|---|---|---|---|---|")
    for name in names:
        date_f, ar1_f, ar2_f = (scores[name][m].mean()[2] for m in ("date", "ar1", "ar2"))
        print(f"| {name} | {date_f:.4f} | {ar1_f:.4f} | {ar2_f:.4f} | {seconds[name]:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
