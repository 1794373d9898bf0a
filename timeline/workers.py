"""Work on worker processes, results in input order, a few tasks in flight per worker.

Shared by ``extract`` (a batch of articles) and ``tag`` (many TimeML files). Results come
back in the order of the items, so output does not depend on the number of workers, and
at most :data:`IN_FLIGHT_PER_JOB` tasks per worker wait at a time, so memory stays flat.
"""

from __future__ import annotations

import contextlib
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Mapping
from typing import TYPE_CHECKING, Literal, TypeVar

from timeline.interrupts import ignore_stop_signals

if TYPE_CHECKING:  # loaded when workers start: a run on one process does without them
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

__all__ = ["IN_FLIGHT_PER_JOB", "can_fork", "ordered_map"]

#: Tasks in flight per worker process: enough to keep workers busy, few enough to stay flat.
IN_FLIGHT_PER_JOB = 4

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether workers can start as copies of this process: Linux and other Unixes, not
    macOS, where system libraries are not safe to use in a forked copy."""
    import multiprocessing

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def ordered_map(
    work: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    start: Literal["spawn", "fork"] = "spawn",
    prepare: Callable[[], object] | None = None,
) -> Generator[Result, None, None]:
    """``work(item)`` for every item, in order, in this process or on ``jobs`` workers.

    ``work`` and the items are pickled (a module-level function, or a partial of one).
    ``spawn`` starts fresh interpreters (safe anywhere); ``fork`` copies this process, so
    what it has already built (compiled patterns) is there for free. ``prepare`` (a
    module-level function, or a partial of one) runs in each worker as it starts, to give
    it what this process set up for itself (the restored patterns). An exception in
    ``work`` is raised here; stopping early (an error, Ctrl-C, SIGTERM) ends the workers.
    """
    if jobs <= 1:
        for item in items:
            yield work(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start)
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(prepare,)
    )
    pending: deque[Future[Result]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        # Stopped (Ctrl-C, SIGTERM, an output error): the work in flight is not wanted, so
        # the workers stop now rather than after their current task.
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(prepare: Callable[[], object] | None) -> None:
    ignore_stop_signals()
    if prepare is not None:
        prepare()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's worker processes (Python 3.14 has ``kill_workers()``): they ignore
    SIGTERM (it is the main process's to handle) and hold nothing that needs cleaning up."""
    processes: Mapping[int, BaseProcess] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError):
            process.kill()
