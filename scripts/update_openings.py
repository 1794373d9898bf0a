"""Write timeline/temporal/data/openings.tsv from the rule table (run after changing a rule's
pattern, a trigger or the lexicon; a test says when the file is behind)."""

from __future__ import annotations

from pathlib import Path

from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.openings import OPENINGS_FILE, openings_text
from timeline.temporal.rules import build_rules, named_patterns

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    path = ROOT / "timeline" / "temporal" / "data" / OPENINGS_FILE
    text = openings_text(named_patterns(build_rules(load_lexicon())))
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
