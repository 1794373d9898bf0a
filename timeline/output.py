"""Writing results: whole or not at all.

Output goes to a temporary file beside the target and is renamed over it only when
complete, so an error never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from timeline.errors import InputError


def write_atomic(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist; create it or choose another -o")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name to -o")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(
            f"{path}: cannot write in {folder} ({error.strerror}); choose a writable folder"
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise InputError(f"{path}: cannot be written ({error.strerror})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def emit(text: str, path: Path | None) -> None:
    """To ``path`` atomically, or to stdout when no path (or ``-``) is given."""
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(path, text)
