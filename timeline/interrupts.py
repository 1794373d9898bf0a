"""SIGTERM as an exception, so a terminated run cleans up the way Ctrl-C does.

Python's default SIGTERM ends the process on the spot: temporary output files stay beside
their target and worker processes are orphaned. Raised as :class:`Terminated` instead, it
unwinds through the ``with`` blocks that remove temporary files and stop the workers, and
the command exits 143 (128 + SIGTERM), as a shell reports a terminated program.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

#: The exit code of a run stopped by SIGTERM.
TERMINATED_EXIT = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived; a ``BaseException`` so that ``except Exception`` does not swallow it."""


def _raise_terminated(number: int, frame: FrameType | None) -> None:
    # A second SIGTERM while cleaning up ends the process at once, as the sender asked.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise Terminated


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated`; the old handler comes back after.

    Only the main thread may set signal handlers; elsewhere the block changes nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def ignore_stop_signals() -> None:
    """For worker processes: Ctrl-C and SIGTERM are the main process's to handle.

    It stops the batch, then the workers, so that nothing is left behind half-done.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


@contextlib.contextmanager
def stops_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait for the block to end, then act as they would have.

    Handlers, not a signal mask: Python runs handlers in the main thread whichever thread
    the signal reaches, so a mask on this thread alone would not hold them back.
    """
    caught: list[int] = []

    def note(number: int, frame: FrameType | None) -> None:
        caught.append(number)

    stops = (signal.SIGINT, signal.SIGTERM)
    try:
        previous = [signal.getsignal(number) for number in stops]
        for number in stops:
            signal.signal(number, note)
    except ValueError:  # not the main thread, where no handler runs anyway
        yield
        return
    try:
        yield
    finally:
        for number, handler in zip(stops, previous, strict=True):
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        for caught_number in dict.fromkeys(caught):
            signal.raise_signal(caught_number)
