"""What each check returns: a problem located by a JSON pointer rather than by line, so that the
checks stay pure functions of the parsed document and positions are looked up only at the end."""

from __future__ import annotations

from dataclasses import dataclass

from geo.problems import Severity
from geo.validate.jsonpos import Pointer


@dataclass(frozen=True)
class Finding:
    """A problem with the value at `pointer`.

    `key`: point at that member's key inside the object at `pointer` (for a member that should
    not be there) instead of at the value. `see`: another value whose line replaces "{see}" in
    the message (e.g. where a duplicated id was first used).
    """

    pointer: Pointer
    severity: Severity
    message: str
    property: str | None = None
    key: str | None = None
    see: Pointer | None = None


def json_type(value: object) -> str:
    """The JSON name of a value's type, for messages ("an object", "a string", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
