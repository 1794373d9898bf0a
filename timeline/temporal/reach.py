"""How far a rule's matches can reach around its trigger's hits, read off its pattern.

The scanner runs a rule only in windows around the hits of its trigger (``scan.py``). A
window must hold every match that contains the hit, and every character the engine reads
past that match (a lookahead such as ``(?!\\s*%)``): ``finditer`` with an end position does
not see beyond it. The window is cut to measure for each rule:

- With no more than the trigger contract (every match contains a hit, or reads one in a
  lookaround), a match that reads at most ``extent`` characters from its start, and a
  lookbehind at most ``back`` before it, lies with all it reads in
  ``[hit end - extent, hit start + back + extent)``.
- Most rules hold the trigger word in a group every match has ("years" in ``unit``, the
  ``(?i:ago)`` of "two years ago"). When every string the group can match is one of the
  trigger's words and no letter can touch it (the scanner finds whole words: a weekday
  that may take a plural "s" has the longer "Wednesdays" for its hit), the hit lies inside
  the group, and only what stands before and after the group counts: a duration reaches
  far back ("no more than the past twenty-four to thirty-six more years") but only a few
  characters past its unit.

Widths are finite because the only unbounded repeats in the rules are runs of whitespace,
of whitespace and hyphens, and of digits, commas and points. A repeat is counted as long
as the longest such run the text may hold (parts of one class in a row, as long as one
run): ``TIGHT_RUNS`` fits news and narrative text; a text with a longer run is cut by
``LOOSE_RUN`` (``run_level`` tells which), and one with a run longer still is scanned
whole. A window also ends on a space, never inside a word (``scan.merge_windows``). So
no match is lost or cut, given the trigger contract.

Reading a pattern's structure (``reach_measure.py``) takes the ``re`` module's own parser,
not a public API, and as long again as compiling the pattern, so the reaches are worked out
ahead of time into ``data/reaches.tsv`` by ``scripts/update_openings.py``; a rule missing
from that file (an edited rule, another lexicon) is measured when its scanner is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from timeline.temporal.openings import fingerprint, packaged_text

REACHES_FILE = "reaches.tsv"
# Run classes of the unbounded repeats, each with the longest run ``TIGHT_RUNS`` allows.
SPACE, SPACE_OR_HYPHEN, DIGITS = "space", "space or hyphen", "digits"
TIGHT_RUNS = {SPACE: 2, SPACE_OR_HYPHEN: 6, DIGITS: 16}
LOOSE_RUN = 64
_TIGHT_BREAKERS = tuple(
    re.compile(f"{run}{run}{{{TIGHT_RUNS[kind]}}}")
    for kind, run in ((SPACE, r"\s"), (SPACE_OR_HYPHEN, r"[\s-]"), (DIGITS, r"[\d,.]"))
)
_LOOSE_BREAKER = re.compile(rf"[\s\d,.-]{{{LOOSE_RUN + 1}}}")


# The bytes of a text's UTF-8 with each ASCII character written as its run class: space,
# hyphen, digit (or comma), anything else; a run of a class is then a run of one byte.
def _class_byte(code: int) -> int:
    """The byte a text byte is written as: a space, the hyphen, a digit, or ``x``."""
    char = chr(code)
    if code < 128 and char.isspace():
        return ord(" ")
    if char == "-":
        return ord("-")
    return ord("0") if char in "0123456789,." else ord("x")


_CLASS_BYTES = bytes.maketrans(bytes(range(256)), bytes(map(_class_byte, range(256))))
_TIGHT_BYTE_RUNS = (b" " * (TIGHT_RUNS[SPACE] + 1), b"0" * (TIGHT_RUNS[DIGITS] + 1))
_SPACE_OR_HYPHEN_RUN = b" " * (TIGHT_RUNS[SPACE_OR_HYPHEN] + 1)
# A character outside ASCII that is space or a digit ("\xa0", Arabic-Indic digits).
_WIDE_SPACE_OR_DIGIT = re.compile(r"[^\x00-\x7f](?<=[\s\d])")


class Reach(NamedTuple):
    """A window ``[hit end - before, hit start + after)`` holds every match around a hit."""

    before: int
    after: int


class Reaches(NamedTuple):
    """A rule's reach in a text whose runs ``TIGHT_RUNS`` bound, and in one ``LOOSE_RUN``
    bounds."""

    tight: Reach
    loose: Reach


def run_level(text: str) -> int:
    """Which reach holds in ``text``: 0 the tight one, 1 the loose one, 2 none (scan it all).

    Its runs are found in the text's bytes with each character written as its class, where
    ``bytes`` finds a run of one byte at memory speed (a regex pass over the text took six
    times as long); characters outside ASCII are no run's unless the text has a space or
    a digit among them, which the regex passes then look for.
    """
    if text.isascii() or _WIDE_SPACE_OR_DIGIT.search(text) is None:
        classes = text.encode("utf-8", "surrogatepass").translate(_CLASS_BYTES)
        if not any(run in classes for run in _TIGHT_BYTE_RUNS) and (
            _SPACE_OR_HYPHEN_RUN not in classes.replace(b"-", b" ")
        ):
            return 0
    elif not any(breaker.search(text) for breaker in _TIGHT_BREAKERS):
        return 0
    return 1 if _LOOSE_BREAKER.search(text) is None else 2


def reach_key(source: str, flags: int, words: Iterable[str]) -> str:
    """The key of a rule in the reaches file: its pattern, its trigger's words and the run
    lengths the reaches were measured for."""
    runs = f"{sorted(TIGHT_RUNS.items())} {LOOSE_RUN}"
    text = f"{int(flags)}\0{source}\0{' '.join(sorted(words))}\0{runs}"
    return fingerprint(text)


@cache
def shipped_reaches() -> dict[str, Reaches]:
    """The packaged reaches file: key to reaches. Missing or unreadable, it is empty."""
    return parse_reaches(packaged_text(REACHES_FILE))


def parse_reaches(text: str) -> dict[str, Reaches]:
    """Key to reaches from a reaches file's text; a damaged row is passed over."""
    found: dict[str, Reaches] = {}
    for line in text.splitlines():
        row = line.split("\t")
        if line.startswith("#") or len(row) != 6 or not all(f.isdecimal() for f in row[2:]):
            continue
        numbers = [int(field) for field in row[2:]]
        found[row[1]] = Reaches(Reach(*numbers[:2]), Reach(*numbers[2:]))
    return found
