"""Make docs/review.png: the `timeline review` page on two sample articles, mid-review.

    python scripts/review_screenshot.py [--out docs/review.png] [--chromium /usr/bin/chromium]

Needs what the browser tests need (.ci/install-browser.sh). Runs the real `timeline review`
with --assets (no network), approves the first event, edits a headline, and types a date
phrase whose resolved value shows before it is applied.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from screenshot import CHROMIUM_ARGS, DIST, ROOT

from timeline.api import extract_timeline, read_articles
from timeline.exporters.json_format import render

ARTICLES = (("harbor-bridge.txt", "2024-03-14"), ("school-meals.txt", "2024-09-02"))
WIDTH, HEIGHT = 1400, 900
TIMEOUT_MS = 20_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    parser.add_argument(
        "--chromium", type=Path, default=Path(shutil.which("chromium") or "/usr/bin/chromium")
    )
    args = parser.parse_args()
    if not args.chromium.is_file():
        sys.exit("review_screenshot: no Chromium found; run .ci/install-browser.sh")
    from playwright.sync_api import expect, sync_playwright

    paths = [str(ROOT / "samples" / name) for name, _ in ARTICLES]
    timeline = extract_timeline(read_articles(paths, [day for _, day in ARTICLES]))
    with tempfile.TemporaryDirectory(prefix="timeline-review-") as tmp:
        news = Path(tmp) / "news.json"
        news.write_text(render(timeline), encoding="utf-8")
        command = [sys.executable, "-m", "timeline", "review", str(news), "--no-open"]
        server = subprocess.Popen(
            [*command, "--assets", str(DIST)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(args.chromium), args=list(CHROMIUM_ARGS), headless=True
                )
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                page.goto(url)
                cards = page.locator("[data-event-id]")
                expect(cards.first).to_be_visible(timeout=TIMEOUT_MS)
                cards.nth(0).locator("[data-action=approve]").click()
                headline = cards.nth(2).locator("[name=headline]")
                headline.fill("Crack found; Harbor Bridge closed the same day")
                headline.press("Enter")
                expect(cards.nth(2).locator(".badge.edited")).to_be_visible()
                date = cards.nth(1).locator("input[name=date]")
                date.fill("the next day")
                expect(cards.nth(1).locator(".resolved")).to_contain_text("Enter applies")
                page.frame_locator("#preview").locator(".tl-timemarker").first.wait_for(
                    state="attached", timeout=TIMEOUT_MS
                )
                page.wait_for_timeout(2500)  # TimelineJS's slide animation
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=15)
    print(f"wrote {args.out}: {len(timeline.events)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
