"""Bringing a generated or reformatted file up to date, or, with --check, showing how it is
out of date: the one ending that `fmt` and `schema` share."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from geo.files import write_atomic
from geo.problems import ExitStatus
from geo.sniff import BOM


def update_file(
    path: Path,
    current: str,
    wanted: str,
    *,
    check: bool,
    made_by: str,
    stale: str,
    written: str,
    expect: str | None = None,
    logged: str | None = None,
) -> ExitStatus:
    """Write `wanted` over `current` (atomically; with `expect`, only while the file still has
    that token, else geo.files.ChangedOnDisk), or with `check` print a unified diff (the new
    side named "PATH (made_by)") and the `stale` message instead. Returns the exit code: 0 up
    to date or written, 1 stale under `check`, 2 when the file cannot be written. `logged`:
    the action under which a data file's rewrite is logged (geo.review.history.tool_write; a
    generated file such as the JSON Schema is not data)."""
    if current == wanted:
        return ExitStatus.OK
    # A byte-order mark (Notepad's UTF-8) is said in words: a diff line "-\ufeff{" against
    # "+{" looks the same. JSON texts carry none (RFC 8259 §8.1); fmt removes it.
    bom = " (it also starts with a byte-order mark, U+FEFF, which fmt removes)"
    if check and current.startswith(BOM):
        if _lines(current[1:]) == _lines(wanted):
            print(
                f"{path}: {stale} (only a byte-order mark differs: the file starts with "
                "U+FEFF, as Notepad saves UTF-8; fmt removes it)",
                file=sys.stderr,
            )
            return ExitStatus.FAILED
        current, stale = current[1:], stale + bom
    if check and _lines(current) == _lines(wanted):
        # Only the line endings differ (a file mixing CRLF and LF lines): a diff of lines that
        # look the same would hide that; one sentence says it.
        crlf = current.count("\r\n")
        lf, cr = current.count("\n") - crlf, current.count("\r") - crlf
        also_cr = f", {cr} in CR" if cr else ""
        print(
            f"{path}: {stale} (only line endings differ: {crlf} lines end in CRLF, {lf} in "
            f"LF{also_cr})",
            file=sys.stderr,
        )
        return ExitStatus.FAILED
    if check:
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            str(path),
            f"{path} ({made_by})",
        )
        sys.stdout.writelines(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in diff
        )
        print(f"{path}: {stale}", file=sys.stderr)
        return ExitStatus.FAILED
    if logged is None:
        write_atomic(path, wanted, expect=expect)
    else:
        from geo.review.history import tool_write

        tool_write(path, wanted, action=logged, expect=expect)
    print(f"{written} {path}", file=sys.stderr)
    return ExitStatus.OK


def _lines(text: str) -> list[str]:
    """The lines of `text` without their endings (CRLF, LF, a lone CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
