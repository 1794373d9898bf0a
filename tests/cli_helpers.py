"""Running the real command as a user does, and checking its one-line errors."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from timeline.cli import app


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


def assert_one_line_error(result: Result, code: int, *words: str) -> None:
    """The exit code, no traceback, and one stderr line naming each of ``words``."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("timeline: ")
    for word in words:
        assert word in lines[0]
