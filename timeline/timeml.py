"""Read and write TimeML documents with exact plain-text offsets.

TimeML interleaves markup with the text it annotates. Every consumer (the
scorer, exporters, error reports) needs character offsets into the *plain*
text, so this module computes them once, and maps them back through the
remaining markup when writing, so nothing else has to reason about tags.
Only the standard library is used, and nothing else from ``timeline``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol
from xml.sax.saxutils import escape

__all__ = [
    "TimemlDocument",
    "TimemlError",
    "TimemlTimex",
    "TimemlTimexLike",
    "parse_timeml",
    "read_timeml",
    "write_timeml",
]


class TimemlError(ValueError):
    """Malformed TimeML; raised rather than guessed, as wrong offsets silently skew scores."""


@dataclass(frozen=True)
class TimemlTimex:
    """A TIMEX3 inside <TEXT>, located by offsets into the plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None
    tid: str | None


@dataclass(frozen=True)
class TimemlDocument:
    """The plain <TEXT> content plus what the scorer needs (DCT, timexes)."""

    name: str
    docid: str | None
    dct: datetime.date | None
    text: str
    timexes: tuple[TimemlTimex, ...]


class TimemlTimexLike(Protocol):
    """Anything with a span and TIMEX3 attributes, so callers need not convert to our type."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str | None: ...
    @property
    def mod(self) -> str | None: ...


_Kind = Literal["text", "open", "close", "empty", "other"]


@dataclass(frozen=True)
class _Token:
    """One lexical piece of the source; tokens tile the source without gaps."""

    kind: _Kind
    start: int
    end: int
    value: str  # decoded text for "text", element name for tags, "" otherwise
    attrs: tuple[tuple[str, str], ...] = ()
    verbatim: bool = False  # raw characters are exactly `value` (so tags may go inside)

    def attr(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)


_NAME = r"[A-Za-z_][\w.:-]*"
_TOKEN_RE = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|(?P<pi><\?.*?\?>)"
    r"|(?P<doctype><!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>)"
    rf"|<(?P<close>/)?(?P<name>{_NAME})(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/)?>"
    r"|(?P<text>[^<&]+)"
    r"|&(?P<ref>#[0-9]+|#x[0-9A-Fa-f]+|" + _NAME + r");",
    re.DOTALL,
)
_ATTR_RE = re.compile(rf"\s+({_NAME})\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")
_REF_RE = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|" + _NAME + r");")
_NAMED_REFS = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _where(source: str, offset: int) -> str:
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _decode_ref(ref: str, source: str, offset: int, name: str) -> str:
    if not ref.startswith("#"):
        if ref not in _NAMED_REFS:
            raise TimemlError(f"{name}: unknown entity &{ref}; at {_where(source, offset)}")
        return _NAMED_REFS[ref]
    code = int(ref[2:], 16) if ref.startswith("#x") else int(ref[1:])
    if not (0 < code <= 0x10FFFF) or 0xD800 <= code <= 0xDFFF:
        raise TimemlError(
            f"{name}: invalid character reference &{ref}; at {_where(source, offset)}"
        )
    return chr(code)


def _decode(raw: str, source: str, offset: int, name: str) -> str:
    return _REF_RE.sub(lambda m: _decode_ref(m.group(1), source, offset + m.start(), name), raw)


def _parse_attrs(raw: str, source: str, offset: int, name: str) -> tuple[tuple[str, str], ...]:
    attrs: dict[str, str] = {}
    covered = 0
    for match in _ATTR_RE.finditer(raw):
        if match.start() != covered:
            break
        key, text = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        if key in attrs:
            raise TimemlError(f"{name}: duplicate attribute {key!r} at {_where(source, offset)}")
        if "&" in text:
            if "&" in _REF_RE.sub("", text):
                raise TimemlError(f"{name}: bare '&' in attribute at {_where(source, offset)}")
            text = _decode(text, source, offset + match.start(2), name)
        attrs[key] = text
        covered = match.end()
    if raw[covered:].strip():
        raise TimemlError(f"{name}: malformed attributes at {_where(source, offset + covered)}")
    return tuple(attrs.items())


def _tokenize(source: str, name: str) -> list[_Token]:
    """Split the whole document into tokens and check that elements nest properly."""
    tokens: list[_Token] = []
    open_tags: list[_Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN_RE.match(source, pos)
        if m is None:
            what = "'<' that starts no tag" if source[pos] == "<" else "bare '&'"
            raise TimemlError(f"{name}: {what} at {_where(source, pos)}")
        if m.group("text") is not None:
            tokens.append(_Token("text", pos, m.end(), m.group("text"), verbatim=True))
        elif m.group("ref") is not None:
            tokens.append(
                _Token("text", pos, m.end(), _decode_ref(m.group("ref"), source, pos, name))
            )
        elif m.group("cdata") is not None:
            tokens.append(_Token("text", pos, m.end(), m.group("cdata")))
        elif m.group("name") is None:
            tokens.append(_Token("other", pos, m.end(), ""))
        elif m.group("close"):
            if m.group("attrs").strip() or m.group("empty"):
                raise TimemlError(f"{name}: malformed end tag at {_where(source, pos)}")
            if not open_tags or open_tags[-1].value != m.group("name"):
                expected = f"</{open_tags[-1].value}>" if open_tags else "no end tag"
                raise TimemlError(
                    f"{name}: unexpected </{m.group('name')}> at {_where(source, pos)}"
                    f" (expected {expected})"
                )
            open_tags.pop()
            tokens.append(_Token("close", pos, m.end(), m.group("name")))
        else:
            attrs = _parse_attrs(m.group("attrs"), source, m.start("attrs"), name)
            kind: _Kind = "empty" if m.group("empty") else "open"
            tokens.append(_Token(kind, pos, m.end(), m.group("name"), attrs))
            if kind == "open":
                open_tags.append(tokens[-1])
        pos = m.end()
    if open_tags:
        tag = open_tags[-1]
        raise TimemlError(f"{name}: <{tag.value}> at {_where(source, tag.start)} is never closed")
    return tokens


def _text_bounds(tokens: Sequence[_Token], name: str) -> tuple[int, int]:
    """Indices of the <TEXT> start and end tokens (tags are known to be balanced)."""
    first = next((i for i, t in enumerate(tokens) if t.kind == "open" and t.value == "TEXT"), None)
    if first is None:
        raise TimemlError(f"{name}: no <TEXT> element")
    depth = 0
    for i in range(first, len(tokens)):
        if tokens[i].kind in ("open", "close") and tokens[i].value == "TEXT":
            depth += 1 if tokens[i].kind == "open" else -1
            if depth == 0:
                return first, i
    raise TimemlError(f"{name}: <TEXT> is never closed")  # pragma: no cover - balanced


def _parse_date(value: str | None) -> datetime.date | None:
    match = _DATE_RE.match(value or "")
    if match is None:
        return None
    try:
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _header(tokens: Sequence[_Token], first: int, last: int) -> tuple[str | None, str | None]:
    """DOCID text and the DCT value, both looked for outside <TEXT> only."""
    docid: list[str] | None = None
    dct_any: str | None = None
    dct_creation: str | None = None
    inside: list[str] = []
    for i, tok in enumerate(tokens):
        if first <= i <= last:
            continue
        if tok.kind in ("open", "close") and tok.value in ("DOCID", "DCT"):
            if tok.kind == "open":
                inside.append(tok.value)
                if tok.value == "DOCID" and docid is None:
                    docid = []
            elif tok.value in inside:
                inside.remove(tok.value)
        elif tok.kind == "text" and "DOCID" in inside and docid is not None:
            docid.append(tok.value)
        elif tok.kind in ("open", "empty") and tok.value == "TIMEX3":
            if tok.attr("functionInDocument") == "CREATION_TIME" and dct_creation is None:
                dct_creation = tok.attr("value")
            if "DCT" in inside and dct_any is None:
                dct_any = tok.attr("value")
    docid_text = "".join(docid).strip() if docid is not None else None
    return docid_text or None, dct_creation if dct_creation is not None else dct_any


def parse_timeml(source: str, name: str) -> TimemlDocument:
    """Parse TimeML text; `name` labels the document and its errors.

    Raises TimemlError when the markup is malformed. Line ends are kept as
    they are in `source`, so offsets count exactly what the caller passed in.
    """
    tokens = _tokenize(source, name)
    first, last = _text_bounds(tokens, name)
    pieces: list[str] = []
    plain = 0
    spans: list[tuple[int, int, _Token]] = []
    opened: tuple[int, _Token] | None = None
    for tok in tokens[first + 1 : last]:
        if tok.kind == "text":
            pieces.append(tok.value)
            plain += len(tok.value)
        elif tok.value == "TIMEX3" and tok.kind != "other":
            if tok.kind in ("open", "empty"):
                if opened is not None:
                    raise TimemlError(
                        f"{name}: TIMEX3 nested in another TIMEX3 at {_where(source, tok.start)}"
                    )
                opened = (plain, tok)
            if tok.kind in ("close", "empty"):
                assert opened is not None  # tags are balanced and TIMEX3 never nests
                spans.append((opened[0], plain, opened[1]))
                opened = None
    text = "".join(pieces)
    docid, dct_value = _header(tokens, first, last)
    return TimemlDocument(
        name=name,
        docid=docid,
        dct=_parse_date(dct_value),
        text=text,
        timexes=tuple(
            TimemlTimex(
                start=begin,
                end=end,
                text=text[begin:end],
                type=tag.attr("type") or "",
                value=tag.attr("value"),
                mod=tag.attr("mod"),
                tid=tag.attr("tid"),
            )
            for begin, end, tag in spans
        ),
    )


def read_timeml(path: Path) -> TimemlDocument:
    """Read a .tml file (UTF-8); the document is named after the file."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TimemlError(f"{path.name}: not UTF-8 ({exc})") from exc
    return parse_timeml(source, path.name)


