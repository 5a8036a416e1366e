"""JSON with positions: parse a text strictly, then find the 1-based line and column of any value
on demand.

The text is parsed once by the standard library's C decoder (fast enough for 100k features),
with hooks that catch what it would otherwise let through silently: duplicate keys (the last one
would win) and the non-JSON constants NaN and Infinity. Positions are needed only for the few
values a problem is about, so `SourceMap` finds them lazily by walking the text along a JSON
pointer, skipping the values in between with the same C decoder; what it learns about an object
or array is kept, so many problems in one big array cost one scan of it.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from geo.problems import Problem
from geo.sniff import format_mismatch

Pointer = tuple[str | int, ...]  # keys and indexes from the root to a value

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)
# Longer integers do not fit in a float (1.8e308), so no coordinate or count can be one.
MAX_INT_DIGITS = 308


def int_or_float(digits: str) -> int | float:
    """An integer's value; past MAX_INT_DIGITS digits an infinite float, which every check
    can compare and report (int() refuses more than 4,300 digits with a ValueError)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else float(digits)


# A JSON escape of half a surrogate pair without the other half (after an even number of
# backslashes: an escaped backslash followed by the letters "ud800" is not one).
_HIGH = r"\\u[dD][89abAB][0-9a-fA-F]{2}"
_LOW = r"\\u[dD][c-fC-F][0-9a-fA-F]{2}"
_LONE_SURROGATE = re.compile(rf"(?<!\\)(?:\\\\)*(?:{_HIGH}(?!{_LOW})|(?<!{_HIGH}){_LOW})")
# Skips values to find where the next one starts: it reads integers as the parser does.
_DECODER = json.JSONDecoder(parse_int=int_or_float)


class JSONSyntaxError(Exception):
    """The text is not JSON; `line` and `column` (1-based) point at the offending character.
    When the error lies inside an element of a top-level `features` array, `feature_id` is that
    feature's id (None when it has none) and `feature_index` its 0-based index."""

    def __init__(
        self,
        message: str,
        line: int,
        column: int,
        *,
        feature_index: int | None = None,
        feature_id: str | None = None,
    ) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.message = message
        self.line = line
        self.column = column
        self.feature_index = feature_index
        self.feature_id = feature_id

    def problem(self, path: str) -> Problem:
        """The error as every reader reports it: an unreadable file (exit status 2)."""
        return Problem(
            path, self.line, self.column, "error", self.message, self.feature_id, unreadable=True
        )


@dataclass
class Duplicate:
    """An object in which `key` appears more than once; the last occurrence is the one kept."""

    pointer: Pointer
    key: str


@dataclass
class Parsed:
    document: object
    duplicates: list[Duplicate] = field(default_factory=list)


class _DuplicateKeys(dict):  # type: ignore[type-arg]
    """A decoded object that had repeated keys (a subclass, so that it can be found again)."""

    repeated: list[str]


def parse(text: str) -> Parsed:
    """Parse strict JSON (RFC 8259); raise JSONSyntaxError at the first syntax error."""
    flagged: list[_DuplicateKeys] = []
    constants: list[str] = []

    def pairs_hook(pairs: list[tuple[str, object]]) -> dict[str, object]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        marked = _DuplicateKeys(obj)
        counts = Counter(key for key, _ in pairs)
        marked.repeated = [key for key, count in counts.items() if count > 1]
        flagged.append(marked)
        return marked

    def constant_hook(name: str) -> float:
        constants.append(name)
        return float("nan")

    int_hook = int_or_float

    lone = _LONE_SURROGATE.search(text)
    if lone is not None:  # JSON can escape one, but it is no character: no reader can keep it
        line, column = LineIndex(text).position(lone.start())
        index, feature_id = _feature_at(text, lone.start())
        raise JSONSyntaxError(
            f"{lone.group()} is half of a UTF-16 surrogate pair without its other half: no "
            "character, which no UTF-8 file or table can hold; remove it or write the whole "
            "character",
            line,
            column,
            feature_index=index,
            feature_id=feature_id,
        )
    try:
        document = json.loads(
            text, object_pairs_hook=pairs_hook, parse_constant=constant_hook, parse_int=int_hook
        )
    except json.JSONDecodeError as error:
        other = format_mismatch(text, "JSON")
        if other is not None:
            raise JSONSyntaxError(f"the file is {other}, not JSON", 1, 1) from None
        message, offset = _diagnose(text, error)
        rest = text[error.pos :]
        unclosed_string = error.msg.startswith("Unterminated string")
        if not text.strip():  # a failed save or an export that never ran, not a cut
            emptiness = "the file is empty" if not text else "the file holds only white space"
            message = f"{emptiness}: {message}"
        elif not rest.strip() or (unclosed_string and '"' not in rest[1:]):
            message += "; the text ends here: is the file cut short?"
        index, feature_id = _feature_at(text, offset)
        if index is not None and feature_id is None:
            message += f" (in feature {index + 1} of `features`, counting from 1)"
        line, column = LineIndex(text).position(offset)
        raise JSONSyntaxError(
            message, line, column, feature_index=index, feature_id=feature_id
        ) from None
    except RecursionError:
        raise JSONSyntaxError("arrays or objects are nested too deeply to read", 1, 1) from None
    if constants:
        offset = _first_constant(text)
        line, column = LineIndex(text).position(offset)
        raise JSONSyntaxError(f"{constants[0]} is not a JSON number", line, column)
    duplicates = _find_duplicates(document, flagged) if flagged else []
    return Parsed(document, duplicates)


