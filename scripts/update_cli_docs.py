"""Rewrite docs/cli.md from the commands' ``--help`` (run after changing timeline/cli.py)."""

from __future__ import annotations

from pathlib import Path

from timeline.cli_reference import cli_reference

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    (ROOT / "docs" / "cli.md").write_text(cli_reference(), encoding="utf-8")
    print("wrote docs/cli.md")
