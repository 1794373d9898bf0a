"""Word lists of the resolver, read from the TSV files in ``data/``.

The vocabulary is data so a reader can find and change a month name or a unit word
without reading the engine; each file says its own format in its header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from timeline.temporal.openings import ascii_lower, package_data
from timeline.temporal.wordtree import one_path_per_place, word_tree


class Unit(NamedTuple):
    """A time unit's TIMEX3 duration letter, whether it goes after the T of a duration (hours,
    minutes, seconds) and how many of that letter one unit is (a decade is ten years)."""

    code: str
    clock: bool
    multiplier: int = 1


class Modifier(NamedTuple):
    """A qualifier's TimeML ``mod`` ("-" for none) and what it may qualify."""

    mod: str
    applies_to: str  # "point", "length" or "any"


class Holiday(NamedTuple):
    """How a holiday's date is found each year: its rule and the rule's arguments, as
    ``data/holidays.tsv`` spells them."""

    kind: str  # "fixed", "nth", "easter" or "hijri"
    args: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Identity-hashed so compiled rule tables can be cached per lexicon."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, str]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    deictic_days: dict[str, tuple[int, str | None]]
    tense_cues: dict[str, str]
    fixed_refs: dict[str, str]
    modifiers: dict[str, Modifier]
    frequencies: dict[str, str]
    holidays: dict[str, Holiday]

    def number_value(self, word: str) -> int | None:
        """Value of "24", "twenty-four", "a", "a dozen"; ``None`` for vague words like "several"."""
        cleaned = ascii_lower(word).replace(",", "").strip()
        if cleaned.isdigit():
            return int(cleaned)
        whole = self.numbers.get(" ".join(cleaned.split()))
        if whole is not None:
            return None if whole == "X" else int(whole)
        total = 0
        for part in re.split(r"[-\s]+", cleaned):
            if part in ("and", "of"):
                continue
            value = self.numbers.get(part)
            if value is None or value == "X":
                return None
            number = int(value)
            if number in (100, 1000) and total:
                total *= number
            elif number == 12 and part == "dozen" and total:
                total *= 12
            else:
                total += number
        return total

    def ordinal_value(self, word: str) -> int | None:
        """Value of "third", "3rd", "21st"; ``None`` for anything else."""
        cleaned = ascii_lower(word).strip()
        digits = re.match(r"^(\d+)(?:st|nd|rd|th)$", cleaned)
        if digits:
            return int(digits.group(1))
        return self.ordinals.get(cleaned.replace(" ", "-"))

    def unit(self, word: str) -> Unit | None:
        return self.units.get(singular_unit(ascii_lower(word)))


def singular_unit(word: str) -> str:
    irregular = {"centuries": "century", "millennia": "millennium"}
    if word in irregular:
        return irregular[word]
    return word[:-1] if word.endswith("s") else word


def _rows(name: str) -> list[list[str]]:
    text = package_data(name)
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon; immutable, so reading it once is safe."""
    return Lexicon(
        months={word: int(num) for word, num in _rows("months.tsv")},
        weekdays={word: int(num) for word, num in _rows("weekdays.tsv")},
        numbers={word: value for word, value in _rows("numbers.tsv")},
        ordinals={word: int(value) for word, value in _rows("ordinals.tsv")},
        units={
            word: Unit(code, clock == "1", int(multiplier))
            for word, code, clock, multiplier in _rows("units.tsv")
        },
        seasons={word: code for word, code in _rows("seasons.tsv")},
        parts_of_day={word: code for word, code in _rows("parts_of_day.tsv")},
        deictic_days={
            word: (int(offset), None if part == "-" else part)
            for word, offset, part in _rows("deictic_days.tsv")
        },
        tense_cues={phrase: tense for phrase, tense in _rows("tense_cues.tsv")},
        fixed_refs={phrase: value for phrase, value in _rows("present_refs.tsv")},
        modifiers={
            phrase: Modifier(mod, applies) for phrase, mod, applies in _rows("modifiers.tsv")
        },
        frequencies={word: value for word, value, _quant in _rows("frequencies.tsv")},
        holidays={
            name: Holiday(kind, tuple(args.split())) for name, kind, args in _rows("holidays.tsv")
        },
    )


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so "Sept" beats "Sep" (as a prefix
    tree when that finds the same words in any letter case: see ``wordtree``)."""
    return _alternation(frozenset(words))


@cache
def _alternation(unique: frozenset[str]) -> str:
    """Kept per word set: the rules ask for the same ones (months, weekdays) many times."""
    if one_path_per_place(unique):
        return word_tree(unique)
    ordered = sorted(unique, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)