def _diagnose(text: str, error: json.JSONDecodeError) -> tuple[str, int]:
    """What went wrong, said for someone editing the file by hand, and the offset to point at.
    The usual slips of a hand edit are named (a comma after the last member, single or
    typographic quotes, a comment, Python's True/None, a missing comma, a raw line break or
    another control character) rather
    than reported as the decoder saw them, one character later."""
    pos = error.pos
    here = text[pos : pos + 1]
    before = len(text[:pos].rstrip()) - 1  # the last non-space character before the error
    after_comma = before >= 0 and text[before] == ","
    expecting = error.msg in (
        "Expecting property name enclosed in double quotes",
        "Expecting value",
    )
    if here and unicodedata.category(here) == "Cc" and here not in "\t\n\r":  # NUL, ESC...
        inside = error.msg.startswith("Invalid control character")
        where = "inside a string" if inside else "outside any string"
        return f"a control character (U+{ord(here):04X}) {where}: delete it", pos
    if expecting and after_comma and here in "}]" and here:
        what = "member of an object" if here == "}" else "element of an array"
        return f"a comma after the last {what}: remove this comma", before
    if expecting and here == "'":
        return "JSON takes double quotes (\"), not single quotes (')", pos
    if here and here in _TYPOGRAPHIC_QUOTES:
        return (
            f"a typographic quote ({here}), as a word processor or autocorrect types it: JSON "
            'takes straight double quotes (")',
            pos,
        )
    if expecting and text.startswith(("//", "/*"), pos):
        return "JSON has no comments: remove this comment", pos
    if error.msg == "Expecting value":
        word = _BAREWORD.match(text, pos)
        if word and word.group() in _PYTHON_WORDS:
            return f"{word.group()} is not JSON: write {_PYTHON_WORDS[word.group()]}", pos
    if error.msg == "Expecting property name enclosed in double quotes" and _BAREWORD.match(
        text, pos
    ):
        return 'a key without quotes: keys are strings in double quotes ("name")', pos
    if error.msg == "Expecting ',' delimiter":
        return "a comma is missing before this (between two members or elements)", pos
    if error.msg == "Expecting ':' delimiter":
        return "a colon (:) is missing between the key and its value", pos
    if error.msg.startswith("Invalid control character"):
        return (
            "a control character (a line break, a tab) inside a string: write a line break "
            "as \\n and a tab as \\t, or close the string (a missing '\"'?)",
            pos,
        )
    if error.msg.startswith("Invalid \\escape"):
        return "a backslash inside a string must be written twice (\\\\)", pos
    return _reword(error.msg), pos


_BAREWORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_TYPOGRAPHIC_QUOTES = "“”„‟‘’‚‛«»"
_PYTHON_WORDS = {
    "True": "true",
    "False": "false",
    "None": "null",
    "undefined": "null",
    "null": "null",
}


