"""Word lists of the resolver, read from the TSV files in ``data/``.

The vocabulary is data so a reader can find and change a month name or a unit word
without reading the engine; each file says its own format in its header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Unit:
    code: str
    clock: bool


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Identity-hashed so compiled rule tables can be cached per lexicon."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, str]
    units: dict[str, Unit]
    deictic_days: dict[str, tuple[int, str | None]]
    tense_cues: dict[str, str]
    fixed_refs: dict[str, str]

    def number_value(self, word: str) -> int | None:
        """Value of "24", "twenty-four", "a"; ``None`` for vague words like "several"."""
        cleaned = word.lower().replace(",", "").strip()
        if cleaned.isdigit():
            return int(cleaned)
        total = 0
        for part in re.split(r"[-\s]+", cleaned):
            value = self.numbers.get(part)
            if value is None or value == "X":
                return None
            total = total * int(value) if value == "100" and total else total + int(value)
        return total

    def unit(self, word: str) -> Unit | None:
        return self.units.get(singular_unit(word.lower()))


def singular_unit(word: str) -> str:
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def _rows(name: str) -> list[list[str]]:
    text = resources.files("timeline.temporal").joinpath("data").joinpath(name).read_text("utf-8")
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
        units={word: Unit(code, clock == "1") for word, code, clock in _rows("units.tsv")},
        deictic_days={
            word: (int(offset), None if part == "-" else part)
            for word, offset, part in _rows("deictic_days.tsv")
        },
        tense_cues={phrase: tense for phrase, tense in _rows("tense_cues.tsv")},
        fixed_refs={phrase: value for phrase, value in _rows("present_refs.tsv")},
    )


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so "Sept" beats "Sep"."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)
