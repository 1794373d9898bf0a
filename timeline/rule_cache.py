"""The rule patterns' compiled programs, kept between runs in the user's cache folder.

Compiling the tagger's patterns takes about 0.06 s of CPU, as much as tagging a tenth of
the TempEval-3 corpus, and every command that tags paid it again. The first run saves the
programs (``timeline.temporal.programs``); later runs load them in a few milliseconds.
The file is ``patterns-<python>.marshal`` in ``TIMELINE_CACHE_DIR`` when that is set (set
empty, nothing is read or written) or else the platform's cache folder for ``timeline``.
It is a cache only: a missing, stale, damaged or unwritable one costs the compilation, and
nothing else.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path

from timeline.temporal import compile_rules
from timeline.temporal.programs import dump_programs, load_programs

__all__ = ["CACHE_ENV", "cache_file", "warm_rules"]

#: Where the cache folder is; empty: no cache.
CACHE_ENV = "TIMELINE_CACHE_DIR"


def cache_file() -> Path | None:
    """This Python's file of programs; ``None`` when the cache is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured == "":
        return None
    if configured is None:
        import platformdirs

        configured = platformdirs.user_cache_dir("timeline", appauthor=False)
    return Path(configured) / f"patterns-{sys.implementation.cache_tag}.marshal"


def warm_rules() -> None:
    """Compiles the rule patterns now, from the cache when it has them; saves them when it
    lacked any. For commands that tag: most texts need most of the patterns."""
    path = cache_file()
    if path is None:
        compile_rules()
        return
    try:
        saved = load_programs(path.read_bytes())
    except OSError:
        saved = {}
    programs = compile_rules(saved=saved)
    if programs != saved:
        _save(path, dump_programs(programs))


def _save(path: Path, data: bytes) -> None:
    """Whole or not at all (a temporary file renamed into place), so processes that save at
    once never leave half a file; a folder that cannot be written is passed over."""
    import tempfile  # only when the cache lacked something: a run that loads it needs none

    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            Path(temporary).replace(path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
