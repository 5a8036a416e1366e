#!/usr/bin/env python3
"""The README's commands. Each one first makes sure `.venv` holds exactly what
`requirements.lock` pins (and this project, editable), so a fresh clone needs nothing else.

    python3 tasks.py app    # the map on http://localhost:8501 with the shipped data
    python3 tasks.py test   # the whole test suite (extra arguments go to pytest)
    python3 tasks.py quick  # the inner loop: no browser, nothing marked slow, two processes
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
LOCK = ROOT / "requirements.lock"
# The quick part of the suite (pyproject.toml declares the markers): what a change is checked
# against while working; CI and `test` run everything.
QUICK = ["-m", "not browser and not slow", "-n", "2"]
STAMP = VENV / ".installed-from"


def _wanted_digest() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"tasks.py: this project needs Python 3.11; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("tasks.py: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = _wanted_digest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("tasks.py: installing the pinned dependencies into .venv", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(LOCK)], check=True, cwd=ROOT)
    subprocess.run([*pip, "--no-deps", "-e", "."], check=True, cwd=ROOT)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "quick"):
        print(__doc__)
        return 1
    ensure_environment()
    command, extra = argv[0], argv[1:]
    if command == "app":
        args = [str(PYTHON), "-m", "streamlit", "run", "app.py", *extra]
    elif command == "quick":
        args = [str(PYTHON), "-m", "pytest", *QUICK, *extra]
    else:
        args = [str(PYTHON), "-m", "pytest", *extra]
    os.chdir(ROOT)
    os.execv(args[0], args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
