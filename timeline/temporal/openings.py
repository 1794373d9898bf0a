"""The characters a pattern's matches can open with, so the engine turns other places down
at once.

A rule pattern opens with a lookbehind and optional qualifiers ("about", "the", "last"),
so the regex engine enters it at every character of a window and, at each word, tries
every alternative before giving up. A lookahead class of the characters any match can open
with, ``(?=[...])`` in front, makes most of those tries a single class test: 14% fewer
instructions for ``tag_text`` over TempEval-3, with the same matches. The scanner uses the
same classes to find where pattern triggers can match in one pass (``scan.py``).

Working a class out means parsing the pattern, which costs as much again as compiling it
(40 ms for the rule table), so it is done ahead of time: ``scripts/update_openings.py``
writes ``data/openings.tsv``, each pattern's class under a digest of its source and flags.
A pattern whose digest is not there (an edited rule, another lexicon), or a file that is
missing or damaged, only costs speed: the pattern runs as it is, with the same matches. A
test keeps the file in step with the rules.
"""

from __future__ import annotations

import pkgutil
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

OPENINGS_FILE = "openings.tsv"
# Characters that match an ASCII letter case-insensitively besides its two cases (the re
# module's documentation lists them for [a-z] with IGNORECASE).
ASCII_FOLDS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_TO_ASCII = str.maketrans({fold: letter for letter, folds in ASCII_FOLDS.items() for fold in folds})
# Flags for the whole pattern at its start ("(?i)..."): nothing may stand in front of them.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def ascii_lower(word: str) -> str:
    """``word`` lower-cased, the letters a case-insensitive pattern takes for ASCII ones (a
    dotless i, a long s, the Kelvin sign) written as those: how a matched word is looked up
    in the lexicon, which a plain ``lower()`` would miss ("will" with a dotless i)."""
    return word.lower() if word.isascii() else word.translate(_TO_ASCII).lower()


def digest(source: str, flags: int) -> str:
    """The key of a pattern in the openings file."""
    return fingerprint(f"{int(flags)}\0{source}")


def fingerprint(text: str) -> str:
    """A key that tells ``text`` from an edited one, for the packaged data files (64 bits:
    CRC-32 and Adler-32). Not a cryptographic hash: the files are ours and a test keeps
    them current, and hashlib's OpenSSL start-up was 2% of a one-file run."""
    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


@cache
def shipped_openings() -> dict[str, str]:
    """The packaged openings file: digest to class. Missing or unreadable, it is empty."""
    return parse_openings(packaged_text(OPENINGS_FILE))


def packaged_text(name: str) -> str:
    """A file of the package's ``data`` folder; empty when it is missing or unreadable (the
    files this reads only make tagging faster)."""
    try:
        return package_data(name)
    except (OSError, UnicodeDecodeError):
        return ""


def package_data(name: str) -> str:
    """A file of the package's ``data`` folder, read with ``pkgutil``: ``importlib.resources``
    imports ``zipfile`` (3% of a one-file run) to read a file beside the code."""
    data = pkgutil.get_data("timeline.temporal", f"data/{name}")
    if data is None:  # pragma: no cover - a loader that reads no data
        raise OSError(f"data/{name}: the package's loader cannot read it")
    return data.decode("utf-8")


def parse_openings(text: str) -> dict[str, str]:
    """Digest to class from an openings file's text; a damaged row is passed over."""
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[1]: row[2] for row in rows if len(row) == 3 and _is_class(row[2])}


def _is_class(text: str) -> bool:
    return len(text) > 2 and text[0] == "[" and text[-1] == "]" and text[-2] != "\\"


def with_opening(source: str, flags: int) -> str:
    """``source`` behind the lookahead of its opening characters, when the file has them;
    the source in a group, so that the lookahead is before every alternative it has."""
    opening = shipped_openings().get(digest(source, flags))
    return source if opening is None else f"(?={opening}){grouped(source, flags)}"


def grouped(source: str, flags: int) -> str:
    """``source`` as one non-capturing group, so that what stands around it applies to every
    alternative; in a verbose source the group closes on a new line (it may end in a comment)."""
    end = "\n)" if flags & re.VERBOSE else ")"
    return f"(?:{source}{end}"


def openings_text(patterns: Iterable[tuple[str, str, int]]) -> str:
    """The openings file for named patterns, ``(name, source, flags)``: a row per pattern
    whose opening class is known, the first name of a pattern given twice (the name is
    there for the reader)."""
    named: dict[str, tuple[str, str, int]] = {}
    for name, source, flags in patterns:
        named.setdefault(digest(source, flags), (name, source, flags))
    rows = [
        f"{name}\t{key}\t{opening}\n"
        for key, (name, source, flags) in named.items()
        if (opening := opening_class(source, flags)) is not None
    ]
    header = (
        "# Opening characters of the matches of each rule and pattern trigger.\n"
        "# Written by scripts/update_openings.py. Format: name<TAB>pattern digest<TAB>class.\n"
    )
    return header + "".join(rows)


