"""Direction of a bare weekday or month from the tense of its clause.

"said on Friday" is the Friday before the reference date, "will meet on Friday" the one
after: the cue nearest the expression, within its sentence, decides; a quotation and the
words around it count as clauses of their own, each read for its cues first. Cues are the
phrases of ``data/tense_cues.tsv`` and any regular past verb ("Cuba predicted Wednesday"):
a word in -ed that is not a passive participle ("is based", "will be closed", "markets
untouched by the crisis") and not listed in the cue file as ``none`` ("alleged",
"hundred").
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache, lru_cache

from timeline.temporal.lexicon import Lexicon
from timeline.temporal.openings import ascii_lower
from timeline.temporal.patterns import ialternation, word_spans
from timeline.temporal.wordtree import word_tree

# "[.!?]\s|\n", written to open with one class so the engine jumps between candidates.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|\s)")
# The cue pattern reads the character before a word, not a lookbehind: see word_spans.
_PAST_VERB_WORD = r"[a-z]{3,}ed\b"  # not after a hyphen: "long-awaited"
_PAST_VERB = rf"{_PAST_VERB_WORD}(?!\s+by\b)"
_PAST_VERB_HERE = re.compile(_PAST_VERB)
# A participle after these is passive or progressive, not a past tense: "is based", "be closed".
_WORD = re.compile(r"[\w'-]+")
# Between a verb and a date these make the date a limit, not the event's time: "extended to".
_DEADLINE = frozenset({"to", "by", "until", "till", "through", "before", "after", "since"})
_BE = frozenset({"be", "being", "is", "are", "am", "'re"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that"})
# A comma or quote between an expression and a later cue: the cue may belong to another clause.
_CLAUSE_MARK = re.compile(r"[,;:'\"`’”]")
# Quotation marks: double quotes (straight, curly, TeX-style as TimeBank writes them); an
# opening curly single quote; a single quote that closes a quoted clause, after its
# punctuation ("Friday,'" but not "Inc.'s") or before it (British style: "Friday', the
# mayor said"). A straight single quote that opens is not told from an apostrophe ('90s,
# 'Christmas tree' bill), so it is not read. Written to open with a class of the quote
# characters, which the engine jumps between; the lookarounds then tell a mark from an
# apostrophe.
_QUOTE = re.compile(
    r"[\"“”‘`'’](?:(?<=[\"“”‘])|(?<=`)`|(?<=')'"
    r"|(?<=[,.!?]['’])(?![a-z])|(?<=[a-z]['’])(?=[,.;:!?]))"
)


class Tense(str, Enum):
    """The clause's direction; ``PAST_EVENT`` and ``FUTURE_EVENT`` when the cue is the verb of
    the very event the expression dates, at most two words away and with no deadline word
    between ("bought RJR in February", "will visit in March", but not "extended to Nov. 20")."""

    PAST = "past"
    FUTURE = "future"
    NONE = "none"
    PAST_EVENT = "past event"
    FUTURE_EVENT = "future event"

    @property
    def is_past(self) -> bool:
        return self in (Tense.PAST, Tense.PAST_EVENT)

    @property
    def is_future(self) -> bool:
        return self in (Tense.FUTURE, Tense.FUTURE_EVENT)


# A tense whose cue is the verb of the very event the expression dates.
_OF_THE_EVENT = {Tense.PAST: Tense.PAST_EVENT, Tense.FUTURE: Tense.FUTURE_EVENT}


@cache
def _cue_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """The listed cues and, where none starts, a regular past verb: one pass over a sentence.

    Compiled once per lexicon (identity-hashed): sorting the cues per sentence was a cost.
    """
    return re.compile(rf"[^\w'](?:(?:{ialternation(lexicon.tense_cues)})(?!\w)|(?<!-){_PAST_VERB})")


@cache
def _lower_cue_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    """The cue pattern for a lower-cased ASCII sentence, the listed cues a plain prefix tree:
    the engine picks a branch by comparing letters, where under ``(?i:)`` every letter is a
    case-folding test (the pass took a third less). A past verb (group ``verb``) is matched
    in any case and kept only where :data:`_PAST_VERB_HERE` matches it in the sentence as
    written. ``None`` when a cue is not ASCII (its lower case could fold otherwise)."""
    cues = {cue.lower() for cue in lexicon.tense_cues}
    if not all(cue.isascii() for cue in cues):
        return None
    return re.compile(rf"[^\w'](?:(?:{word_tree(cues)})(?!\w)|(?<!-)(?P<verb>{_PAST_VERB_WORD}))")


def _cue_spans(text: str, left: int, right: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where ``_cue_pattern`` matches in ``text[left:right]``, found in its lower case when it
    is ASCII (see ``word_spans`` for the character read before ``left``)."""
    lowered_pattern = _lower_cue_pattern(lexicon)
    base = left - 1 if left else 0
    piece = text[base:right]
    if lowered_pattern is None or not piece.isascii():
        return word_spans(_cue_pattern(lexicon), text, left, right)
    lowered, shift = (piece.lower(), base + 1) if left else ("\n" + piece.lower(), 0)
    spans = []
    for match in lowered_pattern.finditer(lowered):
        start = match.start() + shift
        if match["verb"] is not None and _PAST_VERB_HERE.match(text, start, right) is None:
            continue  # a capital, or "by" after it, as written
        spans.append((start, match.end() + shift - 1))
    return spans


