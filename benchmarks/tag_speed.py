"""How fast the tagger is: documents per second and peak memory on the TempEval-3 corpus.

Tags all 256 documents of ``../shared/corpora/te3-tbaq`` (TimeBank + AQUAINT) three ways in
one run: our ``tag_text`` in-process, one whole ``timeline tag -f timeml -o DIR`` over every
.tml file (a subprocess, so start-up is included), and ``dateparser.search_dates`` on the
same texts with each document's creation time as RELATIVE_BASE. Target: our tagger at
least 10x faster per document than ``search_dates``.

    python benchmarks/tag_speed.py [--corpus DIR] [--skip-dateparser]

Prints a markdown table and the machine it ran on. Peak memory in-process is the
tracemalloc peak of a second, traced pass (timing passes run untraced); for the
subprocess it is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "te3-tbaq"
TARGET_SPEEDUP = 10.0


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
    note: str = ""

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.documents

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds


def load_documents(corpus: Path) -> list[Document]:
    from timeline.timeml import read_timeml

    paths = sorted(corpus.glob("*/*.tml"))
    documents = []
    for path in paths:
        parsed = read_timeml(path)
        documents.append(Document(path, parsed.text, parsed.dct))
    return documents


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _traced_peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure_in_process(documents: list[Document]) -> tuple[Measure, float]:
    """Our tagger in-process; also returns the first call's time (pattern compilation)."""
    from timeline.temporal import tag_text

    first = _timed(lambda: tag_text("on Friday, 2 weeks ago", dt.date(2018, 12, 20)))

    def run() -> None:
        for document in documents:
            tag_text(document.text, document.dct)

    seconds = min(_timed(run) for _ in range(3))
    return Measure(
        "timeline `tag_text` (in-process)", seconds, len(documents), _traced_peak(run)
    ), first


def measure_cli(documents: list[Document]) -> Measure:
    """One ``timeline tag`` run over every file, start-up included."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "timeline", "tag", "-f", "timeml", "-o", out]
        command += [str(d.path) for d in documents]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=REPO)
        seconds = time.perf_counter() - start
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        written = len(list(Path(out).glob("*.tml")))
    if written != len(documents):
        raise SystemExit(f"timeline tag wrote {written} files for {len(documents)} inputs")
    note = "" if peak_kib > before else " (max RSS of all children so far)"
    return Measure(
        "`timeline tag -f timeml -o DIR` (subprocess)",
        seconds,
        len(documents),
        peak_kib * 1024,
        note,
    )


def measure_dateparser(documents: list[Document]) -> Measure:
    from dateparser.search import search_dates

    def run() -> None:
        for document in documents:
            base = dt.datetime.combine(document.dct or dt.date(2000, 1, 1), dt.time())
            search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base})

    run_one = documents[:1]
    _timed(lambda: search_dates(run_one[0].text, languages=["en"]))  # loads its language data
    seconds = _timed(run)
    return Measure(
        "`dateparser.search_dates` (in-process)", seconds, len(documents), _traced_peak(run)
    )


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


def table(measures: list[Measure], characters: int) -> str:
    lines = [
        "| run | docs | total s | ms/doc | docs/s | peak memory |",
        "|---|---|---|---|---|---|",
    ]
    for m in measures:
        peak = f"{_size(m.peak_bytes)}{m.note}" if m.peak_bytes is not None else "-"
        lines.append(
            f"| {m.name} | {m.documents} | {m.seconds:.2f} | {m.ms_per_doc:.2f} "
            f"| {m.docs_per_second:.0f} | {peak} |"
        )
    lines.append("")
    lines.append(f"{characters:,} characters in all.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--skip-dateparser", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(
            f"{args.corpus}: corpus not found (expected ../shared/corpora/te3-tbaq)",
            file=sys.stderr,
        )
        return 2
    documents = load_documents(args.corpus)
    ours, first_call = measure_in_process(documents)
    measures = [ours, measure_cli(documents)]
    if not args.skip_dateparser:
        measures.append(measure_dateparser(documents))
    print(f"Machine: {machine()}\n")
    print(table(measures, sum(len(d.text) for d in documents)))
    print(f"First `tag_text` call (compiles the patterns once): {1000 * first_call:.0f} ms.")
    if not args.skip_dateparser:
        speedup = measures[2].ms_per_doc / ours.ms_per_doc
        verdict = "meets" if speedup >= TARGET_SPEEDUP else "MISSES"
        print(
            f"Per document, in-process: {speedup:.1f}x faster than dateparser.search_dates "
            f"({verdict} the {TARGET_SPEEDUP:.0f}x target)."
        )
        return 0 if speedup >= TARGET_SPEEDUP else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
