"""Write TIMEX3 tags into a TimeML document: each one inserted where it goes in the tree.

The output is TimeML that TimeML tools accept (the TempEval-3 toolkit validates against
``tml-min-consistency.xsd``): every TIMEX3 has ``tid``, ``type`` and ``value``; a TIMEX3 is
never put inside, or around, an element whose content is plain text in TimeML (EVENT,
SIGNAL, TIMEX3); links (TLINK, SLINK, ALINK) that pointed to a TIMEX3 we replaced are
dropped; EVENTs and MAKEINSTANCEs stay as they were.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

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
#: Link elements and their attributes that refer to a TIMEX3 id.
LINKS = frozenset({"TLINK", "SLINK", "ALINK"})
TIME_REFERENCES = ("timeID", "relatedToTime", "anchorTimeID", "beginPoint", "endPoint")
#: TimeML's underspecified value per type, for an expression we could not resolve.
UNDERSPECIFIED = {
    "DATE": "XXXX-XX-XX",
    "TIME": "XXXX-XX-XXTXX:XX",
    "DURATION": "PXD",
    "SET": "XXXX",
}

# Placement order of tags that share one position: closing, empty elements, opening.
_CLOSE, _EMPTY, _OPEN = 0, 1, 2


_Event = str | tuple[etree._Element, int]
_OPENING, _CLOSING, _ATOM = 0, 1, 2


_Gap = tuple[int, tuple[int, ...], bool]  # (event index, ids of open elements, in text-only)


@dataclass
class _Content:
    """<TEXT>'s content as a flat list of events, and the gaps where tags may go.

    ``events[i]`` is a text piece (a str) or ``(node, kind)``: an element opening or closing,
    or a comment or processing instruction (an atom). Gap ``i`` lies before ``events[i]``;
    ``gaps[offset]`` lists the gaps at a plain-text offset where a tag starts or ends, each
    with the elements open there and whether one of them is an EVENT, SIGNAL or TIMEX3;
    ``spots[i]`` says where gap ``i`` is in the tree.
    """

    events: list[_Event] = field(default_factory=list)
    gaps: dict[int, list[_Gap]] = field(default_factory=dict)
    spots: dict[int, Spot] = field(default_factory=dict)
    length: int = 0

    def gaps_at(self, offset: int) -> list[_Gap]:
        return self.gaps.get(offset, [])


def _events(element: etree._Element) -> Iterator[_Event]:
    """The content of ``element`` in document order; no event for the element itself."""
    if element.text:
        yield element.text
    walk = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    next(walk)  # the element's own start
    for action, node in walk:
        if action == "start":
            yield node, _OPENING
            if node.text:
                yield node.text
            continue
        if node is element:
            break
        yield node, _CLOSING if action == "end" else _ATOM
        if node.tail:
            yield node.tail


def _content(text: etree._Element, cuts: Sequence[int]) -> _Content:
    """The events of ``text``'s content, text pieces split at every offset in ``cuts``
    (sorted), with the gaps at those offsets and where each gap is in the tree."""
    content = _Content()
    events, gaps, spots = content.events, content.gaps, content.spots
    wanted = set(cuts)
    stack: list[tuple[tuple[int, ...], bool]] = [((), False)]  # (open ids, any text-only)
    # Per open element: [element, last child so far, characters of the text after it].
    places: list[list[Any]] = [[text, None, 0]]

    def gap(offset: int) -> None:
        spots[len(events)] = (places[-1][0], places[-1][1], places[-1][2])
        gaps.setdefault(offset, []).append((len(events), *stack[-1]))

    offset = 0
    for event in _events(text):
        if offset in wanted:
            gap(offset)
        if isinstance(event, str):
            end = offset + len(event)
            first = bisect.bisect_right(cuts, offset)
            if first == len(cuts) or cuts[first] >= end:
                events.append(event)
                places[-1][2] += len(event)
                offset = end
                continue
            last = bisect.bisect_left(cuts, end, first)
            for cut in cuts[first:last]:
                events.append(event[: cut - offset])
                places[-1][2] += cut - offset
                event = event[cut - offset :]
                offset = cut
                gap(offset)
            events.append(event)
            places[-1][2] += len(event)
            offset = end
            continue
        events.append(event)
        if event[1] == _CLOSING:
            stack.pop()
            places.pop()
            continue
        places[-1][1], places[-1][2] = event[0], 0
        if event[1] == _OPENING:
            ids, text_only = stack[-1]
            stack.append(((*ids, id(event[0])), text_only or event[0].tag in TEXT_ONLY))
            places.append([event[0], None, 0])
    if offset in wanted:
        gap(offset)
    content.length = offset
    return content


@dataclass(frozen=True)
class _Tag:
    tid: str
    timex: TimemlTimexLike


def _crosses_text_only(content: _Content, low: int, high: int) -> bool:
    """Whether gaps low..high enclose the start or end of an EVENT, SIGNAL or TIMEX3."""
    return any(
        not isinstance(event, str) and event[0].tag in TEXT_ONLY
        for event in content.events[low:high]
    )


def _place(content: _Content, start: int, end: int) -> tuple[int, int] | None:
    """The gaps for a tag over plain [start, end), as deep as it goes without crossing markup;
    ``None`` when it would cross an element or sit inside or around a text-only one."""
    starts, ends = content.gaps_at(start), content.gaps_at(end)
    common = {gap[1] for gap in starts} & {gap[1] for gap in ends}
    for level in sorted(common, key=len, reverse=True):
        low = [gap for gap in starts if gap[1] == level][-1]
        high = next(gap for gap in ends if gap[1] == level)
        if low[0] > high[0]:  # pragma: no cover - an empty span takes the other branch
            continue
        if low[2] or _crosses_text_only(content, low[0], high[0]):
            continue
        return low[0], high[0]
    return None


def _tag_element(tag: _Tag) -> etree._Element:
    value = tag.timex.value
    attributes = {"tid": tag.tid, "type": tag.timex.type}
    attributes["value"] = value if value is not None else UNDERSPECIFIED.get(tag.timex.type, "X")
    if tag.timex.mod is not None:
        attributes["mod"] = tag.timex.mod
    return etree.Element("TIMEX3", attributes)


def _reason_comment(tag: _Tag) -> etree._Element | None:
    """Why a value is underspecified, in a comment: the schema allows no extra attribute."""
    reason = getattr(tag.timex, "reason", None)
    if tag.timex.value is not None or not reason:
        return None
    words = " ".join(str(reason).split()).replace("--", "\u2013")  # "--" may not be in a comment
    return etree.Comment(f" {tag.tid}: value unknown: {words} ")


def _insert_tags(content: _Content, inserts: dict[int, list[tuple[int, _Tag]]]) -> None:
    """Put the new tags into the tree where their gaps are; nothing else is touched.

    Last gap first, so the spots still to be used keep their meaning: an insertion only
    changes text and children after its own spot. Tags that share a gap go in as closing,
    empty, opening; each inserted right at the spot, they are taken in the reverse order.
    """
    ends = {tag.tid: at for at, tags in inserts.items() for kind, tag in tags if kind == _CLOSE}
    for index in sorted(inserts, reverse=True):
        spot = content.spots[index]
        for kind, tag in reversed(sorted(inserts[index], key=lambda item: item[0])):
            if kind == _CLOSE:
                continue
            element = _tag_element(tag)
            if kind == _OPEN:
                wrap(element, spot, content.spots[ends[tag.tid]])
            else:
                put(element, spot)
            comment = _reason_comment(tag)
            if comment is not None:
                put(comment, spot)


def _drop_links(root: etree._Element, removed: set[str]) -> None:
    """Links to a TIMEX3 that is gone are dropped; TIMEX3 attributes pointing there too."""
    if not removed:
        return
    for node in list(root.iter(*LINKS, "TIMEX3")):
        if removed.isdisjoint(node.attrib.values()):
            continue
        gone = [name for name in TIME_REFERENCES if node.get(name) in removed]
        if not gone:
            continue
        parent = node.getparent()
        if node.tag in LINKS and parent is not None:
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
    gold = [node for node in text.iter("TIMEX3")]
    removed = {tid for node in gold if (tid := node.get("tid"))}
    etree.strip_tags(text, "TIMEX3")
    used = {node.get("tid") for node in root.iter("TIMEX3")}
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    cuts = sorted({t.start for t in ordered} | {t.end for t in ordered})
    content = _content(text, cuts)
    length = content.length
    inserts: dict[int, list[tuple[int, _Tag]]] = {}
    edges: dict[int, int] = {}
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
            free = [g[0] for g in here if not g[2]]
            gap = free[-1] if free else here[-1][0]
        inserts.setdefault(gap, []).append((_EMPTY, tag))
    _insert_tags(content, inserts)
    _drop_links(root, removed)
    _link_anchors(root, text, tags)
    return written


def _link_anchors(root: etree._Element, text: etree._Element, tags: Sequence[_Tag]) -> None:
    """A value counted from something says from what, as TimeML does: ``anchorTimeID`` is the
    document creation time's tid, or the tid of the expression it leaned on."""
    by_start = {tag.timex.start: tag.tid for tag in tags}
    by_tid = {tag.tid: tag.timex for tag in tags}
    creation = next(
        (
            node.get("tid")
            for node in root.iter("TIMEX3")
            if node.get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    for node in text.iter("TIMEX3"):
        timex = by_tid.get(node.get("tid") or "")
        anchor = getattr(timex, "anchor", None)
        if anchor == "publication":
            anchor_tid = creation
        elif anchor == "previous":
            anchor_tid = by_start.get(getattr(timex, "anchor_start", None) or -1)
        else:
            continue
        node.set("temporalFunction", "true")
        if anchor_tid is not None and anchor_tid != node.get("tid"):
            node.set("anchorTimeID", anchor_tid)


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
