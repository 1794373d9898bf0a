"""Read TimeML documents with exact plain-text offsets, through lxml.

TimeML interleaves markup with the text it annotates. Every consumer (the scorer,
exporters, error reports) needs character offsets into the *plain* text of ``<TEXT>``: the
text and tails of its element tree, as an XML parser reads them (character references
decoded, CDATA as text, line ends normalised to ``\\n``), comments and processing
instructions left out. Nothing external is ever loaded and entities are never expanded:
a document that declares entities (XXE, "billion laughs") is refused.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lxml import etree

__all__ = [
    "TimemlDocument",
    "TimemlError",
    "TimemlTimex",
    "TimemlTimexLike",
    "parse_timeml",
    "parse_tree",
    "read_timeml",
    "text_element",
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


_DATE_RE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


def _parser() -> etree.XMLParser:
    """A parser that loads nothing (no DTD, no network), expands no entity, and keeps libxml2's
    limits on depth and size (``huge_tree`` off). It keeps no table of XML IDs, which
    TimeML does not use (and which duplicate IDs in untrusted input could abuse): that
    table was 3% of the parse. Made per call: parsers hold state."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
        encoding="utf-8",
    )


def parse_tree(source: str | bytes, name: str) -> etree._Element:
    """The root element of ``source`` (text, or its UTF-8 bytes); `name` labels errors.
    Refuses entity declarations."""
    raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as error:
        raise TimemlError(f"{name}: {error.msg}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:  # no DOCTYPE: an entity not declared failed the parse, so none is left
        return root
    declared = [str(entity.name) for entity in dtd.iterentities()]  # type: ignore[union-attr]
    if declared:
        raise TimemlError(f"{name}: declares entities ({', '.join(declared)}); TimeML needs none")
    # A DOCTYPE naming a DTD that is not loaded: a reference is then left as an entity node.
    for entity in root.iter(etree.Entity):
        raise TimemlError(f"{name}: unknown entity {entity.text} at line {entity.sourceline}")
    return root


def text_element(root: etree._Element, name: str) -> etree._Element:
    """The document's first <TEXT> element."""
    found = next(root.iter("TEXT"), None)
    if found is None:
        raise TimemlError(f"{name}: no <TEXT> element")
    return found


def _parse_date(value: str | None) -> datetime.date | None:
    match = _DATE_RE.match(value or "")
    if match is None:
        return None
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _header(root: etree._Element, text: etree._Element) -> tuple[str | None, str | None]:
    """DOCID text and the DCT value, both looked for outside <TEXT> only: a TIMEX3 with
    ``functionInDocument="CREATION_TIME"``, else the first TIMEX3 inside <DCT>."""
    docid: str | None = None
    creation: str | None = None
    in_dct: str | None = None
    inside = set(text.iter("DOCID", "TIMEX3"))
    for node in root.iter("DOCID", "TIMEX3"):
        if node in inside:
            continue
        if node.tag == "DOCID" and docid is None:
            docid = "".join(str(piece) for piece in node.itertext()).strip()
        elif node.tag == "TIMEX3":
            if node.get("functionInDocument") == "CREATION_TIME" and creation is None:
                creation = node.get("value")
            parent = node.getparent()
            if in_dct is None and parent is not None and parent.tag == "DCT":
                in_dct = node.get("value")
    return docid or None, creation if creation is not None else in_dct


def _refuse_nested_timex(text: etree._Element, name: str) -> None:
    """The walk's error for a TIMEX3 inside another: the first inner one in document order."""
    for node in text.iter("TIMEX3"):
        inner = next(node.iterdescendants("TIMEX3"), None)
        if inner is not None:
            raise _nested(name, inner)


def _nested(name: str, inner: etree._Element) -> TimemlError:
    return TimemlError(f"{name}: TIMEX3 nested in another TIMEX3 at line {inner.sourceline}")


def _text_and_spans(
    text: etree._Element, name: str
) -> tuple[str, list[tuple[int, int, etree._Element]]]:
    """The plain text of <TEXT> and the span of each TIMEX3 in it, in one walk."""
    pieces: list[str] = [text.text] if text.text else []
    plain = len(text.text or "")
    spans: list[tuple[int, int, etree._Element]] = []
    opened: tuple[int, etree._Element] | None = None
    # The content in reading order; comments and processing instructions give only their
    # tails, as they have no plain text of their own.
    walk = etree.iterwalk(text, events=("start", "end", "comment", "pi"))
    next(walk)  # <TEXT>'s own start
    for action, node in walk:
        if node is text:
            break
        if action == "start":
            if node.tag == "TIMEX3":
                if opened is not None:
                    raise _nested(name, node)
                opened = (plain, node)
            piece = node.text
        else:
            if action == "end" and node.tag == "TIMEX3" and opened is not None:
                spans.append((opened[0], plain, opened[1]))
                opened = None
            piece = node.tail
        if piece:
            pieces.append(piece)
            plain += len(piece)
    return "".join(pieces), spans


def document_from_tree(root: etree._Element, name: str, *, timexes: bool = True) -> TimemlDocument:
    """The plain text of <TEXT>, its TIMEX3 spans, the DOCID and the DCT.

    Without ``timexes`` (tagging has no use for the gold spans), the TIMEX3s are not
    located and the text is libxml2's own: the same string (text and CDATA, no comment or
    processing instruction), at a tenth of the cost of joining lxml's text pieces (each
    made a Python string) and a fraction of a walk in Python.
    """
    text = text_element(root, name)
    if timexes:
        plain_text, spans = _text_and_spans(text, name)
    else:
        _refuse_nested_timex(text, name)
        plain_text = etree.tostring(text, method="text", encoding="unicode", with_tail=False)
        spans = []
    docid, dct_value = _header(root, text)
    return TimemlDocument(
        name=name,
        docid=docid,
        dct=_parse_date(dct_value),
        text=plain_text,
        timexes=tuple(
            TimemlTimex(
                start=begin,
                end=end,
                text=plain_text[begin:end],
                type=tag.get("type") or "",
                value=tag.get("value"),
                mod=tag.get("mod"),
                tid=tag.get("tid"),
            )
            for begin, end, tag in spans
        ),
    )


def parse_timeml(source: str, name: str) -> TimemlDocument:
    """Parse TimeML text; `name` labels the document and its errors.

    Raises TimemlError when the markup is malformed or declares entities.
    """
    return document_from_tree(parse_tree(source, name), name)


def read_timeml(path: Path) -> TimemlDocument:
    """Read a .tml file (UTF-8); the document is named after the file."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TimemlError(f"{path.name}: not UTF-8 ({exc})") from exc
    return parse_timeml(source, path.name)
