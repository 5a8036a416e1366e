"""The language an article (and each of its paragraphs) is written in, by the
`lingua-language-detector` package (its models ship inside the wheel: nothing is downloaded;
about 40 MB and half a second when first used), among the languages of
`geo.geocoders.names.LANGUAGES`.

A paragraph too short to tell (a title, a byline) takes the article's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.geocoders.names import LANGUAGES

# A paragraph with fewer letters than this is read in the article's language.
MIN_LETTERS = 40
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
# Languages written in a script without capital letters: every word may start a name.
CASELESS = frozenset({"fa", "ar", "ka"})


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" when it cannot be told."""
    found = _detector().detect_language_of(text) if text.strip() else None
    return found.iso_code_639_1.name.lower() if found is not None else "en"


@dataclass(frozen=True)
class Languages:
    """The article's language and its paragraphs' own, by character offset."""

    article: str
    spans: tuple[tuple[int, int, str], ...]

    def at(self, offset: int) -> str:
        for start, end, language in self.spans:
            if start <= offset < end:
                return language
        return self.article


def languages_of(text: str) -> Languages:
    """Languages of the article and of each paragraph long enough to tell."""
    article = detect(text)
    spans = []
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group()
        letters = sum(char.isalpha() for char in paragraph)
        language = detect(paragraph) if letters >= MIN_LETTERS else article
        spans.append((match.start(), match.end(), language))
    return Languages(article, tuple(spans))


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Normalized month and weekday names (wide and abbreviated, in their format and
    stand-alone forms) of every language of `LANGUAGES`, from CLDR through `babel`: words
    that are never places, though GeoNames has towns called "Mart" or "March"."""
    from babel import Locale

    from geo.geocoders.normalize import normalize

    words: set[str] = set()
    for code in LANGUAGES:
        locale = Locale.parse(code)
        for table in (locale.months, locale.days):
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    words.update(normalize(name) for name in table[context][width].values())
    return frozenset(words - {""})
