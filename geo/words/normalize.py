"""Fold a place name to the key the gazetteers are indexed by, so that spellings that differ
only in case, diacritics, apostrophes or punctuation meet.

Two levels:

- `normalize`: what every lookup uses. Latin letters with diacritics become plain ASCII
  (Naxçıvan -> naxcivan, Iğdır -> igdir, Gəncə -> gence); other scripts keep their letters
  (a Persian or Russian query still finds the Persian or Russian alternate names of GeoNames);
  case is folded; Arabic-script letter variants (Arabic and Persian yeh and kaf, teh
  marbuta, hamza seats, the ezafe mark, tatweel, zero-width non-joiner) and Eastern digits
  fold together (`ARABIC_SCRIPT_FOLDS`); apostrophes and a possessive 's vanish (Iran's ->
  iran, Nakhichevan' -> nakhichevan); other punctuation separates words (Nagorno-Karabakh
  -> nagorno karabakh); dotted initials close up (U.S. -> us, D.C. -> dc).
- `fold`: a coarser transliteration skeleton for the spellings that romanisations of Persian,
  Azerbaijani, Turkish, Georgian and Russian names produce for the same sounds: kh/x/h,
  ch/c/j/dj, sh/s, zh/z, gh/g, q/k, w/v, y/i, ph/f, a French "gu" before i/e, the unstressed
  vowels a/e and o/u, doubled letters, and spaces. Ardebil/Ardabil, Resht/Rasht, Guilan/Gilan,
  Naxçıvan/Nakhchivan/Nahçıvan, Ganja/Gəncə fold together. A folded match is weaker evidence
  than a normalized one and is ranked and labelled as such.

`romanised` gives the Latin keys of a name written in Cyrillic, Greek, Georgian or Armenian
(through `anyascii`): GeoNames lists many towns in Latin letters only, and a Russian "Ардебиль"
or a Ukrainian "Гілян" then meets "Ardabil" or "Gilan" through `fold`. Arabic-script names are
not romanised: written without their short vowels, they would meet the wrong towns. Polish
and Hungarian spellings are rewritten the same way (`ORTHOGRAPHIES`: Polish "cz" is "ch").

`KEYS_VERSION` numbers what `normalize` and `fold` return: the SQLite gazetteer stores their
keys, and rebuilds them when the number changes.

`is_common_word` says whether every word of a key is an ordinary lower-case English word
(Webster's Second International via the `english-words` package): "March", "Of", "Bar",
"Reading" are towns in GeoNames, and text-mining callers skip such readings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from geo.words.lexicon import LANGUAGES, entry

# Georgian (Mkhedruli, Nuskhuri) has no capitals in use: Unicode lists its letters as lower
# case since Mtavruli was encoded, yet a name is written like any other word.
_UNICAMERAL = re.compile("[\u10a0-\u10ff\u2d00-\u2d2f]")


def is_lower_case(letter: str) -> bool:
    """Whether `letter` is a small letter of a script that writes names with capitals: "a",
    "и", but not "ა" (Georgian) or "ا" (Arabic), where any word may be a name."""
    return letter.islower() and not _UNICAMERAL.match(letter)


# Apostrophe-like marks: ASCII, typographic, the modifier letters used in romanisations
# (Nakʻsuana, ʻAmmān) and the backtick anyascii turns them into.
_APOSTROPHES = "'`´‘’ʹʻʼʽˈ׳"  # ׳: the Hebrew geresh (ג׳ for j, as CLDR writes it)
_POSSESSIVE = re.compile(rf"(?<=\w)[{_APOSTROPHES}]s\b")
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_INITIAL_DOT = re.compile(r"(?<!\w)(\w)\.")
# Arabic-script letters written two ways for one sound (Arabic and Persian keyboards, old
# fonts): Arabic yeh and alef maqsura -> Persian yeh, Arabic kaf -> Persian keheh, teh
# marbuta and heh with yeh (ezafe) -> heh, alef with hamza or madda -> bare alef, waw with
# hamza -> waw; the tatweel (a stretching stroke) and the zero-width non-joiner vanish.
# Eastern Arabic and Persian digits become ASCII digits.
ARABIC_SCRIPT_FOLDS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": "",
        "\u200c": "",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 14)
def _is_latin(char: str) -> bool:
    """Latin letters (with their diacritics) and the punctuation of Latin text: these go
    through anyascii. Other scripts stay as they are."""
    code = ord(char)
    return (
        code < 0x370  # Latin-1, Latin Extended-A/B (ə ı ş ğ ç ł ø), IPA, modifier letters (ʻ ʼ)
        or 0x1E00 <= code < 0x1F00  # Latin Extended Additional (ḥ, ṣ, ẓ)
        or 0x2000 <= code < 0x2070  # general punctuation (’ – “)
        or (code < 0x10000 and "LATIN" in unicodedata.name(char, ""))  # Latin Extended-C..E
    )


def _transliterate_latin(text: str) -> str:
    if text.isascii():  # anyascii leaves ASCII as it is
        return text
    return "".join(anyascii(c) if c >= "\x80" and _is_latin(c) else c for c in text)


def _strip_marks(text: str) -> str:
    """Drop combining marks left in non-Latin scripts (Arabic harakat, Greek tonos)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """The lookup key of a name: case, diacritics, apostrophes and punctuation folded."""
    if not text.isascii():
        text = _transliterate_latin(unicodedata.normalize("NFC", text).casefold())
        if not text.isascii():
            # Compatibility forms (𝚺, ﬁ) decompose to plain letters, which may be Latin.
            text = _transliterate_latin(_strip_marks(text).casefold())
        text = text.translate(ARABIC_SCRIPT_FOLDS)
    text = text.lower()
    if "s" in text:
        text = _POSSESSIVE.sub("", text)
    text = text.translate(_DROP_APOSTROPHES)
    if "." in text:
        text = _INITIAL_DOT.sub(r"\1", text)
    return _NON_WORD.sub(" ", text).strip()


