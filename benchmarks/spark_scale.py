"""The Spark job next to the CLI on the same records: articles/s, peak memory, growth.

    python benchmarks/spark_scale.py                    # 10,000 and 100,000 records
    python benchmarks/spark_scale.py --sizes 2000,10000 # to try it out

Records are made from the Timeline17 articles in ../shared/corpora/t17-dev (1,862 real news
articles, about 5 KB each). Copy k of the corpus has every year in its text and publication
date moved k years back, so copies do not repeat each other's events (a corpus of exact
copies would make every event a 50-fold duplicate, which no real archive looks like).

For each size, in the same run and on the same JSONL file:

- ``timeline extract FILE --jobs 2 -f jsonl`` (the CLI's streaming mode; it merges within
  an article only);
- ``python -m timeline.spark FILE -o DIR --master local[2]`` (Parquet; merges across
  articles with a shuffle).

Peak memory is sampled every 100 ms with psutil over each command's process tree: for the
CLI the sum of the command and its workers; for Spark the driver's Python process, the JVM
(driver and executor are one JVM in local mode), the Python workers together (the
executors' Python side; forked from one daemon, so shared pages count more than once) and
the largest single worker, each as its own peak. Processes the JVM spawns for a moment
(Hadoop's ``chmod``) share its memory until they exec and are not counted. Prints a
markdown table and the growth from the smallest to the largest size.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "t17-dev"
_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)\b")
MIB = 1024 * 1024


def _shift(text: str, years: int) -> str:
    return _YEAR.sub(lambda match: str(int(match["year"]) - years), text)


def _shift_date(iso: str | None, years: int) -> str | None:
    if not iso:
        return iso
    year, rest = int(iso[:4]) - years, iso[4:]
    if rest.startswith("-02-29"):
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


def write_records(path: Path, count: int) -> None:
    """``count`` records: the corpus, then copies with their years moved back."""
    base = [
        json.loads(line)
        for file in sorted(CORPUS.glob("*.articles.jsonl"))
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            copy, record = divmod(index, len(base))
            item = base[record]
            shifted = {
                "id": f"{item['id']}~{copy}",
                "title": item.get("title") or None,
                "text": _shift(item["text"], copy),
                "published": _shift_date(item.get("published"), copy),
                "url": item.get("url"),
            }
            out.write(json.dumps(shifted, ensure_ascii=False) + "\n")


@dataclass
class Peaks:
    """Peak resident memory by role, in bytes, over a command's process tree."""

    values: dict[str, int] = field(default_factory=dict)

    def see(self, role: str, rss: int) -> None:
        self.values[role] = max(self.values.get(role, 0), rss)


def _role(process: psutil.Process, root: psutil.Process) -> str | None:
    """The role of a process by what it runs; None for a JVM's short-lived spawn.

    Hadoop's local file system runs ``chmod`` for each file it writes: the JVM spawns a
    child that, until it execs, shares the JVM's memory and bears the name of the spawning
    thread. Counting it would count the JVM twice, or as a Python worker.
    """
    if process.pid == root.pid:
        return "main"
    try:
        command = process.cmdline()
        parent = process.parent()
        parent_command = parent.cmdline() if parent else []
    except psutil.Error:
        return None
    if not command:
        return None
    if Path(command[0]).name == "java":
        spawned = bool(parent_command) and Path(parent_command[0]).name == "java"
        return None if spawned else "jvm"
    if "pyspark.daemon" in command:
        return "python workers"
    if parent_command and Path(parent_command[0]).name == "java":
        return None  # something the JVM runs (chmod...), not part of the job
    return "workers"


def _sample(root: psutil.Process, peaks: Peaks, done: threading.Event) -> None:
    while not done.is_set():
        sums: dict[str, int] = {}
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for process in processes:
            try:
                rss = process.memory_info().rss
            except psutil.Error:
                continue
            role = _role(process, root)
            if role is None:
                continue
            sums[role] = sums.get(role, 0) + rss
            if role == "python workers":
                peaks.see("largest worker", rss)
        for role, rss in sums.items():
            peaks.see(role, rss)
        peaks.see("total", sum(sums.values()))
        done.wait(0.1)


def measure(command: list[str]) -> tuple[float, Peaks]:
    """Wall time and memory peaks of one command; a failure stops the benchmark."""
    peaks = Peaks()
    done = threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = threading.Thread(target=_sample, args=(psutil.Process(process.pid), peaks, done))
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')[-2000:]}")
    return seconds, peaks


def _mib(value: int) -> str:
    return f"{value / MIB:,.0f} MiB"


def _cli(records: Path, out: Path) -> list[str]:
    return ["timeline", "extract", str(records), "--jobs", "2", "-f", "jsonl", "-o", str(out)]


def _spark(records: Path, out: Path, merge: bool) -> list[str]:
    command = [sys.executable, "-m", "timeline.spark", str(records), "-o", str(out)]
    return [*command, "--master", "local[2]", *([] if merge else ["--no-merge"])]


def _row(size: int, label: str, seconds: float, peaks: Peaks, roles: tuple[str, ...]) -> str:
    memory = ", ".join(f"{role} {_mib(peaks.values.get(role, 0))}" for role in roles)
    return f"| {size:,} | {label} | {seconds:,.1f} | {size / seconds:,.0f} | {memory} |"


SPARK_ROLES = ("main", "jvm", "python workers", "largest worker")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated record counts")
    parser.add_argument(
        "--merge-sizes",
        default="10000",
        help="sizes also run with cross-article merging (merge.py's cost; after the others)",
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    sizes = [int(size) for size in args.sizes.split(",")]
    merge_sizes = [int(size) for size in args.merge_sizes.split(",") if size]
    rows: list[str] = []
    times: dict[tuple[str, int], float] = {}

    def report(row: str) -> None:
        rows.append(row)
        print(row, flush=True)

    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for size in sorted(set(sizes + merge_sizes)):
            files[size] = Path(folder) / f"records-{size}.jsonl"
            write_records(files[size], size)
        for size in sizes:
            seconds, peaks = measure(_cli(files[size], Path(folder) / f"cli-{size}.jsonl"))
            times["cli", size] = seconds
            report(_row(size, "`timeline extract --jobs 2 -f jsonl`", seconds, peaks, ("total",)))
            out = Path(folder) / f"spark-{size}"
            seconds, peaks = measure(_spark(files[size], out, merge=False))
            times["spark", size] = seconds
            report(_row(size, "`timeline.spark --no-merge`", seconds, peaks, SPARK_ROLES))
            ratio = times["cli", size] / seconds
            report(f"| {size:,} | Spark / CLI throughput | | {ratio:.0%} | |")
        for size in merge_sizes:
            out = Path(folder) / f"spark-merged-{size}"
            seconds, peaks = measure(_spark(files[size], out, merge=True))
            report(_row(size, "`timeline.spark` (merging)", seconds, peaks, SPARK_ROLES))
    print("\n| records | command | seconds | articles/s | peak RSS |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    small, large = sizes[0], sizes[-1]
    for name in ("cli", "spark"):
        growth = times[name, large] / times[name, small]
        print(f"{name}: {large / small:.0f}x the records took {growth:.1f}x the time")


if __name__ == "__main__":
    main()
