"""Consonant skeletons: a name written in an abjad (Arabic, Persian, Hebrew), which leaves
most vowels unwritten, against the Latin names of a gazetteer.

Both sides are reduced to a string of consonant classes (one ASCII letter each: k for k, q, g
and Arabic ق ك غ; h for h, kh, x and ح خ ח; c for ch, j, c, dzh and ج چ צ' ג'; s for s, sh, ts
and س ش ص ס ש צ; b for b, p, f, v and ب پ ف ב; ...), vowels and the letters a script also
writes vowels with (Arabic و ي, Hebrew ו י) left out, doubled classes once. Hebrew
"נחצ'יבאן" and Latin "Nakhchivan" are both "nhcbn"; Arabic "غورانبوي" and "Goranboy" both
"krnb".

The tables are data: each language that writes an abjad has a `[skeleton]` table in its file
(geo/words/languages/<code>.toml):

- `letters`: letter -> class ("" for a vowel letter);
- `digraphs`: spellings of several characters read first ("צ'" -> "c", "וו" -> "b");
- `final`: a letter read otherwise at a word's end (Arabic ه, a vowel there);
- `latin`: (spelling, class) pairs for the Latin side, longest spellings first, each Latin
  letter the script may leave unwritten mapped to "" (Arabic script writes v as the vowel
  letter و, so v and w are left out for it; Hebrew writes v as ב or וו);
- `prefixes`: one-letter words written joined to the next (Arabic و ب ل, the article ال).

A skeleton match is weak evidence: geo.geocoders.offline reads it only among the places of
the article's countries, of `MIN_CONSONANTS` classes or more, and only when one name has it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from geo.words.lexicon import LANGUAGES, entry

MIN_CONSONANTS = 4  # classes: shorter skeletons meet too many unrelated names
_DOUBLED = re.compile(r"(.)\1+")


@cache
def _table(language: str) -> dict[str, object] | None:
    table = entry(language, "skeleton")
    return table if isinstance(table, dict) else None


SKELETON_LANGUAGES: frozenset[str] = frozenset(code for code in LANGUAGES if _table(code))


def _pattern(spellings: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True)))


@cache
def _script_rules(language: str) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """(pattern of the script's spellings, spelling -> class, final letter -> class)."""
    table = _table(language) or {}
    classes: dict[str, str] = {**table.get("letters", {}), **table.get("digraphs", {})}  # type: ignore[dict-item]
    return _pattern(list(classes)), classes, dict(table.get("final", {}))  # type: ignore[call-overload]


@cache
def _latin_rules(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = _table(language) or {}
    classes = {spelling: cls for spelling, cls in table.get("latin", [])}  # type: ignore[attr-defined]
    return _pattern(list(classes)), classes


def writes(word: str, language: str) -> bool:
    """Whether `word` is written in the letters of `language`'s `[skeleton]` table."""
    if language not in SKELETON_LANGUAGES:
        return False
    letters = _script_rules(language)[1]
    return bool(word) and word[0] in letters


def prefixes(language: str) -> tuple[str, ...]:
    table = _table(language) or {}
    return tuple(table.get("prefixes", ()))  # type: ignore[call-overload]


@lru_cache(maxsize=1 << 14)
def of_script(word: str, language: str) -> str:
    """The skeleton of one word written in `language`'s script (raw text: the Hebrew geresh
    of צ' counts); letters the table does not know are left out."""
    pattern, classes, final = _script_rules(language)
    word = word.casefold().replace("׳", "'").replace("’", "'")
    found = [(m.group(), classes[m.group()]) for m in pattern.finditer(word)]
    if found and found[-1][0] in final:
        found[-1] = (found[-1][0], final[found[-1][0]])
    return _DOUBLED.sub(r"\1", "".join(cls for _, cls in found))


@lru_cache(maxsize=1 << 18)
def of_latin(key: str, language: str) -> str:
    """The skeleton of a normalized Latin key ("nakhchivan") as `language`'s script would
    write it; "" for a key with other letters or spaces."""
    if not key.isascii() or not key.isalpha():
        return ""
    pattern, classes = _latin_rules(language)
    return _DOUBLED.sub(r"\1", pattern.sub(lambda m: classes[m.group()], key))
