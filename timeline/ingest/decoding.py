"""Bytes to text: BOMs, UTF-8, then a detected 8-bit or UTF-16 encoding; junk is refused.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); text that is valid UTF-8 is
UTF-8; an encoding the file declares (HTML ``<meta charset>``) is tried next; anything else
goes to charset-normalizer, preferring cp1252 (a superset of Latin-1 for printable text,
the usual non-UTF-8 encoding of Western news) whenever it reads the bytes as cleanly as
the best guess. Text that still holds control characters is taken for binary data.
Line endings become ``\\n`` before any offset is taken.
"""

from __future__ import annotations

import codecs
import re

from timeline.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: The same characters below U+0080, as bytes.
_ASCII_CONTROLS = bytes(code for code in range(0x80) if _CONTROL.match(chr(code)))
_MAX_CONTROL_SHARE = 0.001
#: What an empty input may still hold.
_BLANK = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
_PREFERRED_8BIT = "cp1252"
_CHAOS_TOLERANCE = 0.05


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, or cp1252 when that reads the bytes as cleanly."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if (
            _PREFERRED_8BIT in match.could_be_from_charset
            and match.chaos <= best.chaos + _CHAOS_TOLERANCE
        ):
            return _PREFERRED_8BIT
    return str(best.encoding)


def _controls(text: str) -> int:
    """How many control characters ``text`` holds; ASCII text (most inputs) is counted by
    deleting them from its bytes, several times faster than a regular expression scan."""
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _ASCII_CONTROLS))
    return len(_CONTROL.findall(text))


def _looks_binary(text: str) -> bool:
    head = text[:65536]
    return _controls(head) > max(1, len(head) * _MAX_CONTROL_SHARE) or "\x00" in text


def _blank(data: bytes) -> bool:
    """Whether ``data`` holds nothing but white space, NULs and byte-order marks; its head
    decides for almost every input (stripping all of it would copy it)."""
    return not data[:4096].strip(_BLANK) and not data.strip(_BLANK)


#: ASCII bytes that decoding changes (CR, which it makes a line end, as the parser would) or
#: may refuse although XML allows them (NUL is refused by both, DEL by decoding only). One
#: byte each: ``in`` finds a single byte with ``memchr``, where it searched for CR LF at a
#: tenth of that speed (3 ms a run over TempEval-3, most of testing the files).
_CHANGED_OR_ALLOWED_IN_XML = (b"\r", b"\x00", b"\x7f")


def is_own_xml_text(data: bytes) -> bool:
    """Whether ``data`` can go to an XML parser as it is, undecoded: ASCII that :func:`decode`
    gives back unchanged, unless it refuses it for control characters that XML forbids too
    (the parser then fails, and ``decode`` can tell why). It spares the passes of decoding
    (for a TimeML file, most of the cost of reading it): ``isascii`` and ``in`` are each a
    fraction of one."""
    return (
        data.isascii()
        and not any(part in data for part in _CHANGED_OR_ALLOWED_IN_XML)
        and not _blank(data)
    )


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """The text of ``data``; an empty or binary input is an :class:`InputError`."""
    if _blank(data):
        raise InputError(f"{source}: the input is empty; give a file with article text")
    encoding = _bom_encoding(data)
    text: str | None = None
    if encoding is not None:
        text = data.decode(encoding, errors="replace")
    else:
        # NUL bytes are valid UTF-8 but mean UTF-16/32 without a BOM, or binary data.
        plain = None if b"\x00" in data else "utf-8"
        for candidate in (plain, declared):
            if candidate is None:
                continue
            try:
                text = data.decode(candidate)
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        detected = _detect(data)
        if detected is not None:
            text = data.decode(detected, errors="replace")
    if text is None or _looks_binary(text):
        raise InputError(
            f"{source}: looks like a binary file, not text in a known encoding; "
            "give a text, HTML or JSON file"
        )
    if "\r" not in text:  # most inputs: two searches of the whole text spared
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
