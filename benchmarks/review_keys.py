"""How fast a reviewer can go through 200 events by keyboard in ``timeline review``.

    python benchmarks/review_keys.py [--events 200] [--chromium /usr/bin/chromium]

Generated articles (the seeded ones of benchmarks/batch.py) are extracted into one timeline
of at least N events; the real ``timeline review`` serves it (``--assets``, no network) to
headless Chromium, which presses ``j`` through every event, then ``a`` on every event
(each approve is a round trip to the server, a re-render of every card and a preview
reload), then saves with ``s``. Prints the seconds per phase and per key. Target: a key
answered well under the 100 ms a person notices, so 200 events take seconds of machine
time and the review is as fast as the person reading.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch import write_text_folder

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync")
TIMEOUT_MS = 120_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument(
        "--chromium", type=Path, default=Path(shutil.which("chromium") or "/usr/bin/chromium")
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from timeline.models import Timeline

    with tempfile.TemporaryDirectory(prefix="timeline-review-bench-") as tmp:
        folder, news = Path(tmp) / "articles", Path(tmp) / "news.json"
        write_text_folder(folder, max(1, args.events // 6))
        extract = [sys.executable, "-m", "timeline", "extract", str(folder), "-o", str(news)]
        subprocess.run(extract, check=True, stderr=subprocess.DEVNULL)
        events = Timeline.model_validate_json(news.read_text(encoding="utf-8")).events
        count = len(events)
        review = [sys.executable, "-m", "timeline", "review", str(news), "--no-open"]
        server = subprocess.Popen(
            [*review, "--assets", str(DIST)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(args.chromium), args=list(CHROMIUM_ARGS), headless=True
                )
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(url)
                page.wait_for_selector(".card.current", timeout=TIMEOUT_MS)
                started = time.perf_counter()
                for _ in range(count - 1):
                    page.keyboard.press("j")
                page.wait_for_function(
                    "() => { const cards = document.querySelectorAll('.card');"
                    " return cards[cards.length - 1].classList.contains('current'); }",
                    timeout=TIMEOUT_MS,
                )
                moved = time.perf_counter() - started
                page.keyboard.press("g")
                started = time.perf_counter()
                for _ in range(count):
                    page.keyboard.press("a")
                page.wait_for_function(
                    f"() => document.querySelectorAll('.card.approved').length === {count}",
                    timeout=TIMEOUT_MS,
                )
                approved = time.perf_counter() - started
                page.keyboard.press("s")
                page.wait_for_function(
                    "() => /Saved/.test(document.getElementById('message').textContent)",
                    timeout=TIMEOUT_MS,
                )
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=15)
        saved = Timeline.model_validate_json(news.read_text(encoding="utf-8"))
        reviewed = sum(
            1 for event in saved.events if event.review and event.review.status == "approved"
        )
    print("| phase | events | seconds | ms per key |\n|---|---|---|---|")
    print(f"| `j` through every event | {count} | {moved:.1f} | {1000 * moved / count:.0f} |")
    print(
        f"| `a` on every event, saved | {count} | {approved:.1f} | {1000 * approved / count:.0f} |"
    )
    return 0 if reviewed == count else 1


if __name__ == "__main__":
    sys.exit(main())
