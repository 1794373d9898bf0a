"""Informal writing (social posts, live blogs) and ranges: lower-case and cut-short weekdays
and months ("fri", "sept 5"), "2hrs", bare clock times ("at 9:15"), stopwatch durations
("2:04:11"), parts of the day that recur ("every evening") and day ranges ("3-5 Nov",
"July 12-14", "from 12 to 14 July"). Each rule's examples run as tests."""

from __future__ import annotations

import re

from timeline.temporal import resolve_informal as i
from timeline.temporal import resolve_times as t
from timeline.temporal.patterns import (
    Fragments,
    LazyPattern,
    part_of_day_trigger,
    rx,
    trigger,
    words,
)
from timeline.temporal.rulebase import Rule

REF = "2018-12-20"
_WEEKDAY_WORDS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)
_MONTH_WORDS = (
    "january|february|april|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Weekdays written lower case or cut short, where a preposition or a time says they are days.
_WEEKDAY = rf"(?P<weekday>(?i:{_WEEKDAY_WORDS}))\.?"
_MONTH = rf"(?P<month>(?i:{_MONTH_WORDS}))\.?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_RANGE_JOIN = r"\s?(?:-|–|—|to|through|until|till|and)\s?"
# A digit right after a range's joiner ("-14", "to 14", "and 5 Nov"): tried at the digits
# only, it looks behind for the joiner's last characters and an optional space.
_JOINED_DIGIT = trigger(
    r"\d(?:(?<=[-–—]\d)|(?<=[-–—]\s\d)|(?<=(?:to|gh|il|ll|nd)\d)|(?<=(?:to|gh|il|ll|nd)\s\d))",
    ignore_case=False,
)


def informal_rules(f: Fragments) -> list[Rule]:
    weekday_words = words(_WEEKDAY_WORDS)
    month_words = words(_MONTH_WORDS)
    return [
        Rule(
            "day_range_start",
            "DATE",
            rx(
                rf"{_DAY}(?=\s?(?:-|–|—|to|through|until|till|and)\s?(?:[12]\d|3[01]|0?[1-9])"
                rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>(?i:{_MONTH_WORDS}|may|march))"
                rf"(?![a-z])\.?(?:,?\s+{f.year()})?)"
            ),
            i.resolve_informal_date,
            (("from 12 to 14 July 2018", REF, "2018-07-12"), ("3-5 Nov", REF, "2018-11-03")),
            trigger=trigger(
                r"\d(?:st|nd|rd|th)?\s?(?:-|–|—|to|through|until|till|and)\s?\d",
                ignore_case=False,
            ),
        ),
        Rule(
            "day_range_end",
            "DATE",
            LazyPattern(
                r"(?:(?<=[-–—])|(?<=[-–—] )|(?<=\bto )|(?<=\bthrough )|(?<=\buntil )|(?<=\btill ))"
                r"(?P<range_day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                r"(?![\d:.,/]\d|\w|\s*(?:%|percent|[ap]\.?m\b))"
            ),
            i.resolve_range_end_day,
            (("July 12-14", REF, "2018-07-14"), ("on Dec. 3 to 5", REF, "2018-12-05")),
            _after_a_day,
            trigger=_JOINED_DIGIT,
        ),
        Rule(
            "day_month_range_end",
            "DATE",
            LazyPattern(
                r"(?:(?<=[-–—])|(?<=[-–—] )|(?<=\bto )|(?<=\bthrough )|(?<=\buntil )|(?<=\band ))"
                rf"{_DAY}\s+(?:of\s+)?(?P<month>(?i:{_MONTH_WORDS}|may|march))(?![a-z])\.?"
                rf"(?:,?\s+{f.year()})?"
            ),
            i.resolve_informal_date,
            (("3-5 Nov", REF, "2018-11-05"),),
            trigger=_JOINED_DIGIT,
        ),
        Rule(
            "informal_weekday",
            "DATE",
            rx(
                rf"(?:(?<=\bon )|(?<=\bthis )|(?<=\bnext )|(?<=\blast )|(?<=\bby )|(?<=\buntil )"
                rf"|(?<=\btill ))(?-i:{_WEEKDAY})(?=\s*(?:[,.!?;]|$|\d|\s+(?:at|morning|night|"
                r"afternoon|evening|and|or|to)\b|\s))"
            ),
            i.resolve_informal_weekday,
            (("see you on fri", REF, "2018-12-21"), ("until tues", REF, "2018-12-18")),
            _is_informal_weekday,
            trigger=weekday_words,
        ),
        Rule(
            "weekday_before_time",
            "DATE",
            rx(rf"{_WEEKDAY}(?=\s+(?:at\s+)?\d{{1,2}}(?::\d\d|\s*[ap]\.?m\b))"),
            i.resolve_informal_weekday,
            (
                ("He left Sat at 9 pm", REF, "2018-12-15"),
                ("see you fri at 9:15", REF, "2018-12-21"),
            ),
            _is_informal_weekday,
            trigger=weekday_words,
        ),
        Rule(
            "informal_month_day",
            "DATE",
            rx(rf"{_MONTH}\s?{_DAY}(?![\d:])"),
            i.resolve_informal_date,
            (("sept 5", REF, "2018-09-05"),),
            _is_informal_month,
            trigger=month_words,
        ),
        Rule(
            "informal_day_month",
            "DATE",
            rx(rf"{_DAY}\s?{_MONTH}"),
            i.resolve_informal_date,
            (("5 nov", REF, "2018-11-05"),),
            _is_informal_month,
            trigger=month_words,
        ),
        Rule(
            "informal_month",
            "DATE",
            rx(rf"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bby )){_MONTH}(?![\w])"),
            i.resolve_informal_date,
            (("in sept", REF, "2018-09"),),
            _is_informal_month,
            trigger=month_words,
        ),
        Rule(
            "short_duration",
            "DURATION",
            rx(r"(?P<number>\d{1,4}(?:\.\d+)?)\s?(?P<short_unit>(?i:hrs?|mins?|secs?|wks?|yrs?))"),
            i.resolve_short_duration,
            (("2hrs", REF, "PT2H"), ("10 mins", REF, "PT10M")),
            trigger=words("hr|hrs|min|mins|sec|secs|wk|wks|yr|yrs"),
        ),
        Rule(
            "long_compound",
            "DURATION",
            rx(r"(?P<long_unit>(?i:hour|day|week|month|year|decade)(?P<plural>s)?)-long"),
            i.resolve_long_compound,
            (("a decade-long war", REF, "P10Y"), ("decades-long", REF, "PXDE")),
            trigger=words("long"),
        ),
        Rule(
            "clock_duration",
            "DURATION",
            rx(r"(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d):(?P<seconds>[0-5]\d(?:\.\d+)?)"),
            i.resolve_clock_duration,
            (("finished in 2:04:11", REF, "PT2H4M11S"),),
            _is_stopwatch,
            trigger=trigger(r"\d:\d\d:\d\d"),
        ),
        Rule(
            "bare_clock",
            "TIME",
            rx(
                r"(?:(?<=\bat )|(?<=\bby )|(?<=\buntil )|(?<=\btill )|(?<=\bfrom )|(?<=\bbefore )"
                r"|(?<=\bafter )|(?<=\baround ))(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)"
                r"(?![\d:]|\s*(?:[ap]\.?m|[AP]M|GMT|UTC|EST|EDT|CET|BST|PST|%))"
            ),
            t.resolve_clock_time,
            (("at 9:15", REF, "2018-12-20T09:15"), ("by 18:30", REF, "2018-12-20T18:30")),
            trigger=trigger(r"\d:\d\d"),
        ),
        Rule(
            "every_part_of_day",
            "SET",
            rx(rf"(?i:every|each)\s+{f.part_of_day()}(?!s)"),
            i.resolve_every_part_of_day,
            (("every evening", REF, "XXXX-XX-XXTEV"), ("each morning", REF, "XXXX-XX-XXTMO")),
            trigger=part_of_day_trigger(f.lexicon),
        ),
    ]


