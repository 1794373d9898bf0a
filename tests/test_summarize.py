"""Topic timelines: the days the coverage keeps coming back to, told in its own sentences."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from timeline.api import articles_from_text
from timeline.models import Article, Timeline
from timeline.schemas import validate_document
from timeline.summarize import SummarizeOptions, default_dates, default_sentences, summarize
from timeline.summarize.corpus import story_start
from timeline.summarize.dates import DayScore, choose_days

START = dt.date(2021, 3, 1)
BURST = (
    "The Valley dam burst on March 3, flooding 200 homes in Riverside and cutting the main road."
)
REPAIRS = (
    "Engineers began repairs on the Valley dam on March 10, the water board said in a statement."
)
ASIDES = [
    "A school in Eastbrook held its spring concert on {day}, with parents filling the hall.",
    "The regional football league postponed a match on {day} because of the rain.",
    "A bakery in Old Port won a national prize for its bread on {day}.",
]
NEWS = [
    "Residents of Riverside returned to their flooded homes as the water level fell.",
    "The water board promised an inquiry into how the Valley dam was maintained.",
    "Insurers said claims from the Riverside flood could reach several million euros.",
    "Volunteers handed out sandbags and drinking water to families near the Valley dam.",
]


def coverage(count: int = 40, seed: int = 3) -> list[Article]:
    """Fictional coverage of a dam burst: later articles keep looking back at two days."""
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        published = START + dt.timedelta(days=2 + n // 3)
        body = [rng.choice(NEWS), BURST if n % 2 == 0 else rng.choice(NEWS)]
        if published > dt.date(2021, 3, 10) and n % 3 != 2:
            body.append(REPAIRS)
        aside_day = START + dt.timedelta(days=rng.randint(0, 25))
        body.append(rng.choice(ASIDES).format(day=f"March {aside_day.day}"))
        texts.append(f"Valley dam report {n}\n{published.isoformat()}\n\n" + " ".join(body))
    return [a for text in texts for a in articles_from_text(text)]


def summary_of(articles: list[Article], **options: object) -> Timeline:
    return summarize(articles, SummarizeOptions(**options))  # type: ignore[arg-type]


class TestDays:
    def test_the_day_everyone_looks_back_at_comes_first(self) -> None:
        timeline = summary_of(coverage(), dates=1, sentences=1)
        assert [e.date.value for e in timeline.events] == ["2021-03-03"]
        assert "dam burst" in timeline.events[0].text

    def test_k_days_in_date_order_one_event_each(self) -> None:
        timeline = summary_of(coverage(), dates=4, sentences=1)
        days = [e.date.start for e in timeline.events]
        assert len(days) == 4
        assert days == sorted(set(days))
        assert {dt.date(2021, 3, 3), dt.date(2021, 3, 10)} <= set(days)
        assert all(e.date.granularity == "day" for e in timeline.events)

    def test_since_and_until_bound_the_days(self) -> None:
        bounded = summarize(
            coverage(),
            SummarizeOptions(dates=5, since=dt.date(2021, 3, 5), until=dt.date(2021, 3, 12)),
        )
        assert bounded.events
        assert all(
            dt.date(2021, 3, 5) <= e.date.start <= dt.date(2021, 3, 12) for e in bounded.events
        )
        assert "2021-03-03" not in {e.date.value for e in bounded.events}

    def test_a_day_next_to_a_chosen_one_counts_half(self) -> None:
        first, next_day, later = START, START + dt.timedelta(days=1), START + dt.timedelta(days=5)
        ranked = [DayScore(first, 10.0), DayScore(next_day, 9.0), DayScore(later, 6.0)]
        assert list(choose_days(ranked)) == [first, later, next_day]
        ranked[2] = DayScore(later, 4.0)
        assert list(choose_days(ranked)) == [first, next_day, later]

    def test_defaults_follow_the_input_size(self) -> None:
        assert [default_dates(n) for n in (10, 100, 300, 1000)] == [5, 12, 38, 60]
        assert [default_sentences(n) for n in (10, 49, 50, 500)] == [1, 1, 2, 2]
        timeline = summary_of(coverage(40))
        assert len(timeline.events) == default_dates(40)


class TestSentences:
    def test_lines_are_the_articles_own_sentences_with_provenance(self) -> None:
        articles = coverage()
        by_id = {a.id: a for a in articles}
        timeline = summary_of(articles, dates=4, sentences=2)
        for event in timeline.events:
            assert 1 <= len(event.sources) <= 2
            assert event.text == " ".join(s.text for s in event.sources)
            for source in event.sources:
                assert source.text in " ".join(by_id[source.article_id].text.split())

    def test_no_line_repeats_another(self) -> None:
        timeline = summary_of(coverage(), dates=6, sentences=2)
        lines = [s.text for e in timeline.events for s in e.sources]
        assert len(lines) == len(set(lines))
        # The burst is told once, on its day, though most articles repeat it.
        assert sum("dam burst" in line for line in lines) == 1

    def test_asides_do_not_tell_the_story(self) -> None:
        timeline = summary_of(coverage(), dates=3, sentences=1)
        assert not any(
            word in e.text for e in timeline.events for word in ("concert", "football", "bakery")
        )

    def test_highlight_marks_the_date_in_the_line(self) -> None:
        timeline = summary_of(coverage(), dates=2, sentences=1)
        for event in timeline.events:
            source = event.sources[0]
            if source.highlight is not None:
                marked = source.text[source.highlight.start : source.highlight.end]
                assert marked == source.expression.text


class TestDatelines:
    @pytest.mark.parametrize(
        ("sentence", "story"),
        [
            ("GENEVA (Reuters) - The health agency raised its alert level to five.", "The health"),
            (
                "Dam bursts Residents flee Saturday 6 March 2021 22.09 GMT Water poured into "
                "the valley overnight.",
                "Water poured",
            ),
            ("The agency (WHO) said nothing new on Friday about the outbreak.", "The agency"),
        ],
    )
    def test_story_starts_after_the_dateline(self, sentence: str, story: str) -> None:
        assert sentence[story_start(sentence) :].startswith(story)


def test_nothing_dated_gives_an_empty_timeline() -> None:
    articles = articles_from_text("Notes\n\nThe council met and talked about the weather.\n")
    timeline = summary_of(articles)
    assert timeline.events == ()
    assert len(timeline.articles) == 1


def test_nothing_dated_is_no_timelinejs_story(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Notes\n\nThe council met and talked.\n")
    result = run("summarize", str(tmp_path / "notes.txt"), "-f", "timelinejs")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_output_is_a_valid_timeline_document() -> None:
    timeline = summary_of(coverage(), dates=3, sentences=2)
    assert validate_document(json.loads(timeline.model_dump_json()), "timeline") == []


def write_folder(folder: Path, articles_count: int = 30) -> Path:
    folder.mkdir()
    for n, article in enumerate(coverage(articles_count)):
        published = article.published.isoformat() if article.published else ""
        (folder / f"{n:03}.txt").write_text(
            f"{article.title}\n{published}\n\n{article.text}\n", encoding="utf-8"
        )
    return folder


class TestCommand:
    def test_folder_in_timelinejs_out(self, tmp_path: Path) -> None:
        folder = write_folder(tmp_path / "coverage")
        out = tmp_path / "story.json"
        result = run("summarize", str(folder), "-k", "3", "-f", "timelinejs", "-o", str(out))
        assert result.exit_code == 0, result.output
        document = json.loads(out.read_text(encoding="utf-8"))
        assert validate_document(document, "timelinejs") == []
        assert len(document["events"]) == 3

    def test_json_is_a_timeline_that_validate_accepts(self, tmp_path: Path) -> None:
        folder = write_folder(tmp_path / "coverage")
        out = tmp_path / "story.json"
        assert run("summarize", str(folder), "--dates", "2", "-o", str(out)).exit_code == 0
        assert run("validate", str(out)).exit_code == 0
        assert len(json.loads(out.read_text(encoding="utf-8"))["events"]) == 2

    def test_bad_date_option_is_a_one_line_error(self, tmp_path: Path) -> None:
        folder = write_folder(tmp_path / "coverage", 3)
        result = run("summarize", str(folder), "--since", "2021-02-30")
        assert_one_line_error(result, 2, "--since")

    def test_missing_scikit_learn_gives_a_hint(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *args: None if name == "sklearn" else real(name, *args),
        )
        result = run("summarize", str(tmp_path))
        assert_one_line_error(result, 2, "scikit-learn", "news-timeline[summarize]")


def test_other_commands_run_without_the_summarize_extra(tmp_path: Path) -> None:
    """A base install has no scikit-learn or scipy: extract must not need them."""
    script = (
        "import sys\n"
        "sys.modules['sklearn'] = None; sys.modules['scipy'] = None\n"
        "from timeline.cli import main\n"
        "sys.argv = ['timeline', 'extract', sys.argv[1], '-p', '2024-03-14', '-o', sys.argv[2]]\n"
        "main()\n"
    )
    sample = Path(__file__).resolve().parents[1] / "samples" / "harbor-bridge.txt"
    out = tmp_path / "h.json"
    done = subprocess.run(
        [sys.executable, "-c", script, str(sample), str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["events"]
