"""HTML pages, JSONL records and a text file with a date line against their expected timelines.

No ``-p`` is given: every date comes from the input itself (page metadata, the records'
``published`` field, the date line under the headline). Regenerate after an intended
change with ``TIMELINE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_inputs.py`` and
review the diff of ``samples/expected/`` like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "samples" / "expected"

CASES = [
    ("ferry-strike.html", "json", "ferry-strike.json"),
    ("library-reopens.html", "json", "library-reopens.json"),
    ("vineyard-frost.html", "json", "vineyard-frost.json"),
    ("tram-extension.html", "json", "tram-extension.json"),
    ("wire-briefs.jsonl", "json", "wire-briefs.json"),
    ("wire-briefs.jsonl", "jsonl", "wire-briefs.events.jsonl"),
    ("school-meals.txt", "json", "school-meals.json"),
]


@pytest.mark.parametrize(("sample", "fmt", "expected"), CASES)
def test_input_matches_golden_file(
    sample: str, fmt: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["extract", f"samples/{sample}", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    golden = EXPECTED / expected
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_bytes().decode("utf-8")
