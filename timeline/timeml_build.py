"""TimeML documents for texts that did not come as TimeML (plain articles, event lists).

XML 1.0 forbids most control characters (``\\x00``-``\\x1f`` but tab, newline and carriage
return), lone surrogates and U+FFFE/U+FFFF. Each one is written as U+FFFD, one character for
one, so offsets into the TimeML <TEXT> are the offsets into the text we were given, and
the tool reads its own output back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from lxml import etree

from timeline.timeml import TimemlTimexLike, parse_tree
from timeline.timeml_write import annotate_tree, serialize

__all__ = ["XML_FORBIDDEN", "annotate", "annotate_text", "skeleton", "xml_safe"]

XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD (same length)."""
    return XML_FORBIDDEN.sub("\ufffd", text)


def _skeleton_tree(text: str, docid: str, published: dt.date | None) -> etree._Element:
    root = etree.Element("TimeML")
    root.text = "\n"
    etree.SubElement(root, "DOCID").text = xml_safe(docid)
    root[-1].tail = "\n"
    if published is not None:
        iso = published.isoformat()
        dct = etree.SubElement(root, "DCT")
        dct.tail = "\n"
        attributes = {
            "tid": "t0",
            "type": "DATE",
            "value": iso,
            "temporalFunction": "false",
            "functionInDocument": "CREATION_TIME",
        }
        etree.SubElement(dct, "TIMEX3", attributes).text = iso
    etree.SubElement(root, "TEXT").text = xml_safe(text)
    root[-1].tail = "\n"
    return root


def skeleton(text: str, docid: str, published: dt.date | None) -> str:
    """A minimal TimeML 1.2.1 document holding ``text`` and its creation time."""
    return serialize(_skeleton_tree(text, docid, published))


def annotate_text(
    text: str, docid: str, published: dt.date | None, timexes: Sequence[TimemlTimexLike]
) -> str:
    """A TimeML document of ``text`` with ``timexes`` as its TIMEX3 tags (one build, no parse)."""
    root = _skeleton_tree(text, docid, published)
    annotate_tree(root, timexes, strict=False)
    return serialize(root)


def annotate(source: str, timexes: Sequence[TimemlTimexLike]) -> str:
    """``source`` with ``timexes`` as its TIMEX3 tags.

    A tag that would cross other markup, or go inside or around an EVENT or SIGNAL of a gold
    file, is left out rather than failing the whole document.
    """
    root = parse_tree(source, "<source>")
    annotate_tree(root, timexes, strict=False)
    return serialize(root)
