"""One type for everything the validator can say, so that the CLI prints it, the loader raises
it and the app shows it in the same words."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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

    def format(self) -> str:
        """`PATH:LINE:COL: error|warning: [feature-id] property: message`; the bracket and the
        property are left out when the problem has none."""
        where = f"{self.path}:{self.line}:{self.column}: {self.severity}: "
        feature = f"[{self.feature_id}] " if self.feature_id is not None else ""
        prop = f"{self.property}: " if self.property else ""
        return f"{where}{feature}{prop}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class InvalidDataError(Exception):
    """Raised by the loader with every problem `python -m geo validate` would print."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = errors[0].format() if errors else "no errors"
        super().__init__(f"{len(errors)} error(s); first: {first}")


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
