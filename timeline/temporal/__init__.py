"""The date resolver: finds time expressions and gives them TIMEX3 values.

Pure functions only: the reference date is always an argument, never the clock.
"""

from timeline.temporal.tagger import TaggedExpression, compile_rules, tag_text
from timeline.temporal.timex import Granularity, TimexValue, parse_timex_value

__all__ = [
    "Granularity",
    "TaggedExpression",
    "TimexValue",
    "compile_rules",
    "parse_timex_value",
    "tag_text",
]
