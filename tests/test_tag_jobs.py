"""``timeline tag --jobs``: worker processes change the speed, never the output or the errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run
from test_tag_startup import TIMEML

from timeline.workers import can_fork

DAYS = ["on Friday", "last month", "two weeks ago", "in March 2001", "yesterday", "next year"]


def _corpus(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    paths = []
    for number in range(count):
        text = TIMEML.replace("on Friday", DAYS[number % len(DAYS)]).replace(
            "1998-03-02", f"1998-03-{number % 28 + 1:02d}"
        )
        path = folder / f"doc{number:02d}.tml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _written(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux, other Unixes)")
def test_workers_write_the_same_files_as_one_process(tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "in", 20)
    for jobs in ("1", "2", "3"):
        result = run("tag", "-j", jobs, "-f", "timeml", "-o", str(tmp_path / jobs), *paths)
        assert result.exit_code == 0, result.stderr
    alone = _written(tmp_path / "1")
    assert len(alone) == 20
    assert b'value="1998-02-27"' in alone["doc00.tml"]  # on Friday, before 1998-03-01
    assert _written(tmp_path / "2") == alone
    assert _written(tmp_path / "3") == alone
    one = run("tag", "-j", "1", *paths).stdout
    assert run("tag", "-j", "2", *paths).stdout == one  # JSON too, in input order


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux, other Unixes)")
def test_a_bad_file_on_a_worker_is_reported_and_the_others_are_written(tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "in", 12)
    Path(paths[7]).write_text("<TimeML><TEXT>cut short", encoding="utf-8")
    out = tmp_path / "out"
    result = run("tag", "-j", "2", "-f", "timeml", "-o", str(out), *paths)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("doc07.tml" in line and "not valid TimeML" in line for line in lines)
    assert lines[-1] == "timeline: 12 inputs (11 tagged, 1 failed)"
    assert sorted(_written(out)) == [f"doc{n:02d}.tml" for n in range(12) if n != 7]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_file_late_in_the_run_leaves_no_temporary_file(tmp_path: Path, jobs: str) -> None:
    """Files are written as inputs are done and renamed into place once all are."""
    paths = _corpus(tmp_path / "in", 12)
    out = tmp_path / "out"
    out.mkdir()
    (out / "doc00.tml").write_text("the previous run's output", encoding="utf-8")
    (out / "notes.txt").write_text("not ours", encoding="utf-8")
    Path(paths[-1]).write_text("<TimeML><TEXT>cut short", encoding="utf-8")
    result = run("tag", "-j", jobs, "-f", "timeml", "-o", str(out), *paths)
    assert result.exit_code == 2
    written = _written(out)
    assert sorted(written) == [f"doc{n:02d}.tml" for n in range(11)] + ["notes.txt"]
    assert written["doc00.tml"].startswith(b"<?xml")  # replaced whole by this run's
    assert written["notes.txt"] == b"not ours"


def test_when_no_input_can_be_tagged_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>cut short", encoding="utf-8")
    out = tmp_path / "out"
    result = run("tag", "-f", "timeml", "-o", str(out), str(bad), str(tmp_path / "gone.tml"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "timeline: no input could be tagged; nothing written"
    )
    assert not out.exists()
    assert_one_line_error(run("tag", str(bad)), 2, "bad.tml", "not valid TimeML")


def test_jobs_must_be_positive() -> None:
    result = run("tag", "-j", "0", "x.tml")
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("crlf", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        ("bom", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("accents", lambda text: text.replace("Shares", "Shares of Société").encode("utf-8")),
        ("lone_cr", lambda text: text.replace("\n", "\r").encode("ascii")),
        ("declared", lambda text: text.replace('"1.0"', '"1.0" encoding="ISO-8859-1"').encode()),
    ],
)
def test_a_timeml_file_read_as_it_is_or_decoded_gives_the_same_tags(
    tmp_path: Path, name: str, encode: Callable[[str], bytes]
) -> None:
    """ASCII files go to the parser as read (a declared encoding too, which it is told to
    pass over); others (a BOM, CR LF or lone CR line ends, accents) as decoded text: the
    tags must be the same either way."""
    plain, other = tmp_path / "plain.tml", tmp_path / f"{name}.tml"
    plain.write_text(TIMEML.replace("Shares", "Shares of Societe"), encoding="utf-8")
    other.write_bytes(encode(TIMEML))
    out = tmp_path / "out"
    assert run("tag", "-f", "timeml", "-o", f"{out}/", str(plain), str(other)).exit_code == 0
    written = (out / f"{name}.tml").read_text(encoding="utf-8")
    assert '<TIMEX3 tid="t1" type="DATE" value="1998-02-27"' in written
    assert ">Friday</TIMEX3>" in written
    expected = (out / "plain.tml").read_text(encoding="utf-8")
    if name != "accents":
        expected = expected.replace("Shares of Societe", "Shares")
    else:
        expected = expected.replace("Societe", "Société")
    assert written == expected


def test_one_process_tags_a_batch_of_mixed_inputs_each_as_alone(tmp_path: Path) -> None:
    """Files go through each step a batch at a time: a bad one, or a plain article among
    TimeML files, changes nothing for the others, which come out as when tagged alone."""
    paths = _corpus(tmp_path / "in", 11)
    Path(paths[2]).write_text("<TimeML><TEXT>cut short", encoding="utf-8")
    article = tmp_path / "in" / "note.txt"
    article.write_text("The vote was on Friday.", encoding="utf-8")
    inputs = [*paths[:5], str(article), *paths[5:]]
    out = tmp_path / "out"
    result = run(
        "tag", "-j", "1", "-f", "timeml", "-o", str(out), "--published", "1998-03-02", *inputs
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert any("doc02.tml" in line and "not valid TimeML" in line for line in lines)
    assert lines[-1] == "timeline: 12 inputs (11 tagged, 1 failed)"
    written = _written(out)
    assert sorted(written) == sorted(
        [f"doc{n:02d}.tml" for n in range(11) if n != 2] + ["note.tml"]
    )
    assert b'value="1998-02-27"' in written["note.tml"]
    for number in (0, 9):
        alone = tmp_path / f"alone{number}"
        single = run(
            "tag", "-f", "timeml", "-o", f"{alone}/", "--published", "1998-03-02", paths[number]
        )
        assert single.exit_code == 0, single.stderr
        assert written[f"doc{number:02d}.tml"] == (alone / f"doc{number:02d}.tml").read_bytes()


@pytest.mark.parametrize(
    ("inserted", "message"),
    [
        (bytes(range(1, 9)) * 20, "looks like a binary file"),  # controls XML forbids
        (b"\x7f" * 200, "looks like a binary file"),  # DEL, which XML allows
        (b"\x01", "not valid TimeML (PCDATA invalid Char value 1"),  # one: noise, bad XML
        (b"\x00" * 200, "looks like a binary file"),
    ],
    ids=["controls", "delete", "one-control", "nul"],
)
def test_an_ascii_timeml_file_with_control_characters_is_reported_as_before(
    tmp_path: Path, inserted: bytes, message: str
) -> None:
    """Plain ASCII goes to the parser undecoded; a file the decoder takes for binary is
    still reported as binary (not as bad XML), and the other files are written."""
    bad, good = tmp_path / "bad.tml", tmp_path / "good.tml"
    bad.write_bytes(TIMEML.encode("ascii").replace(b"<TEXT>", b"<TEXT>" + inserted))
    good.write_text(TIMEML, encoding="utf-8")
    out = tmp_path / "out"
    result = run("tag", "-f", "timeml", "-o", f"{out}/", str(bad), str(good))
    assert result.exit_code == 2
    assert f"bad.tml: {message}" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["good.tml"]
