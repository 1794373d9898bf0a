"""The reference time a text sets: when year-less dates lean on the text, not the publication.

News is told from its publication date ("on Friday", "in March"); histories and the
background passages inside news are told from a time the text itself sets ("On 1
September 1939 ... two days later ... in June"). Two decisions make this work without a
flag:

- **The document's kind.** A text without a publication date, or whose stated years lie
  mostly far from it (a Wikipedia history downloaded in 2009), is narrative throughout.
- **Background passages in news.** A date far from the publication date that opens its
  sentence ("Back in 1994, ...", "In March 1991, ...") sets the reference time for what
  follows in its paragraph, until the text comes back to the publication date: an
  expression counted from it, a date near it, a sentence that turns back to the present
  ("However, ...", "Today ..."), or a new paragraph. A far date inside a relative clause
  ("a program approved in 1987 ...") sets no scene.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

from timeline.temporal.resolver import EraMention, Mention, Mode, Resolution, parse_year
from timeline.temporal.timex import DAY_PRECISE, Granularity, TimexValue, parse_timex_value

DocumentKind = Literal["news", "narrative"]

#: Years within this distance of the publication year are the news's own time.
NEAR_YEARS = 1
#: A text is narrative when fewer than this share of its stated years are near publication.
NEWS_SHARE = 0.5
#: ... and it states at least this many years (a few old years do not make a history) ...
MIN_STATED = 5
#: ... or, stating fewer, at least this many, none of them near the publication date.
FEW_STATED = 3
#: ... and counts from the publication date ("yesterday", "on Friday") at most this often
#: per stated year: news does so all the time, histories hardly ever.
DEICTIC_SHARE = 0.1
#: The rules whose expressions count from the publication date.
DEICTIC_RULES = frozenset(
    {"deictic_day", "deictic_part_of_day", "part_of_day_deictic", "weekday", "relative_unit", "ago"}
)
# A background passage inside news runs to the end of its paragraph.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# Where a sentence starts: the text before a framing date holds none of these.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“(])|\n")
# A sentence that turns back to the present ends a background passage: "However, ...".
_RETURN_TO_NOW = re.compile(
    r"[.!?][\"'”’)]*\s+(?:However|But|Now|Today|Currently|Meanwhile|Since\s+then|These\s+days"
    r"|Nowadays|This\s+(?:week|month|year))\b"
)
# A date that frames its sentence stands first, after at most a preposition: "Back in 1994,",
# "In March 1991", "On June 5, 1989,". A date inside a relative clause sets no scene.
_FRAME_LEAD = re.compile(
    r"^[\s\"“(]*(?:(?:back|way\s+back|as\s+early\s+as|even|then|and|but)\s+)?"
    r"(?:(?:in|on|by|during|since|until|from|as\s+of|at\s+the\s+(?:start|end|beginning)\s+of"
    r"|early|late|mid|between)\s*-?\s*)?(?:the\s+)?$",
    re.IGNORECASE,
)
_STATED_KEYS = ("year", "year_of", "bc_number")
_BC_YEAR = re.compile(r"^BC(?P<year>\d{4})")
# Read once: an enum member looked up on its class costs a call in Python 3.11.
_YEAR_RANK = Granularity.YEAR.rank


class Evidence(NamedTuple):
    """What the candidates say about the text before anything is resolved."""

    years: tuple[int, ...]  # the years stated outright ("1939", "June 22, 1941")
    deictic: int  # expressions counted from the publication date ("yesterday")


def gather_evidence(candidates: Iterable[tuple[str, Mapping[str, str | None]]]) -> Evidence:
    """Stated years and deictic expressions among (rule name, matched parts) pairs."""
    years: list[int] = []
    deictic = 0
    for rule, parts in candidates:
        deictic += rule in DEICTIC_RULES
        for key in _STATED_KEYS:
            raw = (parts.get(key) or "").strip()
            if len(raw) >= 3:
                year = parse_year(raw)
                if year is not None:
                    years.append(-year if parts.get("era_bc") else year)
                break
    return Evidence(tuple(years), deictic)


def document_kind(mode: Mode, reference: dt.date | None, evidence: Evidence) -> DocumentKind:
    """News when told from its publication date, narrative when the text sets its own time."""
    if mode != "auto":
        return mode
    if reference is None:
        return "narrative"
    years = evidence.years
    if len(years) < FEW_STATED or evidence.deictic > DEICTIC_SHARE * len(years):
        return "news"
    near = sum(1 for year in years if abs(year - reference.year) <= NEAR_YEARS)
    if len(years) < MIN_STATED:
        return "news" if near else "narrative"  # a short history: no year near publication
    return "news" if near >= NEWS_SHARE * len(years) else "narrative"


def _is_far(value: TimexValue, reference: dt.date) -> bool:
    return abs(value.start.year - reference.year) > NEAR_YEARS and (
        abs(value.end.year - reference.year) > NEAR_YEARS
    )


class Discourse:
    """What the text has mentioned so far, for anaphora and year-less dates."""

    def __init__(
        self, text: str, reference: dt.date | None, kind: DocumentKind, *, scenes: bool = True
    ) -> None:
        self.text = text
        self.reference = reference
        self.kind = kind
        self.scenes = scenes  # whether news may set background scenes (not when news is forced)
        self.anchor: Mention | None = None
        self.last: Mention | None = None
        self.last_quarter: str | None = None
        self.background: Mention | None = None
        self.time: Mention | None = None  # the narrative's reference time: its latest, finest date
        self.era: EraMention | None = None  # ... or a year before the common era ("480 BC")
        self._passage_end = -1

    def reference_time(self, start: int) -> Mention | None:
        """The mention a year-less date at ``start`` takes its year from (None: publication)."""
        if self.kind == "narrative":
            return self.time
        if self.background is not None and (
            start > self._passage_end
            or _RETURN_TO_NOW.search(self.text, self.background.start, start) is not None
        ):
            self.background = None
        return self.background

    def told_from(self, start: int) -> Mention | None:
        """What deictic expressions count from instead of the publication date: in a
        narrative, "two years ago" and "next summer" count from the time the text has set."""
        return self.time if self.kind == "narrative" else None

    def remember(self, resolution: Resolution, start: int, end: int) -> None:
        """Keep a calendar value; a quarter only when named, not when counted from another."""
        parsed = parse_timex_value(resolution.value) if resolution.value else None
        if parsed is None:
            self._follow_era(resolution.value or "", start)
            return
        mention = Mention(parsed, start)
        self.last = mention
        # A bare year in passing, next to the story's time ("a campaign planned for 1976"
        # in March 1975), leaves the story where it is; days and months, dates counted from
        # the story, years that open their sentence ("In 1976, ...") and years far from the
        # story's time ("was automated in 1974" after 1918) move it.
        if not self._is_flashback(mention, resolution) and (
            self.time is None
            or resolution.anchor is not None
            or parsed.granularity.rank > _YEAR_RANK
            or abs(parsed.start.year - self.time.value.start.year) > NEAR_YEARS
            or self._frames_its_sentence(start)
        ):
            self.time = _moved_time(self.time, mention)
        if self.time is mention:
            self.era = None
        if parsed.granularity in DAY_PRECISE:
            self.anchor = mention
        elif parsed.granularity is Granularity.QUARTER and resolution.anchor != "previous":
            self.last_quarter = parsed.value
        if self.kind == "news" and self.scenes and self.reference is not None:
            self._follow_background(mention, resolution, end)

    def _is_flashback(self, mention: Mention, resolution: Resolution) -> bool:
        """A date counted back from the story's time ("a year earlier") looks back without
        moving the story: what follows is still told from the time before it."""
        time = self.time
        return (
            resolution.anchor is not None
            and time is not None
            and mention.value.end < time.value.start
        )

    def _follow_era(self, value: str, start: int) -> None:
        """A year before the common era becomes the narrative's time ("480 BC ... in April")."""
        found = _BC_YEAR.match(value)
        in_passing = self.era is not None and not self._frames_its_sentence(start)
        if found is not None and self.kind == "narrative" and not in_passing:
            self.era = EraMention(int(found["year"]), start)
            self.time = None

    def _follow_background(self, mention: Mention, resolution: Resolution, end: int) -> None:
        assert self.reference is not None
        if resolution.anchor == "publication" or not _is_far(mention.value, self.reference):
            if resolution.anchor != "previous":
                self.background = None
            elif self.background is not None:
                self.background = _moved_time(self.background, mention)
            return
        year_bearing = self._year_bearing(mention)
        if year_bearing is not None and self._frames_its_sentence(mention.start):
            self.background = year_bearing
            found = _PARAGRAPH_END.search(self.text, end)
            self._passage_end = found.start() if found else len(self.text)
        elif self.background is not None and year_bearing is not None:
            self.background = _moved_time(self.background, year_bearing)

    def _frames_its_sentence(self, start: int) -> bool:
        """The date opens its sentence ("Back in 1994, ..."), as a scene-setting adverbial."""
        window = self.text[max(0, start - 120) : start]
        breaks = list(_SENTENCE_BREAK.finditer(window))
        if not breaks and start > 120:
            return False
        lead = window[breaks[-1].end() :] if breaks else window
        return _FRAME_LEAD.match(lead) is not None

    @staticmethod
    def _year_bearing(mention: Mention | None) -> Mention | None:
        if mention is None or mention.value.granularity.rank < _YEAR_RANK:
            return None
        return mention


def _moved_time(time: Mention | None, mention: Mention) -> Mention | None:
    """The reference time after ``mention``: it moves to each new date of a year or finer,
    but a coarser date around it keeps the finer one ("December 8, 1941" stays December 8
    when "1941" is said again)."""
    value = mention.value
    if value.granularity.rank < _YEAR_RANK:
        return time
    if time is not None:
        current = time.value
        if value.granularity.rank < current.granularity.rank and (
            value.start <= current.start and current.end <= value.end
        ):
            return time
    return mention
