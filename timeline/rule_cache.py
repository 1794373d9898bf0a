"""Compiled regular expressions kept between runs of a command, in the user's cache folder.

Compiling patterns is the largest cost of a ``timeline tag`` run before its first document:
the rules' long patterns, the trigger scanner's, and the modules' own (read at import).
``re`` parses each one in Python. A command saves the programs of the patterns it compiled
(``timeline.programs``); its later runs put them back into ``re``'s own cache as the
command starts (``timeline.program``: before typer and the commands' modules load), so
each ``re.compile`` of the same pattern finds it there and is not parsed again. A pattern
is kept once two runs in a row have compiled it: a library that builds a pattern from a
set (whose order changes from run to run) would otherwise add one to the file, and
rewrite it, on every run. One
file per command (a ``tag`` run does not restore what ``extract`` compiled for web pages),
named after the Python build: ``patterns-<command>-<python>-<build>.marshal``, in
``TIMELINE_CACHE_DIR`` when that is set (set empty, nothing is read or written) or else the
platform's cache folder for ``timeline``.

It is a cache only, and never an error: a missing, stale or damaged file costs the
compilation; a file that is not the user's own, or that others may write, is not read; a
folder that cannot be written is passed over. ``re``'s cache is private (a dict of
patterns by type, source and flags in Python 3.10 to 3.13): where it is not what this
expects, nothing is restored or saved.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import zlib
from collections.abc import Collection, Sequence
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from timeline.output import write_all
from timeline.programs import Program, build_name, compile_program, dump_programs, load_table
from timeline.programs import restore as restore_program

__all__ = [
    "CACHE_ENV",
    "Restored",
    "cache_file",
    "command_of",
    "named_command",
    "restore_patterns",
    "save_patterns",
]

#: Where the cache folder is; empty: no cache.
CACHE_ENV = "TIMELINE_CACHE_DIR"
#: The compiled patterns ``re`` keeps; 3.12 added a small second table in front of it.
_RE_CACHES = ("_cache", "_cache2")
#: The command name of a command line that names none of the program's commands.
NO_COMMAND = "timeline"


class Restored(NamedTuple):
    """What a command's file held: the programs put into ``re``'s cache, and the patterns
    its last run compiled that are kept once a second run compiles them too."""

    programs: dict[str, Program]
    pending: frozenset[str]


_NOTHING = Restored({}, frozenset())


def command_of(arguments: Sequence[str], commands: Collection[str]) -> str:
    """The command a command line runs (``tag`` for ``timeline tag -f timeml ...``), one of
    ``commands``; ``timeline`` when it names none (``timeline --help``, a misspelt one)."""
    named = named_command(arguments)
    return named if named in commands else NO_COMMAND


def named_command(arguments: Sequence[str]) -> str:
    """The command a command line names, before it is known to be one: the first argument
    that is not an option, when it is a word of lower-case letters (a cache file's name is
    made of it); ``timeline`` otherwise."""
    named = next((argument for argument in arguments if not argument.startswith("-")), "")
    return named if named.isascii() and named.isalpha() and named.islower() else NO_COMMAND


def cache_file(command: str) -> Path | None:
    """This Python build's file of patterns for ``command``; ``None`` when the cache is off.

    Named after the build (two 3.11 interpreters on one machine keep a file each); the
    file's own check of its build settles the rare name shared by two builds."""
    configured = os.environ.get(CACHE_ENV)
    if configured == "":
        return None
    if configured is None:
        import platformdirs

        configured = platformdirs.user_cache_dir("timeline", appauthor=False)
    build = f"{zlib.crc32(build_name().encode()):08x}"
    name = f"patterns-{command}-{sys.implementation.cache_tag}-{build}.marshal"
    return Path(configured).expanduser().absolute() / name


def _key(source: str, flags: int) -> str:
    return f"{int(flags)}\0{source}"


def restore_patterns(command: str) -> Restored:
    """Puts ``command``'s saved patterns into ``re``'s cache, so that compiling any of them
    again in this process costs a dictionary look-up; returns what it put there and the
    patterns waiting for a second run. Never an error: a cache that cannot be read (a
    home folder that cannot be found, say) restores nothing."""
    try:
        return _restore(command)
    except Exception:  # a cache is only a cache
        return _NOTHING


def _restore(command: str) -> Restored:
    path = cache_file(command)
    cache = getattr(re, "_cache", None)
    if path is None or not isinstance(cache, dict):
        return _NOTHING
    saved, pending = _read(path)
    restored: dict[str, Program] = {}
    room = getattr(re, "_MAXCACHE", 512) - len(cache)
    for key, program in list(saved.items())[: max(room, 0)]:
        flags_text, _, source = key.partition("\0")
        flags = int(flags_text) if flags_text.isdecimal() else -1
        pattern = restore_program(program, source)
        if pattern is not None and flags >= 0 and pattern.flags & flags == flags:
            cache.setdefault((str, source, flags), pattern)
            restored[key] = program
    return Restored(restored, pending)


def save_patterns(command: str, restored: Restored) -> None:
    """Saves what this process compiled (the patterns in ``re``'s cache) for ``command``:
    a pattern that waited for this run is kept, and compiled once more to read its
    program; the others wait for the next run. The file is written only when a pattern is
    kept or more of them wait than before. Never an error, even when interrupted."""
    with suppress(Exception, KeyboardInterrupt):  # run as the process exits
        _store(command, restored)


def _store(command: str, restored: Restored) -> None:
    path = cache_file(command)
    if path is None:
        return
    compiled: dict[str, tuple[str, int]] = {}
    for name in _RE_CACHES:
        cache = getattr(re, name, None)
        for entry in list(cache) if isinstance(cache, dict) else ():
            if isinstance(entry, tuple) and len(entry) == 3 and entry[0] is str:
                _, source, flags = entry
                if isinstance(source, str) and type(flags) is int and not flags & re.DEBUG:
                    compiled[_key(source, flags)] = (source, flags)
    new = compiled.keys() - restored.programs.keys()
    kept = new & restored.pending
    pending = frozenset(new - kept)
    if not kept and len(pending) <= len(restored.pending):
        return
    if not _writable(path.parent):
        return
    table = dict(restored.programs)
    for key in kept:
        program = compile_program(*compiled[key])[1]
        if program is not None:
            table[key] = program
    _save(path, dump_programs(table, pending))


def _read(path: Path) -> tuple[dict[str, Program], frozenset[str]]:
    """The saved programs and pending keys, from a regular file of the user's own that only
    they may write; none otherwise (no file, another user's, a pipe, a damaged one)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return {}, frozenset()
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or not _own(info):
            return {}, frozenset()
        chunks = []
        while chunk := os.read(handle, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return load_table(b"".join(chunks))
    except OSError:
        return {}, frozenset()
    finally:
        os.close(handle)


def _own(info: os.stat_result) -> bool:
    """Whether a file is the user's and written by no one else (POSIX; elsewhere, yes)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _writable(folder: Path) -> bool:
    """Whether the cache folder exists, or can be made (for the user alone), and be written."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _save(path: Path, data: bytes) -> None:
    """Whole or not at all (a temporary file renamed into place), so processes that save at
    once never leave half a file; a folder that cannot be written is passed over."""
    import tempfile  # only when something new was compiled: a run that restored needs none

    with suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            try:
                write_all(handle, data)
            finally:
                os.close(handle)
            Path(temporary).replace(path)
        except BaseException:  # a full disk, or Ctrl-C: no temporary file is left
            Path(temporary).unlink(missing_ok=True)
            raise
