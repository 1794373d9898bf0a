"""TempEval-3 Task A temporal-expression scores, implemented from the task's definitions.

The official toolkit (TE3-evaluation.py: TimeML-Normalizer, then
evaluate_entities.py) is Python 2 plus Java, so we reimplement its measures to
get the same numbers in-process. What it actually does, and we mirror:

* Only TIMEX3 inside <TEXT> count; the DCT is never scored.
* Gold and system tags are first paired one-to-one (the normalizer gives an
  overlapping system tag the gold tag's id; evaluation then matches by id).
  A second system tag overlapping an already-paired gold tag stays unpaired and
  is a false positive, even for relaxed scores; likewise a system tag spanning
  two gold tags pairs with one of them and the other is missed.
* Strict = a pair with the same extent; relaxed = any pair. P = matched/system,
  R = matched/gold, F1 their harmonic mean.
* Value and type are judged over relaxed pairs only: attribute F1 =
  (correct attributes / relaxed pairs) x relaxed F1, which equals the F1 of
  P = correct/system and R = correct/gold.
* Tags with blank text are counted but can never match (as in the toolkit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from timeline.timeml import TimemlDocument, TimemlTimex, read_timeml

__all__ = [
    "DocumentResult",
    "EvalReport",
    "ExtentScores",
    "MatchCounts",
    "MatchError",
    "TextMismatchError",
    "evaluate_directories",
    "format_errors",
    "format_report",
    "report_to_dict",
    "score_documents",
]

ErrorKind = Literal["missed", "spurious", "wrong_value", "wrong_type", "wrong_extent"]


class TextMismatchError(ValueError):
    """Gold and system texts differ, so offsets cannot be compared (the toolkit stops too)."""


@dataclass(frozen=True)
class ExtentScores:
    """Precision, recall and F1 as fractions in [0, 1]."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class MatchCounts:
    """Raw counts, kept so scores over many runs can be pooled or re-derived."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: MatchCounts) -> MatchCounts:
        return MatchCounts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )


@dataclass(frozen=True)
class MatchError:
    """One disagreement; a relaxed pair can yield several (extent, value and type)."""

    kind: ErrorKind
    document: str
    gold: TimemlTimex | None
    system: TimemlTimex | None


@dataclass(frozen=True)
class DocumentResult:
    """Counts and errors of one document, for finding where a system goes wrong."""

    name: str
    counts: MatchCounts
    errors: tuple[MatchError, ...]


@dataclass(frozen=True)
class EvalReport:
    """Corpus-level (micro-averaged) scores plus the per-document detail behind them."""

    strict: ExtentScores
    relaxed: ExtentScores
    value_f1: float
    type_f1: float
    counts: MatchCounts
    documents: tuple[DocumentResult, ...]
    missing_system_files: tuple[str, ...] = field(default=())

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed pairs with the right value (the toolkit's 'accuracy')."""
        return _ratio(self.counts.value, self.counts.relaxed)

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed pairs with the right type."""
        return _ratio(self.counts.type, self.counts.relaxed)

    @property
    def errors(self) -> tuple[MatchError, ...]:
        """All documents' errors, in document order."""
        return tuple(error for doc in self.documents for error in doc.errors)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _scores(matched: int, gold: int, system: int) -> ExtentScores:
    """P/R/F1; nothing to find and nothing found counts as perfect, as in the toolkit."""
    if gold == 0 and system == 0:
        return ExtentScores(1.0, 1.0, 1.0)
    precision, recall = _ratio(matched, system), _ratio(matched, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ExtentScores(precision, recall, f1)


def _overlaps(a: TimemlTimex, b: TimemlTimex) -> bool:
    return a.start < b.end and b.start < a.end


def _pair(
    gold: Sequence[TimemlTimex], system: Sequence[TimemlTimex]
) -> list[tuple[TimemlTimex, TimemlTimex]]:
    """One-to-one pairing: identical extents first, then the earliest overlapping tag."""
    free = [s for s in system if s.text.strip()]
    pairs: dict[int, TimemlTimex] = {}
    for index, g in enumerate(gold):
        exact = next((s for s in free if (s.start, s.end) == (g.start, g.end)), None)
        if exact is not None and g.text.strip():
            pairs[index] = exact
            free.remove(exact)
    for index, g in enumerate(gold):
        if index in pairs or not g.text.strip():
            continue
        overlapping = next((s for s in free if _overlaps(g, s)), None)
        if overlapping is not None:
            pairs[index] = overlapping
            free.remove(overlapping)
    return [(gold[index], pairs[index]) for index in sorted(pairs)]


def _score_document(gold: TimemlDocument, system: TimemlDocument) -> DocumentResult:
    if gold.text != system.text:
        at = next(
            (i for i, (a, b) in enumerate(zip(gold.text, system.text, strict=False)) if a != b),
            min(len(gold.text), len(system.text)),
        )
        raise TextMismatchError(
            f"{gold.name}: system text differs from gold at offset {at}: "
            f"gold {gold.text[at : at + 30]!r} vs system {system.text[at : at + 30]!r}"
        )
    by_position = sorted(gold.timexes, key=lambda t: (t.start, t.end))
    system_sorted = sorted(system.timexes, key=lambda t: (t.start, t.end))
    pairs = _pair(by_position, system_sorted)
    paired_gold = {id(g) for g, _ in pairs}
    paired_system = {id(s) for _, s in pairs}
    events: list[tuple[int, int, MatchError]] = []

    def note(kind: ErrorKind, g: TimemlTimex | None, s: TimemlTimex | None) -> None:
        anchor = g if g is not None else s
        assert anchor is not None
        events.append((anchor.start, anchor.end, MatchError(kind, gold.name, g, s)))

    strict = value = type_ = 0
    for g, s in pairs:
        same_extent = (g.start, g.end) == (s.start, s.end)
        strict += same_extent
        value += g.value == s.value
        type_ += g.type == s.type
        if not same_extent:
            note("wrong_extent", g, s)
        if g.value != s.value:
            note("wrong_value", g, s)
        if g.type != s.type:
            note("wrong_type", g, s)
    for g in by_position:
        if id(g) not in paired_gold:
            note("missed", g, None)
    for s in system_sorted:
        if id(s) not in paired_system:
            note("spurious", None, s)
    events.sort(key=lambda item: (item[0], item[1]))
    counts = MatchCounts(len(gold.timexes), len(system.timexes), strict, len(pairs), value, type_)
    return DocumentResult(gold.name, counts, tuple(error for _, _, error in events))


def _report(results: Sequence[DocumentResult], missing: Sequence[str] = ()) -> EvalReport:
    total = sum((r.counts for r in results), MatchCounts())
    relaxed = _scores(total.relaxed, total.gold, total.system)
    nothing = total.gold == 0 and total.system == 0
    return EvalReport(
        strict=_scores(total.strict, total.gold, total.system),
        relaxed=relaxed,
        value_f1=1.0 if nothing else _ratio(total.value, total.relaxed) * relaxed.f1,
        type_f1=1.0 if nothing else _ratio(total.type, total.relaxed) * relaxed.f1,
        counts=total,
        documents=tuple(results),
        missing_system_files=tuple(missing),
    )


def score_documents(pairs: Iterable[tuple[TimemlDocument, TimemlDocument]]) -> EvalReport:
    """Score (gold, system) document pairs, pooling counts over all documents.

    Raises TextMismatchError when a pair's plain texts differ.
    """
    return _report([_score_document(gold, system) for gold, system in pairs])


def evaluate_directories(gold_dir: Path, system_dir: Path) -> EvalReport:
    """Score every *.tml under `gold_dir` against the same relative path under `system_dir`.

    A missing system file scores as all of its gold tags missed (not skipped,
    which would flatter a system that crashed on hard documents) and is listed
    in `missing_system_files`. System files without a gold file are ignored.
    Raises FileNotFoundError when `gold_dir` holds no .tml file.
    """
    if not gold_dir.is_dir():
        raise NotADirectoryError(f"gold directory not found: {gold_dir}")
    if not system_dir.is_dir():
        raise NotADirectoryError(f"system directory not found: {system_dir}")
    results: list[DocumentResult] = []
    missing: list[str] = []
    gold_paths = sorted(gold_dir.rglob("*.tml"))
    if not gold_paths:  # almost always a wrong path; a perfect empty score would hide it
        raise FileNotFoundError(f"no .tml files under gold directory {gold_dir}")
    for gold_path in gold_paths:
        relative = gold_path.relative_to(gold_dir)
        gold = read_timeml(gold_path)
        system_path = system_dir / relative
        if system_path.is_file():
            results.append(_score_document(gold, read_timeml(system_path)))
            continue
        missing.append(relative.as_posix())
        empty = TimemlDocument(gold.name, gold.docid, gold.dct, gold.text, ())
        results.append(_score_document(gold, empty))
    return _report(results, missing)


def _pct(fraction: float) -> str:
    return f"{100 * fraction:.2f}"


def format_report(report: EvalReport) -> str:
    """A small aligned table in percent, laid out like the toolkit's own summary."""
    c = report.counts
    value = _scores(c.value, c.gold, c.system)
    type_ = _scores(c.type, c.gold, c.system)
    if c.gold == 0 and c.system == 0:
        value = type_ = ExtentScores(1.0, 1.0, 1.0)
    rows = [
        ("strict", report.strict, c.strict),
        ("relaxed", report.relaxed, c.relaxed),
        ("value", ExtentScores(value.precision, value.recall, report.value_f1), c.value),
        ("type", ExtentScores(type_.precision, type_.recall, report.type_f1), c.type),
    ]
    lines = [
        f"TIMEX3 (TempEval-3 Task A): {len(report.documents)} documents, "
        f"{c.gold} gold, {c.system} system",
        f"{'measure':<8} {'P':>7} {'R':>7} {'F1':>7} {'count':>7}",
    ]
    for label, scores, count in rows:
        lines.append(
            f"{label:<8} {_pct(scores.precision):>7} {_pct(scores.recall):>7} "
            f"{_pct(scores.f1):>7} {count:>7}"
        )
    lines.append(
        f"attribute accuracy over {c.relaxed} relaxed matches: "
        f"value {_pct(report.value_accuracy)}, type {_pct(report.type_accuracy)}"
    )
    if report.missing_system_files:
        lines.append(
            f"missing system files ({len(report.missing_system_files)}, scored as all missed): "
            + ", ".join(report.missing_system_files)
        )
    return "\n".join(lines)


def _timex_dict(timex: TimemlTimex | None) -> dict[str, Any] | None:
    if timex is None:
        return None
    return {
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "type": timex.type,
        "value": timex.value,
        "mod": timex.mod,
    }


def _counts_dict(counts: MatchCounts) -> dict[str, int]:
    return {
        "gold": counts.gold,
        "system": counts.system,
        "strict_matches": counts.strict,
        "relaxed_matches": counts.relaxed,
        "correct_values": counts.value,
        "correct_types": counts.type,
    }


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """A JSON-ready view (fractions, not percent) for --json and CI comparisons."""

    def scores(s: ExtentScores) -> dict[str, float]:
        return {"precision": s.precision, "recall": s.recall, "f1": s.f1}

    return {
        "strict": scores(report.strict),
        "relaxed": scores(report.relaxed),
        "value_f1": report.value_f1,
        "type_f1": report.type_f1,
        "value_accuracy": report.value_accuracy,
        "type_accuracy": report.type_accuracy,
        "counts": _counts_dict(report.counts),
        "documents": [
            {
                "name": doc.name,
                "counts": _counts_dict(doc.counts),
                "errors": [
                    {
                        "kind": e.kind,
                        "gold": _timex_dict(e.gold),
                        "system": _timex_dict(e.system),
                    }
                    for e in doc.errors
                ],
            }
            for doc in report.documents
        ],
        "missing_system_files": list(report.missing_system_files),
    }


def _describe(timex: TimemlTimex | None) -> str:
    if timex is None:
        return "-"
    mod = f" mod={timex.mod}" if timex.mod else ""
    return f"{timex.start}-{timex.end} {timex.text!r} {timex.type} {timex.value}{mod}"


def format_errors(report: EvalReport, kinds: Iterable[ErrorKind] | None = None) -> str:
    """Errors side by side with the gold, grouped by document, for studying misses.

    By default lists misses, spurious tags and wrong values (the errors that
    move the headline value F1); pass `kinds` to choose others.
    """
    wanted = set(kinds) if kinds is not None else {"missed", "spurious", "wrong_value"}
    lines: list[str] = []
    for doc in report.documents:
        errors = [e for e in doc.errors if e.kind in wanted]
        if not errors:
            continue
        lines.append(f"== {doc.name}")
        rows = [(e.kind, _describe(e.gold), _describe(e.system)) for e in errors]
        width = max(len(gold) for _, gold, _ in rows)
        lines.extend(
            f"  {kind:<12} gold {gold:<{width}}  | system {sys}" for kind, gold, sys in rows
        )
    for name in report.missing_system_files:
        lines.append(f"== {name}: no system file")
    return "\n".join(lines) if lines else "no errors"
