"""Calendar dates: one pattern per way news writes a day, month, year, decade, quarter, season
or holiday. Each rule's examples run as tests."""

from __future__ import annotations

import re

from timeline.temporal import resolve_dates as d
from timeline.temporal import resolve_eras as e
from timeline.temporal.filters import month_is_month, year_is_year
from timeline.temporal.lexicon import alternation
from timeline.temporal.patterns import (
    Fragments,
    LazyPattern,
    modifier_prefix,
    month_trigger,
    rx,
    trigger,
    words,
)
from timeline.temporal.rulebase import Rule

REF = "2018-12-20"
# "BC", "B.C.", "BCE", "AD", "A.D.", "CE": every era rule's match holds one of these.
_ERA_LETTERS = trigger(r"[ABC]\.?[CDE]", ignore_case=False)
# "1914-18", "2003/04": a year and the joiner of a range.
_DECADE_WORDS = "twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
_YEAR_JOIN = trigger(r"\d\d\d\d\s?[-–—/]\s?\d")
_QUARTER_ORDINAL = r"first|second|third|fourth|1st|2nd|3rd|4th|final|last"


def date_rules(f: Fragments) -> list[Rule]:
    month, day, year = f.month(), f.day(), f.year()
    spelled = f.spelled_year()
    mod = modifier_prefix(f.lexicon, "point")
    opt_weekday = rf"(?:(?:(?i:this\s+coming|this\s+past|this|last|next)\s+)?{f.weekday()},?\s+)?"
    any_year = rf"(?:{year}|{spelled})"
    year4 = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d,]\d|-\d|\s*(?:%|percent))"
    relation = r"(?P<relation>(?i:this\s+past|this\s+coming|last|next|this|past|coming))"
    year_relation = r"(?P<year_relation>(?i:last|this|next))"
    months = month_trigger(f.lexicon)
    return [
        Rule(
            "iso_date",
            "DATE",
            rx(
                r"(?P<year>\d{4})-(?P<month_num>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
                r"(?!-?\d)"
            ),
            d.resolve_full_date,
            (("2018-11-30", REF, "2018-11-30"),),
            trigger=trigger(r"\d\d\d\d-\d\d-\d\d"),
        ),
        Rule(
            "numeric_date",
            "DATE",
            rx(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})(?!/)"),
            d.resolve_numeric_date,
            (("12/03/2018", REF, "2018-12-03"), ("25/12/2018", REF, "2018-12-25")),
            trigger=trigger(r"\d\d?/\d"),
        ),
        Rule(
            "month_day_year",
            "DATE",
            rx(
                rf"{mod}{opt_weekday}(?:{relation}\s+)?{month}\s+"
                rf"(?:{day}|(?:the\s+)?{f.ordinal_day()})"
                r"(?:,?\s+" + any_year + r"|,\s+(?P<year_wide>\d{4})(?![\d,]))?"
            ),
            d.resolve_full_date,
            (
                ("December 11", REF, "2018-12-11"),
                ("shot to death last Oct. 23", "1999-04-19", "1998-10-23"),
                ("last Dec. 3", REF, "2018-12-03"),
                ("next Jan. 5", REF, "2019-01-05"),
                ("Dec. 3", REF, "2018-12-03"),
                ("Monday, Dec. 31", REF, "2018-12-31"),
                ("April 28, 2017", REF, "2017-04-28"),
                ("this coming Sunday, March eighth", "1998-03-05", "1998-03-08"),
            ),
            trigger=months,
        ),
        Rule(
            "day_month_year",
            "DATE",
            rx(
                rf"{opt_weekday}(?:(?i:the)\s+)?(?:{day}|{f.ordinal_day()})(?:\s+of)?\s+{month}"
                rf"(?:,?\s+{any_year})?"
            ),
            d.resolve_full_date,
            (("3 November 2016", REF, "2016-11-03"), ("the 11th of December", REF, "2018-12-11")),
            trigger=months,
        ),
        Rule(
            "month_year",
            "DATE",
            rx(rf"{mod}{month},?\s+(?:(?i:of)\s+)?{any_year}"),
            d.resolve_month_year,
            (
                ("September 2018", "2020-01-01", "2018-09"),
                ("January nineteen ninety-seven", REF, "1997-01"),
            ),
            trigger=months,
        ),
        Rule(
            "month_relative_year",
            "DATE",
            rx(rf"{mod}{month}(?:\s+(?i:of))?\s+{year_relation}\s+(?i:year)"),
            d.resolve_month_year,
            (("July last year", "1998-02-19", "1997-07"),),
            trigger=months,
        ),
        Rule(
            "month",
            "DATE",
            rx(rf"{mod}(?:{relation}\s+)?{month}"),
            d.resolve_month,
            (
                ("said in September", REF, "2018-09"),
                ("will visit in March", REF, "2019-03"),
                ("in January", "1989-11-02", "1990-01"),
                ("last May", "1998-02-27", "1997-05"),
            ),
            month_is_month,
            trigger=months,
        ),
        Rule(
            "year",
            "DATE",
            rx(
                rf"{mod}(?:(?P<fiscal>(?i:fiscal(?:\s+year)?|the\s+(?:fiscal\s+)?year)\s+"
                rf"|(?i:FY)\s?))?{year4}"
            ),
            d.resolve_year,
            (
                ("in 2016", REF, "2016"),
                ("fiscal 1998", REF, "1998"),
                ("revenue in FY2023", REF, "2023"),
                ("the year 1999", REF, "1999"),
            ),
            year_is_year,
            trigger=trigger(r"(?:1\d|20)\d\d"),
        ),
        Rule(
            "era_year",
            "DATE",
            rx(
                rf"{mod}(?:(?:(?i:the)\s+)?{f.season()}(?:\s+(?i:of))?\s+|{month}\s+)?"
                r"(?:(?:c\.|ca\.|circa)\s*)?(?:(?P<bc_number>\d{1,4})\s*"
                r"(?P<era_bc>BCE|BC|B\.C\.E\.|B\.C\.)|(?P<ad_number>\d{1,4})\s*(?:AD|A\.D\.|CE)"
                r"|(?:AD|A\.D\.)\s*(?P<ad_number2>\d{1,4}))(?![\w])"
            ),
            e.resolve_era_year,
            (
                ("480 BC", REF, "BC0480"),
                ("ca. 466 BCE", REF, "BC0466"),
                ("April 480 BC", REF, "BC0480-04"),
                ("the spring of 480 BC", REF, "BC0480-SP"),
                ("AD 9", REF, "0009"),
            ),
            trigger=_ERA_LETTERS,
        ),
        Rule(
            "era_range_start",
            "DATE",
            rx(r"(?P<bc_number>\d{1,4})(?=\s*[-–]\s*\d{1,4}\s*(?:BCE?|B\.C\.)(?![\w]))"),
            e.resolve_era_year,
            (("499–493 BC", REF, "BC0499"),),
            trigger=_ERA_LETTERS,
        ),
        Rule(
            "era_span",
            "DATE",
            rx(
                rf"{mod}(?:(?i:the)\s+)?(?:(?P<century_ordinal>\d{{1,2}}(?:st|nd|rd|th)"
                rf"|(?i:{alternation(f.lexicon.ordinals)}))[\s-]+(?i:century)"
                r"|(?P<bc_decade>\d{1,3}0s))\s+(?:BCE|BC|B\.C\.E\.|B\.C\.)(?![\w])"
            ),
            e.resolve_era_span,
            (("the 5th century BC", REF, "BC04"), ("the 460s BC", REF, "BC046")),
            trigger=_ERA_LETTERS,
        ),
        Rule(
            "year_range_start",
            "DATE",
            rx(
                r"(?P<year>(?:1[0-9]|20)\d\d)"
                r"(?=\s?[-–—/]\s?(?P<range_to>(?:1[0-9]|20)\d\d|\d\d)"
                r"(?![\d,.]\d|\s*(?:%|percent)|[-–/]\d))"
            ),
            d.resolve_year,
            (("1914-18", REF, "1914"), ("the 1998-99 season", REF, "1998")),
            _is_year_range,
            trigger=_YEAR_JOIN,
        ),
        Rule(
            "year_range_end",
            "DATE",
            LazyPattern(
                r"(?:(?<=(?P<range_from>(?:1[0-9]|20)\d\d)[-–—/])"
                r"|(?<=(?P<range_from_spaced>(?:1[0-9]|20)\d\d) [-–—] ))"
                r"(?P<year_end>(?:1[0-9]|20)\d\d|\d\d)"
                r"(?![\w]|[\d,.]\d|\s*(?:%|percent)|[-–/]\d)"
            ),
            d.resolve_range_end_year,
            (("1914–18", REF, "1918"), ("1861-1865", REF, "1865"), ("2003/04", REF, "2004")),
            _is_year_range,
            trigger=_YEAR_JOIN,
        ),
        Rule(
            "the_year_number",
            "DATE",
            rx(r"(?i:the\s+year)\s+(?P<year_wide>\d{1,4})(?![\d,.]\d)"),
            d.resolve_year,
            (("in the year 1", REF, "0001"), ("the year 9999", REF, "9999")),
            trigger=words("year"),
        ),
        Rule(
            "spelled_year",
            "DATE",
            rx(rf"{mod}(?:(?i:the\s+year)\s+)?{spelled}"),
            d.resolve_year,
            (
                ("nineteen ninety-six", REF, "1996"),
                ("the year two thousand", REF, "2000"),
            ),
            _spelled_year_in_context,
            trigger=words(
                "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thousand"
            ),
        ),
        Rule(
            "decade",
            "DATE",
            rx(
                rf"{mod}(?:(?i:the)\s+)?(?P<decade>(?:1\d|20)\d0s|['’]\d0s"
                rf"|(?i:{_DECADE_WORDS}))"
            ),
            d.resolve_decade,
            (
                ("the 1990s", REF, "199"),
                ("the '80s", REF, "198"),
                ("the nineties", REF, "199"),
                ("the mid-1980s", REF, "198"),
            ),
            _decade_in_context,
            trigger=(words(_DECADE_WORDS), trigger(r"\d0s")),
        ),
        Rule(
            "century",
            "DATE",
            rx(
                rf"{mod}(?:(?i:the)\s+)?(?P<century_ordinal>\d{{1,2}}(?:st|nd|rd|th)"
                rf"|(?i:{alternation(f.lexicon.ordinals)}))[\s-]+(?i:century)"
            ),
            d.resolve_century,
            (("the 19th century", REF, "18"), ("the twentieth century", REF, "19")),
            trigger=words(r"century"),
        ),
        Rule(
            "quarter",
            "DATE",
            rx(
                rf"{mod}(?:(?i:the|its|this|that)\s+)?"
                rf"(?:(?:{year4}|{year_relation}\s+(?i:year's|fiscal\s+year's))\s+)?"
                rf"(?:(?i:fiscal|calendar)[\s-]+)?(?P<quarter_ordinal>(?i:{_QUARTER_ORDINAL}))"
                rf"[\s-]+(?i:quarter|qtr\.?)(?!s)"
                rf"(?:\s+(?i:of)\s+(?:(?i:fiscal\s+)?{f.year('year_of')}"
                r"|(?P<year_relation_of>(?i:last|this|next))\s+(?i:year)))?"
            ),
            d.resolve_quarter,
            (
                ("the third quarter", "1989-11-02", "1989-Q3"),
                ("third-quarter", "1989-11-02", "1989-Q3"),
                ("the fourth quarter", "1998-01-26", "1997-Q4"),
                ("the third quarter of 1984", REF, "1984-Q3"),
                ("the 1988 second quarter", REF, "1988-Q2"),
                ("next year's first quarter", "1989-11-02", "1990-Q1"),
                ("the fiscal first quarter", "1989-11-02", "1989-Q1"),
            ),
            trigger=words(r"quarter|qtr"),
        ),
        Rule(
            "quarter_code",
            "DATE",
            rx(r"Q(?P<quarter_num>[1-4])(?:\s+(?P<year>(?:19|20)\d\d))?"),
            d.resolve_quarter,
            (("Q3 2017", REF, "2017-Q3"),),
            trigger=trigger(r"Q[1-4]", ignore_case=False),
        ),
        Rule(
            "half",
            "DATE",
            rx(
                rf"(?:(?i:the)\s+)?(?P<half_ordinal>(?i:first|second|last|latter|final))\s+"
                rf"(?i:half|two\s+quarters)(?:\s+(?i:of)\s+(?:(?i:fiscal\s+)?{year4}"
                rf"|{year_relation}\s+(?i:year)|(?i:the\s+year)))?"
            ),
            d.resolve_half,
            (("the first half of 2019", REF, "2019-H1"), ("the last half of 1989", REF, "1989-H2")),
            _half_is_date,
            trigger=words("half|quarters"),
        ),
        Rule(
            "season",
            "DATE",
            rx(
                rf"{mod}(?:(?i:the)\s+)?(?:{relation}\s+)?{f.season()}"
                rf"(?:(?:\s+(?i:of)|,)?\s+{any_year})?"
            ),
            d.resolve_season,
            (
                ("spring of 2016", REF, "2016-SP"),
                ("the winter of nineteen ninety-four", REF, "1994-WI"),
                ("last fall", "1998-02-06", "1997-FA"),
                ("this summer", "1998-03-22", "1998-SU"),
                ("this past spring", "1989-10-30", "1989-SP"),
            ),
            _season_in_context,
            trigger=words(f.lexicon.seasons),
        ),
        Rule(
            "holiday",
            "DATE",
            rx(
                rf"(?:{relation}\s+)?(?P<holiday>{alternation(f.lexicon.holidays)})"
                rf"(?P<holiday_week>\s+(?i:week))?(?:,?\s+{year4})?"
            ),
            d.resolve_holiday,
            (
                ("Easter 2019", REF, "2019-04-21"),
                ("last Thanksgiving", "2000-02-10", "1999-11-25"),
                ("Ramadan 2018", REF, "2018-05-16"),
                ("Election Day", "1998-10-26", "1998-11-03"),
                ("Easter week", "2000-04-17", "2000-W16"),
            ),
            trigger=trigger(alternation(f.lexicon.holidays), ignore_case=False),
        ),
    ]


