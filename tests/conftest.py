"""Shared test helpers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_pattern_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests (and the commands they start) keep compiled patterns in a folder of their own,
    never in the user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("pattern-cache")))
        yield


#: Data that lives outside the repository (corpora, reference outputs): ../shared.
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


def _require_external(reason: str) -> NoReturn:
    """Skip a test whose external resource is missing, or fail it when CI demands the resource.

    Skipping keeps a plain checkout green; TIMELINE_REQUIRE_EXTERNAL=1 turns the
    skip into a failure so a CI job meant to run against the data cannot pass
    silently without it.
    """
    if os.environ.get("TIMELINE_REQUIRE_EXTERNAL") == "1":
        pytest.fail(f"external resource required (TIMELINE_REQUIRE_EXTERNAL=1): {reason}")
    pytest.skip(reason)


@pytest.fixture
def require_external() -> Callable[[str], NoReturn]:
    """The skip-or-fail helper: call ``require_external("why")`` when a resource is absent."""
    return _require_external


@pytest.fixture
def shared_dir(require_external: Callable[[str], NoReturn]) -> Path:
    """The ../shared data directory, or skip/fail via `require_external` when it is absent."""
    if not SHARED_DIR.is_dir():
        require_external(f"shared data directory not found: {SHARED_DIR}")
    return SHARED_DIR


#: The project's own sample articles.
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def seed_file(shared_dir: Path, require_external: Callable[[str], NoReturn]) -> Path:
    """The user's own example: two scraped articles in one plain-text file."""
    path = shared_dir / "seed" / "000_ad856336adfc54f5.txt"
    if not path.is_file():
        require_external(f"seed article not found: {path}")
    return path
