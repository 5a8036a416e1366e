"""Inflected forms, adjectives and other languages' names of places (geo.words.inflection,
names): what news in Russian, Turkish, Hungarian, Polish or Persian write finds its place."""

from __future__ import annotations

import pytest

from geo.words.inflection import forms, stem, without_suffix
from geo.words.names import demonym, territory_names
from geo.words.normalize import normalize


@pytest.mark.parametrize(
    ("word", "language", "name"),
    [
        ("Ирана", "ru", "Iran"),
        ("Турции", "ru", "Türkiye"),
        ("Тегеране", "ru", "Tehran"),
        ("Туреччиною", "uk", "Türkiye"),
        ("İran'dan", "tr", "Iran"),
        ("Azerbajdzsánba", "hu", "Azerbaijan"),
        ("Törökországig", "hu", "Türkiye"),
        ("Teheranie", "pl", "Tehran"),
        ("иранский", "ru", "Iran"),
        ("irańskich", "pl", "Iran"),
        ("iráni", "hu", "Iran"),
        ("ایرانی", "fa", "Iran"),
        ("Iraqi", "en", "Iraq"),
        ("Syrian", "en", "Syria"),
        ("آذربایجان", "fa", "Azerbaijan"),
        ("Azerbaycan", "tr", "Azerbaijan"),
    ],
)
def test_inflected_forms_and_adjectives_find_their_place(
    geocoder: object, word: str, language: str, name: str
) -> None:
    found = geocoder.geocode(word, exactly_one=False, strict=True, language=language)  # type: ignore[attr-defined]
    assert found, word
    assert found[0].raw["name"] == name


@pytest.mark.parametrize(
    ("word", "language"),
    [("данным", "ru"), ("düştü", "tr"), ("binasına", "tr"), ("ataków", "pl"), ("egyik", "hu")],
)
def test_lower_case_words_are_read_only_as_adjectives(
    geocoder: object, word: str, language: str
) -> None:
    assert not geocoder.geocode(word, exactly_one=False, strict=True, language=language)  # type: ignore[attr-defined]


def test_without_a_language_no_inflection_is_tried(geocoder: object) -> None:
    assert not geocoder.geocode("Ирана", exactly_one=False, strict=True)  # type: ignore[attr-defined]


def test_stems_of_one_word_meet() -> None:
    assert stem("Турции", "ru") == stem("Турция", "ru")
    assert stem("ქართულში", "ka") == normalize("ქართულ")


def test_apostrophe_suffix_is_cut() -> None:
    assert without_suffix("Nahçıvan'a") == "Nahçıvan"
    assert without_suffix("Iran") is None


@pytest.mark.parametrize("word", ["באזרבייג'ן", "Слов'янськ", "Кам’янське"])
def test_an_apostrophe_in_another_script_is_part_of_the_word(word: str) -> None:
    """A suffix after an apostrophe is Latin script's (Turkish, Azerbaijani); the Hebrew geresh
    and the Ukrainian apostrophe are inside a word."""
    assert without_suffix(word) is None


@pytest.mark.parametrize(
    ("word", "language", "name"),
    [("באזרבייג'ן", "he", "Azerbaijan"), ("ובבאקו", "he", "Baku"), ("בטהרן", "he", "Tehran")],
)
def test_a_hebrew_name_after_its_clitics_is_the_name(
    geocoder: object, word: str, language: str, name: str
) -> None:
    found = geocoder.geocode(word, exactly_one=False, strict=True, language=language)  # type: ignore[attr-defined]
    assert found and found[0].raw["name"] == name


def test_adjective_forms_keep_names_of_four_letters_or_more() -> None:
    assert ("иран", True) in forms("иранский", "ru")
    assert not any(adjective and len(form) < 4 for form, adjective in forms("bağlı", "tr"))


def test_country_names_come_from_cldr_and_demonyms_from_countryinfo() -> None:
    assert {"Иран", "İran", "Irán", "ایران"} <= set(territory_names("IR"))
    assert "آذربایجان" in territory_names("AZ")
    assert demonym("IQ") == "Iraqi"


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("الإيرانية", "Iran"),  # feminine, with the article: "the Iranian (one)"
        ("الإيراني", "Iran"),
        ("العراقيون", "Iraq"),  # plural: "the Iraqis"
        ("التركية", "Türkiye"),  # its base meets the name with the country's ending (تركيا)
        ("السورية", "Syria"),
    ],
)
def test_an_arabic_nisba_is_its_country_s_adjective(geocoder: object, word: str, name: str) -> None:
    """The Arabic stemmer cuts the nisba with its ending (الإيرانية -> ایران): the word is the
    adjective of the country, not an inflected form of its name, so it names an actor, never
    a place of the draft."""
    found = geocoder.geocode(word, exactly_one=False, strict=True, language="ar")  # type: ignore[attr-defined]
    assert found and found[0].raw["name"] == name
    assert all(location.raw["match"] == "adjective" for location in found)


@pytest.mark.parametrize(("word", "name"), [("بالعراق", "Iraq"), ("بأذربيجان", "Azerbaijan")])
def test_an_arabic_name_after_a_clitic_is_the_name(geocoder: object, word: str, name: str) -> None:
    found = geocoder.geocode(word, exactly_one=False, strict=True, language="ar")  # type: ignore[attr-defined]
    assert found and found[0].raw["name"] == name and found[0].raw["match"] == "inflected"
