"""Batch throughput and memory: articles per second and peak RSS of ``timeline extract``.

    python benchmarks/batch.py            # 10,000 and 100,000 articles (about 15 minutes)
    python benchmarks/batch.py --quick    # 1,000 and 10,000, to try it out

Generated articles (fictional, seeded, so every run reads the same corpus) are written to a
temporary folder: 10,000 plain-text files with a date line under the headline, read as a
folder into one JSON timeline; then one JSONL file of 10,000 and of 100,000 records, each
written both as one JSON timeline (merged across articles) and streamed with ``-f jsonl``;
then one long single article of 100 KB, 400 KB and 1 MB. Linear cost shows as the same
articles/s (or KB/s) at every size. CPU seconds (user + system, the command and its
workers) are the measure that other load on the machine does not inflate. Peak RSS is the
largest sum of the resident memory of the command and its worker processes, sampled every
20 ms from /proc (Linux). Prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PLACES = ["Northsound", "Eastbrook", "Valley", "Old Port", "Riverside", "Hillcrest", "Saltmarsh"]
THINGS = ["bridge", "library", "ferry line", "tram line", "harbour", "school", "hospital wing"]
PEOPLE = ["Marit Olsen", "Paolo Ferri", "Ruth Amadi", "Greta Olufsen", "Tomas Berg", "Ana Ruiz"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def make_article(index: int) -> tuple[str, str, str]:
    """(title, ISO publication date, body) of one generated article."""
    rng = random.Random(index)
    place, thing, person = rng.choice(PLACES), rng.choice(THINGS), rng.choice(PEOPLE)
    year = rng.randint(1995, 2024)
    published = f"{year}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
    title = f"{place} {thing} plan moves ahead ({index})"
    body = " ".join(
        [
            f"The {place} council approved the new {thing} on {rng.choice(WEEKDAYS)}, "
            f"ending a debate that began in {year - rng.randint(2, 9)}.",
            f"Work will start in {rng.choice(MONTHS)} and should take {rng.randint(2, 30)} months, "
            f"said {person}, who chairs the works committee.",
            f"A first plan was rejected on {rng.randint(1, 28)} {rng.choice(MONTHS)} "
            f"{year - 1} after a public hearing.",
            f"Residents can comment on the design until next {rng.choice(WEEKDAYS)}, "
            f"and a vote on the budget is due later this year.",
            f"About {rng.randint(100, 900)} people attended the meeting last week.",
        ]
    )
    return title, published, body


def write_text_folder(folder: Path, count: int) -> None:
    for index in range(count):
        title, published, body = make_article(index)
        sub = folder / f"{index // 1000:03}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article-{index:06}.txt").write_text(
            f"{title}\nPublished: {published}\n\n{body}\n", encoding="utf-8"
        )


def write_jsonl(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for index in range(count):
            title, published, body = make_article(index)
            record = {"id": f"g{index}", "title": title, "text": body, "published": published}
            stream.write(json.dumps(record) + "\n")


def write_long_article(path: Path, size: int) -> None:
    """One article of about ``size`` bytes: generated paragraphs under one headline."""
    parts = ["Valley works: the long report", "Published: 2024-06-14", ""]
    total, index = 0, 0
    while total < size:
        paragraph = make_article(index)[2]
        parts.append(paragraph + "\n")
        total += len(paragraph) + 2
        index += 1
    path.write_text("\n".join(parts), encoding="utf-8")


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (0 once it is gone)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


@dataclass(frozen=True)
class Run:
    label: str
    articles: int
    jobs: int
    seconds: float
    cpu_seconds: float
    peak_mib: float
    exit_code: int


def measure(label: str, articles: int, args: list[str], jobs: int) -> Run:
    command = [sys.executable, "-m", "timeline", "extract", *args, "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        print(stderr, file=sys.stderr)
    return Run(label, articles, jobs, seconds, cpu, peak / 1024, process.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 articles")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    options = parser.parse_args()
    small, large = (1_000, 10_000) if options.quick else (10_000, 100_000)
    jobs = options.jobs
    with tempfile.TemporaryDirectory() as temporary:
        work = options.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        write_text_folder(work / "text", small)
        runs = [
            measure(
                f"{small:,} .txt files (folder) -> one JSON timeline",
                small,
                [str(work / "text"), "-o", str(work / "out.json")],
                jobs,
            )
        ]
        for count in (small, large):
            records = work / f"{count}.jsonl"
            write_jsonl(records, count)
            for mode, args in (
                ("one JSON timeline", ["-o", str(work / "out.json")]),
                ("-f jsonl (streamed)", ["-f", "jsonl", "-o", str(work / "out.jsonl")]),
            ):
                label = f"{count:,} JSONL records -> {mode}"
                runs.append(measure(label, count, [str(records), *args], jobs))
        long_runs = []
        for kib in (100, 400, 1000):
            article = work / f"long-{kib}.txt"
            write_long_article(article, kib * 1000)
            label = f"one {kib:,} KB article -> one JSON timeline"
            long_runs.append(measure(label, kib, [str(article), "-o", str(work / "out.json")], 1))
    print("| batch | jobs | seconds | CPU seconds | articles per CPU s | peak RSS (MiB) | exit |")
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        rate = run.articles / run.cpu_seconds
        print(
            f"| {run.label} | {run.jobs} | {run.seconds:.1f} | {run.cpu_seconds:.1f} "
            f"| {rate:,.0f} | {run.peak_mib:.0f} | {run.exit_code} |"
        )
    print()
    print("| long article | seconds | CPU seconds | KB per CPU s | peak RSS (MiB) | exit |")
    print("|---|---|---|---|---|---|")
    for run in long_runs:
        rate = run.articles / run.cpu_seconds
        print(
            f"| {run.label} | {run.seconds:.1f} | {run.cpu_seconds:.1f} | {rate:,.0f} "
            f"| {run.peak_mib:.0f} | {run.exit_code} |"
        )


if __name__ == "__main__":
    main()
