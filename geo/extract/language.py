"""The language an article (and each of its paragraphs) is written in, by the
`lingua-language-detector` package (its models ship inside the wheel: nothing is downloaded;
about 40 MB and half a second when first used), among the languages of
`geo.words.names.LANGUAGES`.

A paragraph too short to tell (a title, a byline) takes the article's language. Each paragraph
is told from its first `SAMPLE_CHARACTERS` characters (the detector's accuracy no longer grows
past a few hundred, while its time grows with the text), and the article's language is the one
most of its letters are written in: the text is read once, not once whole and again by
paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from geo.words.lexicon import LANGUAGES, entry

# A paragraph with fewer letters than this is read in the article's language.
MIN_LETTERS = 40
SAMPLE_CHARACTERS = 250  # about two sentences
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
# Languages written in a script without capital letters: every word may start a name.
CASELESS = frozenset(code for code in LANGUAGES if entry(code, "capitals") is False)


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" when it cannot be told."""
    return _code(_detector().detect_language_of(text) if text.strip() else None)


def _code(found: Any) -> str:
    """ISO 639-1 code of a lingua Language; "en" for None (the text could not be told)."""
    return found.iso_code_639_1.name.lower() if found is not None else "en"


def _sample(paragraph: str) -> str:
    if len(paragraph) <= SAMPLE_CHARACTERS:
        return paragraph
    cut = paragraph.rfind(" ", 0, SAMPLE_CHARACTERS)
    return paragraph[: cut if cut > 0 else SAMPLE_CHARACTERS]


@dataclass(frozen=True)
class Languages:
    """The article's language and its paragraphs' own, by character offset."""

    article: str
    spans: tuple[tuple[int, int, str], ...]

    def at(self, offset: int) -> str:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0:
            start, end, language = self.spans[index]
            if start <= offset < end:
                return language
        return self.article

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _end, _language in self.spans]


def languages_of(text: str) -> Languages:
    """Languages of the article and of each paragraph long enough to tell (the paragraphs
    are told in one call, which the detector spreads over the machine's cores)."""
    paragraphs: list[tuple[int, int, int, str | None]] = []
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group()
        letters = sum(map(str.isalpha, paragraph))
        sample = _sample(paragraph) if letters >= MIN_LETTERS else None
        paragraphs.append((match.start(), match.end(), letters, sample))
    samples = [sample for *_, sample in paragraphs if sample is not None]
    found = iter(_detector().detect_languages_in_parallel_of(samples) if samples else ())
    told: list[tuple[int, int, str | None]] = []
    letters_in: Counter[str] = Counter()
    for start, end, letters, sample in paragraphs:
        language = _code(next(found)) if sample is not None else None
        if language is not None:
            letters_in[language] += letters
        told.append((start, end, language))
    article = letters_in.most_common(1)[0][0] if letters_in else detect(_sample(text))
    spans = tuple((start, end, language or article) for start, end, language in told)
    return Languages(article, spans)


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Normalized month and weekday names (wide and abbreviated, in their format and
    stand-alone forms) of every language of `LANGUAGES`, from CLDR through `babel`: words
    that are never places, though GeoNames has towns called "Mart" or "March"."""
    from babel import Locale

    from geo.words.normalize import normalize

    words: set[str] = set()
    for code in LANGUAGES:
        locale = Locale.parse(code)
        for table in (locale.months, locale.days):
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    words.update(normalize(name) for name in table[context][width].values())
    return frozenset(words - {""})
