"""Our sample articles against their expected timelines, in every export format.

After an intended change, regenerate with ``TIMELINE_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and review the diff of ``samples/expected/`` like code.
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
    ("harbor-bridge.txt", ["2024-03-14"], "json", "harbor-bridge.json"),
    ("harbor-bridge.txt", ["2024-03-14"], "timelinejs", "harbor-bridge.timelinejs.json"),
    ("harbor-bridge.txt", ["2024-03-14"], "csv", "harbor-bridge.csv"),
    ("harbor-bridge.txt", ["2024-03-14"], "ics", "harbor-bridge.ics"),
    ("riverside-scraped.txt", ["2024-10-07", "2024-10-11"], "json", "riverside-scraped.json"),
]


@pytest.mark.parametrize(("sample", "published", "fmt", "expected"), CASES)
def test_sample_matches_golden_file(
    sample: str, published: list[str], fmt: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = ["extract", f"samples/{sample}", "-f", fmt]
    for day in published:
        args += ["-p", day]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    golden = EXPECTED / expected
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_bytes().decode("utf-8")
