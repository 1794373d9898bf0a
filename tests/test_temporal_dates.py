"""Calendar dates: every format news writes, with the reference date and the value spelled out."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag_text


def tags(text: str, reference: str | None = "2018-12-20") -> list[tuple[str, str | None]]:
    day = dt.date.fromisoformat(reference) if reference else None
    return [(e.text, e.value) for e in tag_text(text, day)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("It opened on Dec. 3.", "2018-12-20", [("Dec. 3", "2018-12-03")]),
        ("on 3 November 2016", "2018-12-20", [("3 November 2016", "2016-11-03")]),
        ("Monday, Dec. 31, the end", "2018-12-20", [("Monday, Dec. 31", "2018-12-31")]),
        ("filed 12/03/2018", "2018-12-20", [("12/03/2018", "2018-12-03")]),
        ("filed 2018-11-30", "2018-12-20", [("2018-11-30", "2018-11-30")]),
        ("the 4th of July", "2018-12-20", [("the 4th of July", "2018-07-04")]),
        ("April 28, 2017", None, [("April 28, 2017", "2017-04-28")]),
        ("on March eighth", "1998-03-05", [("March eighth", "1998-03-08")]),
    ],
)
def test_full_dates(text: str, reference: str, expected: list[tuple[str, str]]) -> None:
    assert tags(text, reference) == expected


class TestYearOfADayWithoutYear:
    def test_nearest_occurrence_without_tense(self) -> None:
        # "payable Jan. 2" in November is the coming January
        assert tags("The dividend is payable Jan. 2", "1989-11-02") == [("Jan. 2", "1990-01-02")]

    def test_past_clause_takes_the_past_one_within_eight_months(self) -> None:
        assert tags("Sales fell on March 31, it said", "1989-11-02")[0][1] == "1989-03-31"
        assert tags("He said on December 28", "2019-01-05") == [("December 28", "2018-12-28")]

    def test_the_event_verb_next_to_the_date_holds_however_far_back(self) -> None:
        # "bought" dates the event itself: February 1989, nine months before, not 1990
        assert tags("KKR bought RJR in February for $25 billion.", "1989-10-30") == [
            ("February", "1989-02")
        ]
        text = "In the fiscal year ended Jan. 31, the company reported sales"
        assert tags(text, "1989-10-31") == [("Jan. 31", "1989-01-31")]
        text = "In January, American Medical brought in a new chief"
        assert tags(text, "1989-10-27") == [("January", "1989-01")]
        # the same verb four days before the reference: the past occurrence, a year back
        assert tags("the period ended Oct. 31", "1989-10-27") == [("Oct. 31", "1988-10-31")]

    def test_a_limit_or_a_reported_clause_keeps_the_nearest(self) -> None:
        # "extended to": the date is a deadline, not when the extending happened
        assert tags("It extended to Nov. 20 its offer", "1989-11-01") == [("Nov. 20", "1989-11-20")]
        text = "The dividend will be paid Dec. 14 to holders of record Nov. 16, the company said."
        assert tags(text, "1989-11-02") == [("Dec. 14", "1989-12-14"), ("Nov. 16", "1989-11-16")]
        assert tags("The reduced dividend is payable Jan. 2", "1989-11-02") == [
            ("Jan. 2", "1990-01-02")
        ]

    def test_last_and_next_with_a_day(self) -> None:
        # "last Oct. 23" in April is the October before, not the month "last Oct."
        assert tags("He was shot last Oct. 23 at home", "1999-04-19") == [
            ("last Oct. 23", "1998-10-23")
        ]
        assert tags("next Jan. 5", "2018-12-20") == [("next Jan. 5", "2019-01-05")]

    def test_a_named_weekday_picks_the_year_it_falls_in(self) -> None:
        # Oct. 26 is nearer in 1997, but fell on a Monday in 1998
        assert tags("The hearing: Oct. 26", "1998-04-20") == [("Oct. 26", "1997-10-26")]
        assert tags("The hearing: Monday, Oct. 26", "1998-04-20") == [
            ("Monday, Oct. 26", "1998-10-26")
        ]

    def test_future_clause_takes_the_coming_one(self) -> None:
        assert tags("They will meet on January 3", "2018-12-20") == [("January 3", "2019-01-03")]

    def test_impossible_day_keeps_its_span(self) -> None:
        found = tag_text("on February 30, 2018", dt.date(2018, 12, 20))
        assert [(e.text, e.value) for e in found] == [("February 30, 2018", None)]
        assert found[0].reason


class TestMonthsYearsDecades:
    def test_month_and_year(self) -> None:
        assert tags("in September 2017") == [("September 2017", "2017-09")]
        assert tags("July last year", "1998-02-19") == [("July last year", "1997-07")]

    def test_bare_month_is_the_nearest_one(self) -> None:
        assert tags("The vote is due to take place in March") == [("March", "2019-03")]
        assert tags("Sales fell in March", "1989-11-02") == [("March", "1989-03")]
        assert tags("The dividend is payable in January", "1989-11-02") == [("January", "1990-01")]

    def test_last_and_next_month(self) -> None:
        assert tags("last May", "1998-02-27") == [("last May", "1997-05")]
        assert tags("next March") == [("next March", "2019-03")]

    def test_years(self) -> None:
        assert tags("in 2016 and fiscal 1998") == [("2016", "2016"), ("fiscal 1998", "1998")]
        assert tags("nineteen ninety-six") == [("nineteen ninety-six", "1996")]
        assert tags("the year two thousand") == [("the year two thousand", "2000")]

    def test_decades_and_centuries(self) -> None:
        assert tags("the 1990s") == [("the 1990s", "199")]
        assert tags("in the '80s") == [("the '80s", "198")]
        assert tags("the nineties") == [("the nineties", "199")]
        assert tags("the 19th century") == [("the 19th century", "18")]
        assert tags("the twentieth century") == [("the twentieth century", "19")]

    def test_modifiers(self) -> None:
        found = tag_text("early 2019, mid-January and late 2015", dt.date(2018, 12, 20))
        assert [(e.text, e.value, e.mod) for e in found] == [
            ("early 2019", "2019", "START"),
            ("mid-January", "2019-01", "MID"),
            ("late 2015", "2015", "END"),
        ]
        assert [e.mod for e in tag_text("the end of 1990", dt.date(1989, 10, 30))] == ["END"]


class TestQuartersHalvesSeasons:
    def test_quarters(self) -> None:
        assert tags("the third quarter", "1989-11-02") == [("the third quarter", "1989-Q3")]
        assert tags("third-quarter profit", "1989-11-02") == [("third-quarter", "1989-Q3")]
        assert tags("in the fourth quarter", "1998-01-26") == [("the fourth quarter", "1997-Q4")]
        assert tags("the 1988 second quarter") == [("the 1988 second quarter", "1988-Q2")]
        assert tags("next year's first quarter", "1989-11-02") == [
            ("next year's first quarter", "1990-Q1")
        ]

    def test_quarter_references_follow_the_last_quarter_named(self) -> None:
        text = "Third-quarter net rose from $5 a year ago; in the quarter and the year-ago quarter"
        assert tags(text, "1989-11-02") == [
            ("Third-quarter", "1989-Q3"),
            ("a year ago", "1988-Q3"),
            ("the quarter", "1989-Q3"),
            ("the year-ago quarter", "1988-Q3"),
        ]

    def test_halves(self) -> None:
        assert tags("the first half of 2019") == [("the first half of 2019", "2019-H1")]
        assert tags("the last half of 1989") == [("the last half of 1989", "1989-H2")]

    def test_seasons(self) -> None:
        assert tags("spring of 2016") == [("spring of 2016", "2016-SP")]
        assert tags("last fall", "1998-02-06") == [("last fall", "1997-FA")]
        assert tags("this summer", "1998-03-22") == [("this summer", "1998-SU")]
        assert tags("this past spring", "1989-10-30") == [("this past spring", "1989-SP")]
        assert tags("the winter of nineteen ninety-four") == [
            ("the winter of nineteen ninety-four", "1994-WI")
        ]


class TestHolidays:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("Christmas 2016", "2016-12-25"),
            ("Easter 2024", "2024-03-31"),
            ("Good Friday 2019", "2019-04-19"),
            ("Thanksgiving 1999", "1999-11-25"),
            ("Memorial Day 2018", "2018-05-28"),
            ("Ramadan 2018", "2018-05-16"),
            ("Ramadan 2024", "2024-03-11"),
        ],
    )
    def test_with_year(self, text: str, value: str) -> None:
        assert tags(text) == [(text, value)]

    def test_relative_to_the_reference(self) -> None:
        assert tags("last Thanksgiving", "2000-02-10") == [("last Thanksgiving", "1999-11-25")]
        assert tags("on Election Day", "1998-10-26") == [("Election Day", "1998-11-03")]
        assert tags("Easter week", "2000-04-17") == [("Easter week", "2000-W16")]
        # the week began on its Monday, the reference day: this year's, not 1999's
        text = "Protesters prayed as Easter week began."
        assert tags(text, "2000-04-17") == [("Easter week", "2000-W16")]