_DAY_BEFORE_RANGE = re.compile(
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\b\d{1,2}(?:st|nd|rd|th)?)\s?"
    r"(?:-|–|—|to|through|until|till)\s?$"
)


def _after_a_day(text: str, match: re.Match[str]) -> bool:
    """ "14" ends a range only right after a day ("July 12-14"), not after a count ("3-14")."""
    before = text[max(0, match.start() - 24) : match.start()]
    found = _DAY_BEFORE_RANGE.search(before)
    return found is not None and not re.match(r"\d", found.group(0))


def _is_informal_weekday(text: str, match: re.Match[str]) -> bool:
    """Only the forms the standard weekday rule leaves out: lower case or cut short."""
    word = match.group("weekday")
    return not (word[:1].isupper() and word[1:].islower() and len(word) > 4)


def _is_informal_month(text: str, match: re.Match[str]) -> bool:
    """Lower-case months ("sept 5"); "mar" and "jan" only next to a day number."""
    word = match.group("month")
    if word[:1].isupper() and (len(word) > 4 or not match.groupdict().get("day")):
        return False
    return match.groupdict().get("day") is not None or word.lower() not in (
        "mar",
        "jan",
        "dec",
        "sep",
    )


def _is_stopwatch(text: str, match: re.Match[str]) -> bool:
    """ "2:04:11" is a length of time unless "at" makes it a time of day."""
    return not re.search(r"\bat\s+$", text[max(0, match.start() - 4) : match.start()])
