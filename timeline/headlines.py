"""Headlines: a short readable clause from the sentence, its time expression removed.

"The United States began on Wednesday withdrawing its troops from Syria, citing ..." ->
"The United States began withdrawing its troops from Syria". A quoted statement becomes
"Speaker: what was said".
"""

from __future__ import annotations

import re

HEADLINE_LIMIT = 100
_MIN_CLAUSE = 30
# Dropping "..., officials said" is worth it while a headline of this length remains.
_MIN_HEADLINE = 12
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:on|in|at|since|during|from|by|as of|of|earlier|later|within|between|over|for|inside"
    r"|the next|the coming|next)\s+)*(?:\b\d{1,2}(?:st|nd|rd|th)?\s*(?:to|-|–|and)\s+)?$",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_LEADING_JUNK = re.compile(
    r"^(?:[\s,;:.\-–—]|(?:just|and|but|so|also|earlier|later|then|meanwhile|however)\b,?)+",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(r"[\s,;:\-–—]+$")
_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?[^,]{0,60}?\b(?:said|says|told\s+\w+|reported|added|announced"
    r"|according to [^,]+)"
    r"(?:\s+(?:(?:on|in|at|last|this|late|early)\s+[\w,]+(?:\s+\w+)?|today|yesterday|tonight))?$",
    re.IGNORECASE,
)
_ACCORDING_TO_HEAD = re.compile(r"^According to [^,]{1,80},\s+", re.IGNORECASE)
_SPEECH_VERBS = r"(?:said|says|told|tells|tweeted|added|stated|wrote|declared|insisted)"
_QUOTE_THEN_SPEAKER = re.compile(
    rf"^[\"“](?P<quote>[^\"”]{{8,}}?)[,.!?]?[\"”],?\s+(?P<speaker>(?:[A-Z][\w'’.-]*\s+){{0,3}}"
    rf"[A-Z][\w'’-]+)\s+{_SPEECH_VERBS}\b"
)
_SPEAKER_THEN_QUOTE = re.compile(
    rf"^(?P<speaker>(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’-]+)\s+{_SPEECH_VERBS}:?\s+"
    rf"[\"“](?P<quote>[^\"”]{{8,}}?)[,.!?]?[\"”]"
)
# Cut points before a subordinate clause ("..., citing ...", "...; officials ..."), not
# before an appositive ("Trump's adviser, John Bolton, said").
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:citing|saying|adding|noting|which|who|as|while|but|and|after|before|because"
    r"|although|though|even|once|until|when|where|despite|amid|with)\b)|;\s+|\s+[–—]\s+"
)
_APPOSITIVE = re.compile(
    r"^(?P<subject>[^,]{3,70}),\s+(?P<appositive>[^,]{3,70}),\s+(?P<rest>[a-z].*)$"
)
_PROPER_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+$")
_GENERIC_REPORTER = re.compile(
    r"^(?:The|A|An)\s+(?:[\w-]+\s+){0,3}(?:official|officials|spokesman|spokeswoman"
    r"|spokesperson|source|sources|statement|report)\s+(?:said|says|told\s+\w+)(?:\s+that)?\s+"
)
_HEDGES = re.compile(
    r"^(?:I think (?:it's fair to say )?|I believe |we believe |it is clear that )", re.IGNORECASE
)


def headline_of(sentence: str, expression_start: int, expression_end: int) -> str:
    """At most 100 characters, starting with a capital, the subject kept."""
    before = _PREPOSITION_BEFORE.sub("", sentence[:expression_start])
    text = _tidy(before + " " + sentence[expression_end:])
    quoted = _quoted_headline(text)
    if quoted:
        return quoted
    text = _ACCORDING_TO_HEAD.sub("", text)
    for pattern in (_ATTRIBUTION_TAIL, _GENERIC_REPORTER):
        shorter = pattern.sub("", text)
        if len(shorter) >= _MIN_HEADLINE:
            text = shorter
    text = _without_appositive(text)
    text = text or _tidy(sentence)
    return _capitalised(_shorten(text))


def _without_appositive(text: str) -> str:
    """ "Trump's adviser, John Bolton, said ..." -> "John Bolton said ..."; the name is kept."""
    match = _APPOSITIVE.match(text)
    if match is None:
        return text
    subject, appositive = match.group("subject"), match.group("appositive")
    named = _PROPER_NAME.match(appositive) and not _PROPER_NAME.match(subject)
    keep = appositive if named else subject
    rest = re.sub(r"^(said|says|told \w+) that\b", r"\1", match.group("rest"))
    return f"{keep} {rest}"


def _tidy(text: str) -> str:
    text = _SPACE.sub(" ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?=[,;:.])", "", text)
    return _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", text)).rstrip(".").strip()


def _quoted_headline(text: str) -> str | None:
    match = _QUOTE_THEN_SPEAKER.match(text) or _SPEAKER_THEN_QUOTE.match(text)
    if match is None:
        return None
    speaker = match.group("speaker").split()[-1]
    if speaker.lower() in {"he", "she", "they", "it", "we", "i", "official", "officials"}:
        return None
    quote = _HEDGES.sub("", match.group("quote").strip())
    return f"{speaker}: " + _shorten(_capitalised(quote), HEADLINE_LIMIT - len(speaker) - 2)


def _shorten(text: str, limit: int = HEADLINE_LIMIT) -> str:
    """Cut at a clause boundary when one leaves a readable head, else at a word, with "…"."""
    if len(text) <= limit:
        return text
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text) if _MIN_CLAUSE <= m.start() <= limit]
    if cuts:
        return text[: cuts[-1]]
    head = text[: limit - 1].rsplit(" ", 1)[0]
    return _TRAILING_JUNK.sub("", head) + "…"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
