"""Compiled patterns kept between runs: the same matches as compiling them, and a cache that
is only ever a cache (missing, damaged, foreign, stale or unwritable, it costs compile
time, never a wrong match or an error)."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from timeline import rule_cache
from timeline.programs import (
    Program,
    compile_program,
    compiled,
    dump_programs,
    load_table,
    re_internal,
    restore,
)
from timeline.rule_cache import (
    CACHE_ENV,
    Restored,
    cache_file,
    command_of,
    named_command,
    restore_patterns,
    save_patterns,
)
from timeline.temporal.lexicon import load_lexicon
from timeline.temporal.rules import build_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RULES = build_rules(load_lexicon())


def _programs_of(data: bytes) -> dict[str, Program]:
    return load_table(data)[0]


def _texts() -> list[str]:
    examples = "\n".join(text for rule in RULES for text, _, _ in rule.examples)
    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    return [examples, *samples, "ſome ſix years ago; İn early 2001; Q4 1999; noon."]


def _programs() -> dict[str, Program]:
    """Every rule's program, as the cache keeps them."""
    found = {}
    for rule in RULES:
        source = rule.pattern.full_source()
        _, program = compile_program(source, rule.pattern.flags)
        assert program is not None, rule.name
        found[source] = program
    return found


def test_a_rule_made_from_its_saved_program_matches_as_the_compiled_rule() -> None:
    texts = _texts()
    loaded = _programs_of(dump_programs(_programs()))
    assert len(loaded) == len(RULES)
    for rule in RULES:
        source = rule.pattern.full_source()
        compiled = re.compile(source, rule.pattern.flags)
        restored = restore(loaded[source], source)
        assert restored is not None, rule.name
        assert (restored.pattern, restored.flags, restored.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groupindex,
        ), rule.name
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in compiled.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in restored.finditer(text)] == expected


def _usual_code(source: str, flags: int = 0) -> list[int]:
    """The engine's code as ``re`` itself makes it."""
    parsed = re_internal("parser").parse(source, flags)
    return [int(word) for word in re_internal("compiler")._code(parsed, flags)]


def test_every_rule_opening_with_a_lookahead_class_is_searched_by_that_class() -> None:
    """The engine's search skips the places where no match can start (its optimisation
    block holds the class): without it, it enters each long rule at every character."""
    compiler = re_internal("compiler")
    told = 0
    for source, program in _programs().items():
        if source.startswith("(?="):
            assert program.code[0] == compiler.INFO, source
            assert program.code[2] & compiler.SRE_INFO_CHARSET, source
            told += 1
    assert told >= len(RULES) * 3 // 4  # nearly every rule has an opening class


@pytest.mark.parametrize(
    "source",
    [
        r"(?=[0-9A-Z])(?<![\w])(?:\d\d?|[A-Z][a-z]+)\b",  # a class
        r"(?=M)(?:Mon|May)",  # one character
        r"(?=[ſs])(?i:s)ix",  # a letter the class names in one case only
        r"(?=[\d€])[€\d][\d,]*",  # a category and a wide character
    ],
)
def test_a_pattern_searched_by_its_opening_class_finds_what_re_finds(source: str) -> None:
    ours, program = compile_program(source)
    assert program is not None and program.code != _usual_code(source)
    usual = re.compile(source)
    for text in ["", "Mon May 3 March 12 ſix Six six 1,000 €5 ٣ xMay", *_texts()]:
        for start in (0, 1, 5):
            assert [m.span() for m in ours.finditer(text, start)] == [
                m.span() for m in usual.finditer(text, start)
            ], text[:40]


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        (r"(?=[ab])", 0),  # matches an empty string: the engine's search may not skip
        (r"(?=[ab])\w*", 0),
        (r"(?=[ab])ab", re.IGNORECASE),  # the class would have to fold case
        (r"(?<=[ab])c", 0),  # a lookbehind
        (r"(?=ab)c", 0),  # not one class
        (r"[ab]c", 0),  # re tells the engine itself
    ],
)
def test_other_patterns_keep_the_code_re_makes(source: str, flags: int) -> None:
    _, program = compile_program(source, flags)
    assert program is not None and program.code == _usual_code(source, flags)


def test_a_pattern_compiled_here_is_the_one_re_compile_then_returns() -> None:
    """In ``re``'s cache under the key ``re`` uses (flags as an int, a ``RegexFlag`` given
    or not), where the pattern cache finds it to save."""
    source = r"(?=[zZ])zebra\d*"
    first = compiled(source, re.IGNORECASE)
    assert re.compile(source, re.IGNORECASE) is first
    assert compiled(source, int(re.IGNORECASE)) is first
    cache = getattr(re, "_cache", {})
    assert [type(key[2]) for key in cache if key[1] == source] == [int]  # as rule_cache saves


