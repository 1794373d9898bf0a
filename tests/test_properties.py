"""Property tests: any text, any reference date from year 1 to 9999, the tagger holds up."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import tag_text
from timeline.temporal.timex import is_valid_timex_value

WORDS = st.sampled_from(
    [
        "on",
        "Friday",
        "Dec.",
        "31",
        "1999",
        "last",
        "next",
        "week",
        "two",
        "days",
        "ago",
        "the",
        "day",
        "after",
        "later",
        "earlier",
        "yesterday",
        "tomorrow",
        "May",
        "in",
        "12/31/9999",
        "0001-01-01",
        "9999-12-31",
        "century",
        "decade",
        "1990s",
        "years",
        "8",
        "p.m.",
        "morning",
        "Monday,",
        "said",
        "will",
        "60",
        "to",
        "100",
        "hours",
        ",",
        ".",
    ]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=30).map(" ".join))
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(TEXTS, DATES)
def test_tagging_never_raises_and_stays_well_formed(text: str, reference: dt.date | None) -> None:
    previous_end = 0
    for expression in tag_text(text, reference):
        assert 0 <= previous_end <= expression.start < expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text
        if expression.value is None:
            assert expression.reason
        else:
            assert is_valid_timex_value(expression.value), expression.value
        previous_end = expression.end
