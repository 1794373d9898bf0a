"""What every family resolver shares: the context, the result type and calendar steps.

The resolvers themselves live by family: ``resolve_dates`` (calendar dates), ``resolve_relative``
(deictic and anaphoric), ``resolve_spans`` (durations and sets), ``resolve_times`` (clock
times and parts of the day). Every function is pure. The reference date (publication date)
and what the text mentioned before arrive in :class:`Context`; when the one a family needs is
missing, the value is ``None`` with a reason, never a guess from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Literal, NamedTuple

from timeline.temporal.lexicon import Lexicon
from timeline.temporal.openings import ascii_lower
from timeline.temporal.tense import Tense
from timeline.temporal.timex import (
    DAY_PRECISE,
    Granularity,
    TimexValue,
    add_months,
    format_day,
    format_month,
    format_week,
)

Parts = Mapping[str, str | None]
AnchorKind = Literal["publication", "previous"]
#: How the reference time is chosen: from the publication date, from the text, or per passage.
Mode = Literal["auto", "news", "narrative"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
NO_REFERENCE = "needs a publication date (give -p YYYY-MM-DD)"

#: How many units a relation word moves from the reference ("last" week = -1).
RELATION_STEP = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this past": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "this coming": 1,
}


class Mention(NamedTuple):
    """A date the text mentioned, and where: what a later expression may lean on."""

    value: TimexValue
    start: int


class EraMention(NamedTuple):
    """A year before the common era that the text mentioned: 480 BC is ``bc_year`` 480."""

    bc_year: int
    start: int


class Context(NamedTuple):
    """What a resolver may use besides the matched parts.

    ``anchor`` is the last day-precise date mentioned, ``last`` the last calendar value of
    any precision and ``last_quarter`` the last quarter ("the quarter", "a year earlier" in
    quarterly results). ``discourse`` is the reference time the text has set ("On 1
    September 1939 ...") when the passage has moved away from the publication date: a
    year-less "June 10" then takes its year from it. ``tense`` is read lazily from the
    clause (see ``tense.py``).
    """

    reference: dt.date | None
    anchor: dt.date | None
    tense_of: Callable[[], Tense]
    lexicon: Lexicon
    last: TimexValue | None = None
    last_quarter: str | None = None
    discourse: Mention | None = None
    anchor_start: int | None = None
    era: EraMention | None = None  # the passage's time when it is set before year 1

    @property
    def tense(self) -> Tense:
        return self.tense_of()


class Resolution(NamedTuple):
    value: str | None
    anchor: AnchorKind | None = None
    mod: str | None = None
    reason: str | None = None
    type: TimexType | None = None  # overrides the rule's type ("the year ended ..." is a length)
    anchor_start: int | None = None  # offset of the mention leaned on, when anchor is "previous"


Resolver = Callable[[Parts, Context], Resolution]


def unresolved(reason: str = NO_REFERENCE) -> Resolution:
    return Resolution(None, reason=reason)


def safe(make: Callable[[], Resolution]) -> Resolution:
    """Arithmetic beyond year 1..9999 yields an unresolved value instead of an error."""
    try:
        return make()
    except (ValueError, OverflowError, KeyError):
        return unresolved("date out of the supported range (years 1-9999)")


def lower(parts: Parts, key: str) -> str:
    """A matched group, lower-cased (see ``ascii_lower``) and with single spaces; "" when it
    did not take part."""
    raw = parts.get(key)
    return " ".join(ascii_lower(raw).split()) if raw else ""


def parse_year(raw: str | None) -> int | None:
    """1998 for "1998"; two-digit years ("'98") fall in 1930-2029."""
    if raw is None:
        return None
    digits = raw.lstrip("'’")
    if not digits.isdigit():
        return None
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 30 else 2000
    return year


def month_number(parts: Parts, ctx: Context, key: str = "month") -> int:
    if parts.get("month_num"):
        return int(parts["month_num"] or 0)
    word = (parts.get(key) or "").rstrip(".")
    return ctx.lexicon.months.get(word) or ctx.lexicon.months[word.capitalize()]


def format_year(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year:04d}"


def format_quarter(year: int, quarter: int) -> str:
    return f"{format_year(year)}-Q{quarter}"


def shift(day: dt.date, unit: str, step: int) -> str:
    """The value of the ``unit`` that lies ``step`` units from ``day``, at that granularity."""
    unit = unit.lower().rstrip("s") if unit.lower() != "centuries" else "century"
    if unit in ("day", "night"):
        return format_day(day + dt.timedelta(days=step))
    if unit == "week":
        return format_week(day + dt.timedelta(weeks=step))
    if unit == "weekend":
        return format_week(day + dt.timedelta(weeks=step)) + "-WE"
    if unit == "fortnight":
        return format_week(day + dt.timedelta(weeks=2 * step))
    if unit == "month":
        return format_month(*add_months(day.year, day.month, step))
    if unit == "quarter":
        year, month = add_months(day.year, day.month, 3 * step)
        return format_quarter(year, (month - 1) // 3 + 1)
    if unit == "year":
        return format_year(day.year + step)
    if unit == "decade":
        return format_year(10 * (day.year // 10 + step))[:3]
    if unit == "century":
        return format_year(100 * (day.year // 100 + step) or 1)[:2]
    return format_day(day)


def shift_value(value: TimexValue, unit: str, step: int) -> str:
    """``value`` moved by ``step`` units, keeping its own precision when it is coarser.

    "a year earlier" than the third quarter of 1989 is the third quarter of 1988; than
    1989-11-02 it is 1988-11-02 when counting in years.
    """
    start = value.start
    unit = unit.lower().rstrip("s")
    if value.granularity is Granularity.QUARTER and unit in ("year", "quarter"):
        year, quarter = int(value.value[:4]), int(value.value[-1])
        index = year * 4 + quarter - 1 + (4 * step if unit == "year" else step)
        return format_quarter(index // 4, index % 4 + 1)
    if value.granularity is Granularity.MONTH and unit in ("year", "month"):
        year, month = add_months(start.year, start.month, 12 * step if unit == "year" else step)
        return format_month(year, month)
    if value.granularity in DAY_PRECISE and unit == "year":
        year = start.year + step
        return format_day(
            dt.date(year, start.month, min(start.day, 28 if start.month == 2 else 31))
        )
    return shift(start, unit, step)


def nearest_year(month: int, day: int, reference: dt.date, tense: Tense) -> int:
    """Year of a day-and-month without year, from the reference date and the clause's tense.

    A past clause takes the latest occurrence not after the reference, a future clause the
    first not before it, each if it lies within about eight months; otherwise, and in
    clauses without tense, the occurrence nearest the reference wins (news reports the
    recent past and announces the near future: "payable Jan. 2" in November is next year's).
    When the tense is that of the dated event's own verb ("bought RJR in February", "will
    visit in March"), its direction holds however far back or ahead the day lies.
    """
    window = 240
    dated = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if 1 <= year <= 9999:
            dated.append((dt.date(year, month, min(day, 28) if month == 2 else day), year))
    if tense.is_past:
        past = [(d, y) for d, y in dated if d <= reference]
        if past and (tense is Tense.PAST_EVENT or (reference - past[-1][0]).days <= window):
            return past[-1][1]
    if tense.is_future:
        future = [(d, y) for d, y in dated if d >= reference]
        if future and (tense is Tense.FUTURE_EVENT or (future[0][0] - reference).days <= window):
            return future[0][1]
    return min(dated, key=lambda pair: abs((pair[0] - reference).days))[1]


class YearBase(NamedTuple):
    """Where a year-less date takes its year from: the publication date or the text."""

    day: dt.date
    anchor: AnchorKind
    start: int | None = None
    value: TimexValue | None = None

    @property
    def from_text(self) -> bool:
        return self.value is not None

    @property
    def coarse(self) -> bool:
        """A base of a whole year or more: "In 1941 ..." gives its year, no nearer one."""
        return self.value is not None and self.value.granularity.rank <= Granularity.YEAR.rank


def year_base(ctx: Context) -> YearBase | None:
    """The text's own reference time when the passage set one, else the publication date."""
    if ctx.discourse is not None:
        mention = ctx.discourse
        return YearBase(mention.value.start, "previous", mention.start, mention.value)
    if ctx.reference is not None:
        return YearBase(ctx.reference, "publication")
    return None


#: Narratives move forward: a year-less date reaches this many days ahead of the reference
#: time before one as far behind it wins ("In December 1941 ... in January" is 1942's).
_FORWARD_WEIGHT = 0.75


def discourse_year(month: int, day: int, base: YearBase) -> int:
    """Year of a day-and-month without year in a passage set in ``base``'s time.

    A base of a whole year (or coarser) gives its year. Otherwise the occurrence nearest the
    base wins, looking forward more readily than back, as a story is told in order.
    """
    value = base.value
    assert value is not None
    if base.coarse:
        return value.start.year
    reference = value.start

    def cost(year: int) -> float:
        days = (dt.date(year, month, min(day, 28) if month == 2 else day) - reference).days
        return days * _FORWARD_WEIGHT if days >= 0 else -days

    years = [y for y in (reference.year - 1, reference.year, reference.year + 1) if 1 <= y <= 9999]
    return min(years, key=cost)


def year_of(month: int, day: int, base: YearBase, tense: Tense) -> int:
    """The year of a year-less day-and-month from its base, text or publication date."""
    if base.from_text:
        return discourse_year(month, day, base)
    return nearest_year(month, day, base.day, tense)


def based(value: str, base: YearBase, mod: str | None = None) -> Resolution:
    """A resolution that records what it was counted from."""
    return Resolution(value, base.anchor, mod, anchor_start=base.start)
