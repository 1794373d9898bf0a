"""Write TIMEX3 tags into a TimeML document: each one inserted where it goes in the tree.

The output is TimeML that TimeML tools accept (the TempEval-3 toolkit validates against
``tml-min-consistency.xsd``): every TIMEX3 has ``tid``, ``type`` and ``value``; a TIMEX3 is
never put inside, or around, an element whose content is plain text in TimeML (EVENT,
SIGNAL, TIMEX3); TLINKs that pointed to a TIMEX3 we replaced are dropped (SLINKs and
ALINKs relate events only); EVENTs and MAKEINSTANCEs stay as they were.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from lxml import etree

from timeline.timeml import (
    TimemlError,
    TimemlTimexLike,
    parse_tree,
    text_element,
)
from timeline.xml_spots import Spot, put, wrap

__all__ = ["UNDERSPECIFIED", "annotate_tree", "serialize", "write_timeml"]

#: Elements with text-only content in TimeML: a TIMEX3 may neither go inside nor wrap one.
TEXT_ONLY = frozenset({"EVENT", "SIGNAL", "TIMEX3"})
#: The attributes that refer to a TIMEX3 id, in the TimeML schema: of a TLINK, of a TIMEX3.
TLINK_TIME_REFERENCES = ("timeID", "relatedToTime")
TIMEX_TIME_REFERENCES = ("anchorTimeID", "beginPoint", "endPoint")
#: TimeML's underspecified value per type, for an expression we could not resolve.
UNDERSPECIFIED = {
    "DATE": "XXXX-XX-XX",
    "TIME": "XXXX-XX-XXTXX:XX",
    "DURATION": "PXD",
    "SET": "XXXX",
}

# Placement order of tags that share one position: closing, empty elements, opening.
_CLOSE, _EMPTY, _OPEN = 0, 1, 2
#: Markup that is one event in a walk, with no text of its own in the plain text.
_MARKUP = (etree._Comment, etree._ProcessingInstruction)


#: A gap's markup events before it and its plain-text offset: keys sort in document order.
_Key = tuple[int, int]
#: A gap: its key, the innermost element open there, that element's depth, in a text-only one.
_Gap = tuple[_Key, etree._Element, int, bool]


class _Content:
    """Where tags may go in <TEXT>: the gaps at the plain-text offsets where a tag starts or
    ends, found in one pass over the tree.

    Markup events (an element opening or closing, a comment, a processing instruction) are
    numbered in document order; a gap's key is the number of events before it and its
    offset, so keys sort in document order. ``gaps[offset]`` lists the gaps at an offset, in
    order, each with the innermost element open there, its depth and whether it is in an
    EVENT, SIGNAL or TIMEX3; ``spots[key]`` says where the gap is in the tree; ``marks``
    holds the numbers of the events that open or close an EVENT, SIGNAL or TIMEX3.
    """

    def __init__(self) -> None:
        self.gaps: dict[int, list[_Gap]] = {}
        self.spots: dict[_Key, Spot] = {}
        self.marks: list[int] = []
        self.length = 0

    def gaps_at(self, offset: int) -> list[_Gap]:
        return self.gaps.get(offset, [])


class _Level:
    """An element open at a point of the walk: what a gap there is in, and where in it."""

    __slots__ = ("before", "depth", "element", "own", "start", "text_only")

    def __init__(
        self,
        element: etree._Element,
        depth: int,
        text_only: bool,  # it is, or is inside, an EVENT, SIGNAL or TIMEX3
        own: bool = False,  # it is one
        before: etree._Element | None = None,  # its last child passed so far
        start: int = 0,  # the offset where the text after ``before`` starts
    ) -> None:
        self.element = element
        self.depth = depth
        self.text_only = text_only
        self.own = own
        self.before = before
        self.start = start

    def enter(self, child: etree._Element, own: bool, start: int) -> _Level:
        """The level of ``child``, whose text starts at ``start``."""
        return _Level(child, self.depth + 1, self.text_only or own, own, None, start)


def _gap(content: _Content, level: _Level, count: int, where: int) -> None:
    """A gap at offset ``where`` in ``level``, after ``count`` markup events."""
    key = (count, where)
    content.spots[key] = (level.element, level.before, where - level.start)
    gap = (key, level.element, level.depth, level.text_only)
    content.gaps.setdefault(where, []).append(gap)


def _gaps(
    content: _Content, ahead: list[int], at: int, level: _Level, count: int, offset: int
) -> int:
    """The gaps at the cuts from ``ahead[at]`` on up to ``offset``, where a text piece in
    ``level`` ends: inside the piece and at its end. Returns the index of the next cut."""
    while ahead[at] < offset:
        _gap(content, level, count, ahead[at])
        at += 1
    if ahead[at] == offset:
        _gap(content, level, count, offset)
    return at


def _content(text: etree._Element, cuts: Sequence[int]) -> _Content:
    """The gaps of ``text``'s content at every offset in ``cuts`` (sorted): one walk over the
    tree, where a text piece without a cut costs an addition and a comparison.

    The walk goes over each element's children, into one only when it has children: an
    iterwalk makes a tuple per event. The EVENTs, SIGNALs and TIMEX3s are found by one
    search: reading each element's tag would make a new string per element.
    """
    content = _Content()
    marks = content.marks
    text_only = set(text.iter(*TEXT_ONLY))
    ahead = [*cuts, sys.maxsize]  # the sentinel ends every scan
    at = count = offset = 0  # at: index of the first cut not passed yet
    level = _Level(text, 0, False)
    stack: list[tuple[Iterator[etree._Element], _Level]] = []
    children: Iterator[etree._Element] = iter(text)
    piece = text.text
    while True:
        for child in children:
            if piece:
                offset += len(piece)
            if ahead[at] <= offset:
                at = _gaps(content, ahead, at, level, count, offset)
            own = child in text_only
            if own:
                marks.append(count)
            elif isinstance(child, _MARKUP):  # one event, its text not in the plain text
                count += 1
                level.before, level.start = child, offset
                piece = child.tail
                continue
            count += 1
            start, piece = offset, child.text
            if len(child):
                stack.append((children, level))
                level, children = level.enter(child, own, start), iter(child)
                break
            if piece:
                offset += len(piece)
            if ahead[at] <= offset:
                at = _gaps(content, ahead, at, level.enter(child, own, start), count, offset)
            if own:
                marks.append(count)
            count += 1
            level.before, level.start = child, offset
            piece = child.tail
        else:
            if piece:
                offset += len(piece)
            if ahead[at] <= offset:
                at = _gaps(content, ahead, at, level, count, offset)
            if not stack:
                break
            closed = level
            children, level = stack.pop()
            if closed.own:
                marks.append(count)
            count += 1
            level.before, level.start = closed.element, offset
            piece = closed.element.tail
    content.length = offset
    return content


class _Tag(NamedTuple):
    tid: str
    timex: TimemlTimexLike


def _crosses_text_only(content: _Content, low: _Key, high: _Key) -> bool:
    """Whether gaps low..high enclose the start or end of an EVENT, SIGNAL or TIMEX3."""
    first = bisect.bisect_left(content.marks, low[0])
    return first < len(content.marks) and content.marks[first] < high[0]


def _place(content: _Content, start: int, end: int) -> tuple[_Key, _Key] | None:
    """The gaps for a tag over plain [start, end), as deep as it goes without crossing markup;
    ``None`` when it would cross an element or sit inside or around a text-only one."""
    starts, ends = content.gaps_at(start), content.gaps_at(end)
    if len(starts) == 1 and len(ends) == 1:  # no markup at either end: the usual case
        return _span(content, starts[0], ends[0])
    at_end = {gap[1] for gap in ends}
    levels = list({gap[1]: gap[2] for gap in starts if gap[1] in at_end}.items())
    for level, _ in sorted(levels, key=lambda item: item[1], reverse=True):
        low = [gap for gap in starts if gap[1] is level][-1]
        high = next(gap for gap in ends if gap[1] is level)
        span = _span(content, low, high)
        if span is not None:
            return span
    return None


def _span(content: _Content, low: _Gap, high: _Gap) -> tuple[_Key, _Key] | None:
    """The gaps ``low`` to ``high`` as a tag's place, unless they are in different elements,
    or the tag would be inside, or around the start or end of, a text-only element."""
    if low[1] is not high[1] or low[3] or _crosses_text_only(content, low[0], high[0]):
        return None
    return low[0], high[0]


def _attributes(tag: _Tag, creation: str | None, tids: dict[int, str]) -> dict[str, str]:
    """The TIMEX3's attributes. A value counted from something says from what, as TimeML
    does: ``anchorTimeID`` is the document creation time's tid (``creation``), or the tid
    of the expression it leaned on (``tids`` by where each tag starts)."""
    timex = tag.timex
    value = timex.value
    attributes = {"tid": tag.tid, "type": timex.type}
    attributes["value"] = value if value is not None else UNDERSPECIFIED.get(timex.type, "X")
    if timex.mod is not None:
        attributes["mod"] = timex.mod
    anchor = getattr(timex, "anchor", None)
    if anchor == "publication":
        anchor_tid = creation
    elif anchor == "previous":
        leaned_on = getattr(timex, "anchor_start", None)
        anchor_tid = tids.get(leaned_on) if leaned_on is not None else None
    else:
        return attributes
    attributes["temporalFunction"] = "true"
    if anchor_tid is not None and anchor_tid != tag.tid:
        attributes["anchorTimeID"] = anchor_tid
    return attributes


def _reason_comment(tag: _Tag) -> etree._Element | None:
    """Why a value is underspecified, in a comment: the schema allows no extra attribute."""
    reason = getattr(tag.timex, "reason", None)
    if tag.timex.value is not None or not reason:
        return None
    words = " ".join(str(reason).split()).replace("--", "\u2013")  # "--" may not be in a comment
    return etree.Comment(f" {tag.tid}: value unknown: {words} ")


def _kind(entry: tuple[int, _Tag]) -> int:
    """The sort key of a gap's tags: a named function, not a lambda made per gap."""
    return entry[0]