class _UnboundedError(Exception):
    """The opening is not a fixed set of characters (a negated class, any character)."""


def opening_class(source: str, flags: int = 0) -> str | None:
    """A character class that every non-empty match of ``source`` opens with; ``None`` when
    a match can be empty or open with too wide a set (a negated class, ``.``) to help, or
    when the pattern starts with its own flags (nothing may stand before them).

    Lookarounds and anchors are skipped (they only narrow where a match opens), optional
    parts add their openings to what follows, so the class may be wider than needed but
    never narrower; case-insensitive letters are spelt out, so the class holds without
    flags. Reads the pattern through the ``re`` module's own parser, which is not a public
    API: this runs only when the openings file is written and in its tests.
    """
    if _GLOBAL_FLAGS.match(source):
        return None
    from timeline.programs import re_internal  # offline work: not loaded to tag

    parser = re_internal("parser")
    tree = parser.parse(source, flags)
    ignore_case = bool((flags | tree.state.flags) & parser.SRE_FLAG_IGNORECASE)
    try:
        items, nullable = _first_items(parser, list(tree), ignore_case)
    except _UnboundedError:
        return None
    if nullable or not items:
        return None
    return _class(items)


def _first_items(parser: Any, sequence: Sequence[Any], ignore_case: bool) -> tuple[list[str], bool]:
    """The class items a sequence of parsed ops can open with, and whether it can be empty."""
    items: list[str] = []
    for op, arg in sequence:
        if op is parser.LITERAL:
            return items + _literals([chr(arg)], ignore_case), False
        if op is parser.IN:
            return items + _set_items(parser, arg, ignore_case), False
        if op in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
            continue
        if op is parser.BRANCH:
            nullable = False
            for alternative in arg[1]:
                found, empty = _first_items(parser, list(alternative), ignore_case)
                items += found
                nullable = nullable or empty
        elif op is parser.SUBPATTERN:
            _group, added, removed, body = arg
            scoped = (ignore_case or bool(added & parser.SRE_FLAG_IGNORECASE)) and not (
                removed & parser.SRE_FLAG_IGNORECASE
            )
            found, nullable = _first_items(parser, list(body), scoped)
            items += found
        elif op in repeat_ops(parser):
            least, _most, body = arg
            found, empty = _first_items(parser, list(body), ignore_case)
            items += found
            nullable = empty or least == 0
        elif op is getattr(parser, "ATOMIC_GROUP", None):
            found, nullable = _first_items(parser, list(arg), ignore_case)
            items += found
        else:
            raise _UnboundedError(op)
        if not nullable:
            return items, False
    return items, True


def repeat_ops(parser: Any) -> tuple[Any, ...]:
    """The repeat opcodes of ``re``'s parser (``POSSESSIVE_REPEAT`` came with 3.11)."""
    names = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    return tuple(getattr(parser, name) for name in names if hasattr(parser, name))


def _set_items(parser: Any, members: Iterable[tuple[Any, Any]], ignore_case: bool) -> list[str]:
    items: list[str] = []
    for op, arg in members:
        if op is parser.LITERAL:
            items += _literals([chr(arg)], ignore_case)
        elif op is parser.RANGE:
            low, high = arg
            if ignore_case and high - low > 255:
                raise _UnboundedError(op)
            chars = [chr(code) for code in range(low, high + 1)]
            items += _literals(chars, ignore_case) if ignore_case else [_range(low, high)]
        elif op is parser.CATEGORY and str(arg) in _CATEGORIES:
            items.append(_CATEGORIES[str(arg)])
        else:  # NEGATE: the set is everything but a few characters
            raise _UnboundedError(op)
    return items


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def _literals(chars: Iterable[str], ignore_case: bool) -> list[str]:
    """Class items for ``chars``; case-insensitive ones with every character that matches
    them (only ASCII letters and characters without case are known here)."""
    items: list[str] = []
    for char in chars:
        if not ignore_case or char.lower() == char.upper():
            items.append(_escape(char))
        elif char.isascii():
            lower = char.lower()
            items += [lower, lower.upper(), *ASCII_FOLDS.get(lower, "")]
        else:
            raise _UnboundedError(char)
    return items


def _range(low: int, high: int) -> str:
    return f"{_escape(chr(low))}-{_escape(chr(high))}"


def _escape(char: str) -> str:
    """``char`` as it may stand in a class, next to any other class's members (``&&``, ``~~``
    and ``||`` may mean set operations one day), and in a line of the openings file."""
    if char in "\\]^-[&~|":
        return f"\\{char}"
    if char.isprintable() and (char == " " or not char.isspace()):
        return char
    return f"\\U{ord(char):08x}"


def _class(items: list[str]) -> str:
    """One class of the items, each once, in their first order."""
    return "[" + "".join(dict.fromkeys(items)) + "]"
