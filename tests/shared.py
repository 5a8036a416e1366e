"""The one gate for material that lives beside the project in `../shared/` (seed articles, the
news dev set, field cases, conformance fixtures), which a clone made elsewhere does not have.

Absent, a test that needs it skips and says so; under CI (`CI` set) its absence is a failure,
the same rule as the browser tests' Chromium (tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo import paths


def shared_path(*parts: str) -> Path:
    """`../shared/<parts...>` if it exists; otherwise skip the calling test with the reason
    (or fail it under CI). Call it inside a test or fixture, not at import time."""
    path = paths.SHARED.joinpath(*parts)
    if path.exists():
        return path
    reason = f"{path} is absent: this test reads ../shared/, which lies beside the team's clones"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


def shared_files(*parts: str, pattern: str = "*") -> list[Path]:
    """The files matching `pattern` under `../shared/<parts...>`, sorted, for parametrising at
    collection time: an empty list when the folder is absent (the test then reports an empty
    parameter set, which skips it) — except under CI, where collection stops with the reason."""
    folder = paths.SHARED.joinpath(*parts)
    if not folder.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI is set but {folder} is absent")
        return []
    return sorted(folder.glob(pattern))
