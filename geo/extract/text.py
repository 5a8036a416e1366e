"""An article as text: reading it, and cutting it into sentences that keep their offsets.

Offsets everywhere in `geo extract` count characters (not bytes) of the text this module
returns: the file decoded as UTF-8, a leading byte-order mark dropped and every line break
(CRLF, CR, LF) written as one LF. A reviewer opening the article in any editor that shows
characters finds the same span.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from geo.extract.language import calendar_words
from geo.files import decode, file_error, read_bytes
from geo.words.lexicon import union
from geo.words.normalize import is_lower_case, normalize


def decode_article(raw: bytes, shown: str) -> str:
    """The article's text with line breaks normalised. `geo.files.FileError` (exit status 2)
    as for every file the project reads: at the first byte that is not UTF-8 (its line and
    column), for a file that is no text at all (a PDF, a Word or Excel file, an archive:
    named for what it is), and for one holding NUL characters."""
    text = decode(raw, shown)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise file_error(
            shown,
            "contains NUL characters: this is not a plain-text article; save the article "
            "as text (UTF-8) and try again",
            line,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: Path) -> str:
    """`decode_article` of the file at `path`; `geo.files.FileError` when it cannot be read
    (missing, a folder, no permission) or is not a UTF-8 text."""
    return decode_article(read_bytes(path), str(path))


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive
    text: str
    paragraph: int  # index of the paragraph (text between blank lines) it starts in


# Words after which a full stop does not end a sentence ("Mr.", "Gen.", "U.S."), of every
# language's data file (geo.words.lexicon, table [text]).
ABBREVIATIONS: frozenset[str] = frozenset(w.casefold() for w in union("text.abbreviations"))
# Full stops, question and exclamation marks, and those of other scripts: the Armenian full
# stop (։), the Arabic question mark (؟) and full stop (۔), the Devanagari danda (।), the
# ideographic full stop (。).
TERMINAL = ".!?։؟۔।。"
CLOSERS = "\"'”’)]*"
_BOUNDARY = re.compile(r"[.!?։؟۔।。][\"'”’)\]*]*(?=\s)|\n")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s*")


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial ("U.S.", "J.")."""
    # The run of ASCII letters and dots before `dot`, from its first letter (read backwards:
    # a search over the whole text before each full stop made long articles slow).
    start = dot
    while start > 0 and (text[start - 1] == "." or _is_ascii_letter(text[start - 1])):
        start -= 1
    while start < dot and text[start] == ".":
        start += 1
    if start == dot or (start > 0 and text[start - 1].isalpha()):
        return False  # "yaralanıb.": the end of a word with letters beyond ASCII
    token = text[start:dot].lower().rstrip(".")
    return token in ABBREVIATIONS or len(token) == 1


def _is_ascii_letter(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"


# A line of at least this many words that stops mid-sentence is body text cut by a stray
# line break, not a heading (headings are short and may end in any word).
BODY_BLOCK_WORDS = 15


def _continues(text: str, position: int) -> bool:
    """True when the text after a line break at `position` carries on the same sentence (a
    paragraph break that copy-and-paste put in the middle of a sentence): the line before has
    no closing punctuation, and either the next line starts in lower case or the line before
    is body text ending in a lower-case word or a comma."""
    end = position  # the end of the text before, without its trailing white space
    while end > 0 and text[end - 1].isspace():
        end -= 1
    after = _SPACE.match(text, position).end()
    if end == 0 or after == len(text) or text[end - 1] in TERMINAL + ":" + CLOSERS:
        return False
    if is_lower_case(text[after]):
        return True
    line = text[text.rfind("\n", 0, end) + 1 : end]
    last = text[end - 1]
    return (is_lower_case(last) or last == ",") and len(line.split()) >= BODY_BLOCK_WORDS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in text order, trimmed of surrounding white space. A line break ends a
    sentence (titles, bylines and list items have no full stop) unless the line carries on
    in lower case; a full stop after an abbreviation or an initial does not."""
    cuts = [0]
    for match in _BOUNDARY.finditer(text):
        mark = match.group()
        if mark == "\n":
            if not _continues(text, match.start()):
                cuts.append(match.end())
            continue
        if mark == "." and _ordinal_dot(text, match.start()):
            continue
        if mark[0] == "." and _ends_with_abbreviation(text, match.start()):
            following = _SPACE.match(text, match.end()).end()
            nxt = text[following : following + 64]
            if not nxt[:1].isupper() or not _is_sentence_start(nxt):
                continue
        cuts.append(match.end())
    cuts.append(len(text))
    paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    sentences: list[Sentence] = []
    paragraph = 0
    for start, end in itertools.pairwise(cuts):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        begin = start + len(chunk) - len(chunk.lstrip())
        while paragraph + 1 < len(paragraph_starts) and paragraph_starts[paragraph + 1] <= begin:
            paragraph += 1
        sentences.append(Sentence(begin, begin + len(stripped), stripped, paragraph))
    return sentences


_NUMBER_BEFORE = re.compile(r"(?<![\w.])\d{1,4}$")
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _ordinal_dot(text: str, dot: int) -> bool:
    """True when the full stop at `dot` follows a number that a month's name or a lower-case
    word carries on: the ordinal dot of German, Hungarian, the South Slavic languages and
    Polish ("am 5. März", "5. marta 2026. godine"), not a sentence's end."""
    if not _NUMBER_BEFORE.search(text, max(0, dot - 5), dot):
        return False
    following = _NEXT_WORD.match(text, dot + 1)
    if following is None:
        return False
    word = following.group(1)
    return is_lower_case(word[0]) or normalize(word) in calendar_words()


def _is_sentence_start(text: str) -> bool:
    """After an abbreviation, a capitalised word starts a new sentence only when it is a
    common sentence opener; "U.S. President" goes on."""
    word = re.match(r"[A-Za-z]+", text)
    return word is not None and word.group().lower() in SENTENCE_OPENERS


# Capitalised words that start a new sentence after an abbreviation ("... U.S. The ...").
SENTENCE_OPENERS: frozenset[str] = frozenset(w.casefold() for w in union("text.sentence_openers"))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: “curly” pairs, and straight double quotes paired within a
    paragraph. What a speaker calls "today" is their day, not the article's."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"“[^”]*”", text):
        spans.append((match.start(), match.end()))
    for paragraph in re.finditer(r"[^\n]+", text):
        for match in re.finditer(r'"[^"\n]*"', paragraph.group()):
            spans.append((paragraph.start() + match.start(), paragraph.start() + match.end()))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start < position < end for start, end in spans)
