"""Write timeline/temporal/data/openings.tsv, reaches.tsv and starts.tsv from the rule table
(run after changing a rule's pattern, a trigger or the lexicon; tests say when a file is
behind)."""

from __future__ import annotations

from pathlib import Path

from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.openings import OPENINGS_FILE, openings_text
from timeline.temporal.reach import REACHES_FILE
from timeline.temporal.reach_measure import reaches_text
from timeline.temporal.rules import build_rules, named_patterns, triggered_patterns
from timeline.temporal.start_words import STARTS_FILE, starts_text

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    data = ROOT / "timeline" / "temporal" / "data"
    rules = build_rules(load_lexicon())
    for name, text in (
        (OPENINGS_FILE, openings_text(named_patterns(rules))),
        (REACHES_FILE, reaches_text(triggered_patterns(rules))),
        (STARTS_FILE, starts_text(row[:3] for row in triggered_patterns(rules))),
    ):
        (data / name).write_text(text, encoding="utf-8")
        print(f"wrote {(data / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
