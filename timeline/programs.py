"""Compiled patterns that outlive the process: what ``re`` makes of a pattern, saved and
loaded back without parsing the pattern again.

Compiling the rule patterns costs more CPU than anything else a ``timeline tag`` run does
before its first document: ``re`` parses each pattern in Python, and the rules' patterns
are long. What the parse ends in is a *program*: the engine's code (a list of integers),
the flags and the group names. Handed back to the engine, a program becomes the same
pattern in a small fraction of the time.

Programs come from ``re``'s own compiler, through its private modules (``re._parser``,
``re._compiler``, ``_sre``). Their code format belongs to one Python build, so a saved table
names the build that made it and any other build passes it over. Each program keeps the
source it was made from and is used for that source only; a table carries a CRC-32 of its
contents, against damage (the file is the user's own, so no cryptographic hash: hashing it
and starting OpenSSL for hashlib were 5% of a one-file ``timeline tag``); the engine checks
every program it is given. Anything unexpected (a damaged table, a program the engine
refuses, private modules that changed) only means the pattern is compiled the usual way.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import re
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

__all__ = [
    "Program",
    "build_name",
    "compile_program",
    "compiled",
    "dump_programs",
    "load_table",
    "pattern_from",
    "restore",
]


class Program(NamedTuple):
    """A pattern's source and what the engine needs to make it (``_sre.compile``'s
    arguments)."""

    source: str
    flags: int
    code: list[int]
    groups: int
    group_index: dict[str, int]
    index_group: tuple[str | None, ...]


def re_internal(part: str) -> Any:
    """One of the ``re`` module's private parts, ``"parser"`` or ``"compiler"``:
    ``re._parser`` since Python 3.11, ``sre_parse`` before."""
    try:
        return importlib.import_module(f"re._{part}")
    except ImportError:  # Python 3.10
        return importlib.import_module({"parser": "sre_parse", "compiler": "sre_compile"}[part])


def _engine() -> Any:
    """The regex engine's C module, which has no type stubs."""
    return importlib.import_module("_sre")


#: How this module makes programs; a table saved by another way of making them is passed
#: over (2: a pattern that opens with a lookahead of one class is searched by it).
_FORMAT = 2


def build_name() -> str:
    """The Python build a program belongs to: its version, its engine's code version, its
    byte order (large character sets are stored as machine words), and this module's way of
    making programs."""
    engine = _engine()
    return (
        f"{sys.implementation.cache_tag} {sys.version} sre {engine.MAGIC} {sys.byteorder} "
        f"programs {_FORMAT}"
    )


def compile_program(source: str, flags: int = 0) -> tuple[re.Pattern[str], Program | None]:
    """``re.compile(source, flags)``, and the program it was made from (``None`` when
    ``re``'s private compiler is not what this expects: the pattern is then compiled as
    usual, and a bad pattern raises ``re.error`` as usual)."""
    try:
        parser = re_internal("parser")
        compiler = re_internal("compiler")
        parsed = parser.parse(source, flags)
        state = parsed.state
        index_group: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            index_group[number] = name
        code = [int(word) for word in compiler._code(parsed, flags)]  # opcodes: int subclasses
        program = Program(
            source,
            int(flags | state.flags),
            _searched_by_opening(parsed, code, flags),
            state.groups - 1,
            dict(state.groupdict),
            tuple(index_group),
        )
        return pattern_from(program), program
    except Exception:  # private modules: anything unexpected means compiling the usual way
        return re.compile(source, flags), None


def _searched_by_opening(parsed: Any, code: list[int], flags: int) -> list[int]:
    """``code`` told the characters its matches open with, when the pattern says them in a
    lookahead of one class (``(?=[aAjJ0-9])...``, as ``patterns.LazyPattern`` writes them).

    The engine's search then skips every place whose character is not in that class, as it
    does for a pattern that opens with a class it consumes; before, it entered the pattern at
    every place of the text, several times the cost of a skip. ``re`` reads such a class only when
    it is consumed. Kept as it was when the pattern can match an empty string, already has
    such a block, or ignores case; the engine checks the block like the rest of the code.
    """
    try:
        compiler = re_internal("compiler")  # it has the engine's constants too
        info, charset = compiler.INFO, compiler.SRE_INFO_CHARSET
        least = code[3]
        if code[0] != info or code[2] & (compiler.SRE_INFO_PREFIX | charset) or not least:
            return code
        flags |= parsed.state.flags  # UNICODE for a str pattern: \d is any digit, not 0-9
        if flags & re.IGNORECASE:
            return code
        items = _opening_class(parsed, compiler)
        if items is None:
            return code
        optimized, cased = compiler._optimize_charset(items)
        if cased:
            return code
        block = [info, 0, charset, least, code[4]]
        compiler._compile_charset(optimized, flags, block)
        block[1] = len(block) - 1
        return [*(int(word) for word in block), *code[code[1] + 1 :]]
    except Exception:  # private modules: anything unexpected means the code as re made it
        return code