@dataclass(frozen=True)
class _Slot:
    """A raw position where a tag may go, with the elements open there."""

    plain: int
    raw: int
    stack: tuple[int, ...]


def _slots(body: Sequence[_Token], end: int) -> tuple[list[_Slot], list[tuple[_Token, int, int]]]:
    """Boundary slots between tokens, and (token, plain start, depth key) for text runs."""
    slots: list[_Slot] = []
    runs: list[tuple[_Token, int, int]] = []
    stack: list[int] = []
    plain = 0
    for index, tok in enumerate(body):
        slots.append(_Slot(plain, tok.start, tuple(stack)))
        if tok.kind == "text":
            runs.append((tok, plain, len(slots) - 1))
            plain += len(tok.value)
        elif tok.kind == "open":
            stack.append(index)
        elif tok.kind == "close":
            stack.pop()
    slots.append(_Slot(plain, end, tuple(stack)))
    return slots, runs


def _candidates(
    offset: int, slots: Sequence[_Slot], runs: Sequence[tuple[_Token, int, int]]
) -> list[_Slot]:
    found = [slot for slot in slots if slot.plain == offset]
    if found:
        return found
    for tok, plain, slot_index in runs:
        if plain < offset < plain + len(tok.value):
            if not tok.verbatim:
                raise TimemlError(f"offset {offset} falls inside a character reference or CDATA")
            return [_Slot(offset, tok.start + offset - plain, slots[slot_index].stack)]
    raise TimemlError(f"offset {offset} is outside the text")  # pragma: no cover


