"""JSON parsing with positions: lines and columns of values, duplicate keys, syntax errors."""

from __future__ import annotations

import pytest

from geo.jsonpos import JSONSyntaxError, SourceMap, parse

TEXT = """{
  "a": [1, {"b": "x"},
        [true, null]],
  "c": {"d": 2.5}
}"""


def _position(text: str, pointer: tuple) -> tuple[int, int]:
    source_map = SourceMap(text)
    return source_map.position(source_map.value_offset(pointer))


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ((), (1, 1)),
        (("a",), (2, 8)),
        (("a", 0), (2, 9)),
        (("a", 1, "b"), (2, 18)),
        (("a", 2, 1), (3, 16)),
        (("c", "d"), (4, 14)),
        # Missing steps stop at the deepest value that exists.
        (("a", 9), (2, 8)),
        (("c", "nope", 3), (4, 8)),
    ],
)
def test_value_positions(pointer: tuple, expected: tuple[int, int]) -> None:
    parse(TEXT)
    assert _position(TEXT, pointer) == expected


def test_columns_count_characters_not_bytes() -> None:
    text = '{"ü": "Türkiye", "x": 1}'
    assert _position(text, ("x",)) == (1, 23)


def test_duplicate_keys_are_found_with_every_occurrence() -> None:
    text = '{"f": [{"type": 1,\n "type": 2, "k": 0}], "g": 1, "g": 2}'
    parsed = parse(text)
    assert {(d.pointer, d.key) for d in parsed.duplicates} == {((), "g"), (("f", 0), "type")}
    source_map = SourceMap(text)
    offsets = source_map.key_offsets(("f", 0), "type")
    assert [source_map.position(o) for o in offsets] == [(1, 9), (2, 2)]
    assert parsed.document["f"][0]["type"] == 2  # the last one wins, as in every JSON reader


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3, "a comma is missing"),
        ("", 1, 1, "expected a value"),
        ('{"a": [1, 2', 1, 12, "cut short"),
        ('{"a": NaN}', 1, 7, "NaN"),
        ('{"a": "x"} {}', 1, 12, "more text"),
        ('\ufeff{"a": 1}', 1, 1, "byte-order mark"),
        ("[" * 100_000, 1, 1, "nested too deeply"),
        ('{"a": "\x01"}', 1, 8, "control"),
        # The usual slips of a hand edit, named where they are.
        ('{"a": 1,\n}', 1, 8, "a comma after the last member of an object"),
        ('{"a": [1, 2,\n ]}', 1, 12, "a comma after the last element of an array"),
        ("{'a': 1}", 1, 2, "not single quotes"),
        ('{"a": 1, // note\n "b": 2}', 1, 10, "no comments"),
        ('{"a": True}', 1, 7, "True is not JSON: write true"),
        ('{"a": None}', 1, 7, "write null"),
        ("{a: 1}", 1, 2, "a key without quotes"),
        ('{"a" 1}', 1, 6, "colon"),
        ('{"a": "C:\\path"}', 1, 10, "backslash"),
        ('{"a": "two\nlines"}', 1, 11, "a line break"),
    ],
)
def test_syntax_errors_name_line_and_column(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(JSONSyntaxError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert words in raised.value.message


def test_an_integer_too_big_for_a_float_is_read_as_infinite() -> None:
    document = parse('{"a": ' + "9" * 400 + ', "b": -' + "9" * 5000 + ', "c": 1' + "0" * 300 + "}")
    assert document.document == {"a": float("inf"), "b": float("-inf"), "c": 10**300}


def test_a_file_cut_inside_a_string_says_so() -> None:
    with pytest.raises(JSONSyntaxError) as caught:
        parse('{"type": "Feature",\n "properties": {"name": "Nakhch')
    assert (caught.value.line, caught.value.column) == (2, 25)
    assert "never closed" in caught.value.message and "cut short" in caught.value.message


FEATURES = """{"type": "FeatureCollection", "name": "x", "features": [
 {"type": "Feature", "id": "first", "geometry": null, "properties": {"name": "a"}},
 {"type": "Feature", "properties": {"name": "b",}, "id": 7, "geometry": null},
 {"type": "Feature", "geometry": null, "properties": {"name": "c" "d": 1}}
]}"""


@pytest.mark.parametrize(
    ("broken", "index", "feature_id"),
    [
        ('"name": "b",}', 1, "7"),  # the id comes after the error: still found
        ('"name": "c" "d"', 2, None),  # a feature without an id: its position is said instead
    ],
)
def test_a_syntax_error_names_the_feature_it_is_in(broken, index, feature_id) -> None:
    text = FEATURES
    for other in ('"name": "b",}', '"name": "c" "d"'):
        if other != broken:
            text = text.replace(other, other.replace(",}", "}").replace('" "', '", "'))
    with pytest.raises(JSONSyntaxError) as raised:
        parse(text)
    assert (raised.value.feature_index, raised.value.feature_id) == (index, feature_id)
    if feature_id is None:
        assert f"in feature {index + 1} of `features`" in raised.value.message


def test_a_syntax_error_outside_the_features_names_none() -> None:
    with pytest.raises(JSONSyntaxError) as raised:
        parse('{"type": "FeatureCollection", "bbox": [1, 2,], "features": []}')
    assert raised.value.feature_index is None and raised.value.feature_id is None
