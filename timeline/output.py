"""Writing results: whole or not at all, and never over something that is not ours to replace.

- A regular file (or a new name) is written to a temporary file beside it and renamed over
  it only when complete, so an error or a signal never leaves a half-written file.
- A symlink is written through: the file it points to gets the content, the link stays.
- A device, FIFO or a descriptor link (``/dev/stdout``, ``/dev/fd/1``) is written directly:
  renaming over ``/dev/null`` would replace the device with a file.
- A read-only file is refused (exit 2), even for root, who could otherwise replace it.
- Standard output that cannot be written (a full disk, ``> /dev/full``) is a one-line error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO

from timeline.errors import InputError
from timeline.interrupts import stops_deferred

STDOUT_NAME = "standard output"
#: A new temporary file: ours alone (exclusive), never through a link, not inherited.
_TEMPORARY_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)
#: Write buffer of a temporary file (bytes); any explicit size spares a terminal check.
_BUFFER = 1 << 16
#: Link targets that stand for an open descriptor, not a file to replace.
_DESCRIPTOR_LINKS = ("/proc/", "/dev/fd/")


#: The mode a new temporary file is made with; less the umask, it is what a plainly created
#: file would get, so a new target needs no chmod (a page or calendar served by another
#: user stays readable).
_NEW_FILE_MODE = 0o666


def _stat_or_none(path: Path) -> os.stat_result | None:
    """What a link points to; ``None`` for a dangling link (its target is made)."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def is_folder_path(raw: str) -> bool:
    """``-o DIR/``: a trailing slash always means a folder, existing or not."""
    return raw.endswith(("/", os.sep))


def make_folder(folder: Path) -> Path:
    """Create an output folder (and its parents) if missing; an :class:`InputError` if not."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder; choose another -o")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"{folder}: cannot create the folder ({error.strerror}); choose another -o"
        ) from None
    return folder


@contextlib.contextmanager
def new_folder(folder: Path) -> Iterator[Path]:
    """:func:`make_folder` for a block that fills it: if the block fails, the folders it made
    (the parents too) are removed again when still empty, so a failed run leaves nothing
    behind."""
    missing = []  # innermost first
    for path in (folder, *folder.parents):
        if path.is_dir():
            break
        missing.append(path)
    made = make_folder(folder)
    try:
        yield made
    except BaseException:
        for path in missing:
            try:
                path.rmdir()
            except OSError:  # not empty (someone else's files) or gone: keep the rest
                break
        raise


def output_path(raw: str | None, default_name: str) -> Path | None:
    """The file ``-o`` names: ``None`` for stdout, ``DIR/<default_name>`` for ``-o DIR/``."""
    if raw is None or raw == "-":
        return None
    if is_folder_path(raw):
        return make_folder(Path(raw)) / default_name
    return Path(raw)


def _descriptor_link(path: Path) -> bool:
    """Whether following ``path``'s links passes through an open descriptor (/dev/stdout)."""
    current = Path(os.path.normpath(path.absolute()))
    for _ in range(40):  # the kernel's own limit on link hops
        if str(current).startswith(_DESCRIPTOR_LINKS):
            return True
        if not current.is_symlink():
            return False
        current = Path(os.path.normpath(current.parent / current.readlink()))
    return False


def _error(name: object, error: OSError) -> InputError:
    return InputError(f"{name}: cannot be written ({error.strerror or error}); nothing was written")


def detach_stdout() -> None:
    """Point standard output at the null device after it failed, so the exit flush is quiet.

    Python flushes ``sys.stdout`` again at exit and would print a second, traceback-like
    message for the same full disk or closed pipe.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def stdout_error(error: OSError) -> InputError:
    detach_stdout()
    return _error(STDOUT_NAME, error)


def flush_stdout() -> None:
    """Flush what a command printed; a full disk is an :class:`InputError`, not a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise stdout_error(error) from None


def write_all(handle: int, data: bytes) -> None:
    """All of ``data`` to an open descriptor: one ``os.write`` may take only part of it."""
    rest = memoryview(data)
    while rest:
        rest = rest[os.write(handle, rest) :]


def _text_stream(handle: int, buffering: int = -1) -> TextIO:
    """A UTF-8 text stream over an open descriptor, which is closed if that fails (even by
    Ctrl-C or SIGTERM), so a descriptor never outlives its sink."""
    try:
        return os.fdopen(handle, "w", buffering, encoding="utf-8", newline="")
    except BaseException:
        os.close(handle)
        raise


