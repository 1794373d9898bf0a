"""Load a TimelineJS document in headless Chromium and report what the page did.

The page, the document and the TimelineJS files (``npm ci`` puts them in
``node_modules/@knight-lab/timelinejs/dist``) are served by a loopback-only HTTP server;
every request for another origin is aborted and reported, so a test never reaches the
network and notices when TimelineJS tries to. Chromium is driven by the ``playwright``
package with the system's Chromium (``.ci/install-browser.sh`` installs both browser
and npm package); playwright's own browser download is never used.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn

REPO_ROOT = Path(__file__).resolve().parents[1]
TIMELINEJS_DIST = REPO_ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
#: How long TimelineJS gets to render its slides.
LOAD_TIMEOUT_S = 20.0
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# The page: TimelineJS from the local dist, the document from data.js, and hooks that tell
# the test when TimelineJS is ready. script_path must be an absolute URL (TimelineJS resolves
# its font and theme CSS against it with `new URL`), and its default is the Knight Lab CDN.
# font: null keeps TimelineJS from loading its font CSS, which pulls in Google web fonts.
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS browser test</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script>
<script src="data.js"></script>
</head>
<body style="margin: 0">
<div id="timeline-embed" style="width: 100%; height: 600px"></div>
<script>
window.__tlReady = false;
window.__tlFailed = false;
window.addEventListener("error", () => { window.__tlFailed = true; });
window.addEventListener("unhandledrejection", () => { window.__tlFailed = true; });
const options = {
  script_path: new URL("timelinejs/js/", window.location.href).href,
  font: null,
};
window.timeline = new TL.Timeline("timeline-embed", window.timelineData, options);
window.timeline.on("ready", () => { window.__tlReady = true; });
</script>
</body>
</html>
"""

# Done: rendered, or failed (an uncaught error, or TimelineJS's own "ERROR: ..." message).
_SETTLED = """() => (window.__tlReady === true && document.querySelectorAll('.tl-slide').length > 0)
  || window.__tlFailed === true
  || /^ERROR/.test((document.querySelector('.tl-message-full') || {}).innerText || '')"""
# The same for a page that sets window.timeline itself (TimelineJS sets its `ready` flag);
# _WATCH_ERRORS runs before the page's own scripts.
_WATCH_ERRORS = """window.__tlFailed = false;
window.addEventListener("error", () => { window.__tlFailed = true; });
window.addEventListener("unhandledrejection", () => { window.__tlFailed = true; });"""
_SETTLED_PAGE = """() => (window.timeline && window.timeline.ready === true
    && document.querySelectorAll('.tl-slide').length > 0)
  || window.__tlFailed === true
  || /^ERROR/.test((document.querySelector('.tl-message-full') || {}).innerText || '')"""
_OBSERVE = """() => ({
  slides: document.querySelectorAll('.tl-slide').length,
  title: (document.querySelector('.tl-slide-titleslide .tl-headline') || {}).innerText || '',
  headlines: Array.from(
    document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide) .tl-headline'),
    (el) => el.innerText),
  message: (document.querySelector('.tl-message-full') || {}).innerText || '',
  ready: window.__tlReady === true,
})"""
_OBSERVE_PAGE = _OBSERVE.replace(
    "window.__tlReady === true", "!!(window.timeline && window.timeline.ready === true)"
)


@dataclass(frozen=True)
class BrowserResult:
    """What the page showed and what went wrong while it loaded."""

    slide_count: int  # `.tl-slide` elements, the title slide included
    console_errors: tuple[str, ...]
    page_errors: tuple[str, ...]
    failed_requests: tuple[str, ...]  # network failures, HTTP errors, blocked off-host requests
    title_text: str  # the title slide's headline as shown
    ready: bool = False  # TimelineJS fired "ready" within the timeout
    headlines: tuple[str, ...] = ()  # event slides' headlines as shown, in slide order
    message: str = ""  # TimelineJS's full-page message (loading text or error), if shown


def find_chromium() -> Path | None:
    """Chromium or Chrome: $TIMELINE_CHROMIUM, else the first one on PATH."""
    override = os.environ.get("TIMELINE_CHROMIUM")
    if override:
        path = Path(override)
        return path if path.is_file() else None
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def find_timelinejs_dist() -> Path | None:
    """The TimelineJS ``dist`` folder that ``npm ci`` installs at the repository root."""
    if (TIMELINEJS_DIST / "js" / "timeline.js").is_file():
        return TIMELINEJS_DIST
    return None


def require_browser(require_external: Callable[[str], NoReturn]) -> tuple[Path, Path]:
    """(Chromium, TimelineJS dist) for a browser test; skip, or fail under CI, when absent."""
    if importlib.util.find_spec("playwright") is None:
        require_external("the playwright package is not installed (pip install -e '.[test]')")
    chromium = find_chromium()
    if chromium is None:
        require_external("Chromium not found; run .ci/install-browser.sh")
    dist = find_timelinejs_dist()
    if dist is None:
        require_external("TimelineJS not in node_modules; run `npm ci` (.ci/install-browser.sh)")
    return chromium, dist


