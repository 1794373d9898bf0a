"""The real review server, as a process: it refuses strangers and never runs article script.

Scraped text is hostile: an article whose title, headline and sentence carry ``<script>``
and ``onerror`` markup, and whose URL is ``javascript:``, is loaded into the page in
headless Chromium; none of it may run, in the page or in the TimelineJS preview.
"""

from __future__ import annotations

import http.client
import json
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from browser import CHROMIUM_ARGS, require_browser
from review_process import review_server
from test_review_server import FIRST, HOSTILE, TIMELINE

from timeline.exporters.json_format import render

WAIT_MS = 15_000


def _request(url: str, method: str, path: str, headers: dict[str, str]) -> int:
    host, port = url.split("/")[2].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_running_server_refuses_strangers_and_stops_on_sigterm(tmp_path: Path) -> None:
    news = tmp_path / "news.json"
    news.write_text(render(TIMELINE), encoding="utf-8")
    with review_server(news) as server:
        host = server.url.split("/")[2]
        token = server.url.split("/")[3]
        origin = f"http://{host}"
        assert _request(server.url, "GET", f"/{token}/", {}) == 200
        assert _request(server.url, "GET", "/", {}) == 403
        assert _request(server.url, "GET", "/api/state", {}) == 403
        assert _request(server.url, "GET", f"/{token}/", {"Host": "rebound.example"}) == 421
        edit = {"X-Review-Token": token, "Content-Type": "application/json"}
        foreign = {**edit, "Origin": "http://rebound.example"}
        assert _request(server.url, "POST", "/api/save", foreign) == 403
        assert _request(server.url, "POST", "/api/undo", {**edit, "Origin": origin}) == 422
        code, stderr = server.stop(signal.SIGTERM)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "timeline: review stopped"


@pytest.mark.browser
def test_article_markup_is_shown_as_text_and_never_runs(
    tmp_path: Path, require_external: Callable[[str], NoReturn]
) -> None:
    chromium, dist = require_browser(require_external)
    from playwright.sync_api import expect, sync_playwright

    news = tmp_path / "news.json"
    news.write_text(render(TIMELINE), encoding="utf-8")
    with review_server(news, "--assets", str(dist)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            page = browser.new_page()
            page.goto(server.url)
            card = page.locator(f'[data-event-id="{FIRST}"]')
            expect(card).to_be_visible(timeout=WAIT_MS)
            # A reviewer pastes markup into a headline: it is text, in the file and on screen.
            headline = card.locator("[name=headline]")
            headline.fill("Edited " + HOSTILE)
            headline.press("Enter")
            expect(card.locator(".badge.edited")).to_be_visible()
            frame = page.frame_locator("#preview")
            expect(frame.locator(".tl-slide .tl-headline", has_text="Edited")).to_have_count(
                1, timeout=WAIT_MS
            )
            page.wait_for_timeout(500)  # any onerror would have fired by now
            seen: dict[str, Any] = page.evaluate(
                """() => ({
                  pwned: window.__pwned,
                  images: document.querySelectorAll('#list img, #list script').length,
                  title: document.querySelector('.article-head h2').textContent,
                  links: Array.from(document.querySelectorAll('#list a'), (a) => a.href),
                  headline: document.querySelector('[name=headline]').value,
                })"""
            )
            preview = next(f for f in page.frames if f.url.split("?")[0].endswith("/preview"))
            in_preview = preview.evaluate(
                "() => [window.__pwned, document.querySelectorAll('.tl-slide img').length]"
            )
        finally:
            browser.close()
        code, stderr = server.stop()
    assert code == 0, stderr
    assert seen["pwned"] is None
    assert seen["images"] == 0
    assert seen["title"] == HOSTILE
    assert seen["links"] == []  # a javascript: URL is never made a link
    assert seen["headline"] == "Edited " + HOSTILE
    assert in_preview == [None, 0]
    # Unsaved: the file is as it was; nothing ran that could have saved it either.
    assert json.loads(news.read_text(encoding="utf-8"))["events"][0]["headline"] == (
        TIMELINE.events[0].headline
    )
