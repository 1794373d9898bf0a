"""CSV in the TimelineJS Google-sheet layout: import into a sheet, publish, load in TimelineJS.

Dates use only the columns the precision allows (a month fills Year and Month), so
TimelineJS neither invents a day nor shows "September 1"; ranges (a week, a quarter)
fill the start and end columns, and Display Date gives the words for them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping

from timeline.exporters.display import display_date, without_controls
from timeline.exporters.event_html import event_html, html_text
from timeline.exporters.urls import is_web_url
from timeline.models import ArticleInfo, Event, EventDate, Timeline

HEADER = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
DEFAULT_TITLE = "Timeline"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_INTEGER = re.compile(r"-?\d+")


def render(timeline: Timeline) -> str:
    buffer = io.StringIO()
    # "\n", not the csv default "\r\n": the text goes to a text stream, where "\r\n" could
    # become "\r\r\n", and it matches the other exporters. Sheets read either.
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    title = {"Headline": html_text(timeline.title or DEFAULT_TITLE), "Type": "title"}
    writer.writerow(_inert(title))
    articles = {article.id: article for article in timeline.articles}
    for event in timeline.events:
        writer.writerow(_inert(_row(event, articles)))
    return buffer.getvalue()


def inert_cell(value: str) -> str:
    """A cell a spreadsheet cannot run: OWASP's defence against CSV formula injection.

    A cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR is a formula (or becomes one)
    in Excel, LibreOffice and Google Sheets; a leading ``'`` makes it text. A plain integer
    ("-44" for a year BC) is left alone: it cannot be a formula, and TimelineJS needs it
    as a number.
    """
    if value.startswith(_FORMULA_STARTS) and not _INTEGER.fullmatch(value):
        return "'" + value
    return value


def _inert(row: Mapping[str, str]) -> dict[str, str]:
    return {
        column: inert_cell(without_controls(value, keep="\t\n\r")) for column, value in row.items()
    }


def _row(event: Event, articles: Mapping[str, ArticleInfo]) -> dict[str, str]:
    # TimelineJS renders Headline and Text as HTML, so the article's words are escaped.
    row = _date_columns(event.date)
    row["Display Date"] = display_date(event.date) or ""
    row["Headline"] = html_text(event.headline)
    row["Text"] = event_html(event, articles)
    if event.media is not None:
        media_url = event.media.url or ""
        row["Media"] = media_url if is_web_url(media_url) else ""
        row["Media Caption"] = html_text(event.media.caption)
        row["Media Credit"] = html_text(event.media.credit or "")
    return row


def _date_columns(date: EventDate) -> dict[str, str]:
    """Only the columns the range needs: a single day, month or year, else start and end."""
    start, end = date.start, date.end
    if start == end:
        return {"Year": str(start.year), "Month": str(start.month), "Day": str(start.day)}
    if start.day == 1 and end == _last_day_of_month(start):
        return {"Year": str(start.year), "Month": str(start.month)}
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return {"Year": str(start.year)}
    return {
        "Year": str(start.year),
        "Month": str(start.month),
        "Day": str(start.day),
        "End Year": str(end.year),
        "End Month": str(end.month),
        "End Day": str(end.day),
    }


def _last_day_of_month(day: dt.date) -> dt.date:
    if day.month == 12:
        return day.replace(day=31)
    return day.replace(month=day.month + 1, day=1) - dt.timedelta(days=1)
