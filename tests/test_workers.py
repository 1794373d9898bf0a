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


def _mark_prepared(folder: Path) -> None:
    (folder / f"prepared-{os.getpid()}").touch()


def _worker_id(folder: Path, item: int) -> int:
    return os.getpid()


def test_prepare_runs_in_each_worker_before_its_work_and_not_here(tmp_path: Path) -> None:
    """Workers get what this process set up for itself (the restored patterns) from
    ``prepare``; on one process it is not run again."""
    prepare = functools.partial(_mark_prepared, tmp_path)
    work = functools.partial(_worker_id, tmp_path)
    assert list(ordered_map(work, [1, 2], jobs=1, prepare=prepare)) == [os.getpid()] * 2
    assert not list(tmp_path.iterdir())
    workers = set(ordered_map(work, range(6), jobs=2, prepare=prepare))
    prepared = {int(path.name.removeprefix("prepared-")) for path in tmp_path.iterdir()}
    assert workers and workers <= prepared and os.getpid() not in prepared
