"""Clock times and parts of named days. Each rule's examples run as tests."""

from __future__ import annotations

from timeline.temporal import resolve_relative as r
from timeline.temporal import resolve_times as t
from timeline.temporal.patterns import (
    Fragments,
    modifier_prefix,
    part_of_day_trigger,
    rx,
    trigger,
    words,
)
from timeline.temporal.rulebase import Rule
from timeline.temporal.rules_relative import RELATION

REF = "2018-12-20"
ZONES = r"(?P<zone>GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST)"
MERIDIEM = r"(?P<meridiem>[ap]\.\s?m\.?|[ap]m(?![a-z])|[AP]M(?![a-z])|[AP]\.M\.)"


def time_rules(f: Fragments) -> list[Rule]:
    mod = modifier_prefix(f.lexicon, "point")
    on_day = (
        rf"(?:,?\s+(?:{f.weekday()}|(?P<deictic>(?i:yesterday|today|tomorrow))"
        rf"|{f.month()}\s+{f.day()}(?:,\s+{f.year()})?))?"
    )
    return [
        Rule(
            "clock_time",
            "TIME",
            rx(
                rf"{mod}(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*{MERIDIEM}"
                rf"(?:\s+{ZONES})?{on_day}"
            ),
            t.resolve_clock_time,
            (
                ("8 p.m.", REF, "2018-12-20T20:00"),
                ("10 p.m. Wednesday", "1998-02-13", "1998-02-11T22:00"),
                ("5 p.m. EST Nov. 9", "1989-11-02", "1989-11-09T17:00"),
            ),
            trigger=words("am|pm|m"),
        ),
        Rule(
            "clock_24h",
            "TIME",
            rx(rf"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\s*{ZONES}{on_day}"),
            t.resolve_clock_time,
            (("15:00 GMT Saturday", REF, "2018-12-15T15:00"),),
            trigger=trigger(r"\d\d?:\d\d"),
        ),
        Rule(
            "clock_in_the",
            "TIME",
            rx(
                r"(?P<hour>1[0-2]|[1-9])(?:\s+(?i:o'clock))?\s+(?i:in\s+the)\s+"
                r"(?P<in_the>(?i:morning|afternoon|evening))"
            ),
            t.resolve_clock_time,
            (("4 in the morning", REF, "2018-12-20T04:00"),),
            trigger=words("morning|afternoon|evening"),
        ),
        Rule(
            "noon_midnight",
            "TIME",
            rx(rf"{mod}(?P<special>(?i:noon|midnight|midday)){on_day}"),
            t.resolve_clock_time,
            (("noon Thursday", "1998-02-13", "1998-02-12T12:00"),),
            trigger=words(r"noon|midnight|midday"),
        ),
        Rule(
            "weekday_part_of_day",
            "TIME",
            rx(rf"{mod}(?:{RELATION}\s+)?{f.weekday()}\s+{f.part_of_day()}(?!s)"),
            r.resolve_weekday,
            (("Saturday night", REF, "2018-12-15TNI"),),
            trigger=part_of_day_trigger(f.lexicon),
        ),
    ]
