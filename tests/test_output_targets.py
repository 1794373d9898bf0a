"""Where ``-o`` writes: links, devices, FIFOs, read-only files, folders, full disks, signals.

Device nodes are made with mknod in tmp_path (root only; skipped otherwise), never taken
from the system's /dev: a test must not be able to replace the real /dev/null.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import assert_one_line_error, run

import timeline.output

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "harbor-bridge.txt"
EXTRACT = ("extract", str(SAMPLE), "-p", "2024-03-14")
NULL_DEVICE = os.makedev(1, 3)
FULL_DEVICE = os.makedev(1, 7)


def device(folder: Path, name: str, number: int) -> Path:
    """A character device node of our own (mknod needs root)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node (mknod) needs root")
    path = folder / name
    os.mknod(path, 0o666 | stat.S_IFCHR, number)
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class TestTargets:
    def test_symlink_is_written_through(self, tmp_path: Path) -> None:
        (tmp_path / "real").mkdir()
        target = tmp_path / "real" / "t.json"
        target.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(target)
        result = run(*EXTRACT, "-o", str(link))
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink() and link.resolve() == target
        assert target.read_text(encoding="utf-8").startswith('{\n  "version"')
        assert names(tmp_path / "real") == ["t.json"]

    def test_dangling_symlink_creates_its_target(self, tmp_path: Path) -> None:
        link = tmp_path / "link.ics"
        link.symlink_to(tmp_path / "made.ics")
        result = run(*EXTRACT, "-f", "ics", "-o", str(link))
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink()
        assert (tmp_path / "made.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")

    def test_null_device_stays_a_device(self, tmp_path: Path) -> None:
        null = device(tmp_path, "null", NULL_DEVICE)
        result = run(*EXTRACT, "-o", str(null))
        assert result.exit_code == 0, result.stderr
        assert stat.S_ISCHR(null.stat().st_mode)
        assert names(tmp_path) == ["null"]

    def test_full_device_is_a_one_line_error(self, tmp_path: Path) -> None:
        full = device(tmp_path, "full", FULL_DEVICE)
        result = run(*EXTRACT, "-o", str(full))
        assert_one_line_error(result, 2, str(full), "No space left on device")
        assert stat.S_ISCHR(full.stat().st_mode)
        assert names(tmp_path) == ["full"]

    def test_fifo_is_written_not_replaced(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
        reader.start()
        result = run(*EXTRACT, "-f", "csv", "-o", str(fifo))
        reader.join(timeout=30)
        assert result.exit_code == 0, result.stderr
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert received[0].startswith(b"Year,Month,Day")

    def test_descriptor_link_writes_to_the_open_descriptor(self, tmp_path: Path) -> None:
        out = tmp_path / "captured.ics"
        stdout_link = tmp_path / "stdout"
        stdout_link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is, made here
        with out.open("wb") as handle:
            process = subprocess.run(
                [sys.executable, "-m", "timeline", *EXTRACT, "-f", "ics", "-o", str(stdout_link)],
                stdout=handle,
                stderr=subprocess.PIPE,
                check=False,
            )
        assert process.returncode == 0, process.stderr
        assert stdout_link.is_symlink()
        assert out.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        assert names(tmp_path) == ["captured.ics", "stdout"]

    def test_read_only_file_is_refused(self, tmp_path: Path) -> None:
        out = tmp_path / "t.json"
        out.write_text("keep me", encoding="utf-8")
        out.chmod(0o444)
        result = run(*EXTRACT, "-o", str(out))
        assert_one_line_error(result, 2, str(out), "read-only")
        assert out.read_text(encoding="utf-8") == "keep me"
        assert names(tmp_path) == ["t.json"]


class TestFolders:
    def test_trailing_slash_creates_the_folder(self, tmp_path: Path) -> None:
        folder = tmp_path / "new" / "deeper"
        result = run(*EXTRACT, "-f", "ics", "-o", f"{folder}/")
        assert result.exit_code == 0, result.stderr
        assert names(folder) == ["timeline.ics"]
        assert not (tmp_path / "new" / "deeper.ics").exists()

    def test_trailing_slash_on_a_file_is_an_error(self, tmp_path: Path) -> None:
        (tmp_path / "plain").write_text("x", encoding="utf-8")
        result = run(*EXTRACT, "-o", f"{tmp_path / 'plain'}/")
        assert_one_line_error(result, 2, "not a folder")
        assert (tmp_path / "plain").read_text(encoding="utf-8") == "x"

    def test_missing_folder_without_slash_is_still_an_error(self, tmp_path: Path) -> None:
        result = run(*EXTRACT, "-o", str(tmp_path / "missing" / "t.json"))
        assert_one_line_error(result, 2, "does not exist", "end -o with /")

    def test_tag_timeml_creates_the_folder_for_several_inputs(self, tmp_path: Path) -> None:
        second = tmp_path / "second.txt"
        second.write_text("Dam Opens\n\nThe dam opened on Tuesday.\n", encoding="utf-8")
        out = tmp_path / "tagged"
        result = run(
            "tag", str(SAMPLE), str(second), "-p", "2024-03-14", "-f", "timeml", "-o", str(out)
        )
        assert result.exit_code == 0, result.stderr
        assert names(out) == ["harbor-bridge.tml", "second.tml"]

    def test_a_failed_tag_run_leaves_no_folder_it_made(self, tmp_path: Path) -> None:
        broken = [tmp_path / "a.tml", tmp_path / "b.tml"]
        for path in broken:
            path.write_text("<TimeML><TEXT>cut short", encoding="utf-8")
        out = tmp_path / "new" / "deeper" / "tagged"
        result = run("tag", *map(str, broken), "-f", "timeml", "-o", f"{out}/")
        assert result.exit_code == 2
        assert "0 tagged, 2 failed" in result.stderr
        assert names(tmp_path) == ["a.tml", "b.tml"]

    @pytest.mark.parametrize("name", ["tagged.tml", "existing"])
    def test_tag_timeml_never_turns_a_file_name_into_a_folder(
        self, tmp_path: Path, name: str
    ) -> None:
        second = tmp_path / "second.txt"
        second.write_text("Dam Opens\n\nThe dam opened on Tuesday.\n", encoding="utf-8")
        target = tmp_path / name
        if name == "existing":
            target.write_text("keep me", encoding="utf-8")
        result = run("tag", str(SAMPLE), str(second), "-f", "timeml", "-o", str(target))
        assert_one_line_error(result, 2, str(target), "2 TimeML documents", "give a folder")
        assert names(tmp_path) == sorted(["second.txt", *([name] if name == "existing" else [])])
        if name == "existing":
            assert target.read_text(encoding="utf-8") == "keep me"

    def test_tag_timeml_trailing_slash_is_a_folder_for_one_input(self, tmp_path: Path) -> None:
        result = run("tag", str(SAMPLE), "-p", "2024-03-14", "-f", "timeml", "-o", f"{tmp_path}/t/")
        assert result.exit_code == 0, result.stderr
        assert names(tmp_path / "t") == ["harbor-bridge.tml"]

    def test_tag_json_and_preview_take_a_folder_too(self, tmp_path: Path) -> None:
        tagged = run("tag", str(SAMPLE), "-p", "2024-03-14", "-o", f"{tmp_path}/tags/")
        assert tagged.exit_code == 0, tagged.stderr
        assert names(tmp_path / "tags") == ["expressions.json"]
        made = tmp_path / "t.json"
        assert run(*EXTRACT, "-o", str(made)).exit_code == 0
        page = run("preview", str(made), "-o", f"{tmp_path}/pages/")
        assert page.exit_code == 0, page.stderr
        assert names(tmp_path / "pages") == ["t.html"]

    def test_output_in_the_input_folder_is_not_read_back(self, tmp_path: Path) -> None:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        for fmt in ("json", "timelinejs", "jsonl"):
            first = run("extract", str(corpus), "-p", "2024-03-14", "-f", fmt, "-o", f"{corpus}/")
            assert first.exit_code == 0, first.stderr
        again = run("extract", str(corpus), "-p", "2024-03-14", "-o", f"{corpus}/")
        assert again.exit_code == 0, again.stderr
        assert "bad record" not in again.stderr and "not JSON" not in again.stderr
        document = json.loads((corpus / "timeline.json").read_text(encoding="utf-8"))
        sources = [article["source"] for article in document["articles"]]
        assert sources == [str(corpus / "a.txt")]

    def test_an_input_named_as_the_output_is_refused(self, tmp_path: Path) -> None:
        article = tmp_path / "a.txt"
        article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        result = run("extract", str(article), "-o", str(article))
        assert_one_line_error(result, 2, "also the output")
        assert article.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


def _stdout_to(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    with path.open("w") as handle:
        return subprocess.run(
            [sys.executable, "-m", "timeline", *args],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )


@pytest.mark.parametrize(
    "args",
    [
        EXTRACT,
        ("tag", str(SAMPLE)),
        ("schema", "timeline"),
        (*EXTRACT, "-f", "jsonl"),
        ("eval", "--help"),
    ],
    ids=["extract", "tag", "schema", "jsonl", "help"],
)
def test_full_stdout_is_a_one_line_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    """``> /dev/full``: the shell opens the full device as stdout."""
    process = _stdout_to(device(tmp_path, "full", FULL_DEVICE), *args)
    assert process.returncode == 2, process.stderr
    assert "Traceback" not in process.stderr and "Exception ignored" not in process.stderr
    [line] = process.stderr.strip().splitlines()[-1:]
    assert line.startswith("timeline: standard output: cannot be written (No space left")


# Fault injection: each command that writes a file, made to fail while it writes.


def _timeline_json(tmp_path: Path) -> Path:
    source = tmp_path / "input" / "t.json"
    source.parent.mkdir()
    result = run(*EXTRACT, "-o", str(source))
    assert result.exit_code == 0, result.stderr
    return source


WRITERS: dict[str, Callable[[Path, Path], tuple[str, ...]]] = {
    "extract": lambda _, out: (*EXTRACT, "-o", str(out)),
    "extract-jsonl": lambda _, out: (*EXTRACT, "-f", "jsonl", "-o", str(out)),
    "tag": lambda _, out: ("tag", str(SAMPLE), "-p", "2024-03-14", "-o", str(out)),
    "tag-timeml-folder": lambda _, out: (
        *("tag", str(SAMPLE), "-p", "2024-03-14", "-f", "timeml", "-o", f"{out.parent}/"),
    ),
    "preview": lambda made, out: ("preview", str(made), "-o", str(out)),
}
TARGET_NAMES = {"tag-timeml-folder": "harbor-bridge.tml"}


class _FailingStream:
    """A temporary file whose writes fail the way ``fault`` says."""

    def __init__(self, stream: Any, fault: Callable[[Path], None], path: Path) -> None:
        self._stream, self._fault, self._path = stream, fault, path

    def write(self, text: str) -> int:
        self._fault(self._path)
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _disk_full(path: Path) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _vanishes(path: Path) -> None:
    """Someone cleans the folder while we write: our temporary file is gone."""
    path.unlink(missing_ok=True)


def _terminated(path: Path) -> None:
    os.kill(os.getpid(), signal.SIGTERM)


FAULTS = {
    "disk-full": (_disk_full, 2, "No space left on device"),
    "target-vanishes": (_vanishes, 2, "cannot be written"),
    "sigterm": (_terminated, 143, "terminated"),
}


@pytest.fixture
def faulty_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Writes to a file fail, whether through a text stream or whole, as bytes."""
    real_fdopen = os.fdopen
    real_write_all = timeline.output.write_all

    def install(fault_name: str) -> None:
        fault = FAULTS[fault_name][0]

        def fdopen(handle: int, *args: Any, **kwargs: Any) -> Any:
            path = Path(f"/proc/self/fd/{handle}").readlink()
            return _FailingStream(real_fdopen(handle, *args, **kwargs), fault, path)

        def write_all(handle: int, data: bytes) -> None:
            fault(Path(f"/proc/self/fd/{handle}").readlink())
            real_write_all(handle, data)

        monkeypatch.setattr(timeline.output.os, "fdopen", fdopen)
        monkeypatch.setattr(timeline.output, "write_all", write_all)

    yield install


@pytest.mark.parametrize("fault_name", list(FAULTS))
@pytest.mark.parametrize("writer", list(WRITERS))
def test_fault_mid_write_keeps_the_old_target(
    tmp_path: Path, faulty_files: Callable[[str], None], writer: str, fault_name: str
) -> None:
    made = _timeline_json(tmp_path)
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    target = out_folder / TARGET_NAMES.get(writer, "result")
    target.write_text("the previous run's output", encoding="utf-8")
    faulty_files(fault_name)
    result = run(*WRITERS[writer](made, target))
    _, code, words = FAULTS[fault_name]
    assert_one_line_error(result, code, words)
    assert target.read_text(encoding="utf-8") == "the previous run's output"
    assert names(out_folder) == [target.name]


def _group_members(group: int) -> list[int]:
    """Live processes in a process group (zombies excluded), read from /proc."""
    members = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(stat_file.parent.name))
    return members


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_sigterm_during_a_two_worker_batch_cleans_up(tmp_path: Path) -> None:
    """``timeout`` or a service manager stops a ``--jobs 2`` run: as Ctrl-C would, exit 143,
    the old output as it was, no temporary file, no worker or resource tracker left."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for number in range(800):
        (corpus / f"{number:04d}.txt").write_text(text, encoding="utf-8")
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    target = out_folder / "timeline.json"
    target.write_text("the previous run's output", encoding="utf-8")
    command = [sys.executable, "-m", "timeline", "extract", str(corpus), "-p", "2024-03-14"]
    process = subprocess.Popen(
        [*command, "--jobs", "2", "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: workers and tracker are found by it
    )
    group = process.pid
    try:
        # Main process, resource tracker and two workers, all busy.
        assert _wait_for(lambda: len(_group_members(group)) >= 4, 60), "workers never started"
        time.sleep(0.5)
        assert process.poll() is None, "the batch ended before it could be stopped"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 143, stderr
        assert "Traceback" not in stderr
        assert stderr.strip().splitlines()[-1] == "timeline: terminated"
        assert target.read_text(encoding="utf-8") == "the previous run's output"
        assert names(out_folder) == ["timeline.json"]
        assert _wait_for(lambda: not _group_members(group), 10), _group_members(group)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        process.wait()
