"""Where a whole ``timeline tag -f timeml -o DIR -j 1`` run spends its CPU time.

Runs the command in a fresh interpreter over the 256 TempEval-3 documents of
``../shared/corpora/te3-tbaq``, with a CPU-time stopwatch around each step of the tag path,
and prints one line per step: the interpreter's start, the compiled patterns (saved by the
first run into a new pattern cache, restored from it by the others), the imports, option
parsing, then per step summed over the files; "in all" ends when the command returns,
"whole process" adds the interpreter's exit. Each figure is the least of ``--runs`` runs (a
busy machine only ever adds time). The output folder is made under ``--output-parent``
(a memory file system by default, ``/dev/shm``, as in ``tag_speed.py``, which says why;
give a folder on disk to see what making the files costs there).

    python benchmarks/tag_phases.py [--corpus DIR] [--runs N] [--output-parent DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from tag_speed import DEFAULT_CORPUS, REPO, memory_parent, user_env  # this script's neighbour

#: Runs inside the measured interpreter: wraps the steps, runs the command, prints JSON.
PROBE = r"""
import functools, json, resource, sys, time

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

spent = {}
def clock(owner, name, label):
    function = getattr(owner, name)
    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = cpu()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + cpu() - start
    setattr(owner, name, timed)

started = cpu()
from timeline.program import collect_young_objects_less_often
collect_young_objects_less_often()  # as the program does first
from timeline.rule_cache import restore_patterns
early = ("tag", restore_patterns("tag"))  # then this, before the command line loads
restored = cpu()
import timeline.cli
import timeline.tagging as tagging
import timeline.output as output
imported = cpu()
clock(tagging, "_xml_source", "reading and decoding the files")
clock(tagging, "parse_tree", "parsing them (lxml)")
clock(tagging, "document_from_tree", "the plain text of <TEXT> and its offsets")
clock(tagging, "tag_text", "tagging (tag_text)")
clock(tagging, "annotate_tree", "writing our TIMEX3s into the trees")
clock(tagging, "serialize", "serialising the trees")
clock(output.StagedFiles, "add", "creating and writing the files")
clock(output.StagedFiles, "commit", "renaming them into place")
clock(tagging, "run_tag", "run_tag")
sys.argv = ["timeline", *sys.argv[1:]]
try:
    timeline.cli.main(early)
except SystemExit:
    pass
total = cpu()
run = spent.pop("run_tag")
spent = {
    "start-up: the interpreter": started,
    "compiled patterns, restored from the cache": restored - started,
    "imports": imported - restored,
    "option parsing (typer) and exit": total - imported - run,
    **spent,
    "the rest of run_tag (warnings, names, folder)": run - sum(spent.values()),
    "in all": total,
}
print(json.dumps(spent), file=sys.stderr)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(files: list[Path], parent: Path) -> dict[str, float]:
    """One run's steps, then what the interpreter spends after the command returns (freeing
    and unloading everything: outside the probe's reach, so measured from here)."""
    with tempfile.TemporaryDirectory(dir=parent) as out:
        command = [sys.executable, "-c", PROBE, "tag", "-f", "timeml", "-o", out, "-j", "1"]
        before = _children_cpu()
        done = subprocess.run(
            [*command, *map(str, files)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env=user_env(),
        )
        whole = _children_cpu() - before
    spent: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    spent["interpreter exit, after the command"] = whole - spent["in all"]
    spent["whole process"] = whole
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output-parent", type=Path, default=None)
    args = parser.parse_args()
    args.output_parent = args.output_parent or memory_parent()
    args.output_parent.mkdir(parents=True, exist_ok=True)
    files = sorted(args.corpus.glob("*/*.tml"))
    if not files:
        print(f"{args.corpus}: no .tml files (expected shared/corpora/te3-tbaq)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as cache:
        os.environ["TIMELINE_CACHE_DIR"] = cache  # not the user's; the first run fills it
        runs = [measure(files, args.output_parent) for _ in range(args.runs)]
    best = {step: min(run[step] for run in runs) for step in runs[0]}
    print(f"`timeline tag -f timeml -o DIR -j 1` over {len(files)} files, CPU seconds")
    print(f"(least of {args.runs} runs per step):\n")
    for step, seconds in best.items():
        print(f"  {seconds:6.3f}  {step}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
