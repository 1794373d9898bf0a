"""``timeline eval``: our tagger (or a system's TimeML output) scored against gold TimeML."""

from __future__ import annotations

import json
from pathlib import Path

from timeline.errors import InputError
from timeline.evaluation import (
    EvalReport,
    evaluate_directories,
    format_errors,
    format_report,
    report_to_dict,
    score_documents,
)
from timeline.temporal import tag_text
from timeline.temporal.resolver import Mode
from timeline.timeml import TimemlDocument, TimemlError, TimemlTimex, read_timeml


def tag_document(gold: TimemlDocument, mode: Mode = "auto") -> TimemlDocument:
    """Our annotation of a gold document's text, against its own creation time."""
    timexes = tuple(
        TimemlTimex(t.start, t.end, t.text, t.type, t.value, t.mod, None)
        for t in tag_text(gold.text, gold.dct, mode=mode)
    )
    return TimemlDocument(gold.name, gold.docid, gold.dct, gold.text, timexes)


def _gold_files(gold_dir: Path) -> list[Path]:
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: not a folder; give the folder holding the gold .tml files")
    files = sorted(gold_dir.glob("*.tml"))
    if not files:
        raise InputError(f"{gold_dir}: holds no .tml files")
    return files


def evaluate_tagger(gold_dir: Path, mode: Mode = "auto") -> EvalReport:
    pairs = []
    for path in _gold_files(gold_dir):
        try:
            gold = read_timeml(path)
        except TimemlError as error:
            raise InputError(f"{path}: not valid TimeML ({error})") from None
        pairs.append((gold, tag_document(gold, mode)))
    return score_documents(pairs)


def run_eval(
    gold_dir: Path,
    system_dir: Path | None,
    *,
    as_json: bool,
    errors: bool,
    mode: Mode = "auto",
) -> str:
    if system_dir is None:
        report = evaluate_tagger(gold_dir, mode)
    else:
        _gold_files(gold_dir)
        if not system_dir.is_dir():
            raise InputError(f"{system_dir}: not a folder of system .tml files")
        try:
            report = evaluate_directories(gold_dir, system_dir)
        except (TimemlError, ValueError) as error:
            raise InputError(str(error)) from None
    if as_json:
        return json.dumps(report_to_dict(report), indent=2) + "\n"
    text = format_report(report)
    if errors:
        text += "\n" + format_errors(report)
    return text if text.endswith("\n") else text + "\n"
