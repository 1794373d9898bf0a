"""Worker processes: a run that is stopped stops its workers too, mid-task."""

from __future__ import annotations

import functools
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from timeline.interrupts import Terminated, sigterm_raises
from timeline.workers import can_fork, ordered_map


def _slow_task(folder: Path, number: int) -> int:
    """Marks its start, works a while, marks its end."""
    (folder / f"started-{number}").touch()
    time.sleep(3)
    (folder / f"finished-{number}").touch()
    return number


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux, other Unixes)")
def test_sigterm_ends_the_workers_before_their_tasks_finish(tmp_path: Path) -> None:
    work = functools.partial(_slow_task, tmp_path)
    stop = threading.Timer(0.8, os.kill, (os.getpid(), signal.SIGTERM))
    stop.start()
    with pytest.raises(Terminated), sigterm_raises():
        for _ in ordered_map(work, range(8), jobs=2, start="fork"):
            pass
    stop.join()
    started = sorted(path.name for path in tmp_path.glob("started-*"))
    assert started  # the workers were at work when the signal came
    time.sleep(0.1)
    assert not list(tmp_path.glob("finished-*"))  # and none of them went on to the end


def test_prepare_runs_once_before_the_first_item_in_this_process_too() -> None:
    """On one process the work's preparation (the pattern cache) still runs, once, and not
    at all when there is nothing to do."""
    log: list[str] = []

    def prepare() -> None:
        log.append("prepared")

    def work(item: int) -> int:
        log.append(f"item {item}")
        return item * 2

    assert list(ordered_map(work, [1, 2], jobs=1, prepare=prepare)) == [2, 4]
    assert log == ["prepared", "item 1", "item 2"]
    log.clear()
    assert list(ordered_map(work, [], jobs=1, prepare=prepare)) == []
    assert log == []
