"""Figures with their offsets, in several languages (geo.extract.figures)."""

from __future__ import annotations

import pytest

from geo.extract.figures import find_figures


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Four civilians were injured in the attack.", "en", [("injured", 4, "Four")]),
        ("Saldırıda 2 sivil yaralandı.", "tr", [("injured", 2, "2")]),
        ("В результате удара пострадали два человека.", "ru", [("injured", 2, "два")]),
        ("دو زخمی در منطقهٔ خودمختار نخجوان", "fa", [("injured", 2, "دو")]),
        ("W czwartek czworo cywilów zostało rannych.", "pl", [("injured", 4, "czworo")]),
        ("İran tarafından 4 İHA ile yapıldı.", "tr", [("drones", 4, "4")]),
        ("Between 3 and 5 drones crossed the border.", "en", [("drones", (3, 5), "3 and 5")]),
        ("Three people were killed.", "en", [("killed", 3, "Three")]),
    ],
)
def test_figures_are_found_with_their_offsets(
    text: str, language: str, expected: list[tuple[str, object, str]]
) -> None:
    found = find_figures(text, 0, len(text), language)
    assert [(f.name, f.value, text[f.start : f.end]) for f in found] == expected


def test_years_dates_and_uncounted_numbers_are_not_figures() -> None:
    text = "On 5 March 2026, 11 diplomats left; the 2026 budget grew."
    assert find_figures(text, 0, len(text), "en", [(3, 15)]) == []


def test_a_range_is_a_list_in_the_plain_form() -> None:
    text = "2-3 missiles"
    (figure,) = find_figures(text, 0, len(text), "en")
    assert figure.as_dict() == {"name": "missiles", "value": [2, 3], "start": 0, "end": 3}
