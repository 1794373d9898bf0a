"""Which file names are web archives: kept apart from the WARC reader, which loads the HTML
reader and the models, so telling an input's kind imports nothing heavy."""

from __future__ import annotations

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_archive(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)
