"""Sentence splitting keeps exact offsets and does not break at abbreviations."""

from __future__ import annotations

from timeline.segment import split_sentences


def test_offsets_are_exact() -> None:
    text = "  First one. Second one!\n\nThird one?  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one.", "Second one!", "Third one?"]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Gen. Joseph F. Dunford met Mr. Smith on Dec. 3 at 8 p.m. Friday. Then he left."
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Joseph F. Dunford met Mr. Smith on Dec. 3 at 8 p.m. Friday.",
        "Then he left.",
    ]


def test_quotes_close_sentences() -> None:
    text = '"We are done," she said. "Full withdrawal." He left.'
    assert [s.text for s in split_sentences(text)] == [
        '"We are done," she said.',
        '"Full withdrawal."',
        "He left.",
    ]


def test_line_breaks() -> None:
    text = "A photo caption (Reuters)\nA soft\nwrapped line.\n\nNew paragraph"
    assert [s.text for s in split_sentences(text)] == [
        "A photo caption (Reuters)",
        "A soft\nwrapped line.",
        "New paragraph",
    ]
