"""Inflected and derived forms of place names in running text: "Ирана", "Турции" (Russian
cases), "İran'dan", "Nahçıvan'a" (Turkish suffixes after an apostrophe), "Azerbajdzsánba"
(Hungarian), "Teheranie" (Polish), "بإيران" (Arabic clitics), and the adjectives that name a
place ("иранский", "iráni", "irańskich", "İranlı", "ایرانی").

A word's forms are its Snowball stem (the `snowballstemmer` package: one well-kept stemmer
per language) and, for an adjective, that stem without the language's adjective suffix
(`ADJECTIVE_SUFFIXES`). A gazetteer key meets the word when it starts with one of those
forms, is at most `MAX_ENDING` letters longer, and stems to the same form: "турция" and
"турции" both stem to "турц".
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from geo.words.lexicon import LANGUAGES, by_language, entry
from geo.words.normalize import normalize

# Per language (its data file, geo/words/languages/<code>.toml, table [inflection]): the
# Snowball stemmer that reads it ("az" with the Turkish one); the lemmatizer for languages
# whose Snowball stemmer is missing or cuts names too short (Armenian, Georgian, Ukrainian,
# Hebrew: `simplemma`, whose dictionaries ship in its wheel); the case endings of a language
# read without a stemmer (Georgian -ის, -ში ...); the suffixes that make an adjective or a
# demonym of a place's name after the case ending is cut ("иран|ск|ий", "irán|i", "İran|lı");
# the vowels it drops from a name's last syllable before an ending (Georgian ნახჭევანი,
# genitive ნახჭევნის).
SNOWBALL: dict[str, str] = {
    code: name for code in LANGUAGES if (name := entry(code, "inflection.snowball"))
}
LEMMATIZED: frozenset[str] = frozenset(
    code for code in LANGUAGES if entry(code, "inflection.lemmatizer") == "simplemma"
)
ENDINGS: dict[str, tuple[str, ...]] = by_language("inflection.endings")
ADJECTIVE_SUFFIXES: dict[str, tuple[str, ...]] = by_language("inflection.adjective_suffixes")
# Adjective suffixes the language's stemmer cuts with the word's ending (Arabic ـية, ـي:
# الإيرانية, "Iranian", stems to ایران): a word ending in one whose stem is what stands before
# it is an adjective of the name its stem meets, not an inflected form of the name.
STEMMED_ADJECTIVE_SUFFIXES: dict[str, tuple[str, ...]] = by_language(
    "inflection.stemmed_adjective_suffixes"
)
# Letters a name may have beyond its adjective's base besides one more letter (Arabic تركي,
# "Turkish": تركيا, Türkiye; سوري: سوريا).
ADJECTIVE_NAME_ENDINGS: dict[str, tuple[str, ...]] = by_language(
    "inflection.adjective_name_endings"
)
SYNCOPE: dict[str, tuple[str, ...]] = by_language("inflection.syncope")
CLITICS: dict[str, tuple[str, ...]] = by_language("inflection.clitics")
_CONSONANTS_END = re.compile(r"[^\W\dაეიოუ]{2}$")
MIN_STEM = 3
MIN_ADJECTIVE_BASE = 4  # letters of the name an adjective is made from ("iraq" + "i")
MAX_ENDING = 3  # letters a nominative may have beyond the shared stem ("турц" + "ия")
# A case suffix joined by an apostrophe is a Latin-script way (Turkish, Azerbaijani); in other
# scripts the apostrophe is part of a letter or a word: the Hebrew geresh ("אזרבייג'ן", j),
# the Ukrainian apostrophe ("Слов'янськ").
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_APOSTROPHE_SUFFIX = re.compile(rf"^(.*?[{_LATIN}])['’ʼ`][{_LATIN}]+$")


@cache
def _stemmer(language: str) -> Any:
    import snowballstemmer

    name = SNOWBALL.get(language)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=1 << 16)
def stem(word: str, language: str) -> str:
    """The normalized stem of one word in `language` (an ISO 639-1 code)."""
    lower = word.casefold()
    stemmer = _stemmer(language)
    if stemmer is not None:
        return normalize(stemmer.stemWord(lower))
    for ending in ENDINGS.get(language, ()):
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            return normalize(lower[: -len(ending)])
    return normalize(lower)


@lru_cache(maxsize=1 << 14)
def lemma(word: str, language: str) -> str | None:
    """The dictionary form of `word` by `simplemma` for a language of `LEMMATIZED` (the
    Armenian genitive Գորիսի is Գորիս), normalized; None for other languages or when the
    lemmatizer leaves the word as it is."""
    if language not in LEMMATIZED:
        return None
    import simplemma

    found = simplemma.lemmatize(word, lang=language)
    return normalize(found) if found.casefold() != word.casefold() else None


def ending_forms(word: str, language: str) -> list[str]:
    """For a language read by its case endings (`ENDINGS`) or written with clitics before a
    word (`CLITICS`), the word without a clitic, and without each ending
    it may carry, longest ending first ("ჰატაის": ჰატა, ჰატაი), and each such form with a
    dropped vowel put back (`SYNCOPE`: ნახჭევნ -> ნახჭევან)."""
    lower = word.casefold()
    found: list[str] = []
    # a one-letter clitic written as one word with the name (Hebrew ב "in", ל "to", מ "from")
    # (up to two: "ובבאקו", "and in Baku")
    bases = [lower]
    for _ in range(2):
        bases = [
            base[len(clitic) :]
            for base in bases
            for clitic in CLITICS.get(language, ())
            if base.startswith(clitic) and len(base) - len(clitic) >= MIN_STEM
        ]
        found.extend(bases)
    for ending in ENDINGS.get(language, ()):
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            base = lower[: -len(ending)]
            found.append(base)
            if _CONSONANTS_END.search(base):
                found.extend(base[:-1] + vowel + base[-1] for vowel in SYNCOPE.get(language, ()))
    return [normalize(form) for form in dict.fromkeys(found)]


def without_suffix(text: str) -> str | None:
    """The text before a suffix joined by an apostrophe ("İran'dan" -> "İran"), or None (also
    for an apostrophe between letters of another script than Latin: "Слов'янськ")."""
    match = _APOSTROPHE_SUFFIX.match(text.strip())
    return match.group(1) if match else None


def forms(word: str, language: str) -> list[tuple[str, bool]]:
    """(form, is_adjective) pairs a gazetteer key may start with, most direct first."""
    found: list[tuple[str, bool]] = []
    stemmed = stem(word, language)
    key = normalize(word)
    found.append((stemmed, _stemmed_adjective(key, stemmed, language)))
    lemmatized = lemma(word, language)
    if lemmatized is not None and " " not in lemmatized:
        found.insert(0, (lemmatized, False))
    found.extend((form, False) for form in ending_forms(word, language))
    for suffix in ADJECTIVE_SUFFIXES.get(language, ()):
        suffix_key = normalize(suffix)
        for base in (stemmed, key):
            if base.endswith(suffix_key) and len(base) - len(suffix_key) >= MIN_ADJECTIVE_BASE:
                found.append((base[: -len(suffix_key)], True))
    return [pair for pair in dict.fromkeys(found) if len(pair[0]) >= MIN_STEM]


def _stemmed_adjective(key: str, stemmed: str, language: str) -> bool:
    """Whether the stemmer cut an adjective suffix of `STEMMED_ADJECTIVE_SUFFIXES` from the
    normalized word `key`: it ends in one, and its stem is what stands before it (after a
    clitic or an article: الإيرانية, ال + ایران + یه)."""
    if len(stemmed) < MIN_STEM:
        return False
    for suffix in STEMMED_ADJECTIVE_SUFFIXES.get(language, ()):
        suffix_key = normalize(suffix)
        if key.endswith(suffix_key) and key[: -len(suffix_key)].endswith(stemmed):
            return True
    return False


def meets(key: str, form: str, language: str, *, adjective: bool) -> bool:
    """Whether the one-word gazetteer `key` is the name `form` was taken from: the same, or
    a nominative that stems to the form ("турция" for "турц"); for an adjective's base, the
    name or the name with one more letter ("нахичевань" for "нахичеван") or with one of the
    language's `ADJECTIVE_NAME_ENDINGS` (Arabic ترک + یا: ترکیا)."""
    if " " in key or not key.startswith(form):
        return False
    extra = len(key) - len(form)
    if extra == 0:
        return True
    if adjective:
        endings = {normalize(e) for e in ADJECTIVE_NAME_ENDINGS.get(language, ())}
        return extra <= 1 or key[len(form) :] in endings
    return extra <= MAX_ENDING and stem(key, language) == form
