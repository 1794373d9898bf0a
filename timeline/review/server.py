"""The review server: one timeline file, one editing session, on 127.0.0.1 only.

A thin edge over the pure modules: requests become edits (``protocol``), edits change the
history (``edits``), and only Save and the export buttons write files, each atomically
through the same writer and exporters as the CLI. Serves its own page, script and
stylesheet, the preview frame and the JSON API; no path ever comes from the client.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import signal
import socket
import sys
import webbrowser
from collections.abc import Awaitable, Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from timeline.errors import InputError, InvalidDocumentError, TimelineError
from timeline.exporters import get_renderer
from timeline.ingest import read_json
from timeline.models import Timeline
from timeline.output import write_atomic
from timeline.preview import Assets, load_assets
from timeline.review import protocol
from timeline.review.dates import EditError
from timeline.review.edits import Draft, History
from timeline.review.frame import preview_frame
from timeline.review.guard import Guard
from timeline.schemas import validate_document

_STATIC = ("index.html", "cards.js", "review.js", "review.css")
_MEDIA_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}


class Session:
    """The one file under review: its path, the edit history, and what was last saved."""

    def __init__(self, path: Path, timeline: Timeline, assets: Assets | None = None) -> None:
        self.path = path
        self.assets = assets
        self.history = History(Draft(timeline))
        self.saved = self.history.present

    @property
    def dirty(self) -> bool:
        return self.history.present != self.saved

    def state(self) -> dict[str, Any]:
        return protocol.state_json(self.history, self.path, self.dirty)

    def save(self) -> Path:
        """Write the draft to FILE, whole or not at all, only if it is schema-valid."""
        write_atomic(self.path, self._rendered("json"))
        self.saved = self.history.present
        return self.path

    def export(self, name: str) -> Path:
        target = protocol.export_path(self.path, name)
        write_atomic(target, self._rendered(name))
        return target

    def _rendered(self, name: str) -> str:
        timeline = self.history.present.result()
        if name in ("timelinejs", "csv") and not timeline.events:
            raise EditError("no events left: TimelineJS and the sheet need at least one")
        text = get_renderer("json")(timeline)
        issues = validate_document(json.loads(text), "timeline")
        if issues:  # the models match the schema; this guards the file all the same
            raise EditError(f"not saved, the result breaks the schema: {issues[0]}")
        return text if name == "json" else get_renderer(name)(timeline)


def load_timeline(path: Path) -> Timeline:
    """FILE as a Timeline; a missing, unreadable or invalid file is a one-line error."""
    if str(path) == "-":
        raise InputError("review needs a file to save back to, not standard input")
    name, document = read_json(str(path), "; give a file from `timeline extract` (-f json)")
    issues = validate_document(document, "timeline")
    if issues:
        raise InvalidDocumentError(
            f"{name}: not a valid Timeline document: {issues[0]} "
            f"(`timeline validate {path}` lists every problem)"
        )
    return Timeline.model_validate(document)


Handler = Callable[[Request], Awaitable[Response]]


def create_app(session: Session, token: str, port: int) -> Guard:
    """The ASGI app: the page under ``/<token>/``, the API under ``/api/`` (token header)."""
    files = {name: resources.files("timeline.review").joinpath("static", name) for name in _STATIC}
    static = {name: file.read_text(encoding="utf-8") for name, file in files.items()}

    def page(name: str) -> Handler:
        media_type = _MEDIA_TYPES[Path(name).suffix]

        async def serve(request: Request) -> Response:
            return Response(static[name], media_type=media_type)

        return serve

    async def preview(request: Request) -> Response:
        html, policy = preview_frame(session.history.present.result(), session.assets)
        return HTMLResponse(html, headers={"content-security-policy": policy})

    def api(action: Callable[[object], dict[str, Any]]) -> Handler:
        async def handle(request: Request) -> Response:
            body: object = {}
            if request.method == "POST":
                try:
                    body = json.loads(await request.body() or b"{}")
                except ValueError:
                    return JSONResponse({"error": "the request is not JSON"}, status_code=400)
            try:
                return JSONResponse(action(body))
            except TimelineError as error:
                return JSONResponse({"error": str(error)}, status_code=422)

        return handle

    def edit(body: object) -> dict[str, Any]:
        session.history = session.history.apply(
            protocol.edit_from_request(body, session.history.present)
        )
        return session.state()

    def undo(body: object) -> dict[str, Any]:
        session.history = session.history.undo()
        return session.state()

    def redo(body: object) -> dict[str, Any]:
        session.history = session.history.redo()
        return session.state()

    def resolve(body: object) -> dict[str, Any]:
        return protocol.resolved_json(protocol.resolve_request(body, session.history.present))

    def save(body: object) -> dict[str, Any]:
        written = session.save()
        return {**session.state(), "written": str(written)}

    def export(body: object) -> dict[str, Any]:
        return {"written": str(session.export(protocol.export_format(body)))}

    base = f"/{token}/"
    routes = [
        Route(base, page("index.html")),
        *(Route(base + name, page(name)) for name in _STATIC[1:]),
        Route(base + "preview", preview),
        Route("/api/state", api(lambda body: session.state())),
    ]
    posts = {"edit": edit, "undo": undo, "redo": redo, "resolve": resolve}
    posts |= {"save": save, "export": export}
    routes += [
        Route(f"/api/{name}", api(action), methods=["POST"]) for name, action in posts.items()
    ]
    return Guard(Starlette(routes=routes), token, port)


class _Server(uvicorn.Server):
    """Stops on Ctrl-C or SIGTERM and returns, instead of re-raising the signal afterwards."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        handled = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def run_review(path: Path, assets_dir: Path | None, *, open_browser: bool) -> None:
    """Serve the review page for FILE until Ctrl-C; the first stdout line is its address."""
    session = Session(path, load_timeline(path), load_assets(assets_dir) if assets_dir else None)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    token = secrets.token_urlsafe(32)
    url = f"http://127.0.0.1:{port}/{token}/"
    print(url, flush=True)
    print(f"timeline: reviewing {path}; press Ctrl-C to stop", file=sys.stderr, flush=True)
    if open_browser and not webbrowser.open(url):
        print("timeline: no web browser found; open the address above", file=sys.stderr)
    config = uvicorn.Config(
        create_app(session, token, port), log_level="warning", access_log=False, lifespan="off"
    )
    try:
        _Server(config).run(sockets=[listener])
    finally:
        listener.close()
    note = "; unsaved edits were discarded" if session.dirty else ""
    print(f"timeline: review stopped{note}", file=sys.stderr, flush=True)