def test_a_program_keeps_flags_and_group_names() -> None:
    source = r"(?P<day>\d+)\s+(?i:may)"
    _, program = compile_program(source, re.VERBOSE)
    again = restore(program, source)
    assert again is not None and again.flags == re.compile(source, re.VERBOSE).flags
    match = again.search("on 3 MAY")
    assert match is not None and match["day"] == "3"


def test_a_bad_pattern_is_the_usual_regex_error() -> None:
    with pytest.raises(re.error):
        compile_program("(unclosed")


def test_programs_of_another_python_or_damaged_data_are_passed_over() -> None:
    good = dump_programs(_programs())
    build, checksum, table = marshal.loads(good)
    assert _programs_of(marshal.dumps(("cpython-299 another build", checksum, table))) == {}
    flipped = table[:100] + bytes([table[100] ^ 1]) + table[101:]
    assert _programs_of(marshal.dumps((build, checksum, flipped))) == {}  # the checksum
    assert _programs_of(good[: len(good) // 2]) == {}
    assert _programs_of(b"") == {}


def test_a_program_whose_code_is_not_whole_words_is_passed_over() -> None:
    build, _, table = marshal.loads(dump_programs(_programs()))
    entries = marshal.loads(table)
    key = next(iter(entries))
    entries[key] = (*entries[key][:2], entries[key][2][:-1], *entries[key][3:])
    table = marshal.dumps(entries)
    programs, _ = load_table(marshal.dumps((build, zlib.crc32(table), table)))
    assert key not in programs and len(programs) == len(entries) - 1


@pytest.mark.parametrize(
    "damage",
    [
        {"flags": 2**40},
        {"groups": 10**9},
        {"code": [1, 2, 3]},
        {"code": [-1] * 8},
        {"index_group": ()},
        {"group_index": {"x": 999}},
        {"source": "another pattern"},
    ],
)
def test_a_damaged_or_misplaced_program_is_not_used(damage: dict[str, object]) -> None:
    rule = next(rule for rule in RULES if rule.pattern.compiled().groupindex)
    source = rule.pattern.full_source()
    _, program = compile_program(source, rule.pattern.flags)
    assert program is not None and restore(program, source) is not None
    assert restore(program._replace(**damage), source) is None


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and ``re``'s cache emptied as in a new process: a
    full one (the patterns of the tests before) takes no restored pattern."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    re.purge()
    return folder


def _unique(name: str) -> str:
    """A pattern no other test compiles: restoring it into ``re``'s cache changes nothing
    for them."""
    return rf"(?P<{name}>\d+)-{os.getpid()}-{name}"


def _table(*sources: str, flags: int = 0) -> dict[str, Program]:
    table = {}
    for source in sources:
        _, program = compile_program(source, flags)
        assert program is not None
        table[f"{int(flags)}\0{source}"] = program
    return table


def _write(path: Path, data: bytes, mode: int = 0o600) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(mode)


def _refuse_to_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    """``re`` may serve patterns from its cache, but compiles none."""

    def refuse(source: object, flags: int = 0) -> None:
        raise AssertionError(f"compiled: {str(source)[:40]}")

    monkeypatch.setattr(re_internal("compiler"), "compile", refuse)


def test_restored_patterns_are_compiled_by_no_one(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, folded = _unique("plain"), _unique("folded")
    path = cache_file("tag")
    assert path is not None and path.parent == cache_dir
    _write(path, dump_programs(_table(plain) | _table(folded, flags=re.IGNORECASE)))
    assert len(restore_patterns("tag").programs) == 2
    with monkeypatch.context() as patched:
        _refuse_to_compile(patched)
        match = re.compile(folded, re.IGNORECASE).search(f"x 12-{os.getpid()}-FOLDED")
        assert match is not None and match["folded"] == "12"
        assert re.compile(plain).fullmatch(f"7-{os.getpid()}-plain") is not None
        with pytest.raises(AssertionError) as refused:
            re.compile(plain, re.IGNORECASE)  # another pattern: these flags were not saved
    assert str(refused.value).startswith("compiled")


def _run_in_process(command: str, *sources: str) -> Restored:
    """A run of ``command`` as this process can play it: ``re``'s cache emptied as in a new
    process, the file restored, ``sources`` compiled, the file saved."""
    re.purge()
    restored = restore_patterns(command)
    for source in sources:
        re.compile(source)
    save_patterns(command, restored)
    return restored


def test_a_pattern_is_kept_once_two_runs_in_a_row_compiled_it(cache_dir: Path) -> None:
    kept, once = f"0\0{_unique('kept')}", f"0\0{_unique('once')}"
    assert _run_in_process("extract", _unique("kept"), _unique("once")) == Restored({}, frozenset())
    path = cache_file("extract")
    assert path is not None and path.is_file()
    assert path.stat().st_mode & 0o077 == 0 and cache_dir.stat().st_mode & 0o077 == 0
    second = _run_in_process("extract", _unique("kept"))
    assert {kept, once} <= second.pending and not second.programs
    third = _run_in_process("extract", _unique("kept"))
    assert kept in third.programs and once not in {*third.programs, *third.pending}
    assert cache_file("tag") != path  # each command has its own


def test_a_pattern_that_changes_every_run_neither_grows_the_file_nor_rewrites_it(
    cache_dir: Path,
) -> None:
    """A library that builds a pattern from a set, whose order changes from run to run."""
    path = cache_file("extract")
    assert path is not None
    _run_in_process("extract", _unique("stable"), _unique("changing1"))
    _run_in_process("extract", _unique("stable"), _unique("changing2"))
    saved = path.read_bytes()
    for run in range(3, 6):
        restored = _run_in_process("extract", _unique("stable"), _unique(f"changing{run}"))
        assert f"0\0{_unique('stable')}" in restored.programs
        assert path.read_bytes() == saved


def test_a_damaged_cache_is_written_again(cache_dir: Path) -> None:
    path = cache_file("tag")
    assert path is not None
    _write(path, b"\x00 not a table")
    assert _run_in_process("tag", _unique("mended")) == Restored({}, frozenset())
    _run_in_process("tag", _unique("mended"))
    assert f"0\0{_unique('mended')}" in _programs_of(path.read_bytes())


def test_a_cache_others_may_write_is_not_read(cache_dir: Path) -> None:
    source = _unique("shared")
    path = cache_file("tag")
    assert path is not None
    _write(path, dump_programs(_table(source)), mode=0o666)
    assert restore_patterns("tag") == Restored({}, frozenset())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_where_the_cache_should_be_does_not_block(cache_dir: Path) -> None:
    cache_dir.mkdir()
    path = cache_file("tag")
    assert path is not None
    os.mkfifo(path)
    assert not restore_patterns("tag").programs  # returns: the pipe is neither waited on nor read


def test_with_the_cache_off_or_unwritable_nothing_is_read_or_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_cache, "_save", lambda *args: pytest.fail("saved"))
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_file("tag") is None
    assert _run_in_process("tag", _unique("off")) == Restored({}, frozenset())
    blocker = tmp_path / "a file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    _run_in_process("tag", _unique("off"))
    assert blocker.read_text(encoding="utf-8") == "in the way"


@pytest.mark.parametrize("setting", ["~no-such-user-here/cache"])
def test_a_cache_setting_that_cannot_be_used_is_no_error(
    setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, setting)
    assert _run_in_process("tag", _unique("unusable")) == Restored({}, frozenset())


def test_timeline_help_with_an_unusable_cache_setting_still_helps(tmp_path: Path) -> None:
    done = _run(tmp_path, "~no-such-user-here/cache", "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout and not done.stderr


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        (["tag", "-f", "timeml", "x.tml"], "tag"),
        (["--help"], "timeline"),
        ([], "timeline"),
        (["tga", "x.tml"], "timeline"),
        (["--install-completion", "bash"], "timeline"),
        (["Tag"], "timeline"),
    ],
)
def test_the_cache_file_is_named_after_the_command(arguments: list[str], command: str) -> None:
    assert command_of(arguments, {"tag", "extract"}) == command


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["tag", "-f", "timeml", "x.tml"], "tag"),
        (["tga", "x.tml"], "tga"),
        (["--help"], "timeline"),
        (["Tag"], "timeline"),
        (["x.tml"], "timeline"),
        (["../../elsewhere"], "timeline"),
    ],
)
def test_the_command_read_before_the_command_line_loads_is_a_plain_word(
    arguments: list[str], named: str
) -> None:
    """What the process restores before typer loads: a file name is made of it."""
    assert named_command(arguments) == named


