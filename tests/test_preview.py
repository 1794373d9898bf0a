"""``timeline preview``: the page a user opens, from the CLI as a user runs it.

The last test opens the page in headless Chromium; it needs Chromium, the TimelineJS npm
package and playwright (``.ci/install-browser.sh``), and skips without them (fails under
TIMELINE_REQUIRE_EXTERNAL=1).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import webbrowser
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import NoReturn

import pytest
from browser import find_timelinejs_dist, load_page, require_browser
from cli_helpers import assert_one_line_error, run

from timeline.exporters.timelinejs import render
from timeline.models import ArticleInfo, Event, EventDate, TimeExpression, Timeline
from timeline.preview import CDN_SCRIPT, CDN_STYLESHEET

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "harbor-bridge.txt"
CDN_JS = "https://cdn.knightlab.com/libs/timeline3/3.9.11/js/timeline.js"
CDN_CSS = "https://cdn.knightlab.com/libs/timeline3/3.9.11/css/timeline.css"

TRICKY = Timeline(
    title="Bridge <b>& tunnel</b>",
    articles=(ArticleInfo(id="a1", title="Bridge news", source="a1.txt"),),
    events=(
        Event(
            id="e-000000000001",
            headline="Crews left",
            text="Crews left on Monday, officials said.",
            article_id="a1",
            confidence=0.85,
            date=EventDate.model_validate(
                {
                    "value": "2024-03-11",
                    "granularity": "day",
                    "start": "2024-03-11",
                    "end": "2024-03-11",
                }
            ),
            expression=TimeExpression(
                text="on Monday", start=12, end=21, type="DATE", value="2024-03-11"
            ),
        ),
    ),
)


class _Page(HTMLParser):
    """What a browser would see of the page: its title, resources and inline scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[str] = []  # <script src>, <link href>
        self.integrity: dict[str, tuple[str | None, str | None]] = {}  # resource: SRI, CORS
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        resource = found.get("src") if tag == "script" else found.get("href")
        if tag in ("script", "link") and resource:
            self.resources.append(resource)
            self.integrity[resource] = (found.get("integrity"), found.get("crossorigin"))
        if tag in ("script", "title"):
            self._in, self._attrs = tag, found
            if tag == "script":
                self.scripts.append((found, ""))

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def data(self) -> object:
        """The document in the page's application/json block, as the page's script reads it."""
        blocks = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        assert len(blocks) == 1
        return json.loads(blocks[0])


