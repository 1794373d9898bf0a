"""Compiled rule patterns kept between runs: the same matches as compiling them, and a cache
that is only ever a cache (missing, damaged, stale or unwritable, it costs compile time)."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import rule_cache
from timeline.rule_cache import CACHE_ENV, cache_file, warm_rules
from timeline.temporal import compile_rules, patterns
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.openings import with_opening
from timeline.temporal.programs import (
    compile_program,
    dump_programs,
    load_programs,
    pattern_from,
)
from timeline.temporal.rules import build_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _texts() -> list[str]:
    rules = build_rules(load_lexicon())
    examples = "\n".join(text for rule in rules for text, _, _ in rule.examples)
    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    return [examples, *samples, "ſome ſix years ago; İn early 2001; Q4 1999; noon."]


def test_a_rule_made_from_its_saved_program_matches_as_the_compiled_rule() -> None:
    texts = _texts()
    table = dump_programs(compile_rules())
    loaded = load_programs(table)
    assert loaded, "this Python's programs load back"
    for rule in build_rules(load_lexicon()):
        source = with_opening(rule.pattern.source, rule.pattern.flags)
        compiled = re.compile(source, rule.pattern.flags)
        key, _ = rule.pattern.load({})
        restored = pattern_from(source, loaded[key])
        assert (restored.pattern, restored.flags, restored.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groupindex,
        ), rule.name
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in compiled.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in restored.finditer(text)] == expected


def test_a_program_keeps_flags_and_group_names() -> None:
    pattern, program = compile_program(r"(?P<day>\d+)\s+(?i:may)", re.VERBOSE)
    assert program is not None
    again = pattern_from(pattern.pattern, program)
    assert again.flags == re.compile(r"(?P<day>\d+)\s+(?i:may)", re.VERBOSE).flags
    match = again.search("on 3 MAY")
    assert match is not None and match["day"] == "3"


def test_a_bad_pattern_is_the_usual_regex_error() -> None:
    with pytest.raises(re.error):
        compile_program("(unclosed")


def test_programs_of_another_python_or_damaged_data_are_passed_over() -> None:
    good = dump_programs(compile_rules())
    _, table = marshal.loads(good)
    assert load_programs(marshal.dumps(("cpython-299 another build", table))) == {}
    assert load_programs(good[: len(good) // 2]) == {}
    assert load_programs(b"") == {}
    assert load_programs(marshal.dumps(("only a name",))) == {}


def test_a_program_the_engine_refuses_is_compiled_again() -> None:
    rule = build_rules(load_lexicon())[0]
    key, program = rule.pattern.load({})
    assert program is not None
    broken = program._replace(code=[1, 2, 3])
    with pytest.raises(RuntimeError):
        pattern_from("x", broken)
    again_key, again = rule.pattern.load({key: broken})
    assert (again_key, again) == (key, program)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_the_first_run_saves_the_programs_and_the_next_loads_them(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm_rules()
    path = cache_file()
    assert path is not None and path.parent == cache_dir and path.is_file()
    saved = path.read_bytes()
    assert len(load_programs(saved)) == len(build_rules(load_lexicon()))

    def refuse(source: str, flags: int = 0) -> None:
        raise AssertionError(f"compiled again: {source[:40]}")

    monkeypatch.setattr(patterns, "compile_program", refuse)
    warm_rules()  # every program comes from the file
    assert path.read_bytes() == saved


def test_a_damaged_cache_is_written_again(cache_dir: Path) -> None:
    cache_dir.mkdir()
    path = cache_file()
    assert path is not None
    path.write_bytes(b"\x00 not a table")
    warm_rules()
    assert len(load_programs(path.read_bytes())) == len(build_rules(load_lexicon()))


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    warm_rules()
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_an_empty_cache_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_file() is None
    monkeypatch.setattr(rule_cache, "_save", lambda *args: pytest.fail("saved"))
    warm_rules()


def test_without_a_setting_the_cache_is_the_platforms_cache_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs

    monkeypatch.delenv(CACHE_ENV, raising=False)
    path = cache_file()
    assert path is not None
    assert path.parent == Path(platformdirs.user_cache_dir("timeline", appauthor=False))
    assert path.name == f"patterns-{sys.implementation.cache_tag}.marshal"


def test_tag_writes_the_same_timeml_with_a_cold_a_warm_and_no_cache(tmp_path: Path) -> None:
    article = SAMPLES / "harbor-bridge.txt"
    outputs = []
    for setting in (str(tmp_path / "cache"), str(tmp_path / "cache"), ""):
        out = tmp_path / f"out{len(outputs)}.tml"
        command = [sys.executable, "-m", "timeline", "tag", "-p", "2024-03-14", "-f", "timeml"]
        done = subprocess.run(
            [*command, "-o", str(out), str(article)],
            capture_output=True,
            text=True,
            env={**os.environ, CACHE_ENV: setting},
        )
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] == outputs[2]
    assert "<TIMEX3" in outputs[0]
    assert (tmp_path / "cache" / f"patterns-{sys.implementation.cache_tag}.marshal").is_file()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_fills_the_cache_on_one_process_and_on_workers(tmp_path: Path, jobs: str) -> None:
    cache = tmp_path / "cache"
    articles = [str(path) for path in sorted(SAMPLES.glob("*.txt"))[:2]]
    output = ["-o", str(tmp_path / "timeline.json")]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "timeline",
            "extract",
            "-p",
            "2024-03-14",
            "-j",
            jobs,
            *articles,
            *output,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, CACHE_ENV: str(cache)},
    )
    assert done.returncode == 0, done.stderr
    path = cache / f"patterns-{sys.implementation.cache_tag}.marshal"
    assert len(load_programs(path.read_bytes())) == len(build_rules(load_lexicon()))
