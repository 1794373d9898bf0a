"""Which inputs are web archives, by name or first bytes: kept apart from the WARC reader,
which loads the HTML reader and the models, so telling an input's kind imports nothing heavy."""

from __future__ import annotations

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_archive(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


#: How archives begin: gzip (a .warc.gz), a WARC record, an ARC file header.
ARCHIVE_MAGIC = (b"\x1f\x8b", b"WARC/", b"filedesc:")
