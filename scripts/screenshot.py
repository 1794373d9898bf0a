"""Make docs/screenshot.png: the harbor-bridge sample's preview page as TimelineJS draws it.

    python scripts/screenshot.py [--out docs/screenshot.png] [--chromium /usr/bin/chromium]

Needs what the browser test needs (.ci/install-browser.sh): Chromium, the TimelineJS npm
package in node_modules and the playwright package. The page is made with --assets, so
the browser loads nothing from the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

from timeline.api import articles_from_text, extract_timeline
from timeline.exporters.timelinejs import render
from timeline.preview import load_assets, preview_html

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "harbor-bridge.txt"
PUBLISHED = dt.date(2024, 3, 14)
DIST = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
#: Chromium flags as in tests/browser.py: no sandbox (containers), nothing in the background.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WIDTH, HEIGHT = 1200, 800
TIMEOUT_MS = 20_000

# Rendered: TimelineJS is ready and has drawn its slides and the time navigation.
_READY = """() => window.timeline && window.timeline.ready === true
  && document.querySelectorAll('.tl-slide').length > 0
  && document.querySelectorAll('.tl-timemarker').length > 0"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument(
        "--chromium", type=Path, default=Path(shutil.which("chromium") or "/usr/bin/chromium")
    )
    args = parser.parse_args()
    if not args.chromium.is_file():
        sys.exit("screenshot: no Chromium found; give --chromium or run .ci/install-browser.sh")

    from playwright.sync_api import sync_playwright

    articles = articles_from_text(SAMPLE.read_text(encoding="utf-8"), PUBLISHED, str(SAMPLE))
    timeline = extract_timeline(articles)
    if not timeline.events:
        sys.exit("screenshot: the sample gave no events")
    # The event nearest the publication date: the news itself, among its neighbours.
    shown = min(timeline.events, key=lambda event: abs(event.date.start - PUBLISHED))
    document = json.loads(render(timeline))
    page_html = preview_html(document, load_assets(DIST))
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="timeline-preview-") as tmp:
        page_path = Path(tmp) / "harbor-bridge.html"
        page_path.write_text(page_html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(args.chromium), args=list(CHROMIUM_ARGS), headless=True
            )
            try:
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
                page.on(
                    "console",
                    lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
                )
                page.goto(page_path.as_uri())
                page.wait_for_function(_READY, timeout=TIMEOUT_MS)
                page.evaluate("(id) => window.timeline.goToId(id)", shown.id)
                page.wait_for_timeout(1500)  # the slide animation (TimelineJS: 1000 ms)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
            finally:
                browser.close()
    for problem in problems:
        print(f"screenshot: {problem}", file=sys.stderr)
    print(f"wrote {args.out}: {shown.headline!r} of {len(timeline.events)} events")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
