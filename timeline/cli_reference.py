"""The CLI reference page (docs/cli.md), generated from the commands' own ``--help``.

Generated rather than written so that it cannot drift: a test compares the checked-in
page with this output.
"""

from __future__ import annotations

from typer.main import get_command
from typer.testing import CliRunner

from timeline.cli import app

WIDTH = 100


def command_names() -> list[str]:
    """Every command of the ``timeline`` program, in the order ``--help`` lists them."""
    group = get_command(app)
    return list(getattr(group, "commands", {}))


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], terminal_width=WIDTH)
    return result.stdout.rstrip() + "\n"


def cli_reference() -> str:
    parts = [
        "# CLI reference\n\n",
        "Generated from `--help` by `python scripts/update_cli_docs.py`; do not edit.\n\n",
        "```\n$ timeline --help\n" + _help() + "```\n",
    ]
    for name in command_names():
        parts.append(f"\n## timeline {name}\n\n```\n$ timeline {name} --help\n{_help(name)}```\n")
    return "".join(parts)
