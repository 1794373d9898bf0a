"""TimeML documents for texts that did not come as TimeML (plain articles, event lists)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape

from timeline.timeml import TimemlError, TimemlTimexLike, write_timeml


def skeleton(text: str, docid: str, published: dt.date | None) -> str:
    """A minimal TimeML 1.2.1 document holding ``text`` and its creation time."""
    dct = ""
    if published is not None:
        iso = published.isoformat()
        dct = (
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{iso}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{iso}</TIMEX3></DCT>\n'
        )
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(docid)}</DOCID>\n{dct}<TEXT>{escape(text)}</TEXT>\n</TimeML>\n"
    )


def annotate(source: str, timexes: Sequence[TimemlTimexLike]) -> str:
    """``source`` with ``timexes`` as its TIMEX3 tags.

    A tag that would cross other markup (an EVENT of a gold file, say) is left out
    rather than failing the whole document.
    """
    try:
        return write_timeml(source, timexes)
    except TimemlError:
        kept: list[TimemlTimexLike] = []
        for timex in timexes:
            try:
                write_timeml(source, [*kept, timex])
            except TimemlError:
                continue
            kept.append(timex)
        return write_timeml(source, kept)


__all__ = ["annotate", "skeleton"]
