"""Elements put into a tree's text at a place, wrapping what lies between two places."""

from __future__ import annotations

from lxml import etree

from timeline.xml_spots import put, wrap


def _tree() -> etree._Element:
    return etree.fromstring("<T>ab<E>cd</E>ef<E>gh</E>ij</T>")


def test_wrap_within_one_text_and_across_children() -> None:
    root = _tree()
    first, second = root
    wrap(etree.Element("X"), (root, second, 1), (root, second, 2))  # "j", in the last tail
    wrap(etree.Element("Y"), (root, None, 1), (root, first, 1))  # "b<E>cd</E>e"
    assert etree.tostring(root) == b"<T>a<Y>b<E>cd</E>e</Y>f<E>gh</E>i<X>j</X></T>"


def test_put_splits_the_text_at_the_place() -> None:
    root = _tree()
    put(etree.Element("Z"), (root, root[0], 1))
    put(etree.Comment(" c "), (root, None, 0))
    assert etree.tostring(root) == b"<T><!-- c -->ab<E>cd</E>e<Z/>f<E>gh</E>ij</T>"