def load_timelinejs(
    json_path_or_document: Path | str | Mapping[str, Any],
    assets_dir: Path,
    *,
    chromium: Path | None = None,
    timeout_s: float = LOAD_TIMEOUT_S,
    screenshot: Path | None = None,
) -> BrowserResult:
    """Open a page that runs ``new TL.Timeline(...)`` on the document and wait for its slides.

    ``json_path_or_document`` is a TimelineJS JSON file (its bytes go to the page as they
    are) or an already-parsed document; ``assets_dir`` is TimelineJS's ``dist`` folder.
    A document TimelineJS rejects returns at once with ``ready`` false and its ``message``;
    one that hangs returns after ``timeout_s``. ``screenshot`` saves a PNG of the page.
    """
    if isinstance(json_path_or_document, Mapping):
        document_text = json.dumps(json_path_or_document, ensure_ascii=False)
    else:
        document_text = Path(json_path_or_document).read_text(encoding="utf-8")
    executable = chromium or find_chromium()
    if executable is None:
        raise FileNotFoundError("no Chromium found; run .ci/install-browser.sh")

    with tempfile.TemporaryDirectory(prefix="timelinejs-") as tmp, _serve(Path(tmp)) as origin:
        site = Path(tmp)
        (site / "timelinejs").symlink_to(assets_dir.resolve(), target_is_directory=True)
        (site / "index.html").write_text(_PAGE, encoding="utf-8")
        (site / "data.js").write_text(f"window.timelineData = {document_text};\n", encoding="utf-8")
        return _run_page(
            origin, executable, timeout_s, screenshot, settled=_SETTLED, observe=_OBSERVE
        )


def load_page(
    html_path: Path,
    *,
    chromium: Path | None = None,
    timeout_s: float = LOAD_TIMEOUT_S,
    screenshot: Path | None = None,
) -> BrowserResult:
    """Open a self-contained page that makes ``window.timeline = new TL.Timeline(...)``.

    Only the page itself is served (from a loopback server, like :func:`load_timelinejs`);
    every other request shows up in ``failed_requests``. It is ready when TimelineJS has
    set ``window.timeline.ready`` and drawn its slides.
    """
    executable = chromium or find_chromium()
    if executable is None:
        raise FileNotFoundError("no Chromium found; run .ci/install-browser.sh")
    with tempfile.TemporaryDirectory(prefix="timelinejs-") as tmp, _serve(Path(tmp)) as origin:
        shutil.copyfile(html_path, Path(tmp) / "index.html")
        return _run_page(
            origin,
            executable,
            timeout_s,
            screenshot,
            settled=_SETTLED_PAGE,
            observe=_OBSERVE_PAGE,
            init_script=_WATCH_ERRORS,
        )


def _run_page(
    origin: str,
    executable: Path,
    timeout_s: float,
    screenshot: Path | None,
    *,
    settled: str,
    observe: str,
    init_script: str | None = None,
) -> BrowserResult:
    """Load ``origin``/index.html in headless Chromium until ``settled`` holds or time runs out,
    then report what ``observe`` sees and what went wrong."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    console_errors: list[str] = []
    page_errors: list[str] = []
    failed_requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def block_off_host(route: Any) -> None:
                if route.request.url.startswith(origin + "/"):
                    route.continue_()
                else:
                    failed_requests.append(f"blocked (not loopback): {route.request.url}")
                    route.abort()

            def on_request_failed(request: Any) -> None:
                if request.url.startswith(origin + "/"):
                    failed_requests.append(f"{request.url}: {request.failure}")

            def on_response(response: Any) -> None:
                if response.status >= 400:
                    failed_requests.append(f"{response.url}: HTTP {response.status}")

            if init_script is not None:
                page.add_init_script(init_script)
            page.route("**/*", block_off_host)
            page.on("requestfailed", on_request_failed)
            page.on("response", on_response)
            page.on(
                "console",
                lambda message: (
                    console_errors.append(message.text) if message.type == "error" else None
                ),
            )
            page.on("pageerror", lambda error: page_errors.append(str(error)))

            page.goto(f"{origin}/index.html", timeout=timeout_s * 1000)
            # Still loading after the timeout: reported as ready=False with the message.
            with suppress(PlaywrightError):
                page.wait_for_function(settled, timeout=timeout_s * 1000)
            # Let late requests (CSS images, fonts) finish or fail before looking.
            with suppress(PlaywrightError):
                page.wait_for_load_state("networkidle", timeout=5000)
            seen: dict[str, Any] = page.evaluate(observe)
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    return BrowserResult(
        slide_count=int(seen["slides"]),
        console_errors=tuple(console_errors),
        page_errors=tuple(page_errors),
        failed_requests=tuple(failed_requests),
        title_text=str(seen["title"]),
        ready=bool(seen["ready"]),
        headlines=tuple(str(h) for h in seen["headlines"]),
        message=str(seen["message"]),
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (an ephemeral port) for the block; yields the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="timelinejs-http", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
