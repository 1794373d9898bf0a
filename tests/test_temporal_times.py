"""Clock times and parts of the day."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag_text

FRIDAY = dt.date(1998, 2, 13)


def tags(text: str, reference: dt.date = FRIDAY) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.type, e.value) for e in tag_text(text, reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 8 p.m.", ("8 p.m.", "TIME", "1998-02-13T20:00")),
        ("at 10:35 a.m.", ("10:35 a.m.", "TIME", "1998-02-13T10:35")),
        ("10 p.m. Wednesday", ("10 p.m. Wednesday", "TIME", "1998-02-11T22:00")),
        ("8 p.m. EST", ("8 p.m. EST", "TIME", "1998-02-13T20:00")),
        ("5 p.m. EST Nov. 9", ("5 p.m. EST Nov. 9", "TIME", "1997-11-09T17:00")),
        ("15:00 GMT Saturday", ("15:00 GMT Saturday", "TIME", "1998-02-07T15:00")),
        ("noon Thursday", ("noon Thursday", "TIME", "1998-02-12T12:00")),
        ("at 4 in the morning", ("4 in the morning", "TIME", "1998-02-13T04:00")),
        ("12 a.m.", ("12 a.m.", "TIME", "1998-02-13T00:00")),
    ],
)
def test_clock_times(text: str, expected: tuple[str, str, str]) -> None:
    assert tags(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this morning", ("this morning", "TIME", "1998-02-13TMO")),
        ("yesterday afternoon", ("yesterday afternoon", "TIME", "1998-02-12TAF")),
        ("last night", ("last night", "TIME", "1998-02-12TNI")),
        ("tonight", ("tonight", "TIME", "1998-02-13TNI")),
        ("Saturday night", ("Saturday night", "TIME", "1998-02-07TNI")),
        ("mid-afternoon yesterday", ("mid-afternoon yesterday", "TIME", "1998-02-12TAF")),
    ],
)
def test_parts_of_day(text: str, expected: tuple[str, str, str]) -> None:
    assert tags(text) == [expected]


def test_a_time_without_a_day_takes_the_last_day_named() -> None:
    found = tags("On Feb. 2, 1998, the fire started at 10 p.m.")
    assert found[-1] == ("10 p.m.", "TIME", "1998-02-02T22:00")


def test_numbers_that_are_no_time() -> None:
    assert tags("13 p.m.") == []
    assert tags("the score was 3:2") == []
