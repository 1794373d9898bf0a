"""TimeML of a timeline: each event's sentence, one per line, its time expression tagged.

The whole article text is what ``timeline tag -f timeml`` writes; this export is the
timeline's own evidence, so an annotator can check every date it relies on.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.models import Timeline
from timeline.timeml_build import annotate_text


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None


def render(timeline: Timeline) -> str:
    lines: list[str] = []
    spans: list[_Span] = []
    offset = 0
    for event in timeline.events:
        sentence = event.text
        found = sentence.find(event.expression.text)
        if found >= 0:
            start = offset + found
            expression = event.expression
            spans.append(
                _Span(
                    start,
                    start + len(expression.text),
                    expression.type,
                    expression.value,
                    expression.mod,
                )
            )
        lines.append(sentence)
        offset += len(sentence) + 1
    dates = [a.published for a in timeline.articles if a.published is not None]
    published = dates[0] if len(set(dates)) == 1 else None
    return annotate_text("\n".join(lines), timeline.title or "timeline", published, spans)
