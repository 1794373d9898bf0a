"""``timeline tag``: time expressions of plain articles or TimeML files, as JSON or TimeML."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from timeline.errors import InputError
from timeline.ingest.decoding import decode, is_own_xml_text
from timeline.ingest.dispatch import (
    apply_published,
    check_published_count,
    expand_inputs,
    parse_published,
    read_bytes,
    read_input,
)
from timeline.output import StagedFiles, emit, is_folder_path, new_folder, output_path
from timeline.rule_cache import restore_patterns
from timeline.temporal import TaggedExpression, compile_rules, tag_text
from timeline.temporal.resolver import Mode
from timeline.timeml import TimemlDocument, TimemlError, document_from_tree, parse_tree
from timeline.timeml_write import annotate_tree, serialize
from timeline.workers import IN_FLIGHT_PER_JOB, can_fork, ordered_map

if TYPE_CHECKING:  # pydantic loads only for plain articles or JSON output: TimeML needs neither
    from lxml import etree

    from timeline.models import Article, TimeExpression


class TagResult(NamedTuple):
    """What one article (or TimeML file) yields: its expressions and a TimeML rendering."""

    source: str
    title: str | None
    published: dt.date | None
    tagged: tuple[TaggedExpression, ...]
    timeml: str  # empty when only the expressions were asked for
    file_name: str
    offset: Callable[[int], int] | None = None  # into the text the user gave (plain articles)

    def expressions(self) -> tuple[TimeExpression, ...]:
        from timeline.events import time_expression

        if self.offset is None:
            return tuple(time_expression(t) for t in self.tagged)
        return tuple(time_expression(t, self.offset) for t in self.tagged)


class _Failure(NamedTuple):
    """An input that could not be tagged: reported, and the others go on."""

    message: str


#: Inputs per task: a worker's (fewer round trips, still a fair share for each), and the
#: batch whose files go through each step together (see ``_tag_units``).
UNITS_PER_TASK = 8


class _Unit(NamedTuple):
    """One thing to tag: a TimeML file (read by whoever tags it) or an article already read."""

    name: str
    article: Article | None
    day: dt.date | None
    file_name: str
    mode: Mode
    timeml: bool  # write TimeML, or only find the expressions


def _parse_timeml(name: str) -> tuple[etree._Element, TimemlDocument]:
    """One TimeML file's tree and document (its plain text, DCT and title): parsed once,
    our tags are written into the same tree."""
    source = _xml_source(name)
    try:
        root = parse_tree(source, name)
        return root, document_from_tree(root, name, timexes=False)
    except TimemlError as error:
        if isinstance(source, bytes):  # undecoded: a binary file is told as one
            decode(source, name)
        reason = str(error).removeprefix(f"{name}: ")  # the parser names the file too
        raise InputError(f"{name}: not valid TimeML ({reason})") from None


class _Parsed(NamedTuple):
    """A TimeML file of a batch, read and parsed, waiting to be tagged and written."""

    place: int  # its place in the batch
    root: etree._Element
    document: TimemlDocument
    reference: dt.date | None  # the date it is tagged against: the one given, or its DCT


def _timeml_result(unit: _Unit, parsed: _Parsed, tagged: list[TaggedExpression]) -> TagResult:
    if unit.timeml:
        annotate_tree(parsed.root, tagged, strict=False)
    return TagResult(
        source=unit.name,
        title=parsed.document.docid,
        published=parsed.reference,
        tagged=tuple(tagged),
        timeml=serialize(parsed.root) if unit.timeml else "",
        file_name=unit.file_name,
    )


def _xml_source(path: str) -> str | bytes:
    """A file's text for the XML parser: plain ASCII with no CR as read, undecoded (see
    ``is_own_xml_text``: control characters make the parse fail, and :func:`_parse_timeml`
    decodes the bytes then, to report a binary file as one); anything else decoded."""
    data = read_bytes(path)
    return data if is_own_xml_text(data) else decode(data, path)


def _from_article(article: Article, file_name: str, mode: Mode, timeml: bool) -> TagResult:
    from timeline.timeml_build import annotate_text

    tagged = tag_text(article.text, article.published, mode=mode)
    title = article.title or article.id
    return TagResult(
        source=article.source,
        title=article.title,
        published=article.published,
        tagged=tuple(tagged),
        timeml=annotate_text(article.text, title, article.published, tagged) if timeml else "",
        file_name=file_name,
        offset=article.source_offset,
    )


def _tag_article(unit: _Unit, article: Article) -> TagResult:
    if unit.day:
        article = apply_published([article], [unit.day])[0]
    return _from_article(article, unit.file_name, unit.mode, unit.timeml)


def _tag_units(units: Sequence[_Unit]) -> list[TagResult | _Failure]:
    """Each unit's result, in order; a TimeML file that cannot be read is a failure.

    The TimeML files are read and parsed first, then tagged, then written, each step for
    all of them: each step's code and tables then stay in the processor's caches from one
    file to the next, where taking each file through every step evicted them (a whole run
    over TempEval-3, in batches of :data:`UNITS_PER_TASK`: about 5% less CPU).
    """
    results: list[TagResult | _Failure | None] = [None] * len(units)
    parsed: list[_Parsed] = []
    for index, unit in enumerate(units):
        if unit.article is not None:
            results[index] = _tag_article(unit, unit.article)
            continue
        try:
            root, document = _parse_timeml(unit.name)
        except InputError as error:
            results[index] = _Failure(str(error))
            continue
        parsed.append(_Parsed(index, root, document, unit.day or document.dct))
    tagged = [
        tag_text(item.document.text, item.reference, mode=units[item.place].mode) for item in parsed
    ]
    for item, expressions in zip(parsed, tagged, strict=True):
        results[item.place] = _timeml_result(units[item.place], item, expressions)
    done = [result for result in results if result is not None]
    assert len(done) == len(units), "every unit has its result"
    return done


def _read_articles(path: str) -> Iterator[Article]:
    from timeline.ingest.records import OwnOutputError, RecordProblem
    from timeline.models import Article

    try:
        for item in read_input(path):
            if isinstance(item, RecordProblem):
                if not item.skipped:
                    raise InputError(item.message)
            elif isinstance(item, Article):
                yield item
    except OwnOutputError as note:
        print(f"timeline: note: {note}", file=sys.stderr)


def _units_to_tag(
    paths: Sequence[str],
    published: Sequence[dt.date],
    mode: Mode = "auto",
    timeml: bool = True,
) -> tuple[list[_Unit], list[str]]:
    """What to tag, in order, and the inputs that could not be read: every TimeML file,
    every article of the other inputs (read now, to count them), each with its date; TimeML
    files keep their DCT unless one is given. With ``timeml`` off, the results will hold the
    expressions only (for JSON)."""
    expanded = expand_inputs(paths)
    problems = list(expanded.problems)
    found: list[tuple[str, Article | None]] = []
    for path in expanded.files:
        if path.lower().endswith(".tml"):
            found.append((path, None))
            continue
        try:
            found.extend((article.source, article) for article in _read_articles(path))
        except InputError as error:
            problems.append(str(error))
    check_published_count(len(published), len(found))
    days = list(published) * len(found) if len(published) == 1 else list(published)
    units: list[_Unit] = []
    per_file: dict[str, int] = {}
    for index, (name, article) in enumerate(found):
        file_name = os.path.basename(name)  # noqa: PTH119 - per file: no Path made
        if article is not None:
            count = per_file[name] = per_file.get(name, 0) + 1
            stem = Path(name).stem if name != "<stdin>" else "stdin"
            file_name = f"{stem}.tml" if count == 1 else f"{stem}-{count}.tml"
        day = days[index] if days else None
        units.append(_Unit(name, article, day, file_name, mode, timeml))
    return units, problems


def _tag_all(units: Sequence[_Unit], jobs: int = 1) -> Iterator[TagResult | _Failure]:
    """The results in order, as they come.

    ``jobs`` worker processes share the work; where they can be forked (Linux, other
    Unixes), they are forked once the patterns are compiled, so each starts ready. The
    results are the same.
    """
    if jobs > 1:
        # Here, once: forked workers start with them, and this process saves them for the
        # next run's spawned workers to restore.
        compile_rules()
    size = UNITS_PER_TASK
    if jobs > 1:
        size = max(1, min(size, len(units) // (jobs * IN_FLIGHT_PER_JOB)))
    tasks = [units[at : at + size] for at in range(0, len(units), size)]
    if jobs > 1 and can_fork():
        results = ordered_map(_tag_units, tasks, jobs, start="fork")
    else:
        results = ordered_map(_tag_units, tasks, jobs, prepare=partial(restore_patterns, "tag"))
    for batch in results:
        yield from batch


def expressions_json(results: Sequence[TagResult]) -> str:
    """A list of expressions for one article; one object per article for several."""

    def expression_dicts(result: TagResult) -> list[dict[str, object]]:
        return [
            e.model_dump(mode="json", exclude_none=True) | {"value": e.value}
            for e in result.expressions()
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
    import json  # here: a TimeML run writes none

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _unique_names(units: Sequence[_Unit]) -> list[str]:
    names: list[str] = []
    taken: set[str] = set()
    for unit in units:
        name, number = unit.file_name, 1
        while name in taken:
            number += 1
            name = f"{Path(unit.file_name).stem}-{number}.tml"
        names.append(name)
        taken.add(name)
    return names


class _Tally:
    """Inputs tagged and failed; with several inputs each failure is reported on stderr as
    it comes, a single input's failure is the command's one-line error."""

    def __init__(self, inputs: int) -> None:
        self.inputs = inputs
        self.tagged = 0
        self.failed = 0
        self.last_failure = ""

    def fail(self, message: str) -> None:
        if self.inputs > 1:
            print(f"timeline: {message}", file=sys.stderr)
        self.failed += 1
        self.last_failure = message

    def good(self, outcome: TagResult | _Failure) -> TagResult | None:
        if isinstance(outcome, _Failure):
            self.fail(outcome.message)
            return None
        self.tagged += 1
        return _warn_if_undated(outcome)

    def exit_code(self) -> int:
        """0, or 2 when an input failed (after the others were tagged and written)."""
        if not self.failed:
            return 0
        if self.inputs == 1:
            raise InputError(self.last_failure)
        print(
            f"timeline: {self.tagged + self.failed} inputs ({self.tagged} tagged, "
            f"{self.failed} failed)",
            file=sys.stderr,
        )
        if not self.tagged:
            raise InputError("no input could be tagged; nothing written")
        return 2


def _warn_if_undated(result: TagResult) -> TagResult:
    if result.published is None:
        from timeline.batch_report import undated_warning  # only then: it loads a dataclass

        label = f"{result.source} ({result.title!r})" if result.title else result.source
        print(f"timeline: {undated_warning(label)}", file=sys.stderr)
    return result


def _names_a_file(output: str) -> bool:
    """An existing file, or a new name that reads as one ("out.tml"): never made a folder."""
    path = Path(output)
    if is_folder_path(output) or path.is_dir():
        return False
    return path.exists() or path.suffix.lower() in (".tml", ".xml", ".timeml")


def run_tag(
    paths: Sequence[str],
    published: Sequence[str],
    fmt: str,
    output: str | None,
    mode: Mode = "auto",
    jobs: int = 1,
) -> int:
    """TimeML for several inputs, or with ``-o DIR/`` or an existing folder, goes to a folder
    (created if missing), one file per input; otherwise one document to a file or stdout.

    A bad input is reported and the others go on; the exit code is then 2. Files for a
    folder are written as their inputs are done, each to a temporary file, and renamed into
    place together at the end: a run that stops (a full disk, a signal) leaves the folder as
    it was.
    """
    days = [parse_published(raw) for raw in published]
    units, problems = _units_to_tag(paths, days, mode, timeml=fmt == "timeml")
    tally = _Tally(inputs=len(units) + len(problems))
    for problem in problems:
        tally.fail(problem)
    if not units and not problems:
        raise InputError("no articles in the inputs; nothing written")
    if fmt == "json":
        results = [r for r in map(tally.good, _tag_all(units, jobs)) if r is not None]
        code = tally.exit_code()
        emit(expressions_json(results), output_path(output, "expressions.json"))
        return code
    wants_folder = output is not None and (
        is_folder_path(output) or Path(output).is_dir() or len(units) > 1
    )
    if output is not None and wants_folder and _names_a_file(output):
        raise InputError(
            f"{output}: {len(units)} articles make {len(units)} TimeML documents, one file "
            "each; give a folder (-o DIR/)"
        )
    if output is not None and output != "-" and wants_folder:
        with new_folder(Path(output)) as folder, StagedFiles() as staged:
            for outcome, name in zip(_tag_all(units, jobs), _unique_names(units), strict=True):
                result = tally.good(outcome)
                if result is not None:
                    staged.add(folder / name, result.timeml)
            code = tally.exit_code()
            staged.commit()
        return code
    if len(units) > 1:
        raise InputError("-f timeml with several articles needs -o DIR (a folder)")
    only = next(_tag_all(units, 1), None) if units else None
    result = tally.good(only) if only is not None else None
    code = tally.exit_code()
    if result is not None:
        emit(result.timeml, output_path(output, result.file_name))
    return code
