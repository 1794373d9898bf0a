"""The opening characters of each pattern: kept in step with the rules, never a lost match."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from timeline.temporal import openings
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.openings import (
    OPENINGS_FILE,
    opening_class,
    openings_text,
    parse_openings,
    with_opening,
)
from timeline.temporal.patterns import LazyPattern
from timeline.temporal.rules import build_rules, named_patterns
from timeline.temporal.scan import scanner

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "timeline" / "temporal" / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# Every character a test below asks about: ASCII, the letters that fold to ASCII, and a few
# others with and without case.
CHARACTERS = [chr(code) for code in range(128)] + list("\u0130\u0131\u017f\u212aéÉ٣ßµ")


def opens(source: str, flags: int = 0) -> set[str] | None:
    """The characters of CHARACTERS that the opening class of ``source`` admits on its own,
    without the pattern's case flag (as the trigger scanner uses it)."""
    opening = opening_class(source, flags)
    if opening is None:
        return None
    admits = re.compile(opening, flags & re.ASCII)
    return {char for char in CHARACTERS if admits.fullmatch(char)}


@pytest.mark.skipif(
    sys.version_info < (3, 11), reason="the file is written with Python 3.11's re._parser"
)
def test_the_shipped_openings_file_is_the_one_the_rules_give() -> None:
    expected = openings_text(named_patterns(build_rules(load_lexicon())))
    shipped = (PACKAGE_DATA / OPENINGS_FILE).read_text(encoding="utf-8")
    assert shipped == expected, "run: python scripts/update_openings.py"


def test_every_rule_runs_behind_its_opening_class() -> None:
    """Speed, not matches: a rule whose matches may open with nearly anything would run
    without one; say so here if a new rule legitimately does."""
    for rule in build_rules(load_lexicon()):
        assert rule.pattern.compiled().pattern.startswith("(?=["), rule.name


def test_every_pattern_trigger_is_tried_only_at_its_openings() -> None:
    table = scanner(build_rules(load_lexicon()))
    assert len(table.led) >= 10
    assert not table.patterns, "a trigger without an opening class: see update_openings.py"


def _texts() -> list[str]:
    rules = build_rules(load_lexicon())
    examples = [text for rule in rules for text, _, _ in rule.examples]
    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    awkward = "ABOUT ſome ſix years; İn early ıt; 3-5 Nov; 1914–18; the year 9999; Q4; noon."
    return ["\n".join(examples), *samples, awkward, awkward.lower()]


def test_an_opening_class_never_loses_or_changes_a_match() -> None:
    texts = _texts()
    for rule in build_rules(load_lexicon()):
        plain = re.compile(rule.pattern.source, rule.pattern.flags)
        led = rule.pattern.compiled()
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in led.finditer(text)] == expected, rule.name


def test_a_pattern_missing_from_the_file_compiles_as_it_is() -> None:
    source = r"(?<!\w)edited(?!\w)"
    assert with_opening(source, 0) == source
    assert LazyPattern(source).compiled().pattern == source


def test_a_missing_or_damaged_openings_file_only_costs_speed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(openings, "OPENINGS_FILE", "no-such-file.tsv")
    assert openings.shipped_openings.__wrapped__() == {}
    damaged = (
        "# comment\nrule\tkey1\t[ab]\ncut short\tkey2\nrule\tkey3\tnot a class\n"
        "rule\tkey4\t[ab\nrule\tkey5\t[ab\\]\n"
    )
    assert parse_openings(damaged) == {"key1": "[ab]"}


def test_a_pattern_that_sets_its_own_flags_gets_no_class() -> None:
    """Nothing may stand before "(?i)", so no lookahead can be put in front of it."""
    assert opening_class(r"(?i)kiss") is None
    assert opening_class(r"(?x) k i s s") is None


def test_optional_parts_add_their_openings_to_what_follows() -> None:
    assert opens(r"(?:ab|c)?d") == {"a", "c", "d"}
    assert opens(r"(?:x|y?)z+") == {"x", "y", "z"}
    assert opens(r"a*b{0,2}c") == {"a", "b", "c"}


def test_lookarounds_and_anchors_are_passed_over() -> None:
    assert opens(r"(?<![\w$])\b(?=Q)Q[1-4]") == {"Q"}
    assert opens(r"^(?!no)n\w") == {"n"}


def test_case_insensitive_letters_bring_every_character_that_matches_them() -> None:
    assert opens(r"(?i:k)") == {"k", "K", "\u212a"}
    assert opens(r"(?i:s)") == {"s", "S", "\u017f"}
    assert opens(r"(?i:i)") == {"i", "I", "\u0130", "\u0131"}
    assert opens(r"(?i:[a-b])") == {"a", "A", "b", "B"}
    assert opens(r"x", re.IGNORECASE) == {"x", "X"}
    assert opens(r"(?i:(?-i:[Aa])x)") == {"A", "a"}


def test_digits_and_other_classes_keep_their_meaning() -> None:
    digits = opens(r"\d+ days")
    assert digits is not None and {"0", "9", "٣"} <= digits and "d" not in digits
    assert opens(r"\s*\d", re.ASCII) == {" ", "\t", "\n", "\r", "\x0b", "\x0c", *"0123456789"}


def test_characters_that_mean_something_in_a_class_are_escaped() -> None:
    assert opens(r"\]|-|\^|\\|\[|\t") == {"]", "-", "^", "\\", "[", "\t"}
    tabs = opening_class(r"\t|\n")
    assert tabs is not None and "\t" not in tabs and "\n" not in tabs
    # Joined with another class by the trigger scanner, "&" must not make "&&".
    ampersand, other = opening_class(r"a|&"), opening_class(r"&|b")
    assert ampersand is not None and other is not None
    joined = re.compile(f"[{ampersand[1:-1]}{other[1:-1]}]")
    assert {char for char in "ab&c" if joined.fullmatch(char)} == {"a", "b", "&"}


@pytest.mark.parametrize(
    "source",
    [
        r"a?",  # can match nothing
        r"(?:)",
        r"[^a]b",  # a negated class opens with nearly anything
        r".x",
        r"(?i:é)",  # case folding beyond ASCII is left to the engine
        r"(a?)\1b",  # a back reference may hold anything
    ],
)
def test_an_opening_too_wide_to_help_gives_no_class(source: str) -> None:
    assert opening_class(source) is None


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        ("may|march", 0),  # an alternation: the lookahead stands before each alternative
        ("may  # the month\n| march  # another", re.VERBOSE),  # ends in a comment
    ],
)
def test_a_source_behind_its_opening_matches_as_it_is(
    monkeypatch: pytest.MonkeyPatch, source: str, flags: int
) -> None:
    key = openings.digest(source, flags)
    monkeypatch.setattr(openings, "shipped_openings", lambda: {key: "[m]"})
    led = re.compile(with_opening(source, flags), flags)
    text = "may march mayday xmarch"
    assert [m.span() for m in led.finditer(text)] == [
        m.span() for m in re.compile(source, flags).finditer(text)
    ]
    assert led.pattern.startswith("(?=[m])")
