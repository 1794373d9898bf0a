"""Vetoes from a match's surroundings: the guards against false tags.

"May" and "March" are verbs unless a date word stands before them; a four-digit number is
a year unless it counts something ("$2,000", "about 2000 troops"); "47 years old" is an age.
"""

from __future__ import annotations

import re

# Words before a lone "May"/"March" that make it a month rather than a verb.
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|of|from|to|during|before|after|early|late|mid"
    r"|last|next|this|that|each|every|between|and|or|on|around|about|throughout|past|the"
    r"|until|as\s+of|starting|beginning|ending)\s+|mid-)$",
    re.IGNORECASE,
)
_AMBIGUOUS_MONTHS = {"May", "March", "Mar", "MAY", "MARCH"}

# Words before a number that make it a count, not a year.
_QUANTITY_BEFORE = re.compile(
    r"(?:[$#£€]\s*|\b(?:No|Nos|no)\.\s*|\b(?:about|around|nearly|almost|some|than|over|under"
    r"|only|just|approximately|roughly|least|most|number|Flight|flight|Route|route|Highway"
    r"|Interstate|Room|room|Page|page|pages|Section|section|Article|article|Resolution|Chapter"
    r"|Model|model|Boeing|Airbus|Windows|Office|Apollo|Euro|Proposition|Prop|Act|Code|code"
    r"|Local|Suite|suite|Box|box|Ave|Street|St|Road|Rd)\.?\s+)$"
)
_QUANTITY_AFTER = re.compile(
    r"(?:\s*(?:-|to|and)\s*\d{3,}|\s*(?:people|persons|men|women|children|troops|soldiers"
    r"|police|officers|workers|employees|jobs|residents|students|members|delegates|votes"
    r"|shares|cars|vehicles|homes|houses|units|points|miles|kilometers|km|feet|meters"
    r"|tons|tonnes|barrels|dollars|yen|euros|pounds|francs|marks|acres|calories|deaths"
    r"|cases|copies|rounds|sq|square|cubic|ft|lb|kg|mph|cc|GMT|EST|EDT|hours|hrs)\b"
    r"|\s*(?:[ap]\.?m\.?)(?!\w))"
)


def month_is_month(text: str, match: re.Match[str]) -> bool:
    """A lone "May" or "March" counts only after a date word ("in May", "last March")."""
    word = (match.groupdict().get("month") or "").rstrip(".")
    if word not in _AMBIGUOUS_MONTHS or match.groupdict().get("relation"):
        return True
    if match.groupdict().get("modifier"):
        return True
    return _MONTH_CONTEXT.search(text, max(0, match.start() - 30), match.start()) is not None


def year_is_year(text: str, match: re.Match[str]) -> bool:
    """A four-digit number is a year unless "$", "No." or a count noun says otherwise."""
    if match.groupdict().get("fiscal"):
        return True
    before = text[max(0, match.start() - 25) : match.start()]
    if _QUANTITY_BEFORE.search(before):
        return False
    if _YEAR_SPAN_BEFORE.search(before) and _YEAR_SPAN_AFTER.match(text, match.end()):
        return True  # "between 1994 and 1997", "from 1991 to 1997"
    return _QUANTITY_AFTER.match(text, match.end(), min(len(text), match.end() + 30)) is None


# A year span: "between 1994 and 1997", "from 1991 to 1997" (not "from 1500 to 2000 troops").
_YEAR_SPAN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:the\s+years\s+)?$", re.IGNORECASE)
_YEAR_SPAN_AFTER = re.compile(
    r"\s*(?:-|–|to|and|through|until)\s*(?:1[0-9]|20)\d\d\b(?!\s*(?:[a-z]+\s+)?(?:people|troops"
    r"|soldiers|workers|dollars|votes|shares|deaths|cases|homes|units|tons|barrels))",
    re.IGNORECASE,
)


_AGE_AFTER = re.compile(r"[\s-]+(?:old|olds)\b", re.IGNORECASE)
_RATE_BEFORE = re.compile(
    r"(?:\b(?:times|twice|once|thrice|percent|cents|dollars|share|million|billion|trillion"
    r"|per|day|week|month|year)|[%$\d])\s*$",
    re.IGNORECASE,
)


def is_length(text: str, match: re.Match[str]) -> bool:
    """Lengths of time, but not ages ("a 6-year-old", "47 years old"), rates ("$5 a year"),
    ordinals ("a second time") or fractions ("three-quarters of")."""
    groups = match.groupdict()
    if _AGE_AFTER.match(text, match.end(), min(len(text), match.end() + 8)):
        return False
    if text.startswith("-", match.end()):  # "a year-earlier loss", "a two-week-long strike"
        return False
    number = " ".join((groups.get("number") or "").lower().split())
    unit = (groups.get("unit") or "").lower()
    if unit.startswith("second") and number in ("a", "one", "an"):
        return False
    if unit.startswith("quarter") and (
        number in ("a", "an", "one", "three") or "-" in match.group(0)
    ):
        return False
    if unit.startswith("quarter") and text.startswith(" of", match.end()):
        return False
    if number in ("a", "an", "one") and not groups.get("modifier"):
        before = text[max(0, match.start() - 20) : match.start()]
        if _RATE_BEFORE.search(before):
            return False
    return True


def is_ago(text: str, match: re.Match[str]) -> bool:
    return is_length(text, match) or bool(re.search(r"\bago$", match.group(0)))
