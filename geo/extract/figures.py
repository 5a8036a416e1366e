"""Figures an article gives (people killed or injured, drones, missiles), with their offsets,
for the report ledger: "four civilians were injured", "2 sivil yaralandı", "пострадали два
человека", "دو زخمی", "between 3 and 5 drones".

A figure is a number (digits in any script, a range "3-5" / "3 to 5", or a spelled-out number
of the sentence's language, geo.words.lexicon.NUMBER_WORDS) with a word that says what it
counts (lexicon.FIGURE_STEMS) within `AFTER_WORDS` words after it or, failing that,
`BEFORE_WORDS` words before it ("пострадали два человека"). Years and numbers inside a date
expression are not figures.

An article ("a", "un", "eine", "egy", "bir", "یک": lexicon.ARTICLE_WORDS) is a count of one
only before what it counts: a drone or missile word right after it or after one adjective ("an
Iranian drone"), not one making a compound of an event ("a drone attack", "bir İHA saldırısı",
"Drohnenangriff"); or a person a word of harm names within `ARTICLE_VERB_WORDS` words ("a
soldier was killed", "bir kişi öldü"), unless an event word comes first ("a blast killed")
or a number follows ("a car bomb killed three").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from geo.words.lexicon import (
    FIGURE_STEMS,
    all_stems,
    alternation,
    article_words,
    event_patterns,
    number_words,
    stem_pattern,
    weapon_compound_pattern,
)

AFTER_WORDS = 4
BEFORE_WORDS = 2
ARTICLE_NOUN_WORDS = 2  # the counted word right after an article, or after one adjective
ARTICLE_VERB_WORDS = 3  # "a soldier was killed": the word of harm within this many words
WEAPONS = ("drones", "missiles")
PEOPLE = ("killed", "injured")
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


@cache
def _figure_word(name: str) -> re.Pattern[str]:
    return stem_pattern(all_stems(FIGURE_STEMS[name]))


def _what(text: str) -> str | None:
    for name in FIGURE_STEMS:
        if _figure_word(name).search(text):
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
    articles = article_words(language)
    for first, last, value in _numbers(text, start, end, language):
        if any(s <= first < e for s, e in excluded or ()):
            continue
        after = _WORD.finditer(text, last, end)
        window = [m.group() for _, m in zip(range(AFTER_WORDS), after, strict=False)]
        if text[first:last].casefold() in articles:
            name = _counted_by_article(window, language)
            if name is not None:
                figures.append(Figure(name, value, first, last))
            continue
        name = _what(" ".join(window))
        if name is None:
            name = _what(" ".join(_last_words(text, start, first, BEFORE_WORDS)))
        if name is not None:
            figures.append(Figure(name, value, first, last))
    return figures


def _last_words(text: str, start: int, end: int, count: int) -> list[str]:
    """The last `count` words of text[start:end], read from a stretch before `end` that
    doubles until it holds more than `count` words (the first may be cut) or reaches `start`:
    reading every word from the sentence's start made each number cost the whole sentence,
    and a one-line article of 100 kB took a minute (issue 20)."""
    reach = 64 * (count + 1)
    while True:
        low = max(start, end - reach)
        words = [m.group() for m in _WORD.finditer(text, low, end)]
        if low == start or len(words) > count:
            return words[-count:] if count else []
        reach *= 2


@cache
def _stem_end(name: str) -> re.Pattern[str]:
    """Where a word's `FIGURE_STEMS[name]` stem ends (the rest may be a compound's part)."""
    return re.compile(alternation(all_stems(FIGURE_STEMS[name])), re.IGNORECASE)


@cache
def _event_word() -> re.Pattern[str]:
    """Any event stem, of every kind and language (one pattern: an article's next word)."""
    return re.compile("|".join(p.pattern for p, _, _ in event_patterns()), re.IGNORECASE)


def _counted_by_article(words: list[str], language: str) -> str | None:
    """What an article before `words` counts (module docstring), or None."""
    compound = weapon_compound_pattern(language)
    for index, word in enumerate(words[:ARTICLE_NOUN_WORDS]):
        for name in WEAPONS:
            if not _figure_word(name).fullmatch(word):
                continue
            stem = _stem_end(name).search(word)
            rest = word[stem.end() :] if stem is not None else ""
            following = words[index + 1] if index + 1 < len(words) else ""
            if compound.search(rest) or (following and compound.match(following)):
                return None
            return name
    if not words or _event_word().match(words[0]):
        return None
    numbers = number_words(language)
    for index in range(1, min(ARTICLE_VERB_WORDS, len(words))):
        for name in PEOPLE:
            if _figure_word(name).match(words[index]):
                following = words[index + 1] if index + 1 < len(words) else ""
                return None if following.casefold() in numbers else name
    return None
