"""Encodings: UTF-8 with or without BOM, UTF-16, Latin-1/cp1252 read; junk refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import InputError
from timeline.ingest.decoding import decode

TEXT = "Café Opens\n\nThe café “Zur Brücke” opened on Tuesday, officials said.\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", TEXT.encode("utf-8")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
        ("utf16.txt", TEXT.encode("utf-16")),
        ("utf16le-no-bom.txt", TEXT.encode("utf-16-le")),
        ("cp1252.txt", TEXT.encode("cp1252")),
        ("crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_encodings_are_read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["extract", str(path), "-p", "2018-12-20"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["articles"][0]["title"] == "Café Opens"
    [event] = document["events"]
    assert event["text"] == "The café “Zur Brücke” opened on Tuesday, officials said."
    assert event["date"]["value"] == "2018-12-18"


def test_latin1_offsets_index_the_decoded_file(tmp_path: Path) -> None:
    text = "Caf\xe9 Opens\n\nThe caf\xe9 opened on Tuesday.\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    result = CliRunner().invoke(app, ["tag", str(path), "-p", "2018-12-20"])
    [expression] = json.loads(result.stdout)
    assert text[expression["start"] : expression["end"]] == "Tuesday"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_empty_and_junk_inputs_fail_with_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"timeline: {path}: ") and words in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("accent", ["", "é"])  # plain ASCII and not: counted the same way
@pytest.mark.parametrize(
    ("controls", "binary"), [("\x07", False), ("\x07\x1b\x7f", True), ("\x0b\x0b\x0b", True)]
)
def test_a_text_with_too_many_control_characters_is_taken_for_binary(
    accent: str, controls: str, binary: bool
) -> None:
    """Up to one control character per thousand (at least one) is noise; more is binary."""
    text = f"Caf{accent} opened on Tuesday, officials said. " * 40 + controls  # ~1,800 chars
    if binary:
        with pytest.raises(InputError, match="binary"):
            decode(text.encode("utf-8"), "x.txt")
    else:
        assert decode(text.encode("utf-8"), "x.txt") == text


def test_a_long_blank_head_is_not_an_empty_input() -> None:
    """Emptiness is told from the head first: text after more than its first 4 KB of blanks
    still counts, and blanks alone past it still do not."""
    blanks = b" \n\t\xef\xbb\xbf" * 1000  # 6,000 bytes of white space and byte-order marks
    assert decode(blanks + b"The vote was on Friday.", "late.txt").endswith("on Friday.")
    with pytest.raises(InputError, match="the input is empty"):
        decode(blanks + b"\x00\r\n", "blank.txt")
