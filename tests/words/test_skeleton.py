"""Consonant skeletons of names written in an abjad against their Latin names
(geo/words/skeleton.py, the `[skeleton]` tables of he.toml, ar.toml, fa.toml), and the
geocoder's reading of a name no gazetteer spells in that script (invented words)."""

from __future__ import annotations

import pytest

from geo.words import skeleton


@pytest.mark.parametrize(
    ("word", "language", "latin"),
    [
        ("נחצ'יבאן", "he", "nakhchivan"),  # צ' with a geresh is ch; ב is v
        ("נחיצ'בן", "he", "naxcivan"),  # the vowels written elsewhere, or not at all
        ("נחצ׳יוואן", "he", "nakhichevan"),  # Hebrew geresh, וו for v
        ("غورانبوي", "ar", "goranboy"),  # غ for g, و and ي as vowels
        ("زنكيلان", "ar", "zangilan"),
        ("گورانبوی", "fa", "goranboy"),
    ],
)
def test_an_abjad_spelling_meets_the_latin_name(word: str, language: str, latin: str) -> None:
    sound = skeleton.of_script(word, language)
    assert len(sound) >= skeleton.MIN_CONSONANTS
    assert sound == skeleton.of_latin(latin, language)


def test_other_names_keep_other_skeletons() -> None:
    assert skeleton.of_script("נחצ'יבאן", "he") != skeleton.of_latin("nakhodka", "he")
    assert skeleton.of_script("غورانبوي", "ar") != skeleton.of_latin("gorgan", "ar")


def test_only_an_abjads_letters_are_read() -> None:
    assert skeleton.writes("غورانبوي", "ar")
    assert not skeleton.writes("Goranboy", "ar")
    assert not skeleton.writes("غورانبوي", "en")  # a language without a [skeleton] table
    assert skeleton.of_latin("nagorno karabakh", "he") == ""  # one word only


def test_the_geocoder_reads_a_skeleton_only_in_the_articles_countries(geocoder) -> None:
    found = geocoder.sounding("בנחצ'יבאן", "he", ["Azerbaijan"])  # "in Nakhchivan"
    assert found
    assert {location.raw["match"] for location in found} == {"skeleton"}
    assert "geonames:147429" in {location.raw["source"] for location in found}
    assert geocoder.sounding("נחצ'יבאן", "he", ["Georgia"]) == []
    assert geocoder.sounding("Nakhchivan", "he", ["Azerbaijan"]) == []


def test_a_skeleton_shared_by_two_names_is_no_reading(geocoder) -> None:
    # ك ر م ن: Kerman and Kermanshah's neighbours share short skeletons; three consonants
    # and fewer are never read
    assert geocoder.sounding("قمن", "ar", ["Iran"]) == []


def test_two_words_are_never_sounded_together(geocoder) -> None:
    # an adjective of three consonants and a preposition would make four together
    assert geocoder.sounding("ارمني على", "ar", ["Turkey", "Azerbaijan", "Armenia"]) == []