def _feature_at(text: str, offset: int) -> tuple[int | None, str | None]:
    """The index and id of the element of the top-level `features` array that holds `offset`
    in a text that is not JSON; (None, None) when the offset is elsewhere. The features before
    it are skipped by the C decoder; only the broken one is scanned token by token."""
    start = _features_array(text)
    if start is None or offset < start:
        return None, None
    index, position = 0, start + 1
    while True:
        position = _skip(text, position)
        if text.startswith("]", position) or position >= offset:
            break
        element = position
        try:
            _, position = _DECODER.raw_decode(text, element)
        except json.JSONDecodeError:
            return index, _id_member(text, element)
        if position > offset:
            return index, _id_member(text, element)
        position = _skip(text, position)
        if not text.startswith(",", position):
            break
        index, position = index + 1, position + 1
    return None, None


def _skip(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*', re.DOTALL)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]', re.DOTALL)
_SCALAR = re.compile(r'"((?:[^"\\]|\\.)*)"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?')
_FEATURE_SCAN = 1_000_000  # characters: a feature is far smaller; a runaway scan stops here


def _features_array(text: str) -> int | None:
    """Offset of the `[` of the top-level object's `features` member, found by skipping the
    members before it with the C decoder; None when there is none before the error."""
    position = _skip(text, 0)
    if not text.startswith("{", position):
        return None
    position += 1
    while True:
        key = _KEY.match(text, _skip(text, position))
        if key is None:
            return None
        value = key.end()
        if key.group(1) == "features":
            return value if text.startswith("[", value) else None
        try:
            _, position = _DECODER.raw_decode(text, value)
        except json.JSONDecodeError:
            return None
        position = _skip(text, position)
        if not text.startswith(",", position):
            return None
        position += 1


def _id_member(text: str, start: int) -> str | None:
    """The `id` member of the object starting at `start`, read token by token (the object is
    not valid JSON, so it cannot be decoded whole); None when it has none or is not an object."""
    if not text.startswith("{", start):
        return None
    depth, position, end = 0, start, min(len(text), start + _FEATURE_SCAN)
    while position < end:
        token = _TOKEN.search(text, position, end)
        if token is None:
            return None
        position = token.end()
        value = token.group()
        if value in "{[":
            depth += 1
        elif value in "}]":
            depth -= 1
            if depth == 0:
                return None
        elif depth == 1 and value == '"id"':
            colon = _skip(text, position)
            if text.startswith(":", colon):
                scalar = _SCALAR.match(text, _skip(text, colon + 1))
                if scalar:
                    quoted = scalar.group(1)
                    return str(json.loads(scalar.group())) if quoted is None else _unquote(scalar)
    return None


def _unquote(match: re.Match[str]) -> str:
    try:
        return str(json.loads(match.group()))
    except json.JSONDecodeError:
        return match.group(1)


def _reword(message: str) -> str:
    """The standard library's messages, said for someone editing the file by hand."""
    if message == "Expecting value":
        return "expected a value (a string, number, object, array, true, false or null)"
    if message == "Unexpected UTF-8 BOM (decode using utf-8-sig)":
        return (
            "the file starts with a byte-order mark; save it as UTF-8 without BOM "
            "(python -m geo fmt removes it)"
        )
    if message.startswith("Unterminated string"):
        return "a string starts here and is never closed (a missing '\"'?)"
    if message == "Extra data":
        return "more text after the end of the JSON value (a missing '[' or '{' earlier?)"
    return message[0].lower() + message[1:]


def _first_constant(text: str) -> int:
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1):
            return match.start(1)
    return 0


