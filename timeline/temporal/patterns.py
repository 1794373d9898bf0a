"""Regex fragments shared by the rule families, built once from the lexicon.

Every fragment that captures uses a named group; a rule that needs the same fragment
twice asks for it under another name (``fragments.month("month2")``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from timeline.programs import compiled
from timeline.temporal.lexicon import Lexicon, alternation
from timeline.temporal.openings import ASCII_FOLDS, grouped, with_opening
from timeline.temporal.wordtree import first_branches, word_tree

TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ONES = "one|two|three|four|five|six|seven|eight|nine"
TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


# A case-insensitive group of plain words ("(?i:last|this|next)", "(?i:this\s+past|past)").
_PLAIN_WORDS = r"[a-z]+(?:\\s\+[a-z]+)*"
_WORD_GROUP = re.compile(rf"(?<!\\)\(\?i:(?P<words>{_PLAIN_WORDS}(?:\|{_PLAIN_WORDS})+)\)")


class LazyPattern:
    """A rule's pattern, compiled the first time a text needs it, behind the lookahead of
    its opening characters when the openings file has them (see ``openings``).

    A short article runs about half of the rules; compiling all of them up front was an
    eighth of a one-article ``timeline extract``.
    """

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            # Through programs: the engine's search is told the opening class (see
            # programs._searched_by_opening), which re.compile would not tell it.
            self._compiled = compiled(self.full_source(), self.flags)
        return self._compiled

    def full_source(self) -> str:
        """What is compiled: the source behind its opening lookahead."""
        return with_opening(self.source, self.flags)


def rx(source: str, flags: int = 0) -> LazyPattern:
    """A pattern that starts and ends on word boundaries (hyphens count as word characters),
    every alternative of it: the source is grouped, so a ``|`` in it is inside the bounds.

    Its case-insensitive word groups are written as :func:`iwords`: the same matches, but
    the engine skips a word whose first letter none of them has.
    """
    fast = _WORD_GROUP.sub(lambda group: iwords(group["words"]), source)
    return LazyPattern(rf"(?<![\w$£€#-]){grouped(fast, flags)}(?![\w])", flags)


def word_spans(
    pattern: re.Pattern[str], text: str, left: int = 0, right: int | None = None
) -> list[tuple[int, int]]:
    """Where ``pattern``'s words are in ``text[left:right]``, for a pattern that reads the
    character before each word (``[^a-z]word``) where a lookbehind would check it.

    Opening with a character class, such a pattern lets the engine jump over the letters
    inside words; a lookbehind first makes it try every place. The character before
    ``left`` is read too, and a text's start reads as a line break.
    """
    end = len(text) if right is None else right
    if left:
        return [(match.start() + 1, match.end()) for match in pattern.finditer(text, left - 1, end)]
    return [(match.start(), match.end() - 1) for match in pattern.finditer("\n" + text[:end])]


def ci(source: str) -> str:
    """Case-insensitive sub-pattern (months and weekdays stay case-sensitive)."""
    return f"(?i:{source})"


def iwords(alternatives: str | Iterable[str]) -> str:
    """``(?i:a|b|...)`` for literal words (or ``a|b`` alternatives that open with a letter),
    in the order given, but each opening with a case-sensitive class: ``[Aa]bout``.

    The regex engine skips an alternative whose first character cannot match without
    entering it only when that character is a plain literal or class; a case-insensitive
    letter is neither. Qualifiers and number words are tried at every word of the text,
    so this is much of a rule's cost. When every alternative opens with a letter, those that
    share it share its class (``[Ss](?:even|ix)``): the order among them is kept, and the
    others could not match where they do.
    """
    items = list(alternatives.split("|") if isinstance(alternatives, str) else alternatives)
    if not all(_opens_with_letter(item) for item in items):
        return f"(?i:{'|'.join(_first_letter(item[:1]) + item[1:] for item in items)})"
    return f"(?i:{by_first_letter([[(item[0], item[1:]) for item in items]])})"


def by_first_letter(alternatives: Iterable[Iterable[tuple[str, str]]]) -> str:
    """One alternation of alternatives that open with an ASCII letter, each given as
    ``(first letter, the rest)`` pairs (a rest with no ``|`` outside a group), for a
    case-insensitive pattern: the pairs of one letter, from all the alternatives, share one
    class of its cases (see :func:`iwords`).

    The engine then tests a place's letter once, where it entered every alternative in
    turn. The matches are the same: the order among the pairs of one letter is kept, and
    pairs of another letter cannot match where they do.
    """
    rests: dict[str, list[str]] = {}
    for alternative in alternatives:
        for first, rest in alternative:
            rests.setdefault(first.lower(), []).append(rest)
    return "|".join(_first_letter(first) + _one_of(group) for first, group in rests.items())


def _one_of(alternatives: list[str]) -> str:
    """One alternative as it is, several as a group, so that what follows applies to all."""
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def _opens_with_letter(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


def _words_then(words: str, after: str) -> list[tuple[str, str]]:
    """``(?:one|two)`` then ``after``, as :func:`by_first_letter` pairs: the words grouped
    by first letter (in their order), each group's rests followed by ``after``."""
    tails: dict[str, list[str]] = {}
    for word in words.split("|"):
        tails.setdefault(word[0], []).append(word[1:])
    return [(first, _one_of(group) + after) for first, group in tails.items()]