class Sink:
    """Where output goes: stdout, a file written whole or not at all, or a device written directly.

    Opening checks the target (folder exists and is writable, file not read-only) before any
    work is done. Leaving the ``with`` block without a :meth:`commit` removes the temporary
    file, so the old target stays as it was.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = None if path is None or str(path) == "-" else path
        self._temporary: Path | None = None
        self._target: Path | None = None
        self._mode: int | None = None  # an existing target's mode, given to its replacement
        self._stream: TextIO | None = None
        # The temporary file's descriptor until a stream is made over it, on the first
        # write(); write_whole() writes to it directly, no stream made.
        self._handle: int | None = None

    def __enter__(self) -> Sink:
        if self.path is None:
            self._stream = sys.stdout
            return self
        path = self.path
        try:
            own = path.lstat()  # one call for a new file
            linked = stat.S_ISLNK(own.st_mode)
            info = _stat_or_none(path) if linked else own
        except FileNotFoundError:
            info, linked = None, False
        except OSError as error:  # a file where a folder should be, a loop of links
            raise InputError(f"{path}: cannot be checked ({error.strerror})") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory; give a file name to -o")
        if info is not None and (not stat.S_ISREG(info.st_mode) or _descriptor_link(path)):
            self._open_directly(path)
            return self
        if info is not None and (not info.st_mode & 0o222 or not os.access(path, os.W_OK)):
            raise InputError(f"{path}: is read-only; make it writable or choose another -o")
        self._mode = None if info is None else stat.S_IMODE(info.st_mode)
        try:
            self._open_temporary(path, linked)
        except BaseException:  # Ctrl-C or SIGTERM just after the file was made, too
            self.__exit__(None, None, None)
            raise
        return self

    def _open_directly(self, path: Path) -> None:
        """Devices, FIFOs, sockets and descriptors: no rename, no truncation of a device."""
        try:
            handle = os.open(path, os.O_WRONLY | os.O_APPEND)
        except OSError as error:
            raise _error(path, error) from None
        self._stream = _text_stream(handle)

    def _open_temporary(self, path: Path, linked: bool) -> None:
        # Write through a symlink: the temporary file goes beside the real file.
        target = Path(os.path.realpath(path)) if linked else path
        folder = target.parent  # "." for a bare file name
        self._target = target
        # An existing target's replacement is private until it is renamed and given the
        # target's mode; a new one is made with the mode it keeps.
        mode = 0o600 if self._mode is not None else _NEW_FILE_MODE
        for _ in range(100):
            # Named before it is made, so that a signal landing just after the file is made
            # still finds it to remove (tempfile.mkstemp would return the name too late).
            self._temporary = folder / f".{target.name}.{os.urandom(6).hex()}.tmp"
            try:
                handle = os.open(self._temporary, _TEMPORARY_FLAGS, mode)
                break
            except FileExistsError:
                self._temporary = None
            except (FileNotFoundError, NotADirectoryError):
                self._temporary = None
                raise InputError(
                    f"{path}: folder {folder} does not exist; create it, end -o with / to have "
                    "it created, or choose another -o"
                ) from None
            except OSError as error:
                self._temporary = None
                raise InputError(
                    f"{path}: cannot write in {folder} ({error.strerror}); choose a writable folder"
                ) from None
        else:  # pragma: no cover - 100 random names all taken
            raise InputError(f"{path}: cannot make a temporary file in {folder}")
        self._handle = handle

    def write(self, text: str) -> None:
        if self._stream is None and self._handle is not None:
            handle, self._handle = self._handle, None
            # A buffer size of our own: no terminal check on a file we just made.
            self._stream = _text_stream(handle, _BUFFER)
        assert self._stream is not None, "write() outside the with block"
        with self._write_errors():
            self._stream.write(text)

    def write_whole(self, text: str) -> None:
        """All that the target gets, at once: to a temporary file as UTF-8 bytes, with no
        text stream to make and flush (a third of the cost of writing a small file)."""
        if self._handle is None:
            self.write(text)
            return
        with self._write_errors():
            write_all(self._handle, text.encode("utf-8"))

    def flush(self) -> None:
        if self._stream is not None:
            with self._write_errors():
                self._stream.flush()

    @contextlib.contextmanager
    def _write_errors(self) -> Iterator[None]:
        """A full disk or I/O error is an :class:`InputError`; a closed pipe stays itself."""
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as error:
            raise (stdout_error(error) if self.path is None else _error(self.path, error)) from None

    def close_temporary(self) -> None:
        """Finish the temporary file now, so it holds no descriptor while it waits for
        :meth:`commit`, which then only renames it (nothing to do for a direct target)."""
        if self._temporary is None:
            return
        stream, self._stream = self._stream, None
        handle, self._handle = self._handle, None
        try:
            if stream is not None:
                stream.close()
            if handle is not None:
                os.close(handle)
        except OSError as error:
            raise _error(self.path, error) from None

    def commit(self) -> None:
        """Make the output final: the file replaces the target; a stream is flushed."""
        if self._temporary is not None and self._target is not None:
            self._rename()
            return
        if self._stream is None:
            return
        self.flush()
        if self.path is not None:
            self._close_stream()

    def _rename(self) -> None:
        assert self._temporary is not None and self._target is not None
        try:
            self.close_temporary()
            if self._mode is not None:
                self._temporary.chmod(self._mode)
            os.replace(self._temporary, self._target)  # noqa: PTH105 - Path's makes a Path
        except OSError as error:
            raise _error(self.path, error) from None
        self._temporary = None

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None and stream is not sys.stdout:
            try:
                stream.close()
            except OSError as error:
                raise _error(self.path, error) from None

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
            if self._handle is not None:
                with contextlib.suppress(OSError):
                    os.close(self._handle)
                self._handle = None
            with contextlib.suppress(OSError):
                self._temporary.unlink()
            self._temporary = None
        elif self.path is not None and self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._stream = None


class StagedFiles(contextlib.ExitStack):
    """Several output files, each written whole, all of them or none: each is written to a
    temporary file beside its target as it comes; :meth:`commit` renames them all into
    place, with Ctrl-C and SIGTERM held back until the last rename (a rename error, a full
    disk's or a read-only target's, can still stop it part-way); leaving the ``with`` block
    without it removes them, and no target changes."""

    def __init__(self) -> None:
        super().__init__()
        self._sinks: list[Sink] = []

    def add(self, path: Path, text: str) -> None:
        sink = Sink(path)
        self.push(sink)  # before it makes its file: a signal while it does still cleans up
        sink.__enter__()
        sink.write_whole(text)
        sink.close_temporary()
        self._sinks.append(sink)

    def commit(self) -> None:
        with stops_deferred():
            for sink in self._sinks:
                sink.commit()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (directly for a device or FIFO)."""
    emit(text, path)


def emit(text: str, path: Path | None) -> None:
    """To ``path`` atomically, or to stdout when no path (or ``-``) is given."""
    with Sink(path) as sink:
        sink.write_whole(text)
        sink.commit()
