"""``timeline tag``: time expressions of plain articles or TimeML files, as JSON or TimeML."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import InputError
from timeline.events import time_expression, to_time_expression
from timeline.ingest import apply_published, parse_published, read_source
from timeline.ingest.dispatch import check_published_count, expand_inputs, read_input
from timeline.ingest.records import RecordProblem
from timeline.models import Article, TimeExpression
from timeline.output import emit, write_atomic
from timeline.temporal import tag_text
from timeline.timeml import TimemlDocument, TimemlError, parse_timeml
from timeline.timeml_build import annotate, skeleton


@dataclass(frozen=True)
class TagResult:
    """What one article (or TimeML file) yields: its expressions and a TimeML rendering."""

    source: str
    title: str | None
    published: dt.date | None
    expressions: tuple[TimeExpression, ...]
    timeml: str
    file_name: str


def _from_timeml(
    name: str, source: str, document: TimemlDocument, day: dt.date | None
) -> TagResult:
    reference = day or document.dct
    tagged = tag_text(document.text, reference)
    return TagResult(
        source=name,
        title=document.docid,
        published=reference,
        expressions=tuple(time_expression(t) for t in tagged),
        timeml=annotate(source, tagged),
        file_name=Path(name).name,
    )


def _from_article(article: Article, file_name: str) -> TagResult:
    tagged = tag_text(article.text, article.published)
    document = skeleton(article.text, article.title or article.id, article.published)
    return TagResult(
        source=article.source,
        title=article.title,
        published=article.published,
        expressions=tuple(to_time_expression(article, t) for t in tagged),
        timeml=annotate(document, tagged),
        file_name=file_name,
    )


def tag_inputs(paths: Sequence[str], published: Sequence[dt.date]) -> list[TagResult]:
    """Tag every input; TimeML files keep their DCT unless a date is given for them."""
    units: list[tuple[str, str, TimemlDocument | Article]] = []
    expanded = expand_inputs(paths)
    if expanded.problems:
        raise InputError(expanded.problems[0])
    for path in expanded.files:
        if path.lower().endswith(".tml"):
            name, text = read_source(path)
            try:
                units.append((name, text, parse_timeml(text, name)))
            except TimemlError as error:
                raise InputError(f"{name}: not valid TimeML ({error})") from None
            continue
        for item in read_input(path):
            if isinstance(item, RecordProblem):
                raise InputError(item.message)
            if isinstance(item, Article):
                units.append((item.source, item.text, item))
    check_published_count(len(published), len(units))
    days = list(published) * len(units) if len(published) == 1 else list(published)
    results: list[TagResult] = []
    per_file: dict[str, int] = {}
    for index, (name, text, unit) in enumerate(units):
        day = days[index] if days else None
        if isinstance(unit, TimemlDocument):
            results.append(_from_timeml(name, text, unit, day))
            continue
        article = apply_published([unit], [day])[0] if day else unit
        count = per_file[name] = per_file.get(name, 0) + 1
        stem = Path(name).stem if name != "<stdin>" else "stdin"
        results.append(
            _from_article(article, f"{stem}.tml" if count == 1 else f"{stem}-{count}.tml")
        )
    return results


def expressions_json(results: Sequence[TagResult]) -> str:
    """A list of expressions for one article; one object per article for several."""

    def expression_dicts(result: TagResult) -> list[dict[str, object]]:
        return [
            e.model_dump(mode="json", exclude_none=True) | {"value": e.value}
            for e in result.expressions
        ]

    if len(results) == 1:
        document: object = expression_dicts(results[0])
    else:
        document = [
            {
                "source": r.source,
                "title": r.title,
                "published": r.published.isoformat() if r.published else None,
                "expressions": expression_dicts(r),
            }
            for r in results
        ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _unique_names(results: Sequence[TagResult]) -> list[str]:
    names: list[str] = []
    for result in results:
        name, number = result.file_name, 1
        while name in names:
            number += 1
            name = f"{Path(result.file_name).stem}-{number}.tml"
        names.append(name)
    return names


def run_tag(paths: Sequence[str], published: Sequence[str], fmt: str, output: Path | None) -> None:
    days = [parse_published(raw) for raw in published]
    results = tag_inputs(paths, days)
    for result in results:
        if result.published is None:
            label = f"{result.source} ({result.title!r})" if result.title else result.source
            print(
                f"timeline: warning: {label}: no publication date in its metadata or text; "
                "relative dates (on Friday, last week) stay unresolved; give -p YYYY-MM-DD",
                file=sys.stderr,
            )
    if fmt == "json":
        emit(expressions_json(results), output)
        return
    if output is not None and output.is_dir():
        for result, name in zip(results, _unique_names(results), strict=True):
            write_atomic(output / name, result.timeml)
        return
    if len(results) > 1:
        raise InputError("-f timeml with several articles needs -o DIR (an existing folder)")
    emit(results[0].timeml, output)