def _first_letter(char: str) -> str:
    """A word's first character as a case-sensitive class of its cases (see :func:`iwords`)."""
    first = char.lower()
    if first.isascii() and first.isalpha():
        return f"(?-i:[{first}{first.upper()}{ASCII_FOLDS.get(first, '')}])"
    return char


def ialternation(words: Iterable[str]) -> str:
    """Case-insensitive :func:`alternation` of literal words (longest first), via :func:`iwords`;
    ASCII words as a prefix tree of their lower case (see ``wordtree``)."""
    unique = set(words)
    if all(w.isascii() for w in unique):
        return (
            f"(?i:{word_tree({w.lower() for w in unique}, lambda c: _first_letter(re.escape(c)))})"
        )
    return iwords(re.escape(w) for w in sorted(unique, key=lambda w: (-len(w), w)))


def full_names(names: dict[str, int]) -> list[str]:
    """The longest word for each number is the full name; the others are abbreviations."""
    longest: dict[int, str] = {}
    for word, number in names.items():
        if len(word) > len(longest.get(number, "")):
            longest[number] = word
    return sorted(longest.values())


class Fragments(NamedTuple):
    """Pattern pieces for one lexicon."""

    lexicon: Lexicon

    def month(self, name: str = "month") -> str:
        full = full_names(self.lexicon.months)
        short = [m for m in self.lexicon.months if m not in full]
        upper = [m.upper() for m in full if len(m) > 3]
        return (
            rf"(?P<{name}>(?:{alternation(full)}|{alternation(upper)})(?![a-z])"
            rf"|(?:{alternation(short)})(?:\.|(?=\s+\d)))"
        )

    def weekday(self, name: str = "weekday") -> str:
        full = full_names(self.lexicon.weekdays)
        short = [d for d in self.lexicon.weekdays if d not in full]
        return (
            rf"(?P<{name}>(?:{alternation(full)})(?![a-z])"
            rf"|(?:{alternation(short)})(?:\.|(?=,?\s+(?:[A-Z]|\d))))"
        )

    def day(self, name: str = "day") -> str:
        return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d|\s*(?:%|percent))"

    def ordinal_day(self, name: str = "ordinal_day") -> str:
        words = [w for w, v in self.lexicon.ordinals.items() if 1 <= v <= 31]
        return rf"(?P<{name}>{ialternation(words)})"

    def year(self, name: str = "year") -> str:
        return rf"(?P<{name}>(?:1[0-9]|20)\d\d|'\d\d)(?![\d,]\d|-\d|\s*(?:%|percent))"

    def number(self, name: str = "number") -> str:
        """Digits, or number words: "twenty-one", "two hundred", "a few", "several". The
        words' alternatives are one alternation by first letter (:func:`by_first_letter`):
        a number is tried at most words of a text, and this was half of a rule's cost."""
        words = [w for w in self.lexicon.numbers if w not in ("a", "an")]
        digits = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?"
        compounds = [
            _words_then(TENS, rf"[-\s]{iwords(ONES)}"),
            _words_then(f"{ONES}|{TEENS}|{TENS}", r"[-\s](?:hundred|thousand)"),
            [("a", r"n?(?:\s+(?:few|couple(?:\s+of)?|dozen|half))?")],
        ]
        if all(w.isascii() and _opens_with_letter(w) for w in words):
            tree = first_branches({w.lower() for w in words})
            spelled = by_first_letter([*compounds, list(tree.items())])
        else:  # a lexicon of other letters: the words as their own alternative
            spelled = f"{by_first_letter(compounds)}|{ialternation(words)}"
        return rf"(?P<{name}>(?i:{digits}|{spelled}))"

    def unit(self, name: str = "unit") -> str:
        return (
            rf"(?P<{name}>"
            + iwords(
                r"seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
                r"|quarters?|years?|decades?|century|centuries|millennium|millennia"
            )
            + ")"
        )

    def calendar_unit(self, name: str = "unit") -> str:
        return rf"(?P<{name}>{iwords(CALENDAR_UNIT_WORDS)})"

    def season(self, name: str = "season") -> str:
        return rf"(?P<{name}>{ialternation(self.lexicon.seasons)})"

    def part_of_day(self, name: str = "part_of_day") -> str:
        return rf"(?P<{name}>{ialternation(self.lexicon.parts_of_day)})"

    def spelled_year(self, name: str = "spelled_year") -> str:
        century = rf"(?:{TEENS})"
        rest = rf"(?:(?:{TENS})(?:[-\s](?:{ONES}))?|oh[-\s](?:{ONES})|hundred|{TEENS})"
        thousands = rf"two\s+thousand(?:\s+(?:and\s+)?(?:{TENS}|{TEENS}|{ONES}))?"
        return rf"(?P<{name}>(?i:{century}[-\s]{rest}|{thousands}))"


