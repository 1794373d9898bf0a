"""``timeline review`` end to end: the real server, the real page in headless Chromium.

The seed timeline is reviewed the way a person would: a date typed as a phrase, a headline
rewritten, one event deleted, two merged, one approved, an undo and a redo from the
keyboard, then Save and the three exports. The saved file must hold exactly those changes,
with provenance, and the exports must load (TimelineJS in Chromium, iCalendar through
icalendar). Needs Chromium and TimelineJS (``.ci/install-browser.sh``) and ../shared.
"""

from __future__ import annotations

import csv
import json
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from browser import CHROMIUM_ARGS, load_timelinejs, require_browser
from icalendar import Calendar
from review_process import review_server
from test_review_edits import TIMELINE, make_event
from typer.testing import CliRunner

from timeline.cli import app
from timeline.exporters.json_format import render
from timeline.models import Review, ReviewOriginal, Timeline
from timeline.schemas import validate_document

pytestmark = pytest.mark.browser

WAIT_MS = 15_000
NEW_HEADLINE = "US troops start leaving Syria"


def _extract(seed_file: Path, target: Path) -> dict[str, Any]:
    args = ["extract", str(seed_file), "-p", "2018-12-20", "-p", "2025-01-09", "-o", str(target)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


def _id_of(document: dict[str, Any], words: str) -> str:
    found = [event["id"] for event in document["events"] if words in event["text"]]
    assert len(found) == 1, f"expected one event saying {words!r}, found {found}"
    return str(found[0])


def test_a_review_through_the_page_is_saved_with_provenance_and_exported(
    tmp_path: Path, seed_file: Path, require_external: Callable[[str], NoReturn]
) -> None:
    chromium, dist = require_browser(require_external)
    from playwright.sync_api import expect, sync_playwright

    news = tmp_path / "news.json"
    before = _extract(seed_file, news)
    redated = _id_of(before, "decision was finalized Tuesday")
    renamed = _id_of(before, "began on Wednesday withdrawing")
    deleted = _id_of(before, "evacuating all of its personnel")
    kept = _id_of(before, "met with Iranian President")
    folded = _id_of(before, "landed in Tehran")
    approved = _id_of(before, "Recep Tayyip Erdogan on Friday")
    untouched_id = _id_of(before, "McGurk told reporters on December 11")

    failed: list[str] = []
    errors: list[str] = []
    with review_server(news, "--assets", str(dist)) as server, sync_playwright() as playwright:
        origin = server.url.split("/", 3)[:3]
        origin_text = "/".join(origin)
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def only_loopback(route: Any) -> None:
                if route.request.url.startswith(origin_text + "/"):
                    route.continue_()
                else:
                    failed.append(route.request.url)
                    route.abort()

            page.route("**/*", only_loopback)
            page.on("pageerror", lambda error: errors.append(str(error)))
            # The refused impossible date is a 422 the console reports; nothing else may fail.
            page.on(
                "console",
                lambda message: (
                    errors.append(message.text)
                    if message.type == "error" and "422" not in message.text
                    else None
                ),
            )
            page.goto(server.url)

            def card(event_id: str) -> Any:
                return page.locator(f'[data-event-id="{event_id}"]')

            expect(card(redated)).to_be_visible(timeout=WAIT_MS)

            # A phrase, resolved against the publication date, shown before it is applied.
            date = card(redated).locator("input[name=date]")
            date.fill("the next day")
            expect(card(redated).locator(".resolved")).to_contain_text("2018-12-21 · day")
            date.press("Enter")
            expect(card(redated).locator("input[name=date]")).to_have_value("2018-12-21")

            # An impossible date is refused and changes nothing.
            approved_date = card(approved).locator("input[name=date]")
            approved_date.fill("February 30, 2019")
            expect(card(approved).locator(".resolved")).to_contain_text("not a possible date")
            approved_date.press("Enter")
            expect(page.locator("#message")).to_contain_text("not a possible date")
            approved_date.press("Escape")
            expect(approved_date).to_have_value("2018-12-14")

            headline = card(renamed).locator("[name=headline]")
            headline.fill(NEW_HEADLINE)
            headline.press("Enter")
            expect(card(renamed).locator(".badge.edited")).to_be_visible()
            # Undo and redo from the keyboard: the headline goes back, then returns.
            page.keyboard.press("u")
            expect(card(renamed).locator("[name=headline]")).not_to_have_value(NEW_HEADLINE)
            page.keyboard.press("r")
            expect(card(renamed).locator("[name=headline]")).to_have_value(NEW_HEADLINE)

            card(deleted).locator("[data-action=delete]").click()
            expect(card(deleted).locator("[data-action=restore]")).to_be_visible()

            card(folded).locator("[data-action=merge]").click()
            card(kept).locator("[data-action=merge]").click()
            expect(card(folded)).to_have_count(0)
            expect(card(kept).locator(".sources li")).to_have_count(1)

            card(approved).locator("[data-action=approve]").click()
            expect(card(approved).locator(".badge.approved")).to_be_visible()

            # The preview beside the list follows the edits.
            frame = page.frame_locator("#preview")
            expect(frame.locator(".tl-slide .tl-headline", has_text=NEW_HEADLINE)).to_have_count(
                1, timeout=WAIT_MS
            )

            # ... and shows the slide of the event the reviewer is on.
            card(redated).locator(".source").click()
            shown = next(f for f in page.frames if "/preview" in f.url)
            on_slide = """id => window.timeline && window.timeline.current_id === id
              && Math.abs(document.getElementById(id).getBoundingClientRect().left) < 5"""
            shown.wait_for_function(on_slide, arg=redated, timeout=WAIT_MS)
            page.wait_for_timeout(1500)  # still there once TimelineJS's slide animation is over
            assert shown.evaluate(on_slide, redated)

            page.locator("[data-action=save]").click()
            expect(page.locator("#message")).to_contain_text("Saved", timeout=WAIT_MS)
            for name in ("ics", "timelinejs", "csv"):
                page.locator(f"[data-action=export-{name}]").click()
                expect(page.locator("#message")).to_contain_text("Wrote", timeout=WAIT_MS)
                page.locator("#message").evaluate("node => { node.textContent = ''; }")
        finally:
            browser.close()
        code, stderr = server.stop(signal.SIGINT)

    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert failed == [], "the page reached beyond the loopback server"
    assert errors == []

    after = json.loads(news.read_text(encoding="utf-8"))
    assert validate_document(after, "timeline") == []
    events = {event["id"]: event for event in after["events"]}
    originals = {event["id"]: event for event in before["events"]}
    assert set(events) == set(originals) - {deleted, folded}

    date = events[redated]["date"]
    assert (date["value"], date["granularity"], date["start"], date["end"], date["mod"]) == (
        "2018-12-21",
        "day",
        "2018-12-21",
        "2018-12-21",
        None,
    )
    assert events[redated]["review"] == {
        "status": "edited",
        "edited": ["date"],
        "original": {"date": originals[redated]["date"]},
    }
    assert events[renamed]["headline"] == NEW_HEADLINE
    assert events[renamed]["review"] == {
        "status": "edited",
        "edited": ["headline"],
        "original": {"headline": originals[renamed]["headline"]},
    }
    assert events[kept]["review"] == {"status": "edited", "edited": ["sources"], "merged": [folded]}
    assert events[kept]["sources"] == originals[kept]["sources"] + originals[folded]["sources"]
    assert events[approved]["review"] == {"status": "approved"}
    assert events[approved] == {**originals[approved], "review": {"status": "approved"}}
    changed = {redated, renamed, kept, approved}
    for event_id, event in events.items():
        if event_id not in changed:
            assert event == originals[event_id]
    assert "review" not in events[untouched_id]

    # The exports, beside the file, through the CLI's exporters.
    calendar = Calendar.from_ical((tmp_path / "news.ics").read_text(encoding="utf-8"))
    summaries = [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]
    assert len(summaries) == len(events)
    assert NEW_HEADLINE in summaries
    with (tmp_path / "news.csv").open(encoding="utf-8", newline="") as sheet:
        rows = [row for row in csv.DictReader(sheet) if row["Type"] != "title"]
    assert len(rows) == len(events)
    loaded = load_timelinejs(tmp_path / "news.timelinejs.json", dist, chromium=chromium)
    assert loaded.ready, loaded.message
    assert loaded.page_errors == ()
    assert loaded.slide_count == len(events) + 1
    assert NEW_HEADLINE in loaded.headlines


def test_a_review_by_keyboard_alone(
    tmp_path: Path, require_external: Callable[[str], NoReturn]
) -> None:
    """Keys typed without waiting run in order: each acts on the event the last one left."""
    chromium, dist = require_browser(require_external)
    from playwright.sync_api import expect, sync_playwright

    events = (
        make_event(1, "Talks began", "2018-12-11"),
        make_event(2, "Envoy quoted", "2018-12-14"),
        make_event(3, "Decision finalized", "2018-12-17"),
        make_event(4, "Withdrawal began", "2018-12-19"),
    )
    first, _, third, fourth = (event.id for event in events)
    news = tmp_path / "news.json"
    news.write_text(render(TIMELINE.model_copy(update={"events": events})), encoding="utf-8")
    with review_server(news, "--assets", str(dist)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            page = browser.new_page()
            page.goto(server.url)
            expect(page.locator(f'[data-event-id="{first}"].current')).to_be_visible(
                timeout=WAIT_MS
            )
            for key in ("a", "d", "e"):  # approve the first, delete the second, edit the third
                page.keyboard.press(key)
            date = page.locator(f'[data-event-id="{third}"] [name=date]')
            expect(date).to_be_focused()
            page.keyboard.type("yesterday")
            # Make it expected; merge the fourth into it; restore the second, then undo that.
            for key in ("Enter", "x", "j", "m", "k", "m", "k", "d", "u", "Control+s"):
                page.keyboard.press(key)
            expect(page.locator("#message")).to_contain_text("Saved", timeout=WAIT_MS)
            # "Needs attention first": the expected event, not yet approved, moves to the top.
            expect(page.locator(".card").first).to_have_attribute("data-event-id", first)
            page.keyboard.press("f")
            expect(page.locator(".card").first).to_have_attribute("data-event-id", third)
            expect(page.locator(".card").first.locator(".badge.expected")).to_be_visible()
        finally:
            browser.close()
        code, stderr = server.stop()
    assert code == 0, stderr

    saved = Timeline.model_validate_json(news.read_text(encoding="utf-8"))
    by_id = {event.id: event for event in saved.events}
    assert list(by_id) == [first, third]
    assert by_id[first].review == Review(status="approved")
    edited = by_id[third]
    assert (edited.date.value, edited.status) == ("2018-12-19", "expected")
    assert edited.review == Review(
        status="edited",
        edited=("date", "status", "sources"),
        original=ReviewOriginal(date=events[2].date, status="reported"),
        merged=(fourth,),
    )
    assert [source.text for source in edited.sources] == [events[2].text, events[3].text]