@cache
def _cue_tenses(lexicon: Lexicon) -> dict[str, Tense]:
    """Each cue phrase's tense, looked up once per lexicon rather than per cue found."""
    return {phrase: Tense(tense) for phrase, tense in lexicon.tense_cues.items()}


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last boundary before to the next after."""
    left, window = 0, 256
    while True:  # look back in growing windows, not from the top of a long text every time
        low = max(0, start - window)
        for match in _SENTENCE_END.finditer(text, low, start):
            left = match.end()
        if left or low == 0:
            break
        window *= 4
    following = _SENTENCE_END.search(text, end)
    right = following.start() + 1 if following else len(text)
    return left, right


def _is_participle(text: str, left: int, start: int) -> bool:
    """A past form that is a passive participle or an adjective, not a past tense: "is based",
    "will be paid", "the reduced dividend", "a still unspecified date"."""
    before = _WORD.findall(text[max(left, start - 24) : start].lower())[-2:]
    if not before:
        return False
    if before[-1] in _BE or before[-1] in _DETERMINERS:
        return True
    return len(before) == 2 and before[0] in _DETERMINERS and before[1].endswith(("ly", "still"))


@lru_cache(maxsize=32)
def _cues(text: str, left: int, right: int, lexicon: Lexicon) -> tuple[tuple[int, int, Tense], ...]:
    """Every cue of the sentence as (start, end, tense); listed phrases win over -ed verbs.

    Cached: the expressions of one sentence share its cues."""
    found: list[tuple[int, int, Tense]] = []
    verbs: list[tuple[int, int, Tense]] = []
    tenses = _cue_tenses(lexicon)
    for start, end in _cue_spans(text, left, right, lexicon):
        # A past verb is found only where no listed cue starts, so a word the list holds
        # is always a listed cue here.
        tense = tenses.get(ascii_lower(text[start:end]))
        if tense is None:
            if not _is_participle(text, left, start):
                verbs.append((start, end, Tense.PAST))
            continue
        if tense is Tense.PAST and _is_participle(text, left, start):
            tense = Tense.NONE
        found.append((start, end, tense))
    return tuple(cue for cue in found + verbs if cue[2] is not Tense.NONE)


def _is_event_verb(text: str, left: int, start: int, end: int, cue: tuple[int, int]) -> bool:
    """Whether the cue is the verb of the event the expression dates: at most two words away,
    the expression not a limit ("by May", "extended to Nov. 20"), and a cue after it not
    beyond a comma or quote ("... this summer,'' said X") unless the expression opens the
    sentence ("In January, the company bought ...")."""
    after = cue[0] >= end
    between = text[end : cue[0]] if after else text[cue[1] : start]
    words = [word.lower() for word in _WORD.findall(between)]
    if len(words) > 2 or any(word in _DEADLINE for word in words):
        return False
    previous = _WORD.findall(text[left:start].lower())
    if previous and previous[-1] in _DEADLINE:
        return False
    if after and _CLAUSE_MARK.search(between):
        return len(previous) <= 1
    return True


@lru_cache(maxsize=32)
def _quote_marks(text: str, left: int, right: int) -> tuple[tuple[int, int], ...]:
    """The spans of the sentence's quotation marks (cached like its cues), less the pairs
    around one word: scare quotes ('Police "arrested" him') leave the clause whole."""
    marks = [mark.span() for mark in _QUOTE.finditer(text, left, right)]
    kept: list[tuple[int, int]] = []
    at = 0
    while at < len(marks):
        if at + 1 < len(marks) and _one_word(text[marks[at][1] : marks[at + 1][0]]):
            at += 2
            continue
        kept.append(marks[at])
        at += 1
    return tuple(kept)


def _one_word(text: str) -> bool:
    return bool(text) and not any(char.isspace() for char in text)


def _quoted_part(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence ``text[left:right]`` between the quotation marks around
    ``text[start:end]`` (the whole sentence when none falls on either side): what is quoted
    and the words around the quote are clauses with tenses of their own ("We will reopen
    on Friday," the mayor said on Monday)."""
    low, high = left, right
    for mark_start, mark_end in _quote_marks(text, left, right):
        if mark_end <= start:
            low = mark_end
        elif mark_start >= end:
            high = mark_start
            break
    return low, high


def infer_tense(text: str, start: int, end: int, lexicon: Lexicon) -> Tense:
    left, right = clause_bounds(text, start, end)
    cues = _cues(text, left, right, lexicon)
    low, high = _quoted_part(text, left, right, start, end)
    if low > left or high < right:  # a quote: its own cues first, then the sentence's
        cues = tuple(cue for cue in cues if low <= cue[0] and cue[1] <= high) or cues
    best: tuple[int, Tense, tuple[int, int]] | None = None
    for cue_start, cue_end, tense in cues:
        if start <= cue_start < end:
            continue
        distance = start - cue_end if cue_end <= start else cue_start - end
        if best is None or distance < best[0]:
            best = (distance, tense, (cue_start, cue_end))
    if best is None:
        return Tense.NONE
    _, tense, cue = best
    if _is_event_verb(text, left, start, end, cue):
        return _OF_THE_EVENT[tense]
    return tense
