"""How far each rule runs around its trigger's hits: read off the pattern, never too short."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from timeline.temporal import reach, tag_text
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.patterns import LazyPattern, words
from timeline.temporal.reach import (
    REACHES_FILE,
    TIGHT_RUNS,
    Reach,
    Reaches,
    parse_reaches,
    run_level,
)
from timeline.temporal.reach_measure import pattern_reaches, reaches_text
from timeline.temporal.rulebase import Rule
from timeline.temporal.rules import build_rules, triggered_patterns
from timeline.temporal.scan import rule_matches, scanner

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "timeline" / "temporal" / "data"
NEEDS_311 = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="reaches are read with Python 3.11's re._parser"
)


def tight(source: str, trigger_words: str = "") -> Reach:
    found = pattern_reaches(source, 0, words(trigger_words) if trigger_words else frozenset())
    assert found is not None
    return found.tight


@NEEDS_311
def test_the_shipped_reaches_file_is_the_one_the_rules_give() -> None:
    expected = reaches_text(triggered_patterns(build_rules(load_lexicon())))
    shipped = (PACKAGE_DATA / REACHES_FILE).read_text(encoding="utf-8")
    assert shipped == expected, "run: python scripts/update_openings.py"


def test_every_rule_with_a_trigger_has_a_finite_reach() -> None:
    """Speed, not matches: a rule without a width bound would run over every whole text."""
    rules = build_rules(load_lexicon())
    table = scanner(rules)
    unbounded = [
        rule.name
        for rule, found in zip(rules, table.reaches, strict=True)
        if rule.trigger is not None and found is None
    ]
    assert not unbounded, "these repeat something other than spaces, hyphens or digits"


def test_a_match_is_measured_with_what_its_lookarounds_read() -> None:
    # Six characters, a lookahead reading up to two past them, a lookbehind three before.
    assert tight(r"(?<=abc)Friday(?!\s?%)") == Reach(before=6 + 2, after=3 + 6 + 2)
    assert tight(r"a\b") == Reach(2, 2)


def test_a_group_that_always_holds_a_trigger_word_narrows_the_window() -> None:
    source = r"(?<!\w)(?:about\s+)?\d\d?\s+(?P<unit>days|weeks)(?:\s+or\s+so)?(?!\w)"
    # The whole match: 7 + 2 + 2 + 5 + 8 characters and the lookahead's one; around the
    # unit only what precedes it (11 before its start) and what follows (8 + 1 after its end).
    assert tight(source) == Reach(25, 1 + 25)
    assert tight(source, "days|weeks") == Reach(11 + 5, 5 + 8 + 1)
    # Any group will do, named or not: "ago" here.
    assert tight(r"\d+\s+(?i:ago)\b(?!\w)", "ago") == Reach(16 + 2 + 3, 3 + 1)
    # A group that may be missing, or one that can match a word the trigger lacks, is no
    # anchor: the hit may lie elsewhere.
    assert tight(source, "days") == Reach(25, 1 + 25)
    assert tight(r"\d+\s+(?P<unit>days)?(?!\w)", "days") == Reach(16 + 2 + 4 + 1, 16 + 2 + 4 + 1)


def test_a_group_a_letter_may_touch_is_no_anchor() -> None:
    """The scanner finds whole words: "cats" is its hit, longer than a group of "cat"."""
    assert tight(r"(?<!\w)(?P<w>cat)(?P<s>s)?(?!\w)", "cat|cats") == Reach(5, 1 + 5)
    assert tight(r"(?<!\w)(?P<p>s)?(?P<w>cat)(?!\w)", "cat|scat") == Reach(5, 1 + 5)
    # At the pattern's edge the text goes on: a letter may stand there.
    assert tight(r"(?P<w>cat)", "cat") == Reach(3, 3)
    assert tight(r"(?<!\w)(?P<w>cat)(?!\w)", "cat") == Reach(3, 3 + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The museum is closed on Wednesdays.", [("Wednesdays", "XXXX-WXX-3")]),
        # A window must not end inside a word: "spring" of "springsteen", "hour" of "hourly".
        (
            "In the spring according to the company the springsteen concert.",
            [("the spring", "2010-SP")],
        ),
        (
            "Last year long was and a us lon 3 hourly went by.",
            [("Last year", "2009"), ("hourly", "PT1H")],
        ),
        ("On Monday us long  this Monkey went by.", [("Monday", "2010-04-26")]),
        (
            "Bad byte \udc80 here; on Monday, 3 March 1998.",
            [("Monday, 3 March 1998", "1998-03-03")],
        ),
    ],
)
def test_windows_change_nothing_a_reader_sees(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(e.text, e.value) for e in tag_text(text, dt.date(2010, 5, 1))]
    assert found == expected


def test_unbounded_repeats_count_as_the_longest_run_a_text_may_hold() -> None:
    assert tight(r"x\s+y") == Reach(2 + TIGHT_RUNS["space"], 2 + TIGHT_RUNS["space"])
    found = pattern_reaches(r"x\s+y", 0, frozenset())
    assert found is not None and found.loose == Reach(66, 66)
    # Parts of one run class in a row make one run: "1,000,000.25" is one run of digits.
    assert tight(r"\d{1,3}(?:,\d{3})+") == Reach(16, 16)
    assert tight(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?") == Reach(16, 16)
    assert tight(r"\s*-\s*") == Reach(5, 5)
    assert pattern_reaches(r"(?:very\s+)*good", 0, frozenset()) is None
    assert pattern_reaches(r"(\w+) \1", 0, frozenset()) is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("March 5, 1998 -- a plain text, 1,000,000 strong.", 0),
        ("two\n\nlines", 0),
        ("three\n\n\nlines", 1),
        ("a - - - - b", 1),
        ("12345678901234567", 1),
        ("version 1.2.3.4.5.6.7.8.9", 1),
        ("1998... 1,000.5", 0),
        ("“quoted”\u00a0\u00a0\u00a0x", 1),
        ("“quoted”  x ٣٣", 0),
        ("٣" * 17, 1),
        ("x" + " " * 65 + "y", 2),
    ],
)
def test_run_level_tells_which_reach_holds(text: str, level: int) -> None:
    assert run_level(text) == level


def test_the_run_level_agrees_with_a_regex_over_the_text() -> None:
    """The fast path reads runs in the text's bytes; it must say what the regex says."""
    pieces = [" ", "\n", "\t", "-", "5", ",", ".", "a", "é", "\u00a0", "٣", "\x1c", "'"]
    breakers = [re.compile(p) for p in (r"\s{3}", r"[\s-]{7}", r"[\d,.]{17}")]
    for size in range(1, 6):
        for first in pieces:
            for second in pieces:
                text = "x" + (first * size + second) * (4 if second != "a" else 1) + "y"
                expected = 0 if not any(b.search(text) for b in breakers) else 1
                assert min(run_level(text), 1) == expected, repr(text)


