"""The review server's API and its front door, through Starlette's TestClient.

Every request needs the Host the server printed and the token; a change also needs the
page's own origin. Files are written only by Save and the exports, beside FILE.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from timeline.cli import app
from timeline.exporters.json_format import render
from timeline.models import ArticleInfo, Event, EventDate, TimeExpression, Timeline
from timeline.review.guard import TOKEN_HEADER
from timeline.review.server import Session, create_app
from timeline.schemas import validate_document

PORT = 43117
TOKEN = "t0ken-for-tests_0123456789abcdef"
ORIGIN = f"http://127.0.0.1:{PORT}"
HOSTILE = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'


def _event(n: int, headline: str, value: str) -> Event:
    day = dt.date.fromisoformat(value)
    return Event(
        id=f"e-{n:012x}",
        headline=headline,
        text=f"{headline} on that day.",
        article_id="a1",
        confidence=0.85,
        date=EventDate(value=value, granularity="day", start=day, end=day),
        expression=TimeExpression(text="that day", start=n, end=n + 8, type="DATE", value=value),
    )


TIMELINE = Timeline(
    title="Hostile " + HOSTILE,
    articles=(
        ArticleInfo(
            id="a1",
            title=HOSTILE,
            published=dt.date(2018, 12, 20),
            source="a1.txt",
            url="javascript:window.__pwned = 3",
        ),
    ),
    events=(
        _event(1, "Troops left " + HOSTILE, "2018-12-19"),
        _event(2, "Talks held", "2018-12-18"),
    ),
)
FIRST, SECOND = (event.id for event in TIMELINE.events)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    path = tmp_path / "news.json"
    path.write_text(render(TIMELINE), encoding="utf-8")
    return path


@pytest.fixture
def client(news: Path) -> TestClient:
    return TestClient(create_app(Session(news, TIMELINE), TOKEN, PORT), base_url=ORIGIN)


def _api(client: TestClient, name: str, body: object, **headers: str) -> tuple[int, Any]:
    sent = {TOKEN_HEADER: TOKEN, "origin": ORIGIN, **headers}
    response = client.post(f"/api/{name}", json=body, headers=sent)
    return response.status_code, response.json() if response.content.startswith(b"{") else {}


def test_the_page_and_its_files_need_the_token(client: TestClient) -> None:
    page = client.get(f"/{TOKEN}/")
    assert page.status_code == 200
    assert 'data-action="save"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert client.get(f"/{TOKEN}/review.js").status_code == 200
    for path in ("/", "/review.js", f"/{TOKEN[:-1]}/", f"/{TOKEN}x/review.js", "/api/state"):
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert "Troops" not in refused.text
    assert client.get("/api/state", headers={TOKEN_HEADER: "wrong"}).status_code == 403
    state = client.get("/api/state", headers={TOKEN_HEADER: TOKEN})
    assert state.status_code == 200
    assert [event["id"] for event in state.json()["events"]] == [FIRST, SECOND]


def test_only_its_own_files_are_served(client: TestClient) -> None:
    for path in ("server.py", "../server.py", "static/review.js", "..%2fserver.py", "news.json"):
        # Not found, or (once the client folds "..") not under the token at all.
        assert client.get(f"/{TOKEN}/{path}").status_code in (403, 404), path


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1:1", "[::1]"])
def test_a_foreign_host_is_refused(client: TestClient, host: str) -> None:
    # A DNS-rebinding page reaches 127.0.0.1 under its own name: the Host header gives it away.
    assert client.get(f"/{TOKEN}/", headers={"host": host}).status_code == 421
    assert client.get("/api/state", headers={"host": host, TOKEN_HEADER: TOKEN}).status_code == 421


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": f"http://127.0.0.1:{PORT + 1}"},
        {"origin": "null"},
        {"origin": "", "sec-fetch-site": "cross-site"},
    ],
)
def test_a_change_from_another_origin_is_refused(
    client: TestClient, news: Path, headers: dict[str, str]
) -> None:
    before = news.read_bytes()
    sent = {TOKEN_HEADER: TOKEN, **headers}
    if not headers["origin"]:
        del sent["origin"]
    for name, body in (("edit", {"op": "delete", "id": FIRST}), ("save", {})):
        assert client.post(f"/api/{name}", json=body, headers=sent).status_code == 403
    assert client.get("/api/state", headers={TOKEN_HEADER: TOKEN}).json()["can_undo"] is False
    assert news.read_bytes() == before


def test_a_change_without_origin_headers_is_refused(client: TestClient) -> None:
    response = client.post("/api/undo", json={}, headers={TOKEN_HEADER: TOKEN})
    assert response.status_code == 403
    same_site = {TOKEN_HEADER: TOKEN, "sec-fetch-site": "same-origin"}
    assert client.post("/api/undo", json={}, headers=same_site).status_code == 422


def test_edit_save_and_export_write_beside_the_file(client: TestClient, news: Path) -> None:
    status, state = _api(client, "edit", {"op": "date", "id": SECOND, "text": "the next day"})
    assert status == 200
    assert state["dirty"] is True
    assert state["events"][1]["date"]["value"] == "2018-12-21"
    status, refused = _api(client, "edit", {"op": "date", "id": FIRST, "text": "2019-02-30"})
    assert (status, "not a possible" in refused["error"]) == (422, True)
    status, saved = _api(client, "save", {})
    assert (status, saved["dirty"]) == (200, False)
    document = json.loads(news.read_text(encoding="utf-8"))
    assert validate_document(document, "timeline") == []
    assert document["events"][1]["review"]["original"]["date"]["value"] == "2018-12-18"
    for name, file_name in (("ics", "news.ics"), ("csv", "news.csv")):
        status, written = _api(client, "export", {"format": name})
        assert (status, Path(written["written"]).name) == (200, file_name)
        assert (news.parent / file_name).is_file()
    assert _api(client, "export", {"format": "../../etc/passwd"})[0] == 422


def test_the_preview_runs_only_its_own_scripts(client: TestClient) -> None:
    frame = client.get(f"/{TOKEN}/preview")
    assert frame.status_code == 200
    policy = frame.headers["content-security-policy"]
    assert "'sha256-" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    assert "frame-ancestors 'self'" in policy
    # Article text reaches TimelineJS escaped: no tag of it is left in the page.
    assert "<img src=x" not in frame.text and "<script>window.__pwned" not in frame.text


def test_review_reports_bad_files_in_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["review", str(tmp_path / "missing.json"), "--no-open"])
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1 and "missing.json" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": "1", "events": [{"id": 3}]}', encoding="utf-8")
    invalid = runner.invoke(app, ["review", str(broken), "--no-open"])
    assert invalid.exit_code == 1
    assert "not a valid Timeline document" in invalid.stderr
    assert "Traceback" not in invalid.stderr


def test_review_without_the_extra_says_what_to_install(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    monkeypatch.delitem(sys.modules, "timeline.review.server", raising=False)
    result = CliRunner().invoke(app, ["review", str(news), "--no-open"])
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: review needs uvicorn: pip install 'news-timeline[review]'\n"
    )
