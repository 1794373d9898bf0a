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
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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


#: A gap's markup events before it and its plain-text offset: keys sort in document order.
_Key = tuple[int, int]
#: A gap: its key, the innermost element open there, that element's depth, in a text-only one.
_Gap = tuple[_Key, etree._Element, int, bool]


@dataclass
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

    gaps: dict[int, list[_Gap]] = field(default_factory=dict)
    spots: dict[_Key, Spot] = field(default_factory=dict)
    marks: list[int] = field(default_factory=list)
    length: int = 0

    def gaps_at(self, offset: int) -> list[_Gap]:
        return self.gaps.get(offset, [])


def _content(text: etree._Element, cuts: Sequence[int]) -> _Content:
    """The gaps of ``text``'s content at every offset in ``cuts`` (sorted): one walk over the
    tree, where a text piece without a cut costs one addition."""
    content = _Content()
    gaps, spots, marks = content.gaps, content.spots, content.marks
    ahead = [*cuts, sys.maxsize]  # the sentinel ends every scan
    at = 0  # index of the first cut not passed yet
    # Per open element: [element, last child so far, offset where the text after it starts,
    # depth, whether it is or is in a text-only element, whether it is one].
    levels: list[list[Any]] = [[text, None, 0, 0, False, False]]
    count = offset = 0

    def gap(where: int) -> None:
        element, before, start, depth, text_only, _ = levels[-1]
        key = (count, where)
        spots[key] = (element, before, where - start)
        gaps.setdefault(where, []).append((key, element, depth, text_only))

    walk = etree.iterwalk(text, events=("start", "end", "comment", "pi"))
    next(walk)  # <TEXT>'s own start
    piece = text.text
    for action, node in walk:
        if piece:
            end = offset + len(piece)
            while ahead[at] < end:  # a cut before or inside this piece
                gap(ahead[at])
                at += 1
            offset = end
        if ahead[at] == offset:
            gap(offset)
        if node is text:
            break
        if action == "start":
            own = node.tag in TEXT_ONLY  # read once: each read of a tag makes a new string
            if own:
                marks.append(count)
            count += 1
            level = levels[-1]
            levels.append([node, None, offset, level[3] + 1, level[4] or own, own])
            piece = node.text
            continue
        if action == "end" and levels.pop()[5]:
            marks.append(count)
        count += 1
        level = levels[-1]
        level[1], level[2] = node, offset
        piece = node.tail
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
    at_end = {gap[1] for gap in ends}
    levels = list({gap[1]: gap[2] for gap in starts if gap[1] in at_end}.items())
    for level, _ in sorted(levels, key=lambda item: item[1], reverse=True):
        low = [gap for gap in starts if gap[1] is level][-1]
        high = next(gap for gap in ends if gap[1] is level)
        if low[0] > high[0]:  # pragma: no cover - an empty span takes the other branch
            continue
        if low[3] or _crosses_text_only(content, low[0], high[0]):
            continue
        return low[0], high[0]
    return None


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
        for kind, tag in reversed(sorted(inserts[index], key=lambda item: item[0])):
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


def _drop_links(root: etree._Element, removed: set[str], ours: Collection[str]) -> None:
    """TLINKs to a TIMEX3 that is gone are dropped; TIMEX3 attributes pointing there too,
    except in the TIMEX3s we wrote (tids ``ours``), whose anchors are our own tags.

    Only these refer to a TIMEX3 in TimeML (SLINKs and ALINKs relate events): reading the
    attributes of every link costs more than the rest of writing the tags.
    """
    if not removed:
        return
    for node in list(root.iter("TLINK", "TIMEX3")):
        is_link = node.tag == "TLINK"
        if not is_link and node.get("tid") in ours:
            continue
        names = TLINK_TIME_REFERENCES if is_link else TIMEX_TIME_REFERENCES
        gone = [name for name in names if node.get(name) in removed]
        if not gone:
            continue
        parent = node.getparent()
        if is_link and parent is not None:
            tail = node.tail
            previous = node.getprevious()
            parent.remove(node)
            _keep_tail(parent, previous, tail)
        else:
            for name in gone:
                del node.attrib[name]


def _keep_tail(parent: etree._Element, previous: etree._Element | None, tail: str | None) -> None:
    """Whitespace after a removed element stays, so the layout of the file is kept."""
    if not tail or not tail.strip():
        return
    if previous is not None:  # pragma: no cover - links are followed by whitespace only
        previous.tail = (previous.tail or "") + tail
    else:  # pragma: no cover
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
    for node in root.iter("TIMEX3"):
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
    _drop_links(root, removed, ours=attributes.keys())
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
