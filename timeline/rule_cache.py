"""The rule patterns' compiled programs, kept between runs in the user's cache folder.

Compiling the tagger's patterns takes about 0.06 s of CPU, as much as tagging a tenth of
the TempEval-3 corpus, and every command that tags paid it again. The first run saves the
programs (``timeline.temporal.programs``); later runs load them in a few milliseconds.
The file is ``patterns-<python>-<build>.marshal`` in ``TIMELINE_CACHE_DIR`` when that is set
(set empty, nothing is read or written) or else the platform's cache folder for
``timeline``. It is a cache only: a missing, stale or damaged file costs the compilation;
a file that is not the user's own, or that others may write, is not read; a folder that
cannot be written leaves the patterns to be compiled as texts need them.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from contextlib import suppress
from pathlib import Path

from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.openings import digest
from timeline.temporal.programs import (
    Program,
    build_name,
    compile_program,
    dump_programs,
    load_programs,
    restore,
)
from timeline.temporal.rules import build_rules

__all__ = ["CACHE_ENV", "cache_file", "warm_rules"]

#: Where the cache folder is; empty: no cache.
CACHE_ENV = "TIMELINE_CACHE_DIR"


def cache_file() -> Path | None:
    """This Python build's file of programs; ``None`` when the cache is turned off.

    Named after the build (two 3.11 interpreters on one machine keep a file each)."""
    configured = os.environ.get(CACHE_ENV)
    if configured == "":
        return None
    if configured is None:
        import platformdirs

        configured = platformdirs.user_cache_dir("timeline", appauthor=False)
    build = hashlib.sha256(build_name().encode()).hexdigest()[:12]
    name = f"patterns-{sys.implementation.cache_tag}-{build}.marshal"
    return Path(configured).expanduser().absolute() / name


def warm_rules() -> None:
    """Compiles the rule patterns now, from the cache where it has them, and saves them
    when it lacked any. For commands that tag: most texts need most of the patterns. With
    the cache off, or a folder that cannot be written, patterns are left to be compiled as
    texts need them, as a short article needs only half of them."""
    path = cache_file()
    if path is None:
        return
    saved = _read(path)
    if not saved and not _writable(path.parent):
        return
    table: dict[str, Program] = {}
    for rule in build_rules(load_lexicon()):
        source, flags = rule.pattern.full_source(), rule.pattern.flags
        key = digest(source, flags)
        program = saved.get(key)
        pattern = restore(program, source)
        if pattern is None:
            pattern, program = compile_program(source, flags)
        rule.pattern.adopt(pattern)
        if program is not None:
            table[key] = program
    if table != saved:
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
    import tempfile  # only when the cache lacked something: a run that loads it needs none

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
