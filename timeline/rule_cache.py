"""Compiled regular expressions kept between runs of a command, in the user's cache folder.

Compiling patterns is the largest cost of a ``timeline tag`` run before its first document:
the rules' long patterns, the trigger scanner's, and the modules' own (read at import).
``re`` parses each one in Python. A command's first run saves the programs of every
pattern it compiled (``timeline.programs``); later runs put them back into ``re``'s own
cache before anything is imported, so each ``re.compile`` of the same pattern finds it
there and nothing is parsed again. One file per command (a ``tag`` run does not restore
what ``extract`` compiled for HTML pages), named after the Python build:
``patterns-<command>-<python>-<build>.marshal``, in ``TIMELINE_CACHE_DIR`` when that is set
(set empty, nothing is read or written) or else the platform's cache folder for
``timeline``.

It is a cache only: a missing, stale or damaged file costs the compilation; a file that is
not the user's own, or that others may write, is not read; a folder that cannot be written
is passed over. ``re``'s cache is private (a dict of patterns by type, source and flags in
Python 3.10 to 3.13): where it is not what this expects, nothing is restored or saved.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path

from timeline.programs import Program, build_name, compile_program, dump_programs, load_programs
from timeline.programs import restore as restore_program

__all__ = ["CACHE_ENV", "cache_file", "command_of", "restore_patterns", "save_patterns"]

#: Where the cache folder is; empty: no cache.
CACHE_ENV = "TIMELINE_CACHE_DIR"
#: The compiled patterns ``re`` keeps; 3.12 added a small second table in front of it.
_RE_CACHES = ("_cache", "_cache2")


def command_of(arguments: Sequence[str]) -> str:
    """The command a command line runs (``tag`` for ``timeline tag -f timeml ...``), as the
    name of its cache file; ``timeline`` when it names none (``timeline --help``)."""
    named = next((argument for argument in arguments if not argument.startswith("-")), "")
    return named if named.isascii() and named.isalpha() and named.islower() else "timeline"


def cache_file(command: str) -> Path | None:
    """This Python build's file of patterns for ``command``; ``None`` when the cache is off.

    Named after the build (two 3.11 interpreters on one machine keep a file each)."""
    configured = os.environ.get(CACHE_ENV)
    if configured == "":
        return None
    if configured is None:
        import platformdirs

        configured = platformdirs.user_cache_dir("timeline", appauthor=False)
    build = hashlib.sha256(build_name().encode()).hexdigest()[:12]
    name = f"patterns-{command}-{sys.implementation.cache_tag}-{build}.marshal"
    return Path(configured).expanduser().absolute() / name


def _key(source: str, flags: int) -> str:
    return f"{int(flags)}\0{source}"


def restore_patterns(command: str) -> dict[str, Program]:
    """Puts ``command``'s saved patterns into ``re``'s cache, so that compiling any of them
    again in this process costs a dictionary look-up; returns those it put there (none
    when there was no file). Called before the command imports its modules."""
    path = cache_file(command)
    cache = getattr(re, "_cache", None)
    if path is None or not isinstance(cache, dict):
        return {}
    restored: dict[str, Program] = {}
    room = getattr(re, "_MAXCACHE", 512) - len(cache)
    for key, program in list(_read(path).items())[: max(room, 0)]:
        flags_text, _, source = key.partition("\0")
        flags = int(flags_text) if flags_text.isdigit() else -1
        pattern = restore_program(program, source)
        if pattern is not None and flags >= 0 and pattern.flags & flags == flags:
            cache.setdefault((str, source, flags), pattern)
            restored[key] = program
    return restored


def save_patterns(command: str, restored: Mapping[str, Program]) -> None:
    """Saves the patterns this process has compiled (those in ``re``'s cache) as
    ``command``'s, when any is not among those ``restored``; each new one is compiled
    once more to read its program. A folder that cannot be written is passed over."""
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
    if compiled.keys() <= restored.keys() or not _writable(path.parent):
        return
    table: dict[str, Program] = {}
    for key, (source, flags) in compiled.items():
        program = restored.get(key) or compile_program(source, flags)[1]
        if program is not None:
            table[key] = program
    _save(path, dump_programs(table))


def _read(path: Path) -> dict[str, Program]:
    """The saved programs, from a regular file of the user's own that only they may write;
    an empty table otherwise (no file, another user's, a pipe, a damaged one)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return {}
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or not _own(info):
            return {}
        chunks = []
        while chunk := os.read(handle, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return load_programs(b"".join(chunks))
    except OSError:
        return {}
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
                rest = memoryview(data)
                while rest:
                    rest = rest[os.write(handle, rest) :]
            finally:
                os.close(handle)
            Path(temporary).replace(path)
        except BaseException:  # a full disk, or Ctrl-C: no temporary file is left
            Path(temporary).unlink(missing_ok=True)
            raise
