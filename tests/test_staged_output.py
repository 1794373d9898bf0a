"""Output files written together, whole or not at all, even when a signal lands mid-way."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

import timeline.output
from timeline.errors import InputError
from timeline.interrupts import Terminated, sigterm_raises
from timeline.output import Sink, StagedFiles


def _signal_after_creating(monkeypatch: pytest.MonkeyPatch, after: int = 1) -> None:
    """The ``after``-th file made: SIGTERM arrives the moment it exists, before its
    descriptor is returned (as Python runs a signal handler between two instructions)."""
    real_open = os.open
    made = 0

    def open_then_signal(path: Any, flags: int, mode: int = 0o777) -> int:
        nonlocal made
        handle = real_open(path, flags, mode)
        made += 1
        if made == after:
            os.close(handle)
            raise Terminated
        return handle

    monkeypatch.setattr(timeline.output.os, "open", open_then_signal)


def test_a_signal_as_the_temporary_file_is_made_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _signal_after_creating(monkeypatch)
    with pytest.raises(Terminated), Sink(tmp_path / "out.json") as sink:
        sink.write("never")  # pragma: no cover - not reached
    assert list(tmp_path.iterdir()) == []


def test_a_signal_as_the_file_is_opened_for_writing_closes_its_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM between making the file and wrapping its descriptor: no descriptor is left
    open in a process that goes on (a library user's), and no file is left behind."""
    opened: list[int] = []
    real_open = os.open

    def remember(path: Any, flags: int, mode: int = 0o777) -> int:
        opened.append(real_open(path, flags, mode))
        return opened[-1]

    def signal_instead(*args: Any, **kwargs: Any) -> Any:
        raise Terminated

    monkeypatch.setattr(timeline.output.os, "open", remember)
    monkeypatch.setattr(timeline.output.os, "fdopen", signal_instead)
    with pytest.raises(Terminated), Sink(tmp_path / "out.json") as sink:
        sink.write("never")  # pragma: no cover - not reached
    assert len(opened) == 1
    with pytest.raises(OSError):
        os.fstat(opened[0])  # closed
    assert list(tmp_path.iterdir()) == []


def test_staged_files_appear_together_on_commit(tmp_path: Path) -> None:
    (tmp_path / "b.tml").write_text("old b", encoding="utf-8")
    with StagedFiles() as staged:
        staged.add(tmp_path / "a.tml", "new a")
        staged.add(tmp_path / "b.tml", "new b")
        assert (tmp_path / "b.tml").read_text(encoding="utf-8") == "old b"
        assert not (tmp_path / "a.tml").exists()
        staged.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tml", "b.tml"]
    assert (tmp_path / "a.tml").read_text(encoding="utf-8") == "new a"
    assert (tmp_path / "b.tml").read_text(encoding="utf-8") == "new b"
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.tml").stat().st_mode & 0o777 == 0o666 & ~umask


def test_staged_files_are_all_removed_when_one_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.tml").write_text("old a", encoding="utf-8")
    _signal_after_creating(monkeypatch, after=3)
    with pytest.raises(Terminated), StagedFiles() as staged:
        staged.add(tmp_path / "a.tml", "new a")
        staged.add(tmp_path / "b.tml", "new b")
        staged.add(tmp_path / "c.tml", "new c")
        staged.commit()  # pragma: no cover - not reached
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tml"]
    assert (tmp_path / "a.tml").read_text(encoding="utf-8") == "old a"


def test_a_signal_during_commit_comes_after_every_file_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing changes until commit; a stop during it waits for its last rename."""
    for name in ("a.tml", "b.tml", "c.tml"):
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    rename = Sink.commit

    def rename_then_signal(sink: Sink) -> None:
        rename(sink)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(Sink, "commit", rename_then_signal)
    with pytest.raises(Terminated), sigterm_raises(), StagedFiles() as staged:
        for name in ("a.tml", "b.tml", "c.tml"):
            staged.add(tmp_path / name, f"new {name}")
        staged.commit()
    assert {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} == {
        name: f"new {name}" for name in ("a.tml", "b.tml", "c.tml")
    }


def test_a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_umask_default(
    tmp_path: Path,
) -> None:
    private = tmp_path / "private.tml"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o640)
    with StagedFiles() as staged:
        staged.add(private, "new private")
        staged.add(tmp_path / "fresh.tml", "new fresh")
        staged.commit()
    umask = os.umask(0)
    os.umask(umask)
    assert private.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "fresh.tml").stat().st_mode & 0o777 == 0o666 & ~umask
    assert private.read_text(encoding="utf-8") == "new private"


def test_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with (
        pytest.raises(InputError, match=r"folder .*missing does not exist"),
        Sink(tmp_path / "missing" / "out.json") as sink,
    ):
        sink.write("never")  # pragma: no cover - not reached
    assert list(tmp_path.iterdir()) == []
