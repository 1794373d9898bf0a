"""Inserting elements at a place in an lxml tree's text, moving what they wrap into them.

A place is where a text offset falls between an element's children: the element, the child
before it (None: the element's own text) and the offset into the text that follows that
child. Only the text and children after the place change, so places further on, taken
first, leave the places before them valid.
"""

from __future__ import annotations

from lxml import etree

__all__ = ["Spot", "put", "wrap"]

#: (parent, the child before the place or None, offset into the text that follows it).
Spot = tuple[etree._Element, etree._Element | None, int]


def _slot(spot: Spot) -> str:
    parent, before, _ = spot
    return (parent.text if before is None else before.tail) or ""


def _set_slot(spot: Spot, value: str) -> None:
    parent, before, _ = spot
    if before is None:
        parent.text = value or None
    else:
        before.tail = value or None


def _insert(node: etree._Element, spot: Spot, kept: str, tail: str) -> None:
    """``node`` into the tree at ``spot``: the text there becomes ``kept``, its tail ``tail``.

    Each read or write of a text in lxml converts it whole, so callers read a slot once."""
    parent, before, _ = spot
    _set_slot(spot, kept)
    node.tail = tail or None
    if before is None:
        parent.insert(0, node)
    else:
        before.addnext(node)  # no search for its index among hundreds of siblings


def put(node: etree._Element, spot: Spot) -> None:
    """Insert ``node`` at ``spot``, the text after the spot going to its tail."""
    rest, at = _slot(spot), spot[2]
    _insert(node, spot, rest[:at], rest[at:])


def wrap(node: etree._Element, low: Spot, high: Spot) -> None:
    """Insert ``node`` at ``low`` and move everything up to ``high`` (same parent) into it."""
    parent, first, start = low
    _, last, end = high
    if first is last:
        rest = _slot(low)
        node.text = rest[start:end] or None
        _insert(node, low, rest[:start], rest[end:])
        return
    assert last is not None
    opening, rest = _slot(low), _slot(high)
    last.tail = rest[:end] or None
    moved: list[etree._Element] = []
    child = parent[0] if first is None else first.getnext()
    while child is not None:  # the siblings up to ``last``, not all of them
        moved.append(child)
        child = None if child is last else child.getnext()
    _insert(node, low, opening[:start], rest[end:])
    node.text = opening[start:] or None
    for child in moved:
        node.append(child)  # moves it, with its tail
