"""Instructions one pass of the tagger takes over the TempEval-3 texts, counted by callgrind.

Time on a shared host drifts from hour to hour, and not by the same amount for every
program; an instruction count does not. This runs ``valgrind --tool=callgrind`` on a fresh
interpreter that loads the 256 documents of ``../shared/corpora/te3-tbaq`` and warms up
(every rule's pattern compiled, one pass over the texts, as ``tag_speed.py`` takes the best
of several passes), once with no more and once with one more pass, and prints the
difference: the instructions of one pass of ``tag_text`` over them, and with
``--dateparser`` of one pass of ``dateparser.search_dates`` with each document's creation
time as RELATIVE_BASE, as ``tag_speed.py`` runs it (about fifteen minutes under valgrind).

    python benchmarks/tag_instructions.py [--corpus DIR] [--dateparser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tag_speed import DEFAULT_CORPUS, load_documents, user_env  # this script's neighbour

COLLECTED = re.compile(r"Collected : (?P<count>\d+)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--dateparser", action="store_true", help="count search_dates too")
    parser.add_argument("--inner", nargs=2, metavar=("TAGGER", "PASSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        run_passes(args.corpus, args.inner[0], int(args.inner[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    taggers = ["tag_text", "search_dates"] if args.dateparser else ["tag_text"]
    counts = {tagger: one_pass(args.corpus, tagger) for tagger in taggers}
    for tagger, count in counts.items():
        print(f"{tagger}: {count / 1e6:,.0f} M instructions per pass over {args.corpus.name}")
    if len(counts) == 2:
        print(f"search_dates / tag_text: {counts['search_dates'] / counts['tag_text']:.1f}x")


def one_pass(corpus: Path, tagger: str) -> int:
    """Instructions of one pass: a run with one pass less a run with none. A first run
    outside valgrind writes any bytecode a changed module needs, which neither count
    should hold."""
    inner = [sys.executable, __file__, "--corpus", str(corpus), "--inner", tagger, "0"]
    subprocess.run(inner, capture_output=True, env=user_env(), check=True)
    return counted(corpus, tagger, 1) - counted(corpus, tagger, 0)


def counted(corpus: Path, tagger: str, passes: int) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    command += [__file__, "--corpus", str(corpus), "--inner", tagger, str(passes)]
    done = subprocess.run(command, capture_output=True, text=True, env=user_env(), check=True)
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found["count"])


def run_passes(corpus: Path, tagger: str, passes: int) -> None:
    """Inside valgrind: load and warm up (a first pass), then ``passes`` more passes."""
    documents = load_documents(corpus)
    if tagger == "tag_text":
        from timeline.temporal import compile_rules, tag_text

        compile_rules()
        for _ in range(passes + 1):
            for document in documents:
                tag_text(document.text, document.dct)
        return
    from dateparser.search import search_dates

    for _ in range(passes + 1):
        for document in documents:
            base = dt.datetime.combine(document.dct or dt.date(2000, 1, 1), dt.time())
            search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base})


if __name__ == "__main__":
    main()
