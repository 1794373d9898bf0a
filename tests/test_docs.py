"""The documentation matches the program: CLI reference current, every command documented."""

from __future__ import annotations

from pathlib import Path

from timeline.cli_reference import cli_reference, command_names

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    checked_in = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert checked_in == cli_reference(), "run: python scripts/update_cli_docs.py"


def test_every_command_is_in_the_reference_and_the_readme() -> None:
    names = command_names()
    assert {"extract", "tag", "validate", "schema", "eval", "preview"} <= set(names)
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"## timeline {name}" in reference
        assert f"timeline {name} " in readme


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```bash\n")[1:3]
    install_and_run, run_tests = (block.split("\n```")[0] for block in blocks)
    assert install_and_run.startswith("pip install -e . && timeline extract samples/")
    assert run_tests == 'pip install -e ".[test]" && python -m pytest'
    assert run_tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