def _insert_tags(
    content: _Content,
    inserts: dict[_Key, list[tuple[int, _Tag]]],
    attributes: dict[str, dict[str, str]],
) -> None:
    """Put the new tags into the tree where their gaps are; nothing else is touched.

    Last gap first, so the spots still to be used keep their meaning: an insertion only
    changes text and children after its own spot. Tags that share a gap go in as closing,
    empty, opening; each inserted right at the spot, they are taken in the reverse order.
    Each TIMEX3 is made in the tree's document (``makeelement``): moving it into place is
    then cheaper than moving in a stand-alone element, which has a document of its own.
    """
    ends = {tag.tid: at for at, tags in inserts.items() for kind, tag in tags if kind == _CLOSE}
    for index in sorted(inserts, reverse=True):
        spot = content.spots[index]
        entries = inserts[index]
        if len(entries) > 1:
            entries = sorted(entries, key=_kind)
        for kind, tag in reversed(entries):
            if kind == _CLOSE:
                continue
            element = spot[0].makeelement("TIMEX3", attributes[tag.tid])
            if kind == _OPEN:
                wrap(element, spot, content.spots[ends[tag.tid]])
            else:
                put(element, spot)
            comment = _reason_comment(tag)
            if comment is not None:
                put(comment, spot)


def _drop_links(root: etree._Element, removed: set[str], timexes: Sequence[etree._Element]) -> None:
    """TLINKs to a TIMEX3 that is gone are dropped; attributes pointing there too, in
    ``timexes``: the TIMEX3s outside <TEXT>, the only ones not ours (ours anchor on ours).

    Only these refer to a TIMEX3 in TimeML (SLINKs and ALINKs relate events): reading the
    attributes of every link costs more than the rest of writing the tags, so the links are
    found by tag (``iter``) and read with byte names, which lxml need not encode.
    """
    if not removed:
        return
    for timex in timexes:
        for name in TIMEX_TIME_REFERENCES:
            if timex.get(name) in removed:
                del timex.attrib[name]
    first, second = (name.encode() for name in TLINK_TIME_REFERENCES)
    gone = [
        link
        for link in root.iter("TLINK")
        if link.get(first) in removed or link.get(second) in removed
    ]
    for link in gone:
        parent = link.getparent()
        if parent is not None:
            _remove(parent, link)
            continue
        for name in TLINK_TIME_REFERENCES:  # pragma: no cover - a TLINK as the root
            if link.get(name) in removed:
                del link.attrib[name]


