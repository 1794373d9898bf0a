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
from types import TracebackType
from typing import TextIO

from timeline.errors import InputError


def _final_mode(path: Path) -> int:
    """The mode a plainly created file would get: the target's own, else 0o666 less umask.

    mkstemp makes its file 0o600; kept as is, a page or calendar served by another user
    would be unreadable.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Sink:
    """Where output goes: stdout, or a file written whole or not at all.

    Opening checks the target (folder exists and is writable) before any work is done;
    text written to a file lands in a temporary file beside it, renamed over the target
    by :meth:`commit`. Leaving the ``with`` block without a commit removes it.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = None if path is None or str(path) == "-" else path
        self._temporary: Path | None = None
        self._stream: TextIO | None = None

    def __enter__(self) -> Sink:
        if self.path is None:
            self._stream = sys.stdout
            return self
        path = self.path
        folder = path.parent if str(path.parent) else Path()
        if not folder.is_dir():
            raise InputError(
                f"{path}: folder {folder} does not exist; create it or choose another -o"
            )
        if path.is_dir():
            raise InputError(f"{path}: is a directory; give a file name to -o")
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        except OSError as error:
            raise InputError(
                f"{path}: cannot write in {folder} ({error.strerror}); choose a writable folder"
            ) from None
        self._temporary = Path(temporary)
        self._stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        return self

    def write(self, text: str) -> None:
        assert self._stream is not None, "write() outside the with block"
        if self._temporary is None:  # stdout: a closed pipe is the caller's to handle
            self._stream.write(text)
            return
        try:
            self._stream.write(text)
        except OSError as error:
            raise InputError(f"{self.path}: cannot be written ({error.strerror})") from None

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def commit(self) -> None:
        """Make the output final: the file replaces the target; stdout is flushed."""
        if self._stream is None:
            return
        if self._temporary is None or self.path is None:
            self._stream.flush()
            return
        try:
            self._stream.close()
            self._temporary.chmod(_final_mode(self.path))
            self._temporary.replace(self.path)
        except OSError as error:
            raise InputError(f"{self.path}: cannot be written ({error.strerror})") from None
        self._temporary = None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._temporary is not None:
            if self._stream is not None:
                with contextlib.suppress(OSError):
                    self._stream.close()
            with contextlib.suppress(OSError):
                self._temporary.unlink()
            self._temporary = None


def write_atomic(path: Path, text: str) -> None:
    with Sink(path) as sink:
        sink.write(text)
        sink.commit()


def emit(text: str, path: Path | None) -> None:
    """To ``path`` atomically, or to stdout when no path (or ``-``) is given."""
    with Sink(path) as sink:
        sink.write(text)
        sink.commit()
