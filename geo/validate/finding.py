"""What each check returns: a problem located by a JSON pointer rather than by line, so that the
checks stay pure functions of the parsed document and positions are looked up only at the end."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from geo.jsonpos import Pointer
from geo.problems import Severity


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


# A whole number as text, of at most as many digits as Python turns into an int (4,300): a
# longer one gets no "write N" hint, it could not be written back anyway.
_WHOLE = re.compile(r"-?\d{1,4300}")


def retyped(value: object, wanted: str) -> str:
    """What to write instead when `value` holds the right content in the wrong JSON type, as a
    hand edit or a spreadsheet leaves it: `"3"` for a whole number (`wanted` "integer"),
    `"51.42"` for a "number", a bare id for a "string_list". "; write 3 without the quotes"
    (text to append to a message), or "" when there is no single right reading."""
    if isinstance(value, str) and wanted in ("integer", "number"):
        text = value.strip()
        if wanted == "integer" and _WHOLE.fullmatch(text):
            return f"; write {int(text)} without the quotes"
        if wanted == "number":
            try:
                number = float(text)
            except ValueError:
                return ""
            return f"; write {text} without the quotes" if math.isfinite(number) else ""
    if wanted == "integer" and isinstance(value, float) and value.is_integer():
        return f"; write {int(value)}"
    if wanted == "string_list" and isinstance(value, str) and value.strip():
        return f"; write {json.dumps([value.strip()], ensure_ascii=False)}"
    return ""
