"""The TimelineJS preview beside the review list: the ``preview`` page of the current draft.

It is the page ``timeline preview`` writes (same exporter, same embed), served into a
sandboxed frame with a policy that runs only its own inline scripts (by hash) and, without
``--assets``, TimelineJS from Knight Lab's CDN.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape

from timeline.exporters.timelinejs import render
from timeline.models import Timeline
from timeline.preview import CDN_BASE, Assets, preview_html

_INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.DOTALL)
_CDN_ORIGIN = CDN_BASE.split("/libs/", 1)[0]
# TimelineJS from the CDN loads its font CSS, which pulls in Google's web fonts.
_FONT_CSS = "https://fonts.googleapis.com"
_FONT_FILES = "https://fonts.gstatic.com"
# Shows the slide of the event the reviewer is on: the frame address's fragment is
# ``#at=<id>``, which the page changes (no reload) as the reviewer moves. Not ``#<id>``: the
# browser would scroll the slide with that element id into view itself, and TimelineJS's
# slider would end up one slide off. Ids not in the data are ignored.
_FOLLOW = """<script>
(function () {
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var ids = (data.events || []).map(function (slide) { return slide.unique_id; });
  function follow() {
    var id = decodeURIComponent(window.location.hash.replace(/^#at=/, ""));
    if (window.timeline && window.timeline.ready && ids.indexOf(id) >= 0) {
      window.timeline.goToId(id);
    }
  }
  window.addEventListener("hashchange", follow);
  if (window.timeline) {
    if (window.timeline.ready) { follow(); } else { window.timeline.on("ready", follow); }
  }
})();
</script>
"""
_EMPTY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif; color: #555; padding: 1em">{message}</body></html>
"""


def preview_frame(timeline: Timeline, assets: Assets | None) -> tuple[str, str]:
    """The preview page and the Content-Security-Policy it needs."""
    if not timeline.events:
        page = _EMPTY.format(
            title=escape(timeline.title or "Timeline"),
            message="No events left to show: TimelineJS needs at least one.",
        )
        return page, "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    head, body_end, tail = preview_html(json.loads(render(timeline)), assets).rpartition("</body>")
    page = head + _FOLLOW + body_end + tail
    return page, _policy(page, offline=assets is not None)


def _policy(page: str, *, offline: bool) -> str:
    hashes = " ".join(f"'sha256-{_digest(m['code'])}'" for m in _INLINE_SCRIPT.finditer(page))
    if offline:
        return (
            f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "font-src data:; img-src data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'self'"
        )
    return (
        f"default-src 'none'; script-src {hashes} {_CDN_ORIGIN}; "
        f"style-src 'unsafe-inline' {_CDN_ORIGIN} {_FONT_CSS}; "
        f"font-src data: {_CDN_ORIGIN} {_FONT_FILES}; img-src data: https:; "
        f"connect-src {_CDN_ORIGIN}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )


def _digest(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
