"""The machinery under the rules: calendars, lexicon, candidate selection, trigger windows."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import tag_text
from timeline.temporal.calendars import easter, hijri_to_gregorian, nth_weekday
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.openings import ascii_lower
from timeline.temporal.patterns import ONES, TEENS, TENS, Fragments, LazyPattern, rx, trigger
from timeline.temporal.rulebase import Rule
from timeline.temporal.rules import build_rules
from timeline.temporal.scan import find_candidates, rule_matches, scanner, trigger_hits
from timeline.temporal.wordtree import first_branches, one_path_per_place, word_tree

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "te3-tbaq"


@pytest.mark.parametrize(
    ("year", "day"),
    [(1998, "1998-04-12"), (2000, "2000-04-23"), (2019, "2019-04-21"), (2038, "2038-04-25")],
)
def test_easter(year: int, day: str) -> None:
    assert easter(year) == dt.date.fromisoformat(day)


def test_tabular_islamic_calendar() -> None:
    assert hijri_to_gregorian(1, 1, 1) == dt.date(622, 7, 19)  # 16 July 622 Julian
    assert hijri_to_gregorian(1439, 9, 1) == dt.date(2018, 5, 16)
    assert hijri_to_gregorian(1445, 9, 1) == dt.date(2024, 3, 11)


def test_nth_weekday() -> None:
    assert nth_weekday(1999, 11, 4, 4) == dt.date(1999, 11, 25)  # Thanksgiving
    assert nth_weekday(2018, 5, 1, -1) == dt.date(2018, 5, 28)  # Memorial Day


def test_number_words() -> None:
    lexicon = load_lexicon()
    assert lexicon.number_value("twenty-four") == 24
    assert lexicon.number_value("two thousand") == 2000
    assert lexicon.number_value("a couple of") == 2
    assert lexicon.number_value("several") is None
    assert lexicon.ordinal_value("21st") == 21


def test_leftmost_longest_makes_one_expression() -> None:
    found = tag_text("Monday, Dec. 31", dt.date(2018, 12, 20))
    assert [(e.text, e.rule) for e in found] == [("Monday, Dec. 31", "month_day_year")]


def test_every_rule_has_a_resolver_and_examples() -> None:
    rules = build_rules(load_lexicon())
    assert len({rule.name for rule in rules}) == len(rules)
    assert all(rule.examples for rule in rules)


def _texts() -> list[str]:
    texts = [example[0] for rule in build_rules(load_lexicon()) for example in rule.examples]
    if CORPUS.is_dir():
        texts += [path.read_text("utf-8") for path in sorted(CORPUS.glob("*/*.tml"))[:20]]
    elif os.environ.get("TIMELINE_REQUIRE_EXTERNAL"):
        pytest.fail(f"{CORPUS} is missing")
    return texts


def test_trigger_windows_find_what_a_full_scan_finds() -> None:
    """A rule with a trigger runs only near its trigger words; it must lose nothing."""
    texts = _texts()
    for rule in build_rules(load_lexicon()):
        if rule.trigger is None:
            continue
        for text in texts:
            full = [m.span() for m in rule.pattern.compiled().finditer(text)]
            assert [m.span() for m in rule_matches(rule, text)] == full, rule.name


def test_candidates_are_the_leftmost_longest_of_full_scans() -> None:
    """find_candidates matches windows in its own loop (the twin of rule_matches' path):
    its picks must be those of every rule run over the whole text."""
    rules = build_rules(load_lexicon())
    texts = [*_texts(), "“Two weeks” — ‘three days’ later…\u00a0about 20 years ago, ٣ days."]
    for text in texts:
        every = sorted(
            (m.start(), m.start() - m.end(), order)
            for order, rule in enumerate(rules)
            for m in rule.pattern.compiled().finditer(text)
            if m.end() > m.start() and (rule.accept is None or rule.accept(text, m))
        )
        expected, last_end = [], -1
        for start, negative_length, order in every:
            if start >= last_end:
                last_end = start - negative_length
                expected.append((start, last_end, order))
        found = [(c.start, c.end, c.order) for c in find_candidates(text, rules)]
        assert found == expected, text[:60]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_word_tree_finds_what_the_flat_alternation_finds(flags: int) -> None:
    """Longest first either way: "Sept" before "Sep", "September" before both."""
    words = ["Sep", "Sept", "September", "Oct", "Octo", "a", "an", "and", "Mr.", "1st"]
    assert one_path_per_place(words)
    flat = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    text = "Sept. 5, September, SEP 3, Octopus, an and a Mr. Ant 1st, sepTEMBER octo"
    for pattern in (r"(?:{})", r"(?:{})\b", r"(?:{})(?=\s)"):
        tree = re.compile(pattern.format(word_tree(words)), flags)
        assert [m.span() for m in tree.finditer(text)] == [
            m.span() for m in re.compile(pattern.format(flat), flags).finditer(text)
        ]


def test_rule_patterns_match_their_case_insensitive_word_groups_in_any_case() -> None:
    """``rx`` rewrites "(?i:this\\s+past|last|...)" for speed; what it matches must not change,
    the letters that fold to ASCII ones (long s, dotless i) included."""
    source = r"(?i:this\s+past|this|last|next|since)\s+(?P<unit>(?i:week|year))"
    plain = re.compile(rf"(?<![\w$£€#-]){source}(?![\w])")
    text = (
        "This past week, LAST YEAR, tHIS week, next  Year, thiſ week, ſince year, "
        "nexT weeks, lasting year, pastThis week, this\npast\tyear"
    )
    found = [m.span() for m in rx(source).compiled().finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]
    assert len(found) == 7


def test_number_words_by_first_letter_match_what_their_plain_alternation_matches() -> None:
    """``Fragments.number`` writes its word alternatives as one alternation by first letter
    (for speed); the numbers it reads, and where they end, must not change."""
    lexicon = load_lexicon()
    words = sorted((w for w in lexicon.numbers if w not in ("a", "an")), key=lambda w: (-len(w), w))
    plain = (
        rf"(?P<number>(?i:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?|(?:{TENS})[-\s](?:{ONES})"
        rf"|(?:{ONES}|{TEENS}|{TENS})[-\s](?:hundred|thousand)"
        rf"|an?(?:\s+(?:few|couple(?:\s+of)?|dozen|half))?|{'|'.join(map(re.escape, words))}))"
    )
    text = (
        "Twenty-one days, two hundred years, A Couple of weeks, a few, an hour, sixty "
        "seven, ſeventy-ſix, NINETEEN thousand, 1,500.5 years, 2 1/2, several, tenth, "
        "half a dozen, a dozen, twentyone, Thirty  three, the one, eleven-hundred"
    )
    for shape in (r"(?<![\w-]){}(?![\w])", r"{}\s+(?i:days?|years?|weeks?|hour)", "{}"):
        merged = re.compile(shape.format(Fragments(lexicon).number()))
        found = [m.span() for m in merged.finditer(text)]
        assert found == [m.span() for m in re.compile(shape.format(plain)).finditer(text)]
        assert found


# Letters, prefixes of one another, the empty word, and characters a pattern must escape.
_TREE_WORDS = st.lists(st.text(alphabet="abé.-?( ", max_size=5), min_size=1, max_size=12)


def _both_cases(character: str) -> str:
    """A first character written as the rules' trees write it: a class of both its cases."""
    return f"[{re.escape(character)}{re.escape(character.upper())}]"


@settings(max_examples=300, deadline=None)
@given(words=_TREE_WORDS, text=st.text(alphabet="abéABÉ.-?( x", max_size=40), cased=st.booleans())
def test_any_word_tree_matches_what_its_flat_alternation_matches(
    words: list[str], text: str, cased: bool
) -> None:
    """Whatever the words (escaped characters, shared prefixes, repeats, the empty word) and
    however the first character is written, the tree finds the same words at the same places
    as the alternation of the words, longest first."""
    first = _both_cases if cased else re.escape
    flat = "|".join(
        first(word[0]) + re.escape(word[1:]) if word else ""
        for word in sorted(set(words), key=lambda w: (-len(w), w))
    )
    tree = re.compile(f"(?:{word_tree(words, first)})")
    assert [m.span() for m in tree.finditer(text)] == [
        m.span() for m in re.compile(f"(?:{flat})").finditer(text)
    ]
    if "" not in words:
        joined = "|".join(re.escape(start) + rest for start, rest in first_branches(words).items())
        assert joined == word_tree(words)


def test_first_branches_are_the_word_tree_by_first_character() -> None:
    words = ["sept", "sep", "september", "oct", "a few", "a"]
    branches = first_branches(words)
    assert list(branches) == ["a", "o", "s"]
    assert "|".join(first + rest for first, rest in branches.items()) == word_tree(words)
    with pytest.raises(ValueError, match="empty word"):
        first_branches(["", "a"])


def test_word_tree_is_refused_where_case_would_change_the_order() -> None:
    assert not one_path_per_place(["May", "mayday"])  # "MAYDAY": both match, differently
    assert not one_path_per_place(["Straße"])


def test_a_trigger_missing_from_the_openings_file_is_searched_on_its_own() -> None:
    text = "At 12:30, 9:05 and 123:45 (not 1:2), then 7:00:01."
    clock = trigger(r"\d\d?:\d\d(?#not in the openings file)")
    resolve = build_rules(load_lexicon())[0].resolve
    table = scanner((Rule("clock", "TIME", LazyPattern("x"), resolve, trigger=clock),))
    assert table.patterns and not table.led
    (spans,) = trigger_hits(text, table)
    assert spans == [m.span() for m in clock.finditer(text)]


_TRIGGERED = (
    "On 12/03/1998 at 10:30:15, 3-5 Nov., 1914-18 and 2003/04; the 1990s, 12 to 14 "
    "July, 7TH-9th, 1999-12-31T10:30, 123:45, 2,014, 20 - 25, 1860S and 5 until 8. "
    "In 480 BC, AD 70, 30 B.C., abc, Q3 and q4, Christmas Eve, christmas, Labor Day."
)


@pytest.mark.parametrize(
    "text",
    [
        _TRIGGERED,  # ASCII: the places are found with ASCII classes
        _TRIGGERED.replace("1914-18", "1914–18") + " At ١٠:٣٠ (Arabic-Indic digits).",
    ],
)
def test_every_pattern_trigger_of_the_rules_finds_what_its_search_finds(text: str) -> None:
    """The scanner tries the pattern triggers only where one pass finds one of them opening
    and matching; each still finds exactly its own matches, in its own letter case, and in
    a text beyond ASCII with any digits the triggers take."""
    table = scanner(build_rules(load_lexicon()))
    hits = trigger_hits(text, table)
    for index, pattern in table.led:
        assert hits[index] == [m.span() for m in pattern.finditer(text)], pattern.pattern
    assert all(hits[index] for index, _ in table.led)


@pytest.mark.parametrize(
    "text",
    [
        "“Talks resume in MARCH,” she said on Monday, ‘last week’ too.",
        "İstanbul, March 3: Straße and ŒUVRE stay put; talks end in March.",
        "A Kelvin sign makes a wee\u212a: \u212aelvin wrote on Monday of that week.",
        "Three monthſ ago, on ſunday, and İN JUNE: a \u0131 and a long ſ.",
        "Cafés shut in Mayday-free May; ÉTÉ 2019 ended last Friday.",
    ],
)
def test_trigger_words_are_found_in_any_script(text: str) -> None:
    """Trigger words are found in a lower-cased copy, with the letters a case-insensitive
    rule takes for ASCII ones (the Kelvin sign for "k", the dotted capital I for "i", the
    long s) written as those, so every word a rule can match is a hit; the hits are the
    words themselves, in any letter case, next to any other letter."""
    table = scanner(build_rules(load_lexicon()))
    expected: list[list[tuple[int, int]]] = [[] for _ in table.groups]
    for word in re.finditer(r"[a-z]+", ascii_lower(text)):
        for index in table.by_word.get(word[0], ()):
            expected[index].append(word.span())
    fed = sorted({index for indexes in table.by_word.values() for index in indexes})
    hits = trigger_hits(text, table)
    assert [hits[index] for index in fed] == [expected[index] for index in fed]
    assert any(expected)