def _remove(parent: etree._Element, node: etree._Element) -> None:
    """Remove ``node``; text after it stays unless it is whitespace, which goes with it."""
    tail = node.tail
    if not tail or tail.isspace():
        parent.remove(node)
    else:  # pragma: no cover - links are followed by whitespace only
        previous = node.getprevious()
        parent.remove(node)
        _keep_tail(parent, previous, tail)


def _keep_tail(
    parent: etree._Element, previous: etree._Element | None, tail: str
) -> None:  # pragma: no cover - links are followed by whitespace only
    """The text after a removed element stays, so the content of the file is kept."""
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def annotate_tree(
    root: etree._Element, timexes: Sequence[TimemlTimexLike], *, strict: bool = True
) -> list[TimemlTimexLike]:
    """Replace the TIMEX3 tags in <TEXT> with ``timexes``, in place; returns those written.

    Offsets are into the plain text. With ``strict``, a span that cannot be placed (it would
    cross other markup, or go inside or around an EVENT or SIGNAL) or overlaps the one before
    is an error; otherwise it is left out.
    """
    text = text_element(root, "<source>")
    removed = {tid for node in text.iter("TIMEX3") if (tid := node.get("tid"))}
    etree.strip_tags(text, "TIMEX3")
    used: set[str | None] = set()
    creation: str | None = None  # the document creation time's tid
    outside = list(root.iter("TIMEX3"))  # after the strip: the TIMEX3s outside <TEXT>
    for node in outside:
        tid = node.get("tid")
        used.add(tid)
        if creation is None and node.get("functionInDocument") == "CREATION_TIME":
            creation = tid
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    cuts = sorted({t.start for t in ordered} | {t.end for t in ordered})
    content = _content(text, cuts)
    length = content.length
    inserts: dict[_Key, list[tuple[int, _Tag]]] = {}
    edges: dict[int, _Key] = {}
    empties: list[_Tag] = []
    written: list[TimemlTimexLike] = []
    tags: list[_Tag] = []
    previous_end, number = 0, 0
    for timex in ordered:
        problem = None
        if not 0 <= timex.start <= timex.end <= length:
            problem = "is outside the text"
        elif timex.start < previous_end:
            problem = "overlaps the one before it"
        place = None
        if problem is None and timex.start < timex.end:
            place = _place(content, timex.start, timex.end)
            if place is None:
                problem = "would cross other markup or an EVENT/SIGNAL"
        if problem is not None:
            if strict:
                raise TimemlError(f"timex [{timex.start}, {timex.end}) {problem}")
            continue
        previous_end = timex.end
        number += 1
        while f"t{number}" in used:
            number += 1
        tag = _Tag(f"t{number}", timex)
        tags.append(tag)
        written.append(timex)
        if place is None:
            empties.append(tag)
            continue
        inserts.setdefault(place[0], []).append((_OPEN, tag))
        inserts.setdefault(place[1], []).append((_CLOSE, tag))
        edges.setdefault(timex.start, place[0])
        edges[timex.end] = place[1]
    for tag in empties:  # beside a neighbour's tag, so never inside that timex
        gap = edges.get(tag.timex.start)
        if gap is None:
            here = content.gaps_at(tag.timex.start)
            free = [g[0] for g in here if not g[3]]
            gap = free[-1] if free else here[-1][0]
        inserts.setdefault(gap, []).append((_EMPTY, tag))
    tids = {tag.timex.start: tag.tid for tag in tags}
    attributes = {tag.tid: _attributes(tag, creation, tids) for tag in tags}
    _insert_tags(content, inserts, attributes)
    # After ours are in (a link inside <TEXT> may hold a spot of ours), but past them: they
    # may point to a tid that was the gold's.
    _drop_links(root, removed, outside)
    return written


def serialize(root: etree._Element) -> str:
    """The whole document (with its XML declaration, DOCTYPE and top-level comments)."""
    data: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    return data.decode("utf-8") + "\n"


def write_timeml(original_source: str, timexes: Sequence[TimemlTimexLike]) -> str:
    """``original_source`` with its <TEXT> TIMEX3 tags replaced by ``timexes``.

    Offsets are into the plain text, so a system's spans can be written into the gold
    document and scored by any TimeML tool. Each tag goes as deep inside the surrounding
    markup as it can without crossing it; a span that would cross an element, go inside or
    around an EVENT or SIGNAL, or overlap another span is an error.
    """
    root = parse_tree(original_source, "<source>")
    annotate_tree(root, timexes)
    return serialize(root)
