"""Durations and sets, and the things that look like them but are not time."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag_text
from timeline.temporal.lexicon import Unit
from timeline.temporal.resolve_spans import format_duration

REF = dt.date(2018, 12, 20)


def tags(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(e.text, e.type, e.value, e.mod) for e in tag_text(text, REF)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for three weeks", ("three weeks", "DURATION", "P3W", None)),
        ("within 24 hours", ("24 hours", "DURATION", "PT24H", None)),
        ("60 to 100 days", ("60 to 100 days", "DURATION", "P100D", "EQUAL_OR_LESS")),
        ("half an hour", ("half an hour", "DURATION", "PT30M", None)),
        ("an hour and a half", ("an hour and a half", "DURATION", "PT1H30M", None)),
        ("2 1/2 years", ("2 1/2 years", "DURATION", "P2Y6M", None)),
        ("for 1.5 hours", ("1.5 hours", "DURATION", "PT1H30M", None)),
        ("for 2,000 years", ("2,000 years", "DURATION", "P2000Y", None)),
        ("for twenty-four hours", ("twenty-four hours", "DURATION", "PT24H", None)),
        ("two decades", ("two decades", "DURATION", "P20Y", None)),
        ("a two-year term", ("two-year", "DURATION", "P2Y", None)),
        ("about three years", ("about three years", "DURATION", "P3Y", "APPROX")),
        ("more than a decade", ("more than a decade", "DURATION", "P10Y", "MORE_THAN")),
        ("at least 20 more years", ("at least 20 more years", "DURATION", "P20Y", "EQUAL_OR_MORE")),
        ("the past three months", ("the past three months", "DURATION", "P3M", None)),
        ("the next couple of years", ("the next couple of years", "DURATION", "P2Y", None)),
        ("several years", ("several years", "DURATION", "PXY", None)),
        ("for years", ("years", "DURATION", "PXY", None)),
    ],
)
def test_durations(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert tags(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("published daily", ("daily", "SET", "P1D", None)),
        ("every week", ("every week", "SET", "P1W", None)),
        ("each year", ("each year", "SET", "P1Y", None)),
        ("annually", ("annually", "SET", "P1Y", None)),
        ("on Mondays", ("Mondays", "SET", "XXXX-WXX-1", None)),
        ("each Thursday", ("each Thursday", "SET", "XXXX-WXX-4", None)),
        ("Tuesday nights", ("Tuesday nights", "SET", "XXXX-WXX-2TNI", None)),
    ],
)
def test_sets(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert tags(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "a 6-year-old boy",
        "He is 47 years old.",
        "It costs $5 a year.",
        "A second problem arose.",
        "three-quarters of the vote",
        "a quarter of the shares",
        "The vote was 60 to 40.",
        "Call 555-1234.",
        "She came second.",
        "It displaced 22 million people.",
        "About 2,000 troops.",
        "It cost $2,000.",
    ],
)
def test_not_lengths_of_time(text: str) -> None:
    assert tags(text) == []


def test_fractions_move_down_a_unit() -> None:
    from fractions import Fraction

    assert format_duration(Fraction(1, 2), Unit("D", False)) == "PT12H"
    assert format_duration(Fraction(3, 2), Unit("M", True)) == "PT1M30S"
    assert format_duration(Fraction(5, 2), Unit("Y", False, 10)) == "P25Y"
