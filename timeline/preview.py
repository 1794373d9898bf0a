"""A standalone HTML page that shows a timeline in TimelineJS (``timeline preview``).

The page carries the TimelineJS document inline, in a ``<script type="application/json">``
block, so it needs no server. TimelineJS itself comes from Knight Lab's CDN, pinned to the
version the browser test runs (``package.json``), or, given a local ``dist`` folder, is
inlined into the page with its icon font, so one file works offline and makes no request
at all. The embed follows https://timeline.knightlab.com/docs/instantiate-a-timeline.html.
"""

from __future__ import annotations

import base64
import json
import re
import webbrowser
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from timeline.document_kind import looks_like_timelinejs
from timeline.errors import InputError, InvalidDocumentError
from timeline.ingest import read_json
from timeline.ingest.dispatch import STDIN, STDIN_NAME
from timeline.output import output_path, write_atomic

TIMELINEJS_VERSION = "3.9.11"
CDN_BASE = f"https://cdn.knightlab.com/libs/timeline3/{TIMELINEJS_VERSION}/"
CDN_SCRIPT = CDN_BASE + "js/timeline.js"
CDN_STYLESHEET = CDN_BASE + "css/timeline.css"
#: Subresource Integrity (sha384) of the two CDN files: the browser refuses them if the CDN
#: ever serves other bytes. Computed from the npm package @knight-lab/timelinejs@3.9.11
#: (``dist/js/timeline.js``, ``dist/css/timeline.css``), the same files the CDN serves for
#: that version; a test recomputes them from node_modules.
CDN_SCRIPT_INTEGRITY = "sha384-ebXaDxSzM81wf7NgGfgSQEGKiNdtpvKrnRBVNY2x7ezzLKnvkjGI6QHF2VmLwsG3"
CDN_STYLESHEET_INTEGRITY = "sha384-boDF6Nd/No9fGBo1BlF2eLCnex+ILqI/6O7gE0MoOioYo7gWdq9LbFxD94ebGlBB"
DEFAULT_TITLE = "Timeline"

#: Where a ``dist`` folder keeps the script (first found wins) and the stylesheet.
SCRIPT_NAMES = ("js/timeline.js", "js/timeline-min.js", "js/timeline.min.js")
STYLESHEET_NAME = "css/timeline.css"
_ASSETS_HINT = (
    "give the TimelineJS dist folder (js/timeline.js and css/timeline.css), "
    "e.g. node_modules/@knight-lab/timelinejs/dist after `npm ci`"
)

# Options for ``new TL.Timeline``. From the CDN: its fonts and translations come from the
# same pinned version (the built-in default is ``latest``). Inlined: no font CSS (it pulls
# in web fonts from the CDN whatever script_path says) and the built-in English, so
# TimelineJS never needs script_path and requests nothing.
_CDN_OPTIONS: Mapping[str, object] = {"script_path": CDN_BASE + "js/"}
_OFFLINE_OPTIONS: Mapping[str, object] = {"font": None, "language": "en"}

