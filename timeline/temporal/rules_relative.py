"""Deictic and anaphoric expressions: counted from the reference date or the last date
mentioned. Each rule's examples run as tests."""

from __future__ import annotations

from timeline.temporal import resolve_relative as r
from timeline.temporal.filters import is_ago
from timeline.temporal.lexicon import alternation
from timeline.temporal.patterns import (
    Fragments,
    calendar_unit_trigger,
    ci,
    modifier_prefix,
    part_of_day_trigger,
    rx,
    weekday_trigger,
    words,
)
from timeline.temporal.rulebase import Rule

REF = "2018-12-20"
RELATION = r"(?P<relation>(?i:this\s+past|this\s+coming|last|next|this|past|coming))"


def relative_rules(f: Fragments) -> list[Rule]:
    mod = modifier_prefix(f.lexicon, "point")
    length_mod = modifier_prefix(f.lexicon, "length")
    number, unit = f.number(), f.unit()
    deictic_words = [w.replace(" ", r"\s+") for w in sorted(f.lexicon.deictic_days, key=len)[::-1]]
    deictic = rf"(?P<deictic>(?i:{'|'.join(deictic_words)}))"
    return [
        Rule(
            "deictic_day",
            "DATE",
            rx(rf"{mod}{deictic}"),
            r.resolve_deictic_day,
            (
                ("yesterday", REF, "2018-12-19"),
                ("tomorrow", REF, "2018-12-21"),
                ("last night", REF, "2018-12-19TNI"),
            ),
            trigger=words(list(f.lexicon.deictic_days)),
        ),
        Rule(
            "deictic_part_of_day",
            "TIME",
            rx(
                rf"{mod}(?:(?P<deictic>(?i:yesterday|tomorrow|today))|(?i:this))\s+{f.part_of_day()}"
            ),
            r.resolve_deictic_day,
            (
                ("this morning", REF, "2018-12-20TMO"),
                ("yesterday afternoon", REF, "2018-12-19TAF"),
            ),
            trigger=part_of_day_trigger(f.lexicon),
        ),
        Rule(
            "part_of_day_deictic",
            "TIME",
            rx(rf"{mod}{f.part_of_day()}\s+(?P<deictic>(?i:yesterday|tomorrow|today))"),
            r.resolve_deictic_day,
            (("mid-afternoon yesterday", "1989-11-02", "1989-11-01TAF"),),
            trigger=part_of_day_trigger(f.lexicon),
        ),
        Rule(
            "anaphoric_unit",
            "DATE",
            rx(
                rf"{mod}(?i:the)\s+(?P<direction>(?i:next|following|previous|preceding|same))\s+"
                rf"{f.calendar_unit()}"
            ),
            r.resolve_anaphoric,
            (
                ("the next day", REF, "2018-12-21"),
                ("On March 3, 2015 it began; the following month it ended", REF, "2015-04"),
            ),
            trigger=words("next|following|previous|preceding|same"),
        ),
        Rule(
            "anaphoric_part_of_day",
            "DATE",
            rx(
                rf"(?i:the)\s+(?P<direction>(?i:next|following|previous|preceding))\s+"
                rf"{f.part_of_day()}"
            ),
            r.resolve_anaphoric,
            (("the next morning", REF, "2018-12-21TMO"),),
            trigger=part_of_day_trigger(f.lexicon),
        ),
        Rule(
            "anaphoric_season",
            "DATE",
            rx(
                rf"(?i:the)\s+(?P<direction>(?i:next|following|previous|preceding))\s+"
                rf"{f.season()}"
            ),
            r.resolve_anaphoric_season,
            (("Work began in April 1893; the following spring it ended.", REF, "1894-SP"),),
            trigger=words(f.lexicon.seasons),
        ),
        Rule(
            "that_part_of_day",
            "TIME",
            rx(rf"(?P<direction>(?i:that|the\s+same))\s+{f.part_of_day()}(?!s)"),
            r.resolve_anaphoric,
            (("On 31 January 1965 talks began; that afternoon", REF, "1965-01-31TAF"),),
            trigger=part_of_day_trigger(f.lexicon),
        ),
        Rule(
            "unit_after",
            "DATE",
            rx(
                r"(?i:the)\s+(?P<unit>(?i:day|week|month|year))\s+"
                r"(?P<direction>(?i:after|before|following))"
                r"(?=\s*(?:[,.;:!?)]|$)|\s+(?i:and|but|when|as|he|she|they|it|we)\b)"
            ),
            r.resolve_anaphoric,
            (("It opened on May 11, 1865, and closed the day after.", REF, "1865-05-12"),),
            trigger=words("after|before|following"),
        ),
        Rule(
            "anaphoric_that",
            "DATE",
            rx(
                rf"{mod}(?P<direction>(?i:that(?:\s+same)?|the\s+same))\s+"
                rf"(?P<unit>(?i:day|week|month|year))"
            ),
            r.resolve_anaphoric,
            (("It began on March 3, 2015 and ended later that year", REF, "2015"),),
            trigger=words("day|week|month|year"),
        ),
        Rule(
            "anaphoric_weekday",
            "DATE",
            rx(
                rf"(?i:the)\s+(?P<direction>(?i:previous|preceding|following|next))\s+{f.weekday()}"
            ),
            r.resolve_anaphoric_weekday,
            (("the previous Friday", REF, "2018-12-14"),),
            trigger=weekday_trigger(f.lexicon),
        ),
        Rule(
            "counted_anaphoric",
            "DATE",
            rx(
                rf"{length_mod}{number}\s+{unit}(?:\s+(?i:or\s+so))?\s+"
                r"(?P<direction>(?i:later|earlier|afterwards?|previously))"
            ),
            r.resolve_anaphoric,
            (("two days later", REF, "2018-12-22"), ("a year earlier", REF, "2017")),
            trigger=words("later|earlier|afterward|afterwards|previously"),
        ),
        Rule(
            "relative_unit",
            "DATE",
            rx(
                rf"{mod}(?:(?i:the)\s+)?(?P<relation>(?i:this\s+past|last|this|next|current"
                r"|previous|past|coming))\s+(?:(?i:fiscal|calendar)\s+)?"
                rf"{f.calendar_unit()}"
            ),
            r.resolve_relative_unit,
            (
                ("last week", REF, "2018-W50"),
                ("next month", REF, "2019-01"),
                ("this year", REF, "2018"),
                ("the past year", "1998-03-03", "1997"),
                ("the current fiscal year", "1989-11-02", "1989"),
                ("the last decade", "1998-02-06", "198"),
            ),
            trigger=calendar_unit_trigger(),
        ),
        Rule(
            "weekday",
            "DATE",
            rx(rf"{mod}(?:{RELATION}\s+)?{f.weekday()}"),
            r.resolve_weekday,
            (
                ("began on Wednesday", REF, "2018-12-19"),
                ("will meet on Friday", REF, "2018-12-21"),
                ("last Friday", REF, "2018-12-14"),
            ),
            trigger=weekday_trigger(f.lexicon),
        ),
        Rule(
            "ago",
            "DATE",
            rx(rf"{length_mod}(?:{number}\s+)?{unit}(?:\s+(?i:or\s+so))?\s+(?i:ago)"),
            r.resolve_ago,
            (
                ("two weeks ago", REF, "2018-W49"),
                ("3 days ago", REF, "2018-12-17"),
                ("a year ago", REF, "2017"),
                ("a week or so ago", REF, "2018-W50"),
            ),
            is_ago,
            trigger=words("ago"),
        ),
        Rule(
            "period_reference",
            "DATE",
            rx(
                r"(?i:the|that|its)\s+(?:(?i:latest|current|same|comparable|corresponding"
                r"|most\s+recent|just-ended|fiscal)\s+)?(?P<noun>(?i:quarter))(?![\w-])"
                r"|(?i:the)\s+(?i:latest|most\s+recent|comparable)\s+(?P<period>(?i:period))"
            ),
            r.resolve_period_reference,
            (("In the third quarter of 1989 sales rose; in the quarter", REF, "1989-Q3"),),
            trigger=words(r"quarter|period"),
        ),
        Rule(
            "year_ago_period",
            "DATE",
            rx(
                r"(?:(?i:the)\s+)?(?:(?i:comparable|corresponding|same)\s+)?"
                r"(?P<year_ago>(?i:year[-\s]ago|year[-\s]earlier))\s+"
                r"(?:(?i:first|second|third|fourth|fiscal)[\s-]+){0,3}(?P<noun>(?i:quarter|period))"
                r"|(?P<bare>(?i:year-ago|year-earlier))(?![\w-])"
            ),
            r.resolve_period_reference,
            (
                ("the third quarter of 1989 against the year-ago quarter", REF, "1988-Q3"),
                ("Third-quarter net fell from year-earlier levels", "1989-11-02", "1988-Q3"),
            ),
            trigger=words("ago|earlier"),
        ),
        Rule(
            "year_period",
            "DATE",
            rx(r"(?i:the)\s+(?P<year>(?:19|20)\d\d)\s+(?P<noun>(?i:period|quarter))"),
            r.resolve_period_reference,
            (("the third quarter of 1989 against the 1988 period", REF, "1988-Q3"),),
            trigger=words(r"period|quarter"),
        ),
        Rule(
            "the_unit",
            "DATE",
            rx(
                rf"{mod}(?i:the)\s+(?:(?i:full)\s+)?(?P<unit>(?i:weekend|week|year))"
                r"(?=\s+(?P<ended>(?i:ended|ending|ends|that\s+ended))\b|(?!\s*-))"
            ),
            r.resolve_the_unit,
            (
                ("over the weekend", "1990-08-13", "1990-W32-WE"),
                ("the year ended June 30", "1989-11-02", "P1Y"),
            ),
            trigger=words("weekend|week|year"),
        ),
        Rule(
            "the_month_part",
            "DATE",
            rx(
                r"(?P<modifier>(?i:the\s+(?:end|beginning|start|middle|close)\s+of))\s+"
                r"(?i:the)\s+(?P<unit>(?i:month))"
            ),
            r.resolve_the_unit,
            (
                ("by the end of the month", REF, "2018-12"),
                ("On 10 May 1940 ... by the end of the month", REF, "1940-05"),
            ),
            trigger=words("month"),
        ),
        Rule(
            "at_that_time",
            "DATE",
            rx(r"(?i:at\s+(?P<this_that>this|that)\s+time)(?!\s+(?i:of|when|that|which)\b)"),
            r.resolve_that_time,
            (("At this time, Congress cut funds", REF, "PRESENT_REF"),),
            trigger=words("time"),
        ),
        Rule(
            "fixed_reference",
            "DATE",
            rx(ci(rf"(?P<fixed>{alternation(f.lexicon.fixed_refs)})")),
            r.resolve_fixed,
            (
                ("recently", REF, "PAST_REF"),
                ("now", REF, "PRESENT_REF"),
                ("for now, though", REF, "PRESENT_REF"),
            ),
            trigger=words([phrase.split()[-1] for phrase in f.lexicon.fixed_refs]),
        ),
        Rule(
            "vague_reference",
            "DATE",
            rx(
                r"(?:(?i:the)\s+)?(?P<when>(?i:recent|past|coming|upcoming|future))\s+"
                r"(?P<unit>(?i:years|decades))"
            ),
            r.resolve_vague_plural,
            (("recent years", REF, "PAST_REF"), ("the coming years", REF, "FUTURE_REF")),
            trigger=words(r"years|decades"),
        ),
    ]
