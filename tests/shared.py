"""The one gate for material that lives beside the project in `../shared/` (seed articles, the
news dev set, field cases, conformance fixtures), which a clone made elsewhere does not have.

Absent, a test that needs it skips and says so; under CI (`CI` set) its absence is a failure,
the same rule as the browser tests' Chromium (tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from geo import paths


def _absent(path: Path) -> str:
    return f"{path} is absent: this test reads ../shared/, which lies beside the team's clones"


def shared_path(*parts: str) -> Path:
    """`../shared/<parts...>` if it exists; otherwise skip the calling test with the reason
    (or fail it under CI). Call it inside a test or fixture, not at import time."""
    path = paths.SHARED.joinpath(*parts)
    if path.exists():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {_absent(path)}")
    pytest.skip(_absent(path))


def shared_files(
    *parts: str, pattern: str = "*", keep: Callable[[Path], object] = bool
) -> list[object]:
    """The files matching `pattern` under `../shared/<parts...>` for which `keep` is true,
    sorted, for parametrising at collection time. When the folder is absent: one parameter,
    skipped with the reason, so the test says why it did not run rather than reporting an
    empty parameter set; under CI, collection fails with the reason."""
    folder = paths.SHARED.joinpath(*parts)
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {_absent(folder)}", pytrace=False)
        return [pytest.param(folder, id="shared-absent", marks=pytest.mark.skip(_absent(folder)))]
    return [path for path in sorted(folder.glob(pattern)) if keep(path)]
