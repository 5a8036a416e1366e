"""Figures an article gives (people killed or injured, drones, missiles), with their offsets,
for the report ledger: "four civilians were injured", "2 sivil yaralandı", "пострадали два
человека", "دو زخمی", "between 3 and 5 drones".

A figure is a number (digits in any script, a range "3-5" / "3 to 5", or a spelled-out number
of the sentence's language, geo.extract.lexicon.NUMBER_WORDS) with a word that says what it
counts (lexicon.FIGURE_STEMS) within `AFTER_WORDS` words after it or, failing that,
`BEFORE_WORDS` words before it ("пострадали два человека"). Years and numbers inside a date
expression are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from geo.extract.lexicon import FIGURE_STEMS, all_stems, number_words, stem_pattern

AFTER_WORDS = 4
BEFORE_WORDS = 2
_DIGITS = r"\d{1,4}"
_RANGE = re.compile(
    rf"(?<![\w.,])(?P<low>{_DIGITS})(?:\s*(?:-|–|to|and|ile|до|и|і|do|és|bis|à|a)\s*"
    rf"(?P<high>{_DIGITS}))?(?![\w.,]\d)"
)
_WORD = re.compile(r"[^\W\d_][\w'’]*")


@dataclass(frozen=True)
class Figure:
    """One figure: `name` is killed, injured, drones or missiles; `value` a count or a
    (low, high) range; `start`/`end` character offsets of the number in the article."""

    name: str
    value: int | tuple[int, int]
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"name": self.name, "value": value, "start": self.start, "end": self.end}


def _what(text: str) -> str | None:
    for name, stems in FIGURE_STEMS.items():
        if stem_pattern(all_stems(stems)).search(text):
            return name
    return None


def _numbers(text: str, start: int, end: int, language: str) -> list[tuple[int, int, Any]]:
    found: list[tuple[int, int, Any]] = []
    for match in _RANGE.finditer(text, start, end):
        low, high = int(match["low"]), match["high"]
        if 1900 <= low <= 2100 and high is None:
            continue  # a year
        value: Any = (low, int(high)) if high is not None and int(high) > low else low
        found.append((match.start(), match.end(), value))
    words = number_words(language)
    for match in _WORD.finditer(text, start, end):
        value = words.get(match.group().casefold())
        if value is not None:
            found.append((match.start(), match.end(), value))
    return sorted(found)


def find_figures(
    text: str,
    start: int,
    end: int,
    language: str,
    excluded: list[tuple[int, int]] | None = None,
) -> list[Figure]:
    """Figures within text[start:end], in text order; numbers inside an `excluded` span (a
    date expression) are skipped."""
    figures: list[Figure] = []
    for first, last, value in _numbers(text, start, end, language):
        if any(s <= first < e for s, e in excluded or ()):
            continue
        after = _WORD.finditer(text, last, end)
        window = [m.group() for _, m in zip(range(AFTER_WORDS), after, strict=False)]
        name = _what(" ".join(window))
        if name is None:
            before = [m.group() for m in _WORD.finditer(text, start, first)][-BEFORE_WORDS:]
            name = _what(" ".join(before))
        if name is not None:
            figures.append(Figure(name, value, first, last))
    return figures