# Icon font formats by preference; the page keeps one, inlined. Chromium picks the first
# format it supports from a src list, so every other entry has to go, not just be added to.
_FONT_TYPES = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
_FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
_SRC_DECLARATION = re.compile(r"\s*\bsrc\s*:[^;]*;?")
_CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<ref>[^'")]+)(?P=quote)\s*\)""")
_ABSOLUTE_REF = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
_IMAGE_TYPES = {".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml"}
# A source map comment would point at a file the page does not have (DevTools fetches it).
_SOURCE_MAP = re.compile(r"^\s*(?://|/\*)# sourceMappingURL=\S+(?:\s*\*/)?\s*$", re.MULTILINE)

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
{timelinejs_css}
<style>html, body {{ height: 100%; margin: 0; }} #timeline-embed {{ height: 100%; }}</style>
{timelinejs_js}
</head>
<body>
<div id="timeline-embed"></div>
<script type="application/json" id="timeline-data">{data}</script>
<script>
(function () {{
  var embed = document.getElementById("timeline-embed");
  if (typeof TL === "undefined") {{
    embed.textContent = "TimelineJS did not load from {cdn}; "
      + "make the page with `timeline preview --assets DIR` to view it offline.";
    return;
  }}
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  window.timeline = new TL.Timeline(embed, data, {options});
}})();
</script>
</body>
</html>
"""


@dataclass(frozen=True)
class Assets:
    """TimelineJS's script and stylesheet, to be inlined into the page."""

    script: str
    stylesheet: str


def preview_html(document: Mapping[str, Any], assets: Assets | None = None) -> str:
    """The page for a TimelineJS document: TimelineJS from the CDN, or ``assets`` inlined.

    Pure: the same document and assets give the same bytes.
    """
    if assets is None:
        # crossorigin: integrity is checked only on a CORS fetch (the CDN allows any origin:
        # TimelineJS itself fetches its translations from it with XHR).
        css = (
            f'<link rel="stylesheet" href="{CDN_STYLESHEET}" '
            f'integrity="{CDN_STYLESHEET_INTEGRITY}" crossorigin="anonymous">'
        )
        js = (
            f'<script src="{CDN_SCRIPT}" integrity="{CDN_SCRIPT_INTEGRITY}" '
            'crossorigin="anonymous"></script>'
        )
        options = _CDN_OPTIONS
    else:
        css = f"<style>\n{_style_text(assets.stylesheet)}\n</style>"
        js = f"<script>\n{_script_text(assets.script)}\n</script>"
        options = _OFFLINE_OPTIONS
    return _PAGE.format(
        title=escape(page_title(document)),
        timelinejs_css=css,
        timelinejs_js=js,
        data=_json_text(document),
        options=_json_text(options),
        cdn=CDN_SCRIPT,
    )


def timelinejs_document(document: object, name: str) -> dict[str, Any]:
    """A parsed input as a valid TimelineJS document: our Timeline JSON converted, or
    TimelineJS JSON (told apart by shape) as it is; :class:`InvalidDocumentError` otherwise.
    """
    from timeline.schemas import validate_document

    if not isinstance(document, dict):
        raise InvalidDocumentError(
            f"{name}: expected a Timeline or TimelineJS JSON object, found {_json_kind(document)}"
        )
    if looks_like_timelinejs(document):
        _check(
            validate_document(document, "timelinejs"), name, "TimelineJS", " --schema timelinejs"
        )
        return document
    _check(validate_document(document, "timeline"), name, "Timeline", "")
    from pydantic import ValidationError

    from timeline.exporters.timelinejs import render
    from timeline.models import Timeline

    try:
        timeline = Timeline.model_validate(document)
    except ValidationError as error:  # the schema is generated from the model: not expected
        raise InvalidDocumentError(f"{name}: not a valid Timeline document: {error}") from None
    converted: dict[str, Any] = json.loads(render(timeline))
    return converted


def page_title(document: Mapping[str, Any]) -> str:
    """The title slide's headline as plain text (TimelineJS reads it as HTML)."""
    title = document.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    headline = text.get("headline") if isinstance(text, dict) else None
    if not isinstance(headline, str):
        return DEFAULT_TITLE
    return _plain_text(headline) or DEFAULT_TITLE


def load_assets(folder: Path) -> Assets:
    """TimelineJS from a ``dist`` folder, its icon font and images made part of the CSS."""
    if not folder.is_dir():
        problem = "not a folder" if folder.exists() else "no such folder"
        raise InputError(f"{folder}: {problem}; {_ASSETS_HINT}")
    script = next((folder / name for name in SCRIPT_NAMES if (folder / name).is_file()), None)
    stylesheet = folder / STYLESHEET_NAME
    if script is None or not stylesheet.is_file():
        missing = SCRIPT_NAMES[0] if script is None else STYLESHEET_NAME
        raise InputError(
            f"{folder}: not a TimelineJS dist folder, no {missing} in it; {_ASSETS_HINT}"
        )
    css = _self_contained_css(_read_text(stylesheet), stylesheet.parent)
    return Assets(
        script=_SOURCE_MAP.sub("", _read_text(script)), stylesheet=_SOURCE_MAP.sub("", css)
    )


def write_preview(source: str, output: str | Path, assets_dir: Path | None = None) -> Path:
    """Read ``source`` (a path or ``-``), write its preview page to ``output`` atomically.

    ``output`` ending in ``/`` is a folder (created if missing) that gets ``<source>.html``.
    Returns the page's path.
    """
    assets = load_assets(assets_dir) if assets_dir is not None else None
    name, parsed = read_json(
        source, "; give a file from `timeline extract` (-f json or -f timelinejs)"
    )
    stem = "timeline" if source == STDIN else Path(source).stem
    page = output_path(str(output), f"{stem}.html") or Path(output)
    write_atomic(page, preview_html(timelinejs_document(parsed, name), assets))
    return page


def open_in_browser(page: Path) -> bool:
    """Open the page in the user's web browser; False when no browser could be started."""
    return webbrowser.open(page.resolve().as_uri())


def _check(issues: list[Any], name: str, kind: str, schema_option: str) -> None:
    if not issues:
        return
    more = ""
    if len(issues) > 1:
        path = STDIN if name == STDIN_NAME else name
        more = (
            f" (and {len(issues) - 1} more; `timeline validate {path}{schema_option}` lists them)"
        )
    raise InvalidDocumentError(f"{name}: not a valid {kind} document: {issues[0]}{more}")


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return "a string" if isinstance(value, str) else "a number or boolean"


def _json_text(value: object) -> str:
    """JSON that cannot end or open a tag inside ``<script>``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script_text(code: str) -> str:
    """JavaScript safe inside ``<script>``: ``</script`` and ``<!--`` cannot occur in it.

    They only occur in string, regex or comment text, where ``\\/`` and ``\\!`` read the same.
    """
    code = re.sub(r"</(?=script)", r"<\\/", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _style_text(css: str) -> str:
    """CSS safe inside ``<style>`` (in CSS, ``\\/`` is ``/``)."""
    return re.sub(r"</(?=style)", r"<\\/", css, flags=re.IGNORECASE)


def _self_contained_css(css: str, folder: Path) -> str:
    """The stylesheet with its icon font and images as ``data:`` URLs, nothing to fetch."""

    def one_font(match: re.Match[str]) -> str:
        body = match["body"]
        refs = [m["ref"] for m in _CSS_URL.finditer(body) if not _ABSOLUTE_REF.match(m["ref"])]
        fonts = [folder / _file_part(ref) for ref in refs]
        found = [font for font in fonts if font.suffix in _FONT_TYPES and font.is_file()]
        if not found:
            return match[0]
        best = min(found, key=lambda font: list(_FONT_TYPES).index(font.suffix))
        kind = _FONT_TYPES[best.suffix]
        src = f'src: url("{_data_url(best, f"font/{kind}")}") format("{kind}");'
        return f"@font-face {{\n  {src}{_SRC_DECLARATION.sub('', body)}}}"

    def one_image(match: re.Match[str]) -> str:
        ref = match["ref"]
        path = folder / _file_part(ref)
        media_type = _IMAGE_TYPES.get(path.suffix)
        if _ABSOLUTE_REF.match(ref) or media_type is None or not path.is_file():
            return match[0]
        return f'url("{_data_url(path, media_type)}")'

    return _CSS_URL.sub(one_image, _FONT_FACE.sub(one_font, css))


def _file_part(ref: str) -> str:
    return ref.split("?", 1)[0].split("#", 1)[0]


def _data_url(path: Path, media_type: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8"
        raise InputError(f"{path}: cannot be read ({reason}); {_ASSETS_HINT}") from None


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())