def _find_duplicates(document: object, flagged: list[_DuplicateKeys]) -> list[Duplicate]:
    """Pointers of the flagged objects, found by walking the document without recursion."""
    wanted = {id(obj) for obj in flagged}
    found: list[Duplicate] = []
    stack: list[tuple[Pointer, object]] = [((), document)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            if id(value) in wanted:
                found.extend(Duplicate(pointer, key) for key in dict.fromkeys(value.repeated))
            stack.extend(((*pointer, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*pointer, i), v) for i, v in enumerate(value))
    found.sort(key=lambda d: [str(p) for p in d.pointer])
    return found


def feature_id_at(document: object, pointer: Pointer) -> str | None:
    """The id of the feature of a top-level `features` array that `pointer` is inside of, as
    text; None outside a feature or for a feature without a usable id."""
    if len(pointer) < 2 or pointer[0] != "features" or not isinstance(pointer[1], int):
        return None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or pointer[1] >= len(features):
        return None
    feature = features[pointer[1]]
    feature_id = feature.get("id") if isinstance(feature, dict) else None
    if isinstance(feature_id, bool) or not isinstance(feature_id, str | int | float):
        return None
    return str(feature_id)


def property_at(pointer: Pointer) -> str | None:
    """The property a pointer is inside of, e.g. ("features", 3, "properties", "sources", 0)."""
    if len(pointer) >= 4 and pointer[0] == "features" and pointer[2] == "properties":
        return str(pointer[3])
    return None


def duplicate_problems(parsed: Parsed, source_map: SourceMap, path: str) -> list[Problem]:
    """One problem per repeated occurrence of a key (at that occurrence, with the feature and
    property it is in). Every reader reports them alike, as a file that cannot be read
    unambiguously (exit status 2, geo.problems.exit_status): JSON keeps only one of the values,
    so reading the file loses the other without a word, and rewriting it drops it for good."""
    problems = []
    for duplicate in parsed.duplicates:
        offsets = source_map.key_offsets(duplicate.pointer, duplicate.key)
        first_line, _ = source_map.position(offsets[0])
        for offset in offsets[1:]:
            line, column = source_map.position(offset)
            message = (
                f'key "{duplicate.key}" appears twice in one object (first on line '
                f"{first_line}); JSON keeps only one of the values, so the file cannot be read "
                "without losing the other: remove one by hand"
            )
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    "error",
                    message,
                    feature_id_at(parsed.document, duplicate.pointer),
                    property_at((*duplicate.pointer, duplicate.key)),
                    unreadable=True,
                )
            )
    return problems


class LineIndex:
    """Character offset -> 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@dataclass
class _Member:
    key_offset: int
    value_offset: int


class SourceMap:
    """Where each value of a JSON text starts. Only use on text that `parse` accepted."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: LineIndex | None = None
        self._objects: dict[int, dict[str, list[_Member]]] = {}
        self._arrays: dict[int, list[int]] = {}

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(offset)

    def value_offset(self, pointer: Pointer) -> int:
        """Offset of the value at `pointer`, or of the deepest existing value on its way."""
        offset = self._skip_space(0)
        for step in pointer:
            following = self._step(offset, step)
            if following is None:
                break
            offset = following
        return offset

    def key_offsets(self, pointer: Pointer, key: str) -> list[int]:
        """Offsets of every occurrence of `key` in the object at `pointer` (several when the
        key is repeated)."""
        offset = self.value_offset(pointer)
        if self.text.startswith("{", offset):
            return [m.key_offset for m in self._members(offset).get(key, [])]
        return []

    def _step(self, offset: int, step: str | int) -> int | None:
        opening = self.text[offset : offset + 1]
        if opening == "{" and isinstance(step, str):
            members = self._members(offset).get(step)
            return members[-1].value_offset if members else None
        if opening == "[" and isinstance(step, int):
            elements = self._elements(offset)
            return elements[step] if 0 <= step < len(elements) else None
        return None

    def _members(self, offset: int) -> dict[str, list[_Member]]:
        if offset not in self._objects:
            members: dict[str, list[_Member]] = {}
            position = self._skip_space(offset + 1)
            while self.text[position] != "}":
                key, after_key = _DECODER.raw_decode(self.text, position)
                value_offset = self._skip_space(self._skip_space(after_key) + 1)  # past ':'
                members.setdefault(key, []).append(_Member(position, value_offset))
                position = self._after_value(value_offset)
            self._objects[offset] = members
        return self._objects[offset]

    def _elements(self, offset: int) -> list[int]:
        if offset not in self._arrays:
            elements: list[int] = []
            position = self._skip_space(offset + 1)
            while self.text[position] != "]":
                elements.append(position)
                position = self._after_value(position)
            self._arrays[offset] = elements
        return self._arrays[offset]

    def _after_value(self, offset: int) -> int:
        """Offset of the next member or element after the value at `offset` (past any ',')."""
        _, end = _DECODER.raw_decode(self.text, offset)
        end = self._skip_space(end)
        if self.text[end] == ",":
            end = self._skip_space(end + 1)
        return end

    def _skip_space(self, offset: int) -> int:
        match = _WHITESPACE.match(self.text, offset)
        return match.end() if match else offset