@pytest.fixture
def timeline_json(tmp_path: Path) -> Path:
    """Our Timeline JSON for the harbor-bridge sample, as `timeline extract` writes it."""
    path = tmp_path / "harbor-bridge.json"
    result = run("extract", str(SAMPLE), "-p", "2024-03-14", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def dist(require_external: Callable[[str], NoReturn]) -> Path:
    found = find_timelinejs_dist()
    if found is None:
        require_external("TimelineJS not in node_modules; run `npm ci` (.ci/install-browser.sh)")
    return found


def test_cdn_urls_are_knight_labs_pinned_release() -> None:
    assert (CDN_SCRIPT, CDN_STYLESHEET) == (CDN_JS, CDN_CSS)
    package = json.loads((Path(__file__).resolve().parents[1] / "package.json").read_text())
    assert package["devDependencies"]["@knight-lab/timelinejs"] in CDN_JS


def test_cdn_files_carry_the_integrity_of_the_pinned_npm_release(
    timeline_json: Path, tmp_path: Path, dist: Path
) -> None:
    """The CDN serves the npm package's dist files for 3.9.11: their sha384 must match."""
    out = tmp_path / "page.html"
    assert run("preview", str(timeline_json), "-o", str(out)).exit_code == 0
    page = _Page(out.read_text(encoding="utf-8"))
    for url, local in ((CDN_JS, "js/timeline.js"), (CDN_CSS, "css/timeline.css")):
        digest = hashlib.sha384((dist / local).read_bytes()).digest()
        expected = "sha384-" + base64.b64encode(digest).decode("ascii")
        assert page.integrity[url] == (expected, "anonymous")


def test_page_from_timeline_json_loads_timelinejs_from_the_cdn(
    timeline_json: Path, tmp_path: Path
) -> None:
    out = tmp_path / "page.html"
    result = run("preview", str(timeline_json), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = _Page(out.read_text(encoding="utf-8"))
    assert page.resources == ["data:,", CDN_CSS, CDN_JS]
    assert page.title == "Harbor Bridge Reopens After Emergency Repairs"
    # The data is the TimelineJS export of the same timeline.
    expected = run("extract", str(SAMPLE), "-p", "2024-03-14", "-f", "timelinejs").stdout
    assert page.data() == json.loads(expected)


def test_timelinejs_json_goes_in_as_it_is_from_stdin(tmp_path: Path) -> None:
    document = json.loads(render(TRICKY))
    out = tmp_path / "page.html"
    result = run("preview", "-", "-o", str(out), stdin=json.dumps(document))
    assert result.exit_code == 0, result.stderr
    assert _Page(out.read_text(encoding="utf-8")).data() == document


def test_script_tags_in_a_headline_stay_data(tmp_path: Path) -> None:
    # TimelineJS JSON is HTML already; whatever its author wrote must not end our <script>.
    document = json.loads(render(TRICKY))
    headline = "Crews ran </script><script>alert(1)</script> & <!-- left"
    document["events"][0]["text"]["headline"] = headline
    out = tmp_path / "page.html"
    assert run("preview", "-", "-o", str(out), stdin=json.dumps(document)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in text
    page = _Page(text)
    assert len(page.scripts) == 3  # the CDN's, the data, the start-up: none injected
    assert page.data() == document


def test_page_title_is_the_timeline_title_as_text(tmp_path: Path) -> None:
    source = tmp_path / "tricky.json"
    source.write_text(TRICKY.model_dump_json(), encoding="utf-8")
    out = tmp_path / "page.html"
    assert run("preview", str(source), "-o", str(out)).exit_code == 0
    assert _Page(out.read_text(encoding="utf-8")).title == "Bridge <b>& tunnel</b>"


def test_assets_make_one_file_that_requests_nothing(
    timeline_json: Path, tmp_path: Path, dist: Path
) -> None:
    out = tmp_path / "page.html"
    result = run("preview", str(timeline_json), "-o", str(out), "--assets", str(dist))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    page = _Page(text)
    assert page.resources == ["data:,"]  # no script or stylesheet to fetch, from anywhere
    # The icon font is inside the page, not a relative URL that breaks once it is moved.
    assert "icons/tl-icons" not in text
    assert re.search(r"url\(\"data:font/woff2;base64,", text)
    # TimelineJS would fetch its font CSS from the CDN and a translation without these.
    assert '{"font": null, "language": "en"}' in text
    # TimelineJS's code is there whole, and nothing in it ends its <script> early.
    code = max((body for attrs, body in page.scripts), key=len)
    original = (dist / "js" / "timeline.js").read_text(encoding="utf-8")
    assert original.splitlines()[0] in code
    assert len(code) > 0.99 * len(original)
    assert "</script" not in code.lower()


def test_open_hands_the_written_page_to_the_browser(
    timeline_json: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    out = tmp_path / "page.html"
    result = run("preview", str(timeline_json), "-o", str(out), "--open")
    assert result.exit_code == 0, result.stderr
    assert opened == [out.resolve().as_uri()]


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        ("The bridge reopened on Tuesday.", 2, ("not JSON", "timeline extract")),
        ("[1, 2]", 1, ("expected a Timeline or TimelineJS JSON object",)),
        ('{"events": [{"start_date": {"year": "soon"}}]}', 1, ("TimelineJS", "year")),
        ('{"version": "1", "title": "x", "articles": [], "events": [{}]}', 1, ("Timeline",)),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, content: str, code: int, words: tuple[str, ...]
) -> None:
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "page.html"
    assert_one_line_error(run("preview", str(source), "-o", str(out)), code, str(source), *words)
    assert not out.exists()


def test_missing_input_and_bad_assets_folder(timeline_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert_one_line_error(run("preview", str(tmp_path / "nope.json"), "-o", str(out)), 2, "nope")
    for folder in (tmp_path / "missing", tmp_path):
        result = run("preview", str(timeline_json), "-o", str(out), "--assets", str(folder))
        assert_one_line_error(result, 2, str(folder), "js/timeline.js", "dist")
    assert not out.exists()
    assert run("preview", str(timeline_json)).exit_code == 2  # -o is required


@pytest.mark.browser
def test_timelinejs_shows_the_offline_preview(
    timeline_json: Path, tmp_path: Path, require_external: Callable[[str], NoReturn]
) -> None:
    chromium, dist = require_browser(require_external)

    out = tmp_path / "page.html"
    result = run("preview", str(timeline_json), "-o", str(out), "--assets", str(dist))
    assert result.exit_code == 0, result.stderr
    events = json.loads(timeline_json.read_text(encoding="utf-8"))["events"]
    assert events

    seen = load_page(out, chromium=chromium)

    assert seen.failed_requests == ()
    assert seen.page_errors == ()
    assert seen.console_errors == ()
    assert seen.ready, seen.message
    assert seen.slide_count == len(events) + 1  # the title slide and one per event
    assert seen.title_text == "Harbor Bridge Reopens After Emergency Repairs"
    assert sorted(seen.headlines) == sorted(event["headline"] for event in events)