def _is_year_range(text: str, match: re.Match[str]) -> bool:
    """ "1914-18", "1999-00", "1861-1865": the end comes after the start, within a century;
    "1998-01" (a month), "1990-85" (a score) and "2019-13-45" (a code) are no ranges."""
    groups = match.groupdict()
    start = groups.get("year") or groups.get("range_from") or groups.get("range_from_spaced")
    end = groups.get("range_to") or groups.get("year_end")
    if not start or not end:
        return False
    return d.range_end_year(int(start), end) is not None


def _spelled_year_in_context(text: str, match: re.Match[str]) -> bool:
    """ "two thousand" counts people unless "the year" or a date word stands before it."""
    words = (match.group("spelled_year") or "").lower()
    if not words.startswith("two"):
        return True
    before = text[max(0, match.start() - 12) : match.start()].lower()
    return "year" in match.group(0).lower() or before.rstrip().endswith(("in", "since", "by"))


def _decade_in_context(text: str, match: re.Match[str]) -> bool:
    """ "the 1990s" always; "'80s" and "the nineties" need "the" or a date word, not "his"."""
    decade = match.group("decade") or ""
    if decade[0].isdigit() and len(decade) == 5:
        return True
    if match.group(0).lower().startswith(("the", "mid", "early", "late")):
        return True
    before = text[max(0, match.start() - 10) : match.start()].lower().rstrip()
    return decade[0] in "'’" and not before.endswith(("his", "her", "their", "in", "its"))


def _half_is_date(text: str, match: re.Match[str]) -> bool:
    """ "the first half of 2019" and "the second half" are dates; "half of the votes" is not."""
    return bool(re.search(r"\d|year", match.group(0))) or text.startswith(" ", match.end())


def _season_in_context(text: str, match: re.Match[str]) -> bool:
    """ "fall" and bare seasons need a year, a relation word or "the": "prices fall" is a verb."""
    groups = match.groupdict()
    season = (groups.get("season") or "").lower()
    if groups.get("year") or groups.get("spelled_year") or groups.get("relation"):
        return True
    if season == "fall":
        return False
    return (
        match.group(0)[:1].isupper()
        or match.group(0).lower().startswith("the")
        or bool(groups.get("modifier"))
        or _SEASON_PREPOSITION.search(text, max(0, match.start() - 12), match.start()) is not None
    )


# "in summer", "during winter": a preposition of time makes a bare season a date.
_SEASON_PREPOSITION = re.compile(
    r"\b(?:in|during|by|through|throughout|until|till|since|over|that|this)\s+$", re.IGNORECASE
)
