"""CSV in the TimelineJS Google-sheet layout: import into a sheet, publish, load in TimelineJS.

Dates use only the columns the precision allows (a month fills Year and Month), so
TimelineJS neither invents a day nor shows "September 1"; ranges (a week, a quarter)
fill the start and end columns, and Display Date gives the words for them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from html import escape

from timeline.exporters.display import display_date
from timeline.exporters.event_html import event_html
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


def render(timeline: Timeline) -> str:
    buffer = io.StringIO()
    # "\n", not the csv default "\r\n": the text goes to a text stream, where "\r\n" could
    # become "\r\r\n", and it matches the other exporters. Sheets read either.
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerow({"Headline": escape(timeline.title or DEFAULT_TITLE), "Type": "title"})
    articles = {article.id: article for article in timeline.articles}
    for event in timeline.events:
        writer.writerow(_row(event, articles))
    return buffer.getvalue()


def _row(event: Event, articles: Mapping[str, ArticleInfo]) -> dict[str, str]:
    # TimelineJS renders Headline and Text as HTML, so the article's words are escaped.
    row = _date_columns(event.date)
    row["Display Date"] = display_date(event.date) or ""
    row["Headline"] = escape(event.headline)
    row["Text"] = event_html(event, articles)
    if event.media is not None:
        row["Media"] = event.media.url or ""
        row["Media Caption"] = escape(event.media.caption)
        row["Media Credit"] = escape(event.media.credit or "")
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