def test_a_misspelt_command_saves_nothing_under_its_name(tmp_path: Path) -> None:
    """The process restores "tga" (no such file) before the command line loads; the command
    line settles on "timeline" and restores that file, so the patterns it kept stay kept."""
    cache = tmp_path / "cache"
    for _ in range(3):
        done = _run(tmp_path, str(cache), "tga", "x.tml")
        assert done.returncode == 2 and "No such command 'tga'" in done.stderr
    (path,) = cache.iterdir()
    assert path.name.startswith("patterns-timeline-")
    assert _programs_of(path.read_bytes())


def test_every_command_can_be_read_off_the_arguments_before_the_command_line_loads() -> None:
    """A command whose name ``named_command`` cannot read would share the cache file of
    ``timeline --help``."""
    from timeline.cli import app

    names = {
        info.name or info.callback.__name__ for info in app.registered_commands if info.callback
    }
    assert names and all(named_command([name, "x"]) == name for name in names)


def test_two_python_builds_keep_a_file_each(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cache_file("tag")
    monkeypatch.setattr(rule_cache, "build_name", lambda: "cpython-311 3.11.99 another")
    second = cache_file("tag")
    assert first is not None and second is not None
    assert first != second and first.parent == second.parent == cache_dir


def test_without_a_setting_the_cache_is_the_platforms_cache_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs

    monkeypatch.delenv(CACHE_ENV, raising=False)
    path = cache_file("tag")
    assert path is not None
    assert path.parent == Path(platformdirs.user_cache_dir("timeline", appauthor=False))
    assert path.name.startswith(f"patterns-tag-{sys.implementation.cache_tag}-")


def test_a_cache_setting_with_a_tilde_is_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(CACHE_ENV, "~/patterns")
    path = cache_file("tag")
    assert path is not None and path.parent == tmp_path / "patterns"


def _run(tmp_path: Path, cache: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, CACHE_ENV: cache},
    )


