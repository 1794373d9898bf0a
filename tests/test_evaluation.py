"""TempEval-3 Task A scoring: small hand-made cases plus the published HeidelTime figures."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from timeline.evaluation import (
    EvalReport,
    TextMismatchError,
    evaluate_directories,
    format_errors,
    format_report,
    report_to_dict,
    score_documents,
)
from timeline.timeml import TimemlDocument, TimemlTimex, parse_timeml

HEADER = (
    '<TimeML><DOCID>d</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
    'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\n'
)


def doc(body: str, name: str = "d.tml") -> TimemlDocument:
    """A document whose <TEXT> is `body` (inline TIMEX3 tags allowed)."""
    return parse_timeml(f"{HEADER}<TEXT>{body}</TEXT></TimeML>", name)


def timex(text: str, value: str = "X", type_: str = "DATE") -> str:
    return f'<TIMEX3 type="{type_}" value="{value}">{text}</TIMEX3>'


def score(gold: str, system: str) -> EvalReport:
    return score_documents([(doc(gold), doc(system))])


def counts(report: EvalReport) -> tuple[int, int, int, int, int, int]:
    c = report.counts
    return (c.gold, c.system, c.strict, c.relaxed, c.value, c.type)


def test_exact_match_is_perfect_and_dct_not_counted() -> None:
    body = f"It rained {timex('last week', '1998-W01')} ."
    report = score(body, body)
    assert counts(report) == (1, 1, 1, 1, 1, 1)
    assert report.strict.f1 == report.relaxed.f1 == report.value_f1 == report.type_f1 == 1.0
    assert report.errors == ()


def test_partial_overlap_is_relaxed_but_not_strict() -> None:
    report = score(f"It rained {timex('last week')} .", f"It rained last {timex('week')} .")
    assert counts(report) == (1, 1, 0, 1, 1, 1)
    assert (report.strict.precision, report.strict.recall, report.strict.f1) == (0, 0, 0)
    assert report.relaxed.f1 == 1.0
    assert [e.kind for e in report.errors] == ["wrong_extent"]


def test_adjacent_spans_do_not_overlap() -> None:
    report = score(f"{timex('Monday')} morning", f"Monday {timex('morning')}")
    assert counts(report) == (1, 1, 0, 0, 0, 0)
    assert [e.kind for e in report.errors] == ["missed", "spurious"]


def test_value_and_type_are_judged_over_relaxed_matches_only() -> None:
    gold = f"{timex('Monday', '1998-01-05')} and {timex('May', '1998-05')} and {timex('June')}"
    system = f"{timex('Monday', '1998-01-12')} and {timex('May', 'P1M', 'DURATION')} and June"
    report = score(gold, system)
    assert counts(report) == (3, 2, 2, 2, 0, 1)
    relaxed_f1 = 2 * (2 / 2) * (2 / 3) / (2 / 2 + 2 / 3)
    assert report.relaxed.f1 == pytest.approx(relaxed_f1)
    assert report.value_f1 == 0.0
    assert report.type_f1 == pytest.approx(0.5 * relaxed_f1)
    assert report.value_accuracy == 0.0
    assert report.type_accuracy == 0.5
    kinds = sorted(e.kind for e in report.errors)
    assert kinds == ["missed", "wrong_type", "wrong_value", "wrong_value"]


def test_gold_overlapped_by_two_system_tags_pairs_once() -> None:
    # The toolkit pairs tags one-to-one: the second overlapping system tag is a false positive.
    gold = f"{timex('5 p.m. EST Nov. 9', 'A')} ."
    system = f"{timex('5 p.m.', 'B')} EST {timex('Nov. 9', 'A')} ."
    report = score(gold, system)
    assert counts(report) == (1, 2, 0, 1, 0, 1)  # paired with the first tag, whose value is wrong
    assert report.relaxed.precision == 0.5
    assert report.relaxed.recall == 1.0
    spurious = [e for e in report.errors if e.kind == "spurious"]
    assert [e.system.text for e in spurious if e.system] == ["Nov. 9"]


def test_system_tag_spanning_two_gold_tags_pairs_once() -> None:
    gold = f"{timex('Thursday', 'D')}, {timex('Jan. 6', 'D')} ."
    system = f"{timex('Thursday, Jan. 6', 'D')} ."
    report = score(gold, system)
    assert counts(report) == (2, 1, 0, 1, 1, 1)
    missed = [e.gold.text for e in report.errors if e.kind == "missed" and e.gold]
    assert missed == ["Jan. 6"]


def test_exact_extent_wins_over_an_earlier_overlap() -> None:
    # Overlapping system tags cannot come from TimeML, but may from a buggy system in memory.
    gold = doc(f"{timex('a b', 'G')} c")
    shorter = TimemlTimex(0, 1, "a", "DATE", "W", None, None)
    system = replace(gold, timexes=(shorter, *gold.timexes))
    report = score_documents([(gold, system)])
    assert counts(report) == (1, 2, 1, 1, 1, 1)
    assert [e.kind for e in report.errors] == ["spurious"]


def test_blank_timexes_count_but_never_match() -> None:
    report = score(f"a {timex(' ')} b", f"a {timex(' ')} b")
    assert counts(report) == (1, 1, 0, 0, 0, 0)


def test_counts_pool_over_documents() -> None:
    first = (doc(f"{timex('today')}"), doc("today"))
    second = (doc(f"{timex('now')}"), doc(f"{timex('now')}"))
    report = score_documents([first, second])
    assert counts(report) == (2, 1, 1, 1, 1, 1)
    assert report.relaxed.precision == 1.0
    assert report.relaxed.recall == 0.5
    assert [d.counts.gold for d in report.documents] == [1, 1]


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    report = score("no dates", "no dates")
    assert report.strict.f1 == report.relaxed.f1 == report.value_f1 == report.type_f1 == 1.0
    assert score_documents([]).relaxed.f1 == 1.0


def test_nothing_found_scores_zero() -> None:
    report = score(f"{timex('today')}", "today")
    assert (report.relaxed.precision, report.relaxed.recall, report.relaxed.f1) == (0, 0, 0)
    assert report.value_f1 == report.type_f1 == 0.0


def test_text_mismatch_is_refused() -> None:
    with pytest.raises(TextMismatchError, match="offset 4"):
        score("the cat", "the dog")


def test_evaluate_directories_counts_missing_system_file_as_missed(tmp_path: Path) -> None:
    gold_dir, system_dir = tmp_path / "gold", tmp_path / "system"
    (gold_dir / "sub").mkdir(parents=True)
    (system_dir / "sub").mkdir(parents=True)
    for directory, body in ((gold_dir, f"{timex('today')}"), (system_dir, f"{timex('today')}")):
        (directory / "a.tml").write_text(f"{HEADER}<TEXT>{body}</TEXT></TimeML>", "utf-8")
    (gold_dir / "sub" / "b.tml").write_text(
        f"{HEADER}<TEXT>{timex('now')} {timex('then')}</TEXT></TimeML>", "utf-8"
    )
    (system_dir / "extra.tml").write_text(f"{HEADER}<TEXT>x</TEXT></TimeML>", "utf-8")
    report = evaluate_directories(gold_dir, system_dir)
    assert report.missing_system_files == ("sub/b.tml",)
    assert counts(report) == (3, 1, 1, 1, 1, 1)
    assert [d.name for d in report.documents] == ["a.tml", "b.tml"]
    assert "missing system files (1, scored as all missed): sub/b.tml" in format_report(report)
    assert "sub/b.tml: no system file" in format_errors(report)
    with pytest.raises(NotADirectoryError):
        evaluate_directories(tmp_path / "nope", system_dir)
    with pytest.raises(FileNotFoundError, match=r"no \.tml files"):
        evaluate_directories(system_dir / "sub", system_dir)


def test_format_report_is_an_aligned_percent_table() -> None:
    report = score(f"{timex('last week')} {timex('May', 'M')}", f"last {timex('week')} May")
    text = format_report(report)
    lines = text.splitlines()
    assert lines[0] == "TIMEX3 (TempEval-3 Task A): 1 documents, 2 gold, 1 system"
    assert lines[1].split() == ["measure", "P", "R", "F1", "count"]
    assert lines[2].split() == ["strict", "0.00", "0.00", "0.00", "0"]
    assert lines[3].split() == ["relaxed", "100.00", "50.00", "66.67", "1"]
    assert lines[4].split() == ["value", "100.00", "50.00", "66.67", "1"]
    assert len({len(line) for line in lines[1:6]}) == 1


def test_report_to_dict_is_json_ready() -> None:
    report = score(f"{timex('last week', 'A')}", f"last {timex('week', 'B')}")
    data = report_to_dict(report)
    assert json.loads(json.dumps(data)) == data
    assert data["counts"] == {
        "gold": 1,
        "system": 1,
        "strict_matches": 0,
        "relaxed_matches": 1,
        "correct_values": 0,
        "correct_types": 1,
    }
    assert data["relaxed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    errors = data["documents"][0]["errors"]
    assert [e["kind"] for e in errors] == ["wrong_extent", "wrong_value"]
    assert errors[1]["gold"]["value"] == "A"
    assert errors[1]["system"]["text"] == "week"


def test_format_errors_shows_gold_beside_system() -> None:
    report = score(
        f"{timex('Friday', '1998-01-09')} {timex('noon', 'T12')} later",
        f"{timex('Friday', '1998-01-02')} noon {timex('later', 'FUTURE_REF')}",
    )
    text = format_errors(report)
    assert text.splitlines()[0] == "== d.tml"
    assert "wrong_value  gold 0-6 'Friday' DATE 1998-01-09" in text
    assert "| system 0-6 'Friday' DATE 1998-01-02" in text
    assert "missed       gold 7-11 'noon' DATE T12" in text
    assert "spurious     gold -" in text
    assert format_errors(score("x", "x")) == "no errors"
    assert "wrong_value" not in format_errors(report, kinds=["missed"])


# Official TempEval-3 toolkit figures for HeidelTime (see ../shared/reference/README.md).
REFERENCE = {
    ("TimeBank", "heideltime-timebank"): (85.18, 91.78, 79.40, 89.50),
    ("AQUAINT", "heideltime-aquaint"): (81.17, 92.35, 72.91, 84.26),
}


@pytest.mark.parametrize(("corpus", "system"), sorted(REFERENCE))
def test_reproduces_official_heideltime_figures(shared_dir: Path, corpus: str, system: str) -> None:
    gold_dir = shared_dir / "corpora" / "te3-tbaq" / corpus
    system_dir = shared_dir / "reference" / system
    report = evaluate_directories(gold_dir, system_dir)
    assert report.missing_system_files == ()
    measured = (report.strict.f1, report.relaxed.f1, report.value_f1, report.type_f1)
    for got, expected in zip(measured, REFERENCE[(corpus, system)], strict=True):
        assert 100 * got == pytest.approx(expected, abs=0.5)
