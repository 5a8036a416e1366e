"""Every language `geo extract` reads is one data file (geo/words/languages/<code>.toml): it
fills the tables without which the reader would find no event, figure, speaker, facility or
relative date in that language, and docs/languages.md shows what each file fills and lacks."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from babel import Locale

from geo.extract.dates import world_months
from geo.words import lexicon
from geo.words.lexicon import (
    LANGUAGES,
    SIGHTING_STEMS,
    designation,
    number_words,
    stem_pattern,
)

ROOT = Path(__file__).resolve().parents[2]
# What every language must fill: the kinds of event most news of the region tell, the
# figures, speech, facilities, settlement and province words, and the relative days.
REQUIRED = (
    "events.disrupted", "events.drone", "events.shelling", "events.explosion",
    "events.strike", "events.accident", "events.disaster", "events.exercise",
    "events.agreement", "events.arrest", "events.protest", "events.riot",
    "events.intervention", "events.other",
    "figures.killed", "figures.injured", "figures.drones", "figures.missiles", "numbers",
    "speech.report", "speech.deny", "speech.act",
    *(f"facilities.{kind}" for kind in lexicon.FACILITY_KINDS),
    "places.settlement", "places.province", "places.border",
    "dates.same_day", "dates.day_after", "dates.day_before", "dates.later_days",
    "dates.ago_days", "dates.last_week",
)  # fmt: skip


def test_a_language_is_a_file() -> None:
    files = sorted(p.stem for p in lexicon.DATA_DIR.glob("*.toml"))
    assert sorted(LANGUAGES) == files and LANGUAGES[0] == "en"
    wanted = {"en", "tr", "az", "fa", "ar", "ru", "uk", "hy", "ka", "de", "fr", "es", "it"}
    assert wanted | {"pl", "hu", "sr", "hr", "he"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_fills_the_required_tables(language: str) -> None:
    assert [path for path in REQUIRED if not lexicon.filled(language, path)] == []
    # nearness written before the name or after it (a postposition: "Culfa yakınında")
    assert lexicon.filled(language, "places.near") or lexicon.filled(language, "places.near_after")
    assert len(lexicon.NUMBER_WORDS[language]) == 12
    if language != "en":
        assert number_words(language) != number_words("en")


KNOWN_TOP = {"name", "capitals", "nouns_capitalised", "numbers", "articles", "weapon_compounds"}
SECTIONS = {
    "events",
    "figures",
    "speech",
    "facilities",
    "places",
    "dates",
    "text",
    "inflection",
    "skeleton",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_holds_only_tables_the_reader_reads(language: str) -> None:
    """A misspelt table would be read by nobody: every table of every file is one that the
    code asks for by its path (geo/ holds the text "section.key", or the section and key
    apart in a table of names: `KINDS`, `FIGURES`, `FACILITY_KINDS`, `DAY_OFFSETS`...)."""
    data = tomllib.loads((lexicon.DATA_DIR / f"{language}.toml").read_text(encoding="utf-8"))
    assert set(data) <= KNOWN_TOP | SECTIONS
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "geo").rglob("*.py"))
    unread = [
        f"{section}.{key}"
        for section in SECTIONS & set(data)
        for key in data[section]
        if f"{section}.{key}" not in source and f'"{key}"' not in source
    ]
    assert unread == []


def test_the_language_page_shows_every_files_coverage() -> None:
    """docs/languages.md carries the table `lexicon.coverage_table` computes from the files:
    regenerate it when a file changes (`python -c "from geo.words.lexicon import
    coverage_table; print(coverage_table())"`)."""
    page = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    assert lexicon.coverage_table() in page


def test_the_readme_says_what_each_language_has() -> None:
    """The README's short table is the same computation over two groups: regenerate it with
    `coverage_table(README_GROUPS)`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert lexicon.coverage_table(README_GROUPS) in readme


README_GROUPS = ("event kinds", "relative dates")


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_language_has_its_month_names_from_cldr(language: str) -> None:
    march = Locale.parse(language).months["format"]["wide"][3].casefold()
    assert world_months()[march] == 3


# A sighting in each language, as its news write it ("a drone was spotted"): invented.
SIGHTED = {
    "en": "spotted", "tr": "görüldü", "az": "müşahidə edilib", "ru": "замечен",
    "uk": "помічено", "fa": "مشاهده شد", "ar": "شوهدت", "pl": "zauważono",
    "hu": "észlelték", "de": "gesichtet", "fr": "aperçu", "it": "avvistato", "sr": "uočen",
    "hr": "primijećen", "bs": "viđen", "ka": "შენიშნეს", "es": "avistado", "hy": "նկատվել",
    "he": "נצפה",
}  # fmt: skip


def test_every_language_has_a_word_of_sighting() -> None:
    assert set(SIGHTED) == set(LANGUAGES)
    pattern = stem_pattern(SIGHTING_STEMS)
    assert [code for code, word in SIGHTED.items() if not pattern.search(word)] == []


# A province word of each language, in a case form the news write it in.
PROVINCE_WORDS = {
    "en": "province", "tr": "ilinde", "az": "ostanında", "fa": "استان", "ar": "محافظة",
    "ru": "провинции", "uk": "провінції", "it": "provincia", "fr": "province",
    "de": "Provinz", "pl": "prowincji", "hu": "tartományban", "sr": "provinciji",
    "hr": "pokrajini", "bs": "provinciji", "ka": "პროვინციაში", "es": "provincia",
    "hy": "մարզում", "he": "מחוז",
}  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_province_word(language: str) -> None:
    assert designation(PROVINCE_WORDS[language]) == "admin1"


def test_a_whole_word_stem_is_not_a_words_beginning() -> None:
    pattern = stem_pattern(("hit$", "drone"))
    assert pattern.search("a drone was hit") is not None
    assert pattern.fullmatch("drones") is not None
    assert pattern.search("the history of the hitch") is None


def test_a_hebrew_stem_may_follow_its_clitics_but_not_stand_inside_a_word() -> None:
    pattern = stem_pattern(("ירי$",))
    assert pattern.search("בירי") is not None  # "in the shooting"
    assert pattern.search("ירידה") is None  # "a decline"