def _opening_class(parsed: Any, constants: Any) -> list[tuple[Any, Any]] | None:
    """The items of the one-class lookahead the pattern opens with, or ``None``."""
    if not parsed.data:
        return None
    op, argument = parsed.data[0]
    if op is not constants.ASSERT or argument[0] != 1:  # a lookahead, not a lookbehind
        return None
    body = argument[1].data
    if len(body) != 1:
        return None
    inner, value = body[0]
    if inner is constants.LITERAL:
        return [(inner, value)]
    if inner is constants.IN:
        return list(value)
    return None


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, the pattern made by :func:`compile_program`: one that
    ``re``'s cache holds (put back there from the pattern cache, or compiled before) is
    taken from there; a new one is put there, where ``re.compile`` and the pattern cache
    (``rule_cache``, which saves what that cache holds) find it."""
    flags = int(flags)  # as re keys its cache (and the pattern cache saves): no RegexFlag
    cache = getattr(re, "_cache", None)
    key = (str, source, flags)
    if isinstance(cache, dict):
        found = cache.get(key)
        if isinstance(found, re.Pattern):
            return found
    pattern, _ = compile_program(source, flags)
    if isinstance(cache, dict):
        if len(cache) >= getattr(re, "_MAXCACHE", 512):  # full: the oldest goes, as in re
            with contextlib.suppress(StopIteration, RuntimeError, KeyError):
                del cache[next(iter(cache))]
        cache[key] = pattern
    return pattern


def pattern_from(program: Program) -> re.Pattern[str]:
    """The compiled pattern of a program; ``ValueError`` when the program is not whole
    (groups that do not add up), whatever the engine raises when its code is not valid."""
    groups = len(program.index_group)
    if program.groups != groups - 1 or any(
        not 0 < number < groups or program.index_group[number] != name
        for name, number in program.group_index.items()
    ):
        raise ValueError("the program's groups do not add up")
    pattern: re.Pattern[str] = _engine().compile(
        program.source,
        program.flags,
        program.code,
        program.groups,
        program.group_index,
        program.index_group,
    )
    return pattern


def restore(program: Program | None, source: str) -> re.Pattern[str] | None:
    """The pattern of ``source`` from a saved program, or ``None`` when there is none or it is
    not that pattern's (another source, damaged, refused by the engine)."""
    if program is None or program.source != source:
        return None
    try:
        return pattern_from(program)
    except Exception:  # a damaged program: the engine's errors are several (value, overflow)
        return None


def dump_programs(programs: Mapping[str, Program], pending: Iterable[str] = ()) -> bytes:
    """A table of programs (key to program) as bytes, named after this Python build and
    with a checksum of its contents; ``pending`` keys are kept with no program."""
    entries: dict[str, tuple[Any, ...]] = {key: () for key in pending}
    entries.update((key, _packed(program)) for key, program in programs.items())
    table = marshal.dumps(entries)
    return marshal.dumps((build_name(), zlib.crc32(table), table))


def load_table(data: bytes) -> tuple[dict[str, Program], frozenset[str]]:
    """The programs and the pending keys ``dump_programs`` wrote; none when the table was
    made by another Python build or is damaged (then the patterns are only compiled)."""
    try:
        build, checksum, table = marshal.loads(data)
        if build != build_name() or zlib.crc32(table) != checksum:
            return {}, frozenset()
        entries = marshal.loads(table)
        programs = {key: _unpacked(entry) for key, entry in entries.items() if _well_typed(entry)}
        pending = frozenset(key for key, fields in entries.items() if fields == ())
        return programs, pending
    except Exception:  # marshal's errors for damaged data are several (EOF, value, type)
        return {}, frozenset()


#: The array type of the engine's code words (``SRE_CODE``, 32 bits), saved as bytes:
#: marshal reads a list of integers one by one (a third of reading the table).
_WORD = "I"


def _packed(program: Program) -> tuple[Any, ...]:
    """A program's fields as saved: its code as bytes, in words of the engine's own size."""
    words = array(_WORD, program.code)
    if words.itemsize != _engine().CODESIZE:  # pragma: no cover - 4 bytes in CPython 3.x
        raise ValueError("no array type of the engine's word size")
    source, flags, _, groups, group_index, index_group = program
    return (source, flags, words.tobytes(), groups, group_index, index_group)


def _unpacked(fields: tuple[Any, ...]) -> Program:
    """The program of saved fields that ``_well_typed`` passed."""
    source, flags, code, groups, group_index, index_group = fields
    words = array(_WORD)
    words.frombytes(code)
    return Program(source, flags, words.tolist(), groups, group_index, index_group)


def _well_typed(fields: Any) -> bool:
    """Whether a saved entry has a program's fields, each of its type."""
    if not isinstance(fields, tuple) or len(fields) != len(Program._fields):
        return False
    source, flags, code, groups, group_index, index_group = fields
    return (
        isinstance(source, str)
        and type(flags) is int
        and isinstance(code, bytes)
        and len(code) % array(_WORD).itemsize == 0
        and type(groups) is int
        and isinstance(group_index, dict)
        and isinstance(index_group, tuple)
    )
