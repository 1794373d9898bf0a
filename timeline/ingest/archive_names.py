"""Which inputs are web archives, by name or first bytes: kept apart from the WARC reader,
which loads the HTML reader and the models, so telling an input's kind imports nothing heavy."""

from __future__ import annotations

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_archive(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


#: How archives begin: gzip (a .warc.gz), a WARC record, an ARC file header.
ARCHIVE_MAGIC = (b"\x1f\x8b", b"WARC/", b"filedesc:")
#: How an archive's first record begins, once unzipped: stricter, to tell archives by content.
_RECORD_START = (b"WARC/1.", b"filedesc://")


def looks_like_archive(data: bytes) -> bool:
    """Whether unnamed bytes (stdin, a file without an extension) hold a web archive: its
    first record, gzipped or not. Any other gzip file or text is not taken for one."""
    head = data[:4096]
    if head.startswith(b"\x1f\x8b"):
        import zlib

        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(_RECORD_START)
