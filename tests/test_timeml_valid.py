"""`timeline tag -f timeml` writes TimeML that TimeML tools accept and that we read back.

The TempEval-3 toolkit validates every system file against ``tml-min-consistency.xsd`` and
refuses the whole folder when one fails; so every output of the shared corpora must pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run
from lxml import etree

from timeline.timeml import parse_timeml, read_timeml

CORPORA = ("te3-tbaq/TimeBank", "te3-tbaq/AQUAINT", "wikiwars-dev")


def _schema(shared_dir: Path) -> etree.XMLSchema:
    path = shared_dir / "reference" / "timeml" / "tml-min-consistency.xsd"
    if not path.is_file():
        pytest.fail(f"{path} is missing")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_tagged_corpus_file_is_valid_timeml(
    shared_dir: Path, tmp_path: Path, corpus: str
) -> None:
    schema = _schema(shared_dir)
    gold = shared_dir / "corpora" / corpus
    inputs = sorted(gold.glob("*.tml"))
    if not inputs:
        pytest.fail(f"no .tml files in {gold}")
    result = run("tag", "-f", "timeml", "-o", str(tmp_path), *map(str, inputs))
    assert result.exit_code == 0, result.output
    invalid = {}
    for source in inputs:
        written = tmp_path / source.name
        if not schema.validate(etree.parse(str(written))):
            invalid[source.name] = str(schema.error_log.last_error)
        ours, original = read_timeml(written), read_timeml(source)
        assert ours.text == original.text, source.name  # same TEXT, only our TIMEX3 tags
        assert ours.dct == original.dct
        assert all(t.tid and t.type and t.value for t in ours.timexes), source.name
    assert not invalid, invalid
    # The raw output folder scores as the tagger does in-process: nothing was lost on the way.
    in_process = json.loads(run("eval", str(gold), "--json").stdout)
    from_files = json.loads(run("eval", str(gold), str(tmp_path), "--json").stdout)
    assert from_files["counts"] == in_process["counts"]
    assert from_files["counts"]["system"] > 0


def test_control_characters_never_reach_the_timeml(tmp_path: Path) -> None:
    """XML 1.0 forbids them: each becomes U+FFFD, so offsets stay those of the input."""
    text = "On Friday \x00 the \x1b[31m vote on Monday \ufffe passed.\r\nIn 1998 \x85 too."
    record = tmp_path / "in.json"
    record.write_text(json.dumps({"title": "Vote\x01", "text": text}), encoding="utf-8")
    result = run("tag", str(record), "-p", "2018-12-20", "-f", "timeml")
    assert result.exit_code == 0, result.output
    written = tmp_path / "out.tml"
    written.write_text(result.stdout, encoding="utf-8")
    back = read_timeml(written)  # well-formed: the tool reads its own output
    assert back.text == text.replace("\x00", "\ufffd").replace("\x1b", "\ufffd").replace(
        "\ufffe", "\ufffd"
    )
    assert back.docid == "Vote\ufffd"
    expressions = json.loads(run("tag", str(record), "-p", "2018-12-20").stdout)
    assert [(t.start, t.end, t.text) for t in back.timexes] == [
        (e["start"], e["end"], e["text"]) for e in expressions
    ]
    assert [t.text for t in back.timexes] == ["Friday", "Monday", "1998"]
    again = run("tag", str(written))
    assert again.exit_code == 0, again.output
    assert parse_timeml(result.stdout, "x").text == back.text


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (
            '<!DOCTYPE T [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<TimeML><TEXT>a &x; b on Friday</TEXT></TimeML>",
            ("evil.tml", "declares entities (x)"),
        ),
        ("<TimeML><TEXT>a & b on Friday</TEXT></TimeML>", ("evil.tml", "line 1, column")),
    ],
)
def test_hostile_or_broken_timeml_is_one_line_and_exit_2(
    tmp_path: Path, source: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / "evil.tml"
    path.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for args in (["tag", str(path)], ["tag", str(path), "-f", "timeml", "-o", str(out)]):
        assert_one_line_error(run(*args), 2, *words)
    assert not list(out.iterdir())
    assert_one_line_error(run("eval", str(tmp_path)), 2, *words)
