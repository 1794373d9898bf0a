"""The rule table: one named pattern per expression family, with runnable examples.

Each rule pairs a regex (named groups only) with the resolver of its family. The
examples are ``(text, reference date, expected value)`` and run as tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from timeline.temporal import resolver as r
from timeline.temporal.lexicon import Lexicon, alternation

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Acceptor = Callable[[str, "re.Match[str]"], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    type: TimexType
    pattern: re.Pattern[str]
    resolve: r.Resolver
    examples: tuple[tuple[str, str, str], ...] = ()
    accept: Acceptor | None = None


# Words before a lone "May"/"March" that make it a month rather than a verb.
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|of|from|to|during|before|after|early|late|mid"
    r"|last|next|this|that|each|every|between|and|or)\s+|mid-)$",
    re.IGNORECASE,
)
_AMBIGUOUS_MONTHS = {"May", "March", "Mar"}
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|through|of|from|to|during|before|after|year|fiscal"
    r"|early|late|mid|around|circa|spring|summer|autumn|fall|winter|and|or|between)\s+$",
    re.IGNORECASE,
)


def _month_is_month(text: str, match: re.Match[str]) -> bool:
    word = (match.group("month") or "").rstrip(".")
    if word not in _AMBIGUOUS_MONTHS or match.groupdict().get("relation"):
        return True
    return _MONTH_CONTEXT.search(text, 0, match.start()) is not None


def _year_in_context(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 20) : match.start()]
    if before.endswith(("$", "#", "No. ")):
        return False
    return _YEAR_CONTEXT.search(before) is not None or match.groupdict().get("modifier") is not None


def _number_pattern(lexicon: Lexicon) -> str:
    words = [w for w in lexicon.numbers if " " not in w]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    return (
        rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|(?:{tens})-(?:one|two|three|four|five|six|seven"
        rf"|eight|nine)|a\s+few|(?:{alternation(words)}))"
    )


@cache
def build_rules(lexicon: Lexicon) -> tuple[Rule, ...]:
    """All rules, compiled once per lexicon (the lexicon is immutable)."""
    full_months = _full_names(lexicon.months)
    short_months = [m for m in lexicon.months if m not in full_months]
    month = (
        rf"(?P<month>(?:{alternation(full_months)})(?![a-z])"
        rf"|(?:{alternation(short_months)})(?:\.|(?=\s+\d)))"
    )
    full_days = _full_names(lexicon.weekdays)
    short_days = [d for d in lexicon.weekdays if d not in full_days]
    weekday = (
        rf"(?P<weekday>(?:{alternation(full_days)})(?![a-z])"
        rf"|(?:{alternation(short_days)})(?:\.|(?![a-z])))"
    )
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    year = r"(?P<year>\d{4})(?![\d])"
    number = _number_pattern(lexicon)
    units = (
        r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?"
        r"|years?|decades?|centur(?:y|ies))"
    )
    modifier = r"(?:(?P<modifier>early|mid-?|late)\s*)"
    opt_weekday = rf"(?:(?:{weekday}),?\s+)?"
    part_of_day = r"(?:\s+(?P<part_of_day>morning|afternoon|evening|night))"

    def rx(source: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-]){source}(?![\w])", flags)

    def ci(source: str) -> str:
        return f"(?i:{source})"

    return (
        Rule(
            "iso_date",
            "DATE",
            rx(r"(?P<year>\d{4})-(?P<month_num>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"),
            r.resolve_full_date,
            (("2018-11-30", "2018-12-20", "2018-11-30"),),
        ),
        Rule(
            "numeric_date",
            "DATE",
            rx(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})"),
            r.resolve_numeric_date,
            (("12/03/2018", "2018-12-20", "2018-12-03"),),
        ),
        Rule(
            "month_day_year",
            "DATE",
            rx(rf"{opt_weekday}{month}\s+{day}(?:,?\s+{year})?"),
            r.resolve_full_date,
            (
                ("December 11", "2018-12-20", "2018-12-11"),
                ("Dec. 3", "2018-12-20", "2018-12-03"),
                ("Monday, Dec. 31", "2018-12-20", "2018-12-31"),
                ("April 28, 2017", "2018-12-20", "2017-04-28"),
            ),
        ),
        Rule(
            "day_month_year",
            "DATE",
            rx(rf"{opt_weekday}(?:the\s+)?{day}(?:\s+of)?\s+{month}(?:,?\s+{year})?"),
            r.resolve_full_date,
            (("3 November 2016", "2018-12-20", "2016-11-03"),),
        ),
        Rule(
            "month_year",
            "DATE",
            rx(rf"{modifier}?{month},?\s+(?:of\s+)?{year}"),
            r.resolve_month_year,
            (("September 2018", "2020-01-01", "2018-09"),),
        ),
        Rule(
            "month",
            "DATE",
            rx(rf"(?:(?P<relation>{ci('last|next|this')})\s+)?{modifier}?{month}"),
            r.resolve_month,
            (
                ("said in September", "2018-12-20", "2018-09"),
                ("will visit in March", "2018-12-20", "2019-03"),
            ),
            _month_is_month,
        ),
        Rule(
            "decade",
            "DATE",
            rx(rf"{ci(modifier)}?(?P<decade>1\d{{3}}|20\d0|'?\d0)s"),
            r.resolve_decade,
            (("the 1990s", "2018-12-20", "199"),),
        ),
        Rule(
            "year",
            "DATE",
            rx(rf"{ci(modifier)}?(?P<year>1[6-9]\d\d|20\d\d)(?![\d,.]\d)"),
            r.resolve_year,
            (("in 2016", "2018-12-20", "2016"),),
            _year_in_context,
        ),
        Rule(
            "weekday",
            "DATE",
            rx(rf"(?:(?P<relation>{ci('last|next|this')})\s+)?{weekday}"),
            r.resolve_weekday,
            (
                ("began on Wednesday", "2018-12-20", "2018-12-19"),
                ("will meet on Friday", "2018-12-20", "2018-12-21"),
                ("last Friday", "2018-12-20", "2018-12-14"),
            ),
        ),
        Rule(
            "weekday_part_of_day",
            "TIME",
            rx(rf"{weekday}{part_of_day}"),
            r.resolve_weekday,
            (("Saturday night", "2018-12-20", "2018-12-15TNI"),),
        ),
        Rule(
            "deictic_day",
            "DATE",
            rx(ci(r"(?P<deictic>today|yesterday|tomorrow)")),
            r.resolve_deictic_day,
            (("yesterday", "2018-12-20", "2018-12-19"), ("tomorrow", "2018-12-20", "2018-12-21")),
        ),
        Rule(
            "deictic_time",
            "TIME",
            rx(ci(rf"(?:(?P<deictic>yesterday|tomorrow)|this){part_of_day}|(?P<tonight>tonight)")),
            r.resolve_deictic_day,
            (
                ("this morning", "2018-12-20", "2018-12-20TMO"),
                ("yesterday afternoon", "2018-12-20", "2018-12-19TAF"),
            ),
        ),
        Rule(
            "clock_time",
            "TIME",
            rx(
                ci(
                    r"(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<meridiem>a\.m\.|p\.m\.|am|pm)"
                )
            ),
            r.resolve_clock_time,
            (("8 p.m.", "2018-12-20", "2018-12-20T20:00"),),
        ),
        Rule(
            "relative_unit",
            "DATE",
            rx(
                ci(
                    r"(?P<relation>last|this|next|current|previous)\s+(?P<unit>week|weekend|month|quarter|year|decade|century)"
                )
            ),
            r.resolve_relative_unit,
            (
                ("last week", "2018-12-20", "2018-W50"),
                ("next month", "2018-12-20", "2019-01"),
                ("this year", "2018-12-20", "2018"),
            ),
        ),
        Rule(
            "ago",
            "DATE",
            rx(ci(rf"(?P<number>{number})\s+(?P<unit>{units})\s+ago")),
            r.resolve_ago,
            (
                ("two weeks ago", "2018-12-20", "2018-W49"),
                ("3 days ago", "2018-12-20", "2018-12-17"),
                ("a year ago", "2018-12-20", "2017"),
            ),
        ),
        Rule(
            "anaphoric",
            "DATE",
            rx(
                ci(
                    rf"the\s+(?P<direction>next|following|previous|preceding|same)\s+(?P<unit>day|week|month|year)"
                    rf"|(?P<number>{number})\s+(?P<unit2>days?|weeks?|months?|years?)\s+(?P<direction2>later|earlier)"
                    r"|the\s+(?P<unit3>day|week|month|year)\s+(?P<direction3>before|after)"
                )
            ),
            lambda parts, ctx: r.resolve_anaphoric(_merge_alternatives(parts), ctx),
            (
                ("the next day", "2018-12-20", "2018-12-21"),
                ("two days later", "2018-12-20", "2018-12-22"),
            ),
        ),
        Rule(
            "duration",
            "DURATION",
            rx(
                ci(
                    rf"(?P<number>{number})(?:\s+(?:to|or|-)\s+(?P<number2>{number}))?[\s-]+"
                    rf"(?P<unit>{units})(?:[\s-]+old)?"
                )
            ),
            r.resolve_duration,
            (
                ("24 hours", "2018-12-20", "PT24H"),
                ("three weeks", "2018-12-20", "P3W"),
                ("60 to 100 days", "2018-12-20", "P100D"),
                ("one-day", "2018-12-20", "P1D"),
                ("several years", "2018-12-20", "PXY"),
            ),
        ),
        Rule(
            "fixed_reference",
            "DATE",
            rx(ci(rf"(?P<fixed>{alternation(lexicon.fixed_refs)})")),
            r.resolve_fixed,
            (("recently", "2018-12-20", "PAST_REF"), ("now", "2018-12-20", "PRESENT_REF")),
        ),
    )


def _full_names(names: dict[str, int]) -> list[str]:
    """The longest word for each number is the full name; the others are abbreviations."""
    longest: dict[int, str] = {}
    for word, number in names.items():
        if len(word) > len(longest.get(number, "")):
            longest[number] = word
    return sorted(longest.values())


def _merge_alternatives(parts: r.Parts) -> r.Parts:
    """The anaphoric pattern has three shapes; fold their groups into one set of names."""
    return {
        "direction": parts.get("direction") or parts.get("direction2") or parts.get("direction3"),
        "unit": parts.get("unit") or parts.get("unit2") or parts.get("unit3"),
        "number": parts.get("number"),
    }
