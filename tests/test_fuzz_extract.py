"""Fuzzing ``timeline extract`` through its command-line entry point (hypothesis).

Whatever the bytes, the command ends with 0, 1 or 2 and a message, never a traceback; and a
bad line among good JSONL records never costs a good record. The example counts are kept
small so the suite stays fast; each run still covers every input kind.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from timeline.cli import app

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
EXTENSIONS = [".txt", ".json", ".jsonl", ".html", ".tml", ""]


def extract(path: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["extract", str(path), "-p", "2018-12-20", *args])


def assert_clean_exit(result: Result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code:
        assert result.stderr.startswith("timeline: "), result.stderr


@FUZZ
@given(data=st.binary(max_size=2_000), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_never_crash(data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        assert_clean_exit(extract(path))


# Lines that look like JSON often enough to reach the record reader's deeper paths.
_JSON_ISH = st.one_of(
    st.text(max_size=80).filter(lambda line: "\n" not in line),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=8,
    ).map(json.dumps),
    st.sampled_from(['{"text": 5}', '{"text": "x", "published": "2018-02-30"}', "[" * 5000]),
)
# Good records, whose text may hold any character JSON allows (U+2028, NUL, emoji...).
_GOOD_TEXT = st.text(max_size=40).map(lambda noise: f"{noise} The dam opened on 2018-12-18.")


@FUZZ
@given(
    good=st.lists(_GOOD_TEXT, min_size=1, max_size=4),
    bad=st.lists(_JSON_ISH, max_size=4),
    order=st.randoms(use_true_random=False),
    fmt=st.sampled_from(["json", "jsonl"]),
)
def test_bad_jsonl_lines_never_cost_a_good_record(
    good: list[str], bad: list[str], order: random.Random, fmt: str
) -> None:
    records = [json.dumps({"id": f"good-{n}", "text": text}) for n, text in enumerate(good)]
    lines = records + bad
    order.shuffle(lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = extract(path, "-f", fmt, "--no-merge")
        assert_clean_exit(result)
        assert result.exit_code in (0, 2)
        if fmt == "json":
            kept = {article["id"] for article in json.loads(result.stdout)["articles"]}
        else:
            kept = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
        assert {f"good-{n}" for n in range(len(good))} <= kept
