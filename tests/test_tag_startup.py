"""``timeline tag -f timeml`` loads only what tagging TimeML needs, and options still check.

Start-up is a large share of a whole ``timeline tag`` run (README, Performance), so the
heavy libraries the TimeML path does not use must stay unloaded: a test that forbids them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>wsj_test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-02" functionInDocument="CREATION_TIME">
1998-03-02</TIMEX3></DCT>
<TEXT>Shares <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> on Friday, after
<TIMEX3 tid="t1" type="DATE" value="1998-02">last month</TIMEX3>'s rally.</TEXT>
<TLINK lid="l1" eventInstanceID="ei1" relatedToTime="t1" relType="IS_INCLUDED"/>
</TimeML>
"""

#: Loaded by extract, JSON output or plain articles, never by tagging TimeML (pydantic: the
#: event model; typer 0.29 would load it to check options, see pyproject.toml; hashlib and
#: secrets start OpenSSL, importlib.resources loads zipfile: README, Performance).
HEAVY = (
    "dateparser",
    "icalendar",
    "rich",
    "charset_normalizer",
    "jsonschema",
    "pydantic",
    "hashlib",
    "secrets",
    "zipfile",
    "importlib.resources",
)


def test_tag_timeml_loads_no_heavy_library(tmp_path: Path) -> None:
    source = tmp_path / "wsj_test.tml"
    source.write_text(TIMEML, encoding="utf-8")
    script = (
        "import sys\n"
        f"for name in {HEAVY!r}:\n"
        "    sys.modules[name] = None  # importing it now fails\n"
        "from timeline.program import main  # as the timeline script starts\n"
        "source, out = sys.argv[1:]\n"
        "sys.argv = ['timeline', 'tag', '-j', '1', '-f', 'timeml', '-o', out, source]\n"
        "main()\n"
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", script, str(source), f"{out}/"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    written = (out / "wsj_test.tml").read_text(encoding="utf-8")
    assert '<TIMEX3 tid="t1" type="DATE" value="1998-02-27"' in written  # on Friday
    assert 'relatedToTime="t1"' not in written  # the gold TIMEX3 it pointed to is gone


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "xml"), "for '--format' / '-f': 'xml' is not one of 'json', 'timeml'."),
        (("--mode", "NEWS"), "Invalid value for '--mode': 'NEWS' is not one of 'auto', 'news',"),
    ],
)
def test_a_bad_choice_is_a_usage_error_naming_the_choices(
    args: tuple[str, ...], message: str
) -> None:
    result = run("tag", *args, "x.txt")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_choices_lists_and_flags_still_reach_the_command(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("The vote was held on Friday.\n", encoding="utf-8")
    second.write_text("It ended in March 2001.\n", encoding="utf-8")
    result = run(
        "tag", str(first), str(second), "-p", "2018-12-20", "-p", "2019-01-10", "--mode", "news"
    )
    assert result.exit_code == 0, result.stderr
    assert '"value": "2018-12-14"' in result.stdout
    assert '"value": "2001-03"' in result.stdout
