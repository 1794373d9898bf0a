"""The review server's front door: every request is checked before any route sees it.

The server runs on the user's machine and shows text scraped from the web, so it trusts
nothing: the Host header must name the loopback address and port (a DNS-rebinding page
sends its own name), the secret token must come with every request (in the path for the
page and its files, in a header for the API), and a request that changes anything must
also come from the page's own origin. Every response carries a Content-Security-Policy
and is never cached or sent as a referrer.
"""

from __future__ import annotations

import secrets

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_HEADER = "x-review-token"
API_PREFIX = "/api/"
#: The page itself: its own script and stylesheet, its own API, the preview frame.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
_SAFE_METHODS = frozenset({"GET", "HEAD"})
_ALWAYS = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)


class Guard:
    """ASGI middleware: Host, token and origin checks, then security headers on the answer."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
        self.origins = frozenset(f"http://{host}" for host in self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            status, reason = refusal
            await _secured(
                PlainTextResponse(reason + "\n", status_code=status), scope, receive, send
            )
            return
        await self.app(scope, receive, _with_headers(send))

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """Why a request is refused (status, reason), or None when it may go through."""
        headers = Headers(scope=scope)
        if headers.get("host", "") not in self.hosts:
            return 421, "unknown host: open the address `timeline review` printed"
        path: str = scope["path"]
        if path.startswith(API_PREFIX):
            given = headers.get(TOKEN_HEADER, "")
        else:
            given = path.split("/", 2)[1] if path.count("/") >= 2 else ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return 403, "forbidden: the token is missing or wrong"
        if scope["method"] not in _SAFE_METHODS and not self.same_origin(headers):
            return 403, "forbidden: changes are accepted from the review page only"
        return None

    def same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in self.origins
        return headers.get("sec-fetch-site") == "same-origin"


def _with_headers(send: Send) -> Send:
    async def send_secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            if "content-security-policy" not in headers:
                headers["content-security-policy"] = PAGE_POLICY
            for name, value in _ALWAYS:
                headers[name] = value
        await send(message)

    return send_secured


async def _secured(response: PlainTextResponse, scope: Scope, receive: Receive, send: Send) -> None:
    await response(scope, receive, _with_headers(send))
