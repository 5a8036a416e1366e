"""One type for everything the validator can say, so that the CLI prints it, the loader raises
it and the app shows it in the same words; the one error type for anything a user can fix
(`UserError`), and the exit status `python -m geo` returns for it (`ExitStatus`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import IntEnum
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one file. Lines and columns are 1-based."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    feature_id: str | None = None
    property: str | None = None
    # The file could not be read as JSON, or not unambiguously (not UTF-8, not JSON, cannot be
    # opened, a key written twice): what `exit_status` turns into ExitStatus.UNREADABLE for
    # every verb alike, whether it only reads the file or rewrites it. Not printed.
    unreadable: bool = field(default=False, compare=False)

    def format(self) -> str:
        """`PATH:LINE:COL: error|warning: [feature-id] property: message`; the bracket and the
        property are left out when the problem has none."""
        where = f"{self.path}:{self.line}:{self.column}: {self.severity}: "
        feature = f"[{self.feature_id}] " if self.feature_id is not None else ""
        prop = f"{self.property}: " if self.property else ""
        return f"{where}{feature}{prop}{self.message}"

    def as_dict(self) -> dict[str, object]:
        """The printed fields by name (what `validate --format json` writes)."""
        fields = asdict(self)
        del fields["unreadable"]
        return fields


class ExitStatus(IntEnum):
    """What every verb of `python -m geo` returns; the README's "Exit status" table lists it."""

    OK = 0  # done; or valid; or a --check found nothing to change
    FAILED = 1  # something the user must fix: bad data, a bad option, a --check difference
    UNREADABLE = 2  # a file could not be read or written (missing, a folder, no permission,
    # not UTF-8 text, not JSON, a key written twice): nothing was written
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
    PIPE_CLOSED = 141  # the output's reader stopped reading (`| head`), as shells report SIGPIPE


class UserError(Exception):
    """Anything a user can fix by changing an input, a path or an option. `python -m geo`
    catches it once, prints `lines()` on stderr (never a traceback) and exits with `status`;
    the app shows the same lines. `problems`, when given, say where (file, line, column)."""

    status: ExitStatus = ExitStatus.FAILED

    def __init__(
        self,
        message: str = "",
        *,
        problems: Sequence[Problem] = (),
        status: ExitStatus | None = None,
    ) -> None:
        self.message = message
        self.problems = list(problems)
        if status is not None:
            self.status = status
        super().__init__(message or "; ".join(p.format() for p in self.problems))

    def lines(self) -> list[str]:
        """What to tell the user: every problem, then the message."""
        return [p.format() for p in self.problems] + ([self.message] if self.message else [])


class InvalidDataError(UserError):
    """Raised by the loader with every problem `python -m geo validate` would print."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        first = errors[0].format() if errors else "no errors"
        super().__init__(problems=problems, status=max(exit_status(problems), ExitStatus.FAILED))
        self.summary = f"{len(errors)} error(s); first: {first}"
        self.args = (self.summary,)

    def __str__(self) -> str:
        return self.summary


def has_errors(problems: Sequence[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def exit_status(problems: Sequence[Problem]) -> ExitStatus:
    """The status a verb returns for what it found: UNREADABLE when any problem says the file
    could not be read as JSON unambiguously, FAILED when any is an error, else OK (warnings
    allowed)."""
    if any(p.unreadable for p in problems):
        return ExitStatus.UNREADABLE
    return ExitStatus.FAILED if has_errors(problems) else ExitStatus.OK