def spelled_year_value(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2001 for "two thousand and one"."""
    words = [w for w in re.split(r"[-\s]+", text.lower()) if w and w != "and"]
    values = {
        w: i
        for i, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen".split()
        )
    }
    values.update({w: 10 * (i + 2) for i, w in enumerate(TENS.split("|"))})
    values["oh"] = 0
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(values.get(w, 0) for w in words[2:])
    if not words or words[0] not in values:
        return None
    head = values[words[0]] * 100
    if words[1:] == ["hundred"]:
        return head
    return head + sum(values.get(w, 0) for w in words[1:])


def modifier_prefix(lexicon: Lexicon, applies_to: str) -> str:
    """Optional qualifier before an expression, captured as ``modifier`` ("early", "about").

    Qualifiers of lengths never stand before "the": in "over the weekend" "over" is a
    preposition, in "over three weeks" a qualifier.
    """
    words = [w for w, m in lexicon.modifiers.items() if m.applies_to in (applies_to, "any")]
    if applies_to == "length":
        return rf"(?:(?P<modifier>{ialternation(words)})\s+(?!the\b))?"
    return rf"(?:(?P<modifier>{ialternation(words)})(?:\s*-\s*|\s+))?"


def trigger(pattern: str, ignore_case: bool = True) -> re.Pattern[str]:
    """A cheap pattern every match of a rule contains (see ``Rule.trigger``): digits, "a.m.".

    Let every match open with one of a few characters (a digit, a capital): the openings
    file then holds them, and the scanner tries the pattern only at the places where one
    pass over the text, for all such triggers at once, finds one of them matching (see
    ``scan.trigger_hits``).
    """
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


def words(*groups: str | Iterable[str]) -> frozenset[str]:
    """A trigger of words (lower case, letters only): a match must contain one of them."""
    found: set[str] = set()
    for group in groups:
        items = group.split("|") if isinstance(group, str) else group
        for item in items:
            found.update(w.lower() for w in re.findall(r"[A-Za-z]+", item))
    return frozenset(found)


UNIT_WORDS = (
    "second|seconds|minute|minutes|hour|hours|day|days|night|nights|week|weeks|weekend|weekends"
    "|fortnight|fortnights|month|months|quarter|quarters|year|years|decade|decades|century"
    "|centuries|millennium|millennia"
)


def month_trigger(lexicon: Lexicon) -> frozenset[str]:
    return words(lexicon.months)


def weekday_trigger(lexicon: Lexicon) -> frozenset[str]:
    return words(lexicon.weekdays)


def unit_trigger() -> frozenset[str]:
    return words(UNIT_WORDS)


CALENDAR_UNIT_WORDS = "day|week|weekend|month|quarter|year|decade|century"


def calendar_unit_trigger() -> frozenset[str]:
    """The words of :meth:`Fragments.calendar_unit` (singular only): a rule built on it runs
    near far fewer words than near every unit word ("days", "hours", ...)."""
    return words(CALENDAR_UNIT_WORDS)


def part_of_day_trigger(lexicon: Lexicon) -> frozenset[str]:
    return words(lexicon.parts_of_day)
