"""A small web archive written with warcio: one page of each kind the WARC reader meets."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: The crawl time: never to be taken for a publication date.
WARC_DATE = "2019-03-01T12:00:00Z"
ENGLISH_URL = "https://news.example/2018/12/20/bridge"

_ENGLISH = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bridge vote | News</title>
<meta property="og:title" content="Council approves the river bridge">
<meta property="article:published_time" content="Thu, 20 Dec 2018 10:45:00 +0300">
</head><body><article>
<h1>Council approves the river bridge</h1>
<p>The city council approved the new river bridge on Wednesday after a debate that lasted
more than six hours, the mayor said.</p>
<p>Construction is due to start in March 2019, and the bridge should open to traffic on
1 September 2021, according to the plan the council adopted.</p>
<p>The previous proposal had been rejected on 14 June 2016 because of its cost.</p>
</article></body></html>"""

_UNDECLARED = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour toll</title>
<meta property="article:published_time" content="2018-12-21">
</head><body><article>
<p>The port authority said on Thursday that it would freeze the harbour toll until
February 2020, after fishing boats protested for three days.</p>
<p>The toll last rose on 1 June 2017, when the old quay was closed for repairs.</p>
</article></body></html>"""

_FRENCH = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le pont</title></head><body><article>
<p>Le conseil municipal a approuvé mercredi le nouveau pont sur la rivière, après un débat
de plus de six heures, a indiqué le maire.</p></article></body></html>"""

_GERMAN_UNDECLARED = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Die Brücke</title></head><body><article>
<p>Der Stadtrat hat am Mittwoch nach einer Debatte von mehr als sechs Stunden den Bau der
neuen Brücke über den Fluss gebilligt, teilte der Bürgermeister mit.</p>
<p>Die Bauarbeiten sollen im März beginnen und die Brücke soll im Herbst eröffnet werden.</p>
</article></body></html>"""


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    truncated: bool = False,
) -> None:
    http = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    headers = {"WARC-Date": WARC_DATE}
    if truncated:
        headers["WARC-Truncated"] = "length"
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict=headers,
    )
    writer.write_record(record)


def write_crawl(path: Path) -> Path:
    """English pages (one declared, one detected), a 404, an image, a cut record, two foreign."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        _response(writer, ENGLISH_URL, _ENGLISH.encode())
        _response(writer, "https://news.example/missing", b"<html>gone</html>", "404 Not Found")
        _response(
            writer, "https://news.example/photo.jpg", b"\xff\xd8\xff", content_type="image/jpeg"
        )
        _response(writer, "https://news.example/cut", _ENGLISH.encode()[:300], truncated=True)
        _response(writer, "https://news.example/fr/pont", _FRENCH.encode())
        _response(writer, "https://news.example/de/bruecke", _GERMAN_UNDECLARED.encode())
        _response(writer, "https://news.example/harbour", _UNDECLARED.encode())
    return path
