"""A front-matter block at the top of a text file: ``---``, ``key: value`` lines, ``---``.

Only flat ``key: value`` pairs are read (the YAML most blog and static-site exports
write); quotes around a value are dropped. The keys we use, case-insensitively:

- publication date: ``date``, ``published``, ``published_at``, ``publish_date``,
  ``pubdate``, ``datepublished``, ``created``
- title: ``title``, ``headline``
- URL: ``url``, ``canonical``, ``canonical_url``, ``link``, ``permalink``
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.errors import InputError
from timeline.ingest.dates import parse_date_value

_BLOCK = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubdate", "datepublished")
DATE_KEYS_LAST = ("created",)
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "canonical", "canonical_url", "link", "permalink")


@dataclass(frozen=True)
class FrontMatter:
    end: int
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None


def _first(pairs: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if pairs.get(key):
            return pairs[key]
    return None


def read_front_matter(text: str, source: str) -> FrontMatter | None:
    """The block at the very start of ``text``, or ``None``; a bad date is an InputError."""
    match = _BLOCK.match(text)
    if match is None:
        return None
    pairs: dict[str, str] = {}
    for line in match["body"].splitlines():
        pair = _PAIR.match(line)
        if pair:
            value = pair["value"]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            pairs.setdefault(pair["key"].lower(), value.strip())
    if not pairs:
        return None
    raw_date = _first(pairs, DATE_KEYS + DATE_KEYS_LAST)
    published = None
    if raw_date is not None:
        published = parse_date_value(raw_date)
        if published is None:
            raise InputError(
                f"{source}: front matter date {raw_date!r} is not a calendar date; "
                "write it as YYYY-MM-DD"
            )
    return FrontMatter(
        end=match.end(),
        title=_first(pairs, TITLE_KEYS),
        url=_first(pairs, URL_KEYS),
        published=published,
    )
