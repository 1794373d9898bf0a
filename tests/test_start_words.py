"""Start words: a rule with wide windows is tried only where its matches can start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.temporal import tag_text
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.patterns import rx
from timeline.temporal.rules import build_rules, triggered_patterns
from timeline.temporal.scan import WIDE_REACH, rule_matches, scanner
from timeline.temporal.start_words import (
    DIGIT,
    STARTS_FILE,
    parse_starts,
    start_words,
    starts_text,
)

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "timeline" / "temporal" / "data"


def test_the_shipped_starts_file_is_the_one_the_rules_give() -> None:
    rules = build_rules(load_lexicon())
    expected = starts_text(row[:3] for row in triggered_patterns(rules))
    shipped = (PACKAGE_DATA / STARTS_FILE).read_text(encoding="utf-8")
    assert shipped == expected, "run: python scripts/update_openings.py"


def test_wide_rules_are_tried_at_their_start_words() -> None:
    """Speed, not matches: the duration's windows reach a hundred characters back."""
    rules = build_rules(load_lexicon())
    table = scanner(rules)
    led = {rule.name for rule, finder in zip(rules, table.start_finders, strict=True) if finder}
    assert {"duration", "month_day_year", "quarter"} <= led
    for rule, reaches in zip(rules, table.reaches, strict=True):
        if rule.name in led:
            assert reaches is not None and reaches.tight.before >= WIDE_REACH


def test_words_are_read_through_optional_parts_branches_and_case() -> None:
    source = rx(r"(?:(?i:about|Nearly)\s+)?(?:\d+|one|ſix|(?i:TWENTY)-one)\s+days?").source
    assert start_words(source) == {"about", "nearly", "one", "six", "twenty", DIGIT}


def test_letters_that_may_run_on_give_every_run() -> None:
    """No space between two optional words: "circaAD" is one run of letters."""
    assert start_words(rx(r"circa\s*(?:AD)?\s*\d+").source) == {"circa", "circaad"}


@pytest.mark.parametrize(
    "source",
    [
        r"(?:about\s+)?\d+\s+days",  # no lookbehind: a match may start inside a word
        rx(r"[a-z]{3,}ed").source,  # letters without a fixed set of words
        rx(r"\w+\s+days").source,
        rx(r"\$\d+").source,  # opens with a sign
        rx(r"(?:the\s+)?").source,  # the empty match
        rx(r"é\w*").source,  # a letter the lower-cased text does not read as a word
        r"(?<![^\w])ab(?![\w])",  # a negated class refuses no word character before
        r"(?a)(?<!\w)ab(?!\w)",  # ASCII \w: a long s before "ab" is no word character
        r"(?<!\w)(?a:ab(?!\w))",
        r"(?<!\w)ab(?:(?!\w)|)",  # "ab" may be followed by more letters ("abc")
    ],
)
def test_patterns_without_a_fixed_set_of_start_words_have_none(source: str) -> None:
    assert start_words(source) is None


def test_tried_at_start_words_a_rule_finds_what_a_full_scan_finds() -> None:
    """Texts that put starts at a window's edges, at the text's start, after signs and
    digits, in letters the lower case folds (a long s, a dotless i), after characters
    outside ASCII, and at digits outside ASCII (which the finders' text cannot show)."""
    texts = [
        "Three weeks later, about 20 more years; the past ſix months, -two days, "
        "$5 years, 5years, x3 days, Nearly TWENTY-ONE years and a half or so.",
        "two days",
        "In the first quarter of 1998 and the fourth quarter, the company's fiscal quarter.",
        "Jan. 5, 1998, early March 2, 2000 and İstanbul on Sept. 11, 2001.",
        "“Two weeks” — and ‘three days’ later…\u00a0about 20 years, éthree days ago.",
        "Rain fell for ٣ days, then for about ١٢ years, 40 years ago, in March ٢٠٠١.",
    ]
    rules = build_rules(load_lexicon())
    table = scanner(rules)
    led = [rule for rule, finder in zip(rules, table.start_finders, strict=True) if finder]
    assert {"duration", "quarter", "month_day_year", "ago"} <= {rule.name for rule in led}
    for rule in led:
        for text in texts:
            full = [m.span() for m in rule.pattern.compiled().finditer(text)]
            assert [m.span() for m in rule_matches(rule, text)] == full, (rule.name, text)


def test_a_duration_far_after_its_start_word_is_found() -> None:
    found = tag_text(
        "It will last no more than the past twenty-four to thirty-six more years.",
        dt.date(2018, 12, 20),
    )
    assert [(e.text, e.value) for e in found] == [
        ("the past twenty-four to thirty-six more years", "P36Y")
    ]


def test_a_damaged_starts_row_is_passed_over() -> None:
    text = "# comment\ngood\tabc\tthe # two\nshort\tdef\nempty\tghi\t \nodd\tjkl\tthe Über\n"
    assert parse_starts(text) == {"abc": frozenset({"the", DIGIT, "two"})}


def test_a_word_end_in_one_branch_leaves_the_others_open() -> None:
    """A lookahead that ends the words in one alternative must not end them in the next."""
    source = r"(?<![\w$£€#-])(?:ab(?:(?![\w])|-)?c)(?![\w])"
    assert start_words(source) == {"ab", "abc"}
