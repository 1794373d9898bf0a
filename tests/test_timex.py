"""TIMEX3 values: the calendar range each granularity covers."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal.timex import (
    Granularity,
    format_day,
    is_valid_timex_value,
    parse_timex_value,
)


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end"),
    [
        ("2018-12-19", Granularity.DAY, "2018-12-19", "2018-12-19"),
        ("2018-12-20TMO", Granularity.TIME, "2018-12-20", "2018-12-20"),
        ("2018-W50", Granularity.WEEK, "2018-12-10", "2018-12-16"),
        ("2020-W53", Granularity.WEEK, "2020-12-28", "2021-01-03"),
        ("2018-W50-WE", Granularity.DAY, "2018-12-15", "2018-12-16"),
        ("2018-09", Granularity.MONTH, "2018-09-01", "2018-09-30"),
        ("2016-02", Granularity.MONTH, "2016-02-01", "2016-02-29"),
        ("2018-Q3", Granularity.QUARTER, "2018-07-01", "2018-09-30"),
        ("2018-H2", Granularity.HALF, "2018-07-01", "2018-12-31"),
        ("2018-SU", Granularity.SEASON, "2018-06-01", "2018-08-31"),
        ("2018-WI", Granularity.SEASON, "2018-12-01", "2019-02-28"),
        ("2018", Granularity.YEAR, "2018-01-01", "2018-12-31"),
        ("199", Granularity.DECADE, "1990-01-01", "1999-12-31"),
        ("19", Granularity.CENTURY, "1900-01-01", "1999-12-31"),
    ],
)
def test_calendar_range(value: str, granularity: Granularity, start: str, end: str) -> None:
    parsed = parse_timex_value(value)
    assert parsed is not None
    assert parsed.granularity is granularity
    assert (parsed.start, parsed.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize(
    "value", ["P3W", "PT24H", "PRESENT_REF", "XXXX-WXX-1", "2018-02-30", "2018-W60"]
)
def test_non_calendar_values_have_no_range(value: str) -> None:
    assert parse_timex_value(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "2018-12-19",
        "2018-W50",
        "199",
        "P60D",
        "PT1H30M",
        "PAST_REF",
        "XXXX-WXX-1",
        "2018-12-20T14:30",
    ],
)
def test_grammar_accepts_timeml_values(value: str) -> None:
    assert is_valid_timex_value(value)


@pytest.mark.parametrize("value", ["", "2018-13", "yesterday", "P", "2018-W5"])
def test_grammar_rejects_non_values(value: str) -> None:
    assert not is_valid_timex_value(value)


def test_granularities_are_ordered_coarse_to_fine() -> None:
    assert (
        Granularity.YEAR.rank
        < Granularity.MONTH.rank
        < Granularity.WEEK.rank
        < Granularity.DAY.rank
    )


@pytest.mark.parametrize(
    ("day", "value"),
    [
        (dt.date(2018, 3, 4), "2018-03-04"),
        (dt.date(476, 9, 4), "0476-09-04"),  # early years keep four digits
        (dt.date(1, 1, 1), "0001-01-01"),
    ],
)
def test_days_format_as_four_digit_year_month_day(day: dt.date, value: str) -> None:
    assert format_day(day) == value
    assert parse_timex_value(value) is not None
