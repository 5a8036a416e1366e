"""Every language `geo extract` reads has its words in every table of geo.extract.lexicon,
and its month names from CLDR (a language added to LANGUAGES without them would read no
event, figure or date)."""

from __future__ import annotations

import pytest
from babel import Locale

from geo.extract.dates import world_months
from geo.extract.lexicon import (
    EVENT_STEMS,
    FACILITY_STEMS,
    FIGURE_STEMS,
    NUMBER_WORDS,
    SIGHTING_STEMS,
    SPEECH_STEMS,
    designation,
    number_words,
    stem_pattern,
)
from geo.words.names import LANGUAGES

# The kinds of event every language must name: an interception or a shooting-down, a
# strike, and the weapons seen (a drone, a missile).
REQUIRED_EVENTS = (
    "Disrupted weapons use",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_names_interceptions_strikes_and_weapons(language: str) -> None:
    named = {sub for _kind, sub, stems in EVENT_STEMS if stems.get(language)}
    assert set(REQUIRED_EVENTS) <= named


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_counts_killed_injured_drones_and_missiles(language: str) -> None:
    assert all(stems.get(language) for stems in FIGURE_STEMS.values())
    assert len(NUMBER_WORDS[language]) == 12
    assert number_words(language)  # its own words, not English ones
    if language != "en":
        assert number_words(language) != number_words("en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_facility_and_speech_words(language: str) -> None:
    assert all(stems.get(language) for stems in FACILITY_STEMS.values())
    assert all(stems.get(language) for stems in SPEECH_STEMS.values())


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_language_has_its_month_names_from_cldr(language: str) -> None:
    march = Locale.parse(language).months["format"]["wide"][3].casefold()
    assert world_months()[march] == 3


def test_every_table_names_only_languages_that_are_read() -> None:
    tables = [stems for _k, _s, stems in EVENT_STEMS] + [
        *FIGURE_STEMS.values(),
        *FACILITY_STEMS.values(),
        *SPEECH_STEMS.values(),
        NUMBER_WORDS,
    ]
    assert all(set(table) <= set(LANGUAGES) for table in tables)


# A sighting in each language, as its news write it ("a drone was spotted").
SIGHTED = {
    "en": "spotted", "tr": "görüldü", "az": "müşahidə edilib", "ru": "замечен",
    "uk": "помічено", "fa": "مشاهده شد", "ar": "شوهدت", "pl": "zauważono",
    "hu": "észlelték", "de": "gesichtet", "fr": "aperçu", "it": "avvistato", "sr": "uočen",
    "hr": "primijećen", "bs": "viđen", "ka": "შენიშნეს",
}  # fmt: skip


def test_every_language_has_a_word_of_sighting() -> None:
    assert set(SIGHTED) == set(LANGUAGES)
    pattern = stem_pattern(SIGHTING_STEMS)
    assert [code for code, word in SIGHTED.items() if not pattern.search(word)] == []


# A province word of each language, in a case form the news write it in.
PROVINCE_WORDS = {
    "en": "province",
    "tr": "ilinde",
    "az": "ostanında",
    "fa": "استان",
    "ar": "محافظة",
    "ru": "провинции",
    "uk": "провінції",
    "it": "provincia",
    "fr": "province",
    "de": "Provinz",
    "pl": "prowincji",
    "hu": "tartományban",
    "sr": "provinciji",
    "hr": "pokrajini",
    "bs": "provinciji",
    "ka": "პროვინციაში",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_province_word(language: str) -> None:
    assert designation(PROVINCE_WORDS[language]) == "admin1"
