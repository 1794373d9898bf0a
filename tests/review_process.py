"""Run ``timeline review`` as a real subprocess and stop it the way a user does (Ctrl-C)."""

from __future__ import annotations

import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 30.0


@dataclass
class Running:
    url: str
    process: subprocess.Popen[str]

    def stop(self, sig: signal.Signals = signal.SIGINT) -> tuple[int, str]:
        """Send ``sig``, wait for the exit; (exit code, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        _, stderr = self.process.communicate(timeout=15)
        return self.process.returncode, stderr


@contextmanager
def review_server(file: Path, *options: str) -> Iterator[Running]:
    """``timeline review FILE --no-open [options]``: yields once its address is printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "review", str(file), "--no-open", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(timeout=START_TIMEOUT_S)
        line = process.stdout.readline().strip() if ready else ""
        if not line.startswith("http://127.0.0.1:"):
            process.kill()
            _, stderr = process.communicate(timeout=10)
            raise AssertionError(f"timeline review printed {line!r}; stderr: {stderr}")
        yield Running(line, process)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