# Bump whenever `normalize` or `fold` return something else for some text: stored keys are
# then rebuilt (geo/geocoders/local.py). tests/words/test_normalize.py pins sample keys.
KEYS_VERSION = 2

# Spellings of one sound, replaced longest first so that "tch" is not read as "t" + "ch";
# then single letters; then doubled letters collapse.
_FOLD_DIGRAPHS: dict[str, str] = {
    "tsch": "c",
    "tch": "c",
    "dzh": "c",
    "sch": "s",
    "dj": "c",
    "ch": "c",  # ch / Turkish and Azerbaijani c, ç / j are one sound
    "sh": "s",
    "zh": "z",
    "kh": "h",  # Persian kh and Azerbaijani x are one sound
    "gh": "g",
    "ck": "k",
    "ph": "f",
}
_FOLD_LETTERS = str.maketrans("jxqwyeo", "chkviau")
_DIGRAPHS = re.compile(r"\s+|gu(?=[ie])|" + "|".join(sorted(_FOLD_DIGRAPHS, key=len, reverse=True)))
_DOUBLED = re.compile(r"(.)\1+")


def _fold_digraph(match: re.Match[str]) -> str:
    text = match.group()
    if text.startswith("gu"):
        return "g"  # French romanisation: Guilan, Guilân
    return _FOLD_DIGRAPHS.get(text, "")


@lru_cache(maxsize=1 << 16)
def fold(key: str) -> str:
    """The transliteration skeleton of a normalized key (see the module's docstring)."""
    key = _DIGRAPHS.sub(_fold_digraph, key).translate(_FOLD_LETTERS)
    return _DOUBLED.sub(r"\1", key)


@lru_cache(maxsize=1)
def _lowercase_english_words() -> frozenset[str]:
    """Words Webster's Second lists in lower case: ordinary words, not proper names."""
    from english_words import get_english_words_set

    return frozenset(word for word in get_english_words_set(["web2"]) if word.islower())


def is_common_word(key: str) -> bool:
    """True when every word of the normalized key is an ordinary English word."""
    words = key.split()
    common = _lowercase_english_words()
    return bool(words) and all(word in common for word in words)


# Scripts whose letters `romanised` reads: Greek, Cyrillic, Armenian, Georgian.
_ROMANISABLE = re.compile("[\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u10a0-\u10ff\u1c90-\u1cbf]")
# A Cyrillic soft vowel after a consonant (я, ю, е, ё after л, н ...) romanises with a "y"
# that the Latin spellings of Persian and Turkic names do not have: "Gilyan" is Gilan.
_SOFT_VOWEL = re.compile(r"(?<=[bcdfgklmnprstvz])y(?=[aeiou])")
MIN_ROMANISED = 5  # letters: shorter romanised keys meet too many unrelated places


# Latin orthographies that spell a sound with other letters than the English-based
# romanisations GeoNames lists (Polish "Nachiczewan", Hungarian "Nahicseván" for Nakhichevan):
# (spelling, romanisation) pairs replaced in order, on the case-folded text before
# `normalize` (diacritics still tell letters apart: Azerbaijani "c" is a j, "ç" a ch). "\0"
# holds a Hungarian "sz" (an s) while its "s" (an sh) is rewritten.
# (the table `inflection.orthography` of a language's data file, geo/words/languages/)
ORTHOGRAPHIES: dict[str, tuple[tuple[str, str], ...]] = {
    code: tuple((spelling, romanisation) for spelling, romanisation in pairs)
    for code in LANGUAGES
    if (pairs := entry(code, "inflection.orthography"))
}


def romanisable(text: str, language: str | None = None) -> bool:
    """Whether `text` holds letters of a script `romanised` reads, or is written in a
    language of `ORTHOGRAPHIES`."""
    return language in ORTHOGRAPHIES or _ROMANISABLE.search(text) is not None


@lru_cache(maxsize=1 << 14)
def romanised(text: str, language: str | None = None) -> tuple[str, ...]:
    """Normalized Latin keys of a name written in Greek, Cyrillic, Armenian or Georgian
    letters (as written, and without the "y" of Cyrillic soft vowels), or in the Latin
    orthography of `language` (`ORTHOGRAPHIES`), at least `MIN_ROMANISED` letters long;
    () for other text."""
    if _ROMANISABLE.search(text) is not None:
        key = normalize(anyascii(normalize(text)))
        keys = dict.fromkeys([key, _SOFT_VOWEL.sub("", key)])
    elif language in ORTHOGRAPHIES:
        # The rewrites read the letters as written: an Azerbaijani "c" (a j) and "ç" (a ch)
        # are both "c" once diacritics are folded.
        spelled = unicodedata.normalize("NFC", text).casefold()
        for spelling, romanisation in ORTHOGRAPHIES[language]:
            spelled = spelled.replace(spelling, romanisation)
        keys = dict.fromkeys([normalize(spelled)])
    else:
        return ()
    return tuple(k for k in keys if len(k.replace(" ", "")) >= MIN_ROMANISED)
