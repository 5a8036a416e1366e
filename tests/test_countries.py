"""geo.countries: the separator of a `country` cell and the names that stand for a country."""

from __future__ import annotations

from geo import countries


def test_a_cell_lists_names_separated_by_semicolons():
    assert countries.split_names("Iran; Iraq ;Syria") == ["Iran", "Iraq", "Syria"]
    assert countries.split_names(" ; ") == []
    assert countries.split_names(None) == []
    assert countries.join_names(["Iran", "Iraq"]) == "Iran; Iraq"
    assert countries.split_names(countries.join_names(["A", "B"])) == ["A", "B"]


def test_alternative_names_resolve_to_the_borders_name():
    assert countries.resolve("Turkey") == "Türkiye"
    assert countries.resolve("turkey ") == "Türkiye"
    assert countries.resolve("Azerbaijan") == "Azerbaijan"
    assert countries.resolve("Atlantis") == "Atlantis"