LONG_RUNS = [
    "Prices rose\n\n\n   no   more   than   the   past   twenty-four  to  thirty-six years.",
    "On Monday,\t\t\tMarch\n\n\n\n5, 1998 --   --   -- at 10:30 a.m. -  -  - "
    "1,000,000,000,000 days",
    "It lasted 12345678901234567 years; about " + " " * 70 + "three weeks later, in 1998-99.",
]


@pytest.mark.parametrize("text", LONG_RUNS)
def test_windows_lose_nothing_in_a_text_with_long_runs(text: str) -> None:
    for rule in build_rules(load_lexicon()):
        if rule.trigger is not None:
            full = [m.span() for m in rule.pattern.compiled().finditer(text)]
            assert [m.span() for m in rule_matches(rule, text)] == full, rule.name


def test_a_rule_the_file_lacks_is_measured_when_its_scanner_is_built() -> None:
    resolve = build_rules(load_lexicon())[0].resolve
    pattern = LazyPattern(r"(?<!\w)(?:about\s+)?(?P<unit>fortnights?)(?!\w)")
    rule = Rule("edited", "DURATION", pattern, resolve, trigger=words("fortnight|fortnights"))
    (found,) = scanner((rule,)).reaches
    assert found == pattern_reaches(pattern.source, 0, words("fortnight|fortnights"))
    assert found is not None and found.tight == Reach(7 + 10, 10 + 1)
    text = "It took about a fortnight, then about  two fortnights; about fortnights."
    found_texts = [m[0] for m in rule_matches(rule, text)]
    assert found_texts == ["fortnight", "fortnights", "about fortnights"]


def test_a_missing_or_damaged_reaches_file_is_passed_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reach, "REACHES_FILE", "no-such-file.tsv")
    assert reach.shipped_reaches.__wrapped__() == {}
    damaged = "# comment\nrule\tk1\t1\t2\t3\t4\nshort\tk2\t1\t2\nrule\tk3\t1\t2\tx\t4\n"
    assert parse_reaches(damaged) == {"k1": Reaches(Reach(1, 2), Reach(3, 4))}