def test_tag_writes_the_same_timeml_with_a_cold_a_warm_a_damaged_and_no_cache(
    tmp_path: Path,
) -> None:
    article = str(SAMPLES / "harbor-bridge.txt")
    cache = tmp_path / "cache"
    outputs, saved = [], []
    for setting in ("cold", "second", "warm", "damaged", "off"):
        if setting == "damaged":
            (path,) = cache.iterdir()
            _damage_one_program(path)
        out = tmp_path / f"{setting}.tml"
        done = _run(
            tmp_path,
            "" if setting == "off" else str(cache),
            *("tag", "-p", "2024-03-14", "-f", "timeml", "-o", str(out), article),
        )
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
        saved.append({path.name: path.read_bytes() for path in cache.iterdir()})
    assert len(set(outputs)) == 1 and "<TIMEX3" in outputs[0]
    assert saved[1] == saved[2]  # the warm run compiled nothing new, so saved nothing
    ((name, data),) = saved[3].items()
    assert name.startswith("patterns-tag-")
    warm, _ = load_table(saved[2][name])
    programs, pending = load_table(data)
    assert all(restore(program, program.source) for program in programs.values())
    assert len(programs) == len(warm) - 1 and programs.keys() | pending == warm.keys()
    sources = {program.source for program in warm.values()}
    assert any(rule.pattern.full_source() in sources for rule in RULES)


def _damage_one_program(path: Path) -> None:
    """One program's flags out of range, in a table whose checksum still holds: damage the
    checksum cannot see, as a file written by another tool could have."""
    build, _, table = marshal.loads(path.read_bytes())
    entries = marshal.loads(table)
    key = next(key for key, fields in entries.items() if fields)
    entries[key] = (entries[key][0], 2**40, *entries[key][2:])
    table = marshal.dumps(entries)
    path.write_bytes(marshal.dumps((build, zlib.crc32(table), table)))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_saves_the_rules_on_one_process_and_for_its_workers(
    tmp_path: Path, jobs: str
) -> None:
    """With workers, this process compiles the rules too, so that they are saved for the
    next run's workers to restore (kept from the second run on)."""
    cache = tmp_path / "cache"
    articles = [str(path) for path in sorted(SAMPLES.glob("*.txt"))[:2]]
    output = ["-o", str(tmp_path / "timeline.json")]
    for _ in range(2):
        command = ("extract", "-p", "2024-03-14", "-j", jobs, *articles, *output)
        done = _run(tmp_path, str(cache), *command)
        assert done.returncode == 0, done.stderr
    (path,) = cache.iterdir()
    assert path.name.startswith("patterns-extract-")
    sources = {program.source for program in _programs_of(path.read_bytes()).values()}
    rules = [rule.pattern.full_source() in sources for rule in RULES]
    assert all(rules) if jobs == "2" else any(rules)
