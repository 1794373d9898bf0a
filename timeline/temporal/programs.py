"""Compiled patterns that outlive the process: what ``re`` makes of a pattern, saved and
loaded back without parsing the pattern again.

Compiling the rule patterns costs more CPU than anything else a ``timeline tag`` run does
before its first document: ``re`` parses each pattern in Python, and the rules' patterns
are long. What the parse ends in is a *program*: the engine's code (a list of integers),
the flags and the group names. Handed back to the engine, a program becomes the same
pattern in a small fraction of the time.

Programs come from ``re``'s own compiler, through its private modules (``re._parser``,
``re._compiler``, ``_sre``). Their code format belongs to one Python build, so a saved table
names the build that made it and any other build passes it over; the engine checks every
program it is given, and a program it refuses, or any failure of the private modules, only
means the pattern is compiled the usual way.
"""

from __future__ import annotations

import importlib
import marshal
import re
import sys
from collections.abc import Mapping
from typing import Any, NamedTuple

__all__ = ["Program", "build_name", "compile_program", "dump_programs", "load_programs"]


class Program(NamedTuple):
    """What the engine needs to make a compiled pattern (``_sre.compile``'s arguments)."""

    flags: int
    code: list[int]
    groups: int
    group_index: dict[str, int]
    index_group: tuple[str | None, ...]


def _private(new: str, old: str) -> Any:
    """One of ``re``'s private modules: ``re._parser`` since Python 3.11, ``sre_parse`` before."""
    try:
        return importlib.import_module(new)
    except ImportError:  # Python 3.10
        return importlib.import_module(old)


def build_name() -> str:
    """The Python build a program belongs to: its version, its engine's code version, its
    byte order (large character sets are stored as machine words)."""
    engine = _private("_sre", "_sre")
    return f"{sys.implementation.cache_tag} {sys.version} sre {engine.MAGIC} {sys.byteorder}"


def compile_program(source: str, flags: int = 0) -> tuple[re.Pattern[str], Program | None]:
    """``re.compile(source, flags)``, and the program it was made from (``None`` when
    ``re``'s private compiler is not what this expects: the pattern is then compiled as
    usual, and a bad pattern raises ``re.error`` as usual)."""
    try:
        parser = _private("re._parser", "sre_parse")
        compiler = _private("re._compiler", "sre_compile")
        parsed = parser.parse(source, flags)
        state = parsed.state
        index_group: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            index_group[number] = name
        program = Program(
            int(flags | state.flags),
            [int(word) for word in compiler._code(parsed, flags)],  # opcodes are int subclasses
            state.groups - 1,
            dict(state.groupdict),
            tuple(index_group),
        )
        return pattern_from(source, program), program
    except Exception:  # private modules: anything unexpected means compiling the usual way
        return re.compile(source, flags), None


def pattern_from(source: str, program: Program) -> re.Pattern[str]:
    """The compiled pattern of ``source`` from its program; the engine checks the code
    (``RuntimeError`` when it is not a valid program)."""
    engine = _private("_sre", "_sre")
    pattern: re.Pattern[str] = engine.compile(
        source,
        program.flags,
        program.code,
        program.groups,
        program.group_index,
        program.index_group,
    )
    return pattern


def dump_programs(programs: Mapping[str, Program]) -> bytes:
    """A table of programs (key to program) as bytes, named after this Python build."""
    table = {key: tuple(program) for key, program in programs.items()}
    return marshal.dumps((build_name(), table))


def load_programs(data: bytes) -> dict[str, Program]:
    """The table ``dump_programs`` wrote; empty when it was made by another Python build or
    is damaged (then the patterns are only compiled again)."""
    try:
        build, table = marshal.loads(data)
        if build != build_name() or not isinstance(table, dict):
            return {}
        return {key: Program(*fields) for key, fields in table.items()}
    except Exception:  # marshal's errors for damaged data are several (EOF, value, type)
        return {}