def _start_tag(tid: str, timex: TimemlTimexLike) -> str:
    attrs = [("tid", tid), ("type", timex.type), ("value", timex.value), ("mod", timex.mod)]
    rendered = "".join(
        f' {key}="{escape(val, {chr(34): "&quot;"})}"' for key, val in attrs if val is not None
    )
    return f"<TIMEX3{rendered}>"


def write_timeml(original_source: str, timexes: Sequence[TimemlTimexLike]) -> str:
    """Replace the TIMEX3 tags in <TEXT> with `timexes`, keeping all other markup as it was.

    Offsets are into the plain text, so a system's spans can be written into
    the gold document and scored by any TimeML tool. Each tag is placed as deep
    inside the surrounding markup as it can go without crossing it (so that
    ``<EVENT>week</EVENT>`` becomes ``<EVENT><TIMEX3>week</TIMEX3></EVENT>``);
    a span that would cross another element, or overlap another span, is an error.
    """
    name = "<source>"
    tokens = _tokenize(original_source, name)
    first, last = _text_bounds(tokens, name)
    body = [t for t in tokens[first + 1 : last] if t.value != "TIMEX3" or t.kind == "text"]
    slots, runs = _slots(body, tokens[last].start)
    text_length = slots[-1].plain
    used = {t.attr("tid") for i, t in enumerate(tokens) if not first < i < last}
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    inserts: dict[int, list[tuple[int, str]]] = {}
    edges: dict[int, int] = {}  # plain offset -> raw slot of a tag already placed there
    empties: list[tuple[int, str]] = []
    previous_end = 0
    number = 0
    for timex in ordered:
        if not 0 <= timex.start <= timex.end <= text_length:
            raise TimemlError(f"timex [{timex.start}, {timex.end}) is outside the text")
        if timex.start < previous_end:
            raise TimemlError(f"timex [{timex.start}, {timex.end}) overlaps the one before it")
        previous_end = timex.end
        number += 1
        while f"t{number}" in used:
            number += 1
        tag = _start_tag(f"t{number}", timex)
        if timex.start == timex.end:
            empties.append((timex.start, tag + "</TIMEX3>"))
            continue
        starts = _candidates(timex.start, slots, runs)
        ends = _candidates(timex.end, slots, runs)
        common = {s.stack for s in starts} & {s.stack for s in ends}
        if not common:
            raise TimemlError(f"timex [{timex.start}, {timex.end}) would cross other markup")
        level = max(common, key=len)
        open_raw = [s for s in starts if s.stack == level][-1].raw
        close_raw = next(s for s in ends if s.stack == level).raw
        inserts.setdefault(open_raw, []).append((2, tag))
        inserts.setdefault(close_raw, []).append((0, "</TIMEX3>"))
        edges.setdefault(timex.start, open_raw)
        edges[timex.end] = close_raw
    for offset, element in empties:  # beside a neighbour's tag, so never inside that timex
        raw = edges.get(offset, _candidates(offset, slots, runs)[-1].raw)
        inserts.setdefault(raw, []).append((1, element))
    out = [original_source[: tokens[first].end]]
    for tok in [*body, _Token("other", tokens[last].start, tokens[last].start, "")]:
        cut = tok.start
        for raw in sorted(r for r in inserts if tok.start <= r < tok.end or r == tok.start):
            out.append(original_source[cut:raw])
            out.extend(text for _, text in sorted(inserts[raw], key=lambda item: item[0]))
            cut = raw
        out.append(original_source[cut : tok.end])
    out.append(original_source[tokens[last].start :])
    result = "".join(out)
    try:  # a safety net: placement above should never produce this
        written = parse_timeml(result, name).timexes
    except TimemlError as exc:
        raise TimemlError(f"timexes could not be placed inside the markup: {exc}") from exc
    if [(t.start, t.end) for t in written] != [(t.start, t.end) for t in ordered]:
        raise TimemlError("timexes could not be placed at their offsets")
    return result
