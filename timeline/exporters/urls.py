"""Which addresses from the input may become links in an export: web addresses only.

Every exporter that writes a link asks here, so a ``javascript:`` address or one holding a
line break (which would break a calendar line or smuggle in a header) never becomes one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_WEB_SCHEMES = frozenset({"http", "https"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a link, or ``None`` when it may."""
    if _CONTROL.search(url):
        return "holds a line break or control character"
    parts = urlsplit(url)
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
        return "is not an http(s) address"
    return None


def is_web_url(url: str | None) -> bool:
    return bool(url) and url_problem(url or "") is None
