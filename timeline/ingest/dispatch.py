"""Reading inputs: files or stdin, decoded, dispatched to the reader for their kind."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline.errors import InputError
from timeline.ingest.text import read_text_articles
from timeline.models import Article

STDIN = "-"
STDIN_NAME = "<stdin>"


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped); line endings normalised to ``\\n`` before any offset."""
    if not data.strip():
        raise InputError(f"{source}: the input is empty; give a file with article text")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: looks like a binary file, not article text")
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source}: not valid UTF-8 (byte {error.start}); re-save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str) -> tuple[str, str]:
    """(display name, decoded text) for a path, or for stdin when ``path`` is ``-``."""
    if path == STDIN:
        return STDIN_NAME, decode(sys.stdin.buffer.read(), STDIN_NAME)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file; check the path")
    if file.is_dir():
        raise InputError(f"{path}: is a directory; give the article files inside it")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror}); check its permissions"
        ) from None
    return path, decode(data, path)


def read_articles(paths: Sequence[str]) -> list[Article]:
    """Articles from every input, in order; no inputs means stdin."""
    articles: list[Article] = []
    for path in paths or [STDIN]:
        name, text = read_source(path)
        found = read_text_articles(text, name)
        if not found:
            raise InputError(f"{name}: holds no article text")
        articles.extend(found)
    return articles


def parse_published(raw: str) -> dt.date:
    """A publication date given by the user: ISO ``YYYY-MM-DD`` (a time part is ignored)."""
    try:
        return dt.date.fromisoformat(raw.strip()[:10])
    except ValueError:
        raise InputError(
            f"--published {raw!r}: not a valid date; use YYYY-MM-DD, e.g. 2018-12-20"
        ) from None


def apply_published(articles: Sequence[Article], dates: Sequence[dt.date]) -> list[Article]:
    """One date applies to every article; several apply to the articles in order."""
    if not dates:
        return list(articles)
    if len(dates) > 1 and len(dates) != len(articles):
        raise InputError(
            f"--published given {len(dates)} times for {len(articles)} articles; "
            "give it once for all, or once per article"
        )
    chosen = list(dates) * len(articles) if len(dates) == 1 else list(dates)
    return [
        article.model_copy(update={"published": day, "published_source": "option"})
        for article, day in zip(articles, chosen, strict=False)
    ]
