"""The words of the news, per language, read from one data file each:
`geo/words/languages/<code>.toml` (docs/languages.md says what each table holds and which
languages fill it). This module is the only one that reads them; it compiles their stems into
the patterns the reader uses. Adding a language is adding a file.

A stem is a word's beginning, matched at the start of a word and case-blind, so one stem
covers its inflections ("атак" for атака, атаки, атаковали). A stem ending in "$" is a whole
word ("hit$" is not "history"). Stems of a script whose language marks a file with
`inflection.inside_words` (Arabic, Persian) are matched anywhere in a word, after a clitic
(و، ب، ال) or before a suffix; stems of a script whose language lists `inflection.clitics`
(Hebrew ו ב ל ה ...) may follow up to two of them.

A sentence is read with the stems of every language (a quote, a name or a paragraph the
detector took for a neighbouring language still tells what happened); what depends on the
sentence's own language (its number words, its verbs of reporting) is asked per language.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "languages"


def _load() -> dict[str, dict[str, Any]]:
    """Every language file, English first (it is the fallback), then by code."""
    files = sorted(DATA_DIR.glob("*.toml"), key=lambda p: (p.stem != "en", p.stem))
    return {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in files}


DATA: dict[str, dict[str, Any]] = _load()
# ISO 639-1 codes of the languages `geo extract` reads: one per data file.
LANGUAGES: tuple[str, ...] = tuple(DATA)


def entry(language: str, path: str) -> Any:
    """The value at a dotted `path` ("events.drone") of a language's file; None if absent."""
    node: Any = DATA.get(language, {})
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def words(language: str, path: str) -> tuple[str, ...]:
    """The list at `path` in `language`'s file, () when the file has none."""
    value = entry(language, path)
    return tuple(value) if isinstance(value, list) else ()


def by_language(path: str) -> dict[str, tuple[str, ...]]:
    """{language: its list at `path`} for the languages that fill it."""
    return {code: found for code in LANGUAGES if (found := words(code, path))}


def all_stems(table: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every language's stems of one table, once each, in table order."""
    return tuple(dict.fromkeys(s for stems in table.values() for s in stems))


def union(path: str) -> tuple[str, ...]:
    """The list at `path` of every language, once each."""
    return all_stems(by_language(path))


# The kinds of event, strongest first: the first kind whose stem a sentence holds decides
# (a sentence naming a drone and an attack is a drone strike). Keys are the tables of a file's
# [events]; the types are ACLED's, and kinds ACLED does not code (disasters, accidents,
# exercises) are its Strategic developments / Other, the kind kept in the draft's notes.
# "background" (war) is last: most sentences naming a war only give background.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("disrupted", "Strategic developments", "Disrupted weapons use"),
    ("drone", "Explosions/Remote violence", "Air/drone strike"),
    ("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("explosion", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("disaster", "Strategic developments", "Other"),
    ("accident", "Strategic developments", "Other"),
    ("strike", "Explosions/Remote violence", "Air/drone strike"),
    ("shooting", "Battles", "Armed clash"),
    ("clash", "Battles", "Armed clash"),
    ("civilians", "Violence against civilians", "Attack"),
    ("riot", "Riots", "Violent demonstration"),
    ("intervention", "Protests", "Protest with intervention"),
    ("protest", "Protests", "Peaceful protest"),
    ("arrest", "Strategic developments", "Arrests"),
    ("agreement", "Strategic developments", "Agreement"),
    ("base", "Strategic developments", "Headquarters or base established"),
    ("change", "Strategic developments", "Change to group/activity"),
    ("exercise", "Strategic developments", "Other"),
    ("other", "Strategic developments", "Other"),
    ("infrastructure", "Strategic developments", "Other"),
    ("background", "Battles", "Armed clash"),
)
# (event_type, sub_event_type, {language: stems}) per kind, in `KINDS` order.
EVENT_STEMS: tuple[tuple[str, str, dict[str, tuple[str, ...]]], ...] = tuple(
    (kind, sub, by_language(f"events.{key}")) for key, kind, sub in KINDS
)
# Verbs that tell an event of a kind only with their subject near: Turkish "düştü" (fell) is
# a crash after "helikopter", nothing after "fiyatlar" (prices); "closed" tells a crossing
# closed after "border"; "atıldı" (was laid) a groundbreaking after "temeli" (its
# foundation). Per kind key of `KINDS`, a file's `[[events.with_subject.<key>]]` tables list
# `subjects` and `verbs` (stems), any subject of a table with any verb of it; the subject
# may stand before the verb or after it (Arabic, Hebrew: verb first), at most
# WITH_SUBJECT_WORDS words apart in one clause.
WITH_SUBJECT_WORDS = 8


def with_subject(key: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(subject stems, verb stems) of every table of every language for the kind `key`."""
    return tuple(
        (tuple(table.get("subjects", ())), tuple(table.get("verbs", ())))
        for code in LANGUAGES
        for table in words(code, f"events.with_subject.{key}")
    )


# What a figure counts -> {language: stems of the words that say so}.
FIGURES = ("killed", "injured", "drones", "missiles")
FIGURE_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    name: by_language(f"figures.{name}") for name in FIGURES
}
# Spelled-out numbers one to twelve per language, in order; "|" separates the forms of one
# number (case, gender, collective: "два|две|двое|двух").
NUMBER_WORDS: dict[str, tuple[str, ...]] = by_language("numbers")
# The indefinite article, or the "one" that serves as it: a count of one only before the
# word it counts (geo.extract.figures).
ARTICLE_WORDS: dict[str, tuple[str, ...]] = by_language("articles")
# Words that, right after a drone or missile word (or inside one compound with it), make it a
# kind of event or thing rather than the weapons counted ("a drone attack").
WEAPON_COMPOUND_STEMS: dict[str, tuple[str, ...]] = by_language("weapon_compounds")

# Settlement words ("the village of X", "X köyü", "روستای X"), province words ("Ardabil
# province", "استان اردبیل"), district words ("Germi ilçesi"); the short words that may stand
# between a province word and the name ("the province of Hatay"); whole words that name a
# province (Turkish "il", too short a stem).
SETTLEMENT_STEMS: tuple[str, ...] = union("places.settlement")
ADMIN1_STEMS: tuple[str, ...] = union("places.province")
ADMIN1_WORDS: frozenset[str] = frozenset(w.casefold() for w in union("places.province_words"))
DISTRICT_STEMS: tuple[str, ...] = union("places.district")
# Words that make the name beside them a street's or a square's, no town's: written before
# the name ("rue de Tabriz", "улица Баку", "شارع بغداد") or after it ("Rustaveli Avenue",
# "Bakü Caddesi", "რუსთაველის გამზირი"); which side is the language's, so a street word
# after one name is not taken for a word before the next ("... გამზირზე თბილისში").
STREET_BEFORE_STEMS: tuple[str, ...] = union("places.street_before")
STREET_AFTER_STEMS: tuple[str, ...] = union("places.street_after")
DESIGNATION_LINKS: frozenset[str] = frozenset(union("places.designation_links"))

# A drone seen, not one that struck; words of harm done (with one, a drone seen also struck);
# words making the event word after them one that did not or may not happen; words of an
# attack's targets (geo.extract.proposals).
SIGHTING_STEMS: tuple[str, ...] = union("events.sighting")
ATTACK_STEMS: tuple[str, ...] = union("events.harm")
UNREAL_STEMS: tuple[str, ...] = union("events.unreal")
UNREAL_BEFORE_WORDS = 3
TARGET_STEMS: tuple[str, ...] = union("events.targets")
# After an interception word, one of these in the sentence says the weapon struck anyway.
HARM_AFTER_INTERCEPTION: tuple[str, ...] = union("events.harm_after_interception")
BACKGROUND_STEMS: tuple[str, ...] = union("events.background")

# Verbs of speaking: `report` (what was said), `deny`, `act` (the other verbs of diplomacy).
SPEECH_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    row: by_language(f"speech.{row}") for row in ("report", "deny", "act")
}
DENIAL_GAP_WORDS: frozenset[str] = frozenset(union("speech.denial_gap"))
DENIAL_GAP_MAX = 2
REPORT_STEMS: tuple[str, ...] = all_stems(SPEECH_STEMS["report"])
DENIAL_STEMS: tuple[str, ...] = all_stems(SPEECH_STEMS["deny"])
STATEMENT_STEMS: tuple[str, ...] = tuple(
    dict.fromkeys(s for row in SPEECH_STEMS.values() for s in all_stems(row))
)
# Words of a facility, by the kind of curated site (data/gazetteer/sites.csv) they name.
FACILITY_KINDS = ("airport", "air_base", "oil_terminal", "embassy", "consulate")
FACILITY_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    kind: by_language(f"facilities.{kind}") for kind in FACILITY_KINDS
}


def attribution_stems(language: str) -> tuple[str, ...]:
    """The words by which a sentence of `language` attributes what it tells: its verbs of
    reporting and its "according to"."""
    return words(language, "speech.report") + words(language, "speech.according_to")


def alternation(items: Iterable[str]) -> str:
    """A regular expression matching any of `items`, longest first, written as a trie
    ("mar(?:ch|s|zec)?..."): a flat alternation of hundreds of names is tried branch by
    branch at every position of the text."""
    trie: dict[str, dict] = {}
    for word in set(items):
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return _trie_pattern(trie)


# A blank or a hyphen inside a listed word or stem is how one writer joins a compound: others
# write a blank, a hyphen, a zero-width non-joiner (Persian "زمین‌لرزه") or nothing ("زمینلرزه").
_JOIN = r"(?:\s+|[\u200c-])?"


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [
        (_JOIN if char in " -" else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # The word may end here: the longer words are tried first (a greedy optional group).
    return f"(?:{body})?" if "" in node else body


def _script(text: str) -> str:
    """The Unicode script of the first letter of `text` ("LATIN", "ARABIC", "HEBREW")."""
    letter = next((c for c in text if c.isalpha()), "")
    return unicodedata.name(letter, "").split(" ")[0] if letter else ""


@cache
def _script_rules() -> tuple[frozenset[str], dict[str, str]]:
    """(scripts whose stems match inside words, {script: its clitic letters}), from the
    `inflection` tables of the files."""
    inside: set[str] = set()
    clitics: dict[str, str] = {}
    for code in LANGUAGES:
        sample = "".join(words(code, "numbers"))
        if entry(code, "inflection.inside_words"):
            inside.add(_script(sample))
        letters = words(code, "inflection.clitics")
        if letters:
            clitics[_script("".join(letters))] = "".join(letters)
    return frozenset(inside), clitics


def _group(stems: Iterable[str]) -> str:
    """One alternation of stems: prefixes go on with letters, "$" stems end the word."""
    stems = list(stems)
    prefixes = [s for s in stems if not s.endswith("$")]
    whole = [s[:-1] for s in stems if s.endswith("$")]
    parts = []
    if prefixes:
        parts.append(rf"(?:{alternation(prefixes)})\w*")
    if whole:
        parts.append(rf"(?:{alternation(whole)})(?!\w)")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@cache
def stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """A case-blind pattern for words beginning with one of `stems` (see the module's
    docstring for "$" and for the scripts with clitics)."""
    inside, clitics = _script_rules()
    by_script: dict[str, list[str]] = {}
    for stem in stems:
        by_script.setdefault(_script(stem), []).append(stem)
    parts = []
    for script, group in by_script.items():
        if script in inside:
            # From a word's start only, a lazy run of letters of the stems' own Unicode block,
            # then the stem: a word of another script fails at once, and a 10,000-letter
            # word is read once from its start, not from every letter (issue 20).
            first = ord(next(c for c in group[0] if c.isalpha())) & ~0xFF
            block = f"[{chr(first)}-{chr(first + 0xFF)}\u200c]"
            parts.append(rf"(?<!\w){block}*?{_group(group)}")
        elif script in clitics:
            parts.append(rf"(?<!\w)[{clitics[script]}]{{0,2}}{_group(group)}")
        else:
            parts.append(rf"(?<!\w){_group(group)}")
    return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)


def event_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, event_type, sub_event_type) for every kind of `EVENT_STEMS`, in order."""
    return [(pattern, kind, sub) for pattern, kind, sub, _key in event_kinds()]


@cache
def event_kinds() -> tuple[tuple[re.Pattern[str], str, str, str], ...]:
    """(pattern, event_type, sub_event_type, kind key) of every kind that some language
    names, strongest first (`KINDS`)."""
    return tuple(
        (stem_pattern(stems), kind, sub, key)
        for (key, kind, sub), (_k, _s, table) in zip(KINDS, EVENT_STEMS, strict=True)
        if (stems := all_stems(table))
    )


@cache
def number_words(language: str) -> dict[str, int]:
    """Lower-case spelled-out number of `language` -> its value (English when the language
    has no table); its article words (`ARTICLE_WORDS`) are one."""
    table = NUMBER_WORDS.get(language, NUMBER_WORDS["en"])
    found = {
        form.casefold(): value
        for value, forms in enumerate(table, start=1)
        for form in forms.split("|")
    }
    return found | dict.fromkeys(article_words(language), 1)


@cache
def article_words(language: str) -> frozenset[str]:
    """Lower-case article words of `language` (`ARTICLE_WORDS`; none when it has none)."""
    return frozenset(word.casefold() for word in ARTICLE_WORDS.get(language, ()))


@cache
def weapon_compound_pattern(language: str) -> re.Pattern[str]:
    """A `WEAPON_COMPOUND_STEMS` word of `language`: `match` it on the next word, `search`
    it in the rest of a compound word (a stem ending in "$" is a whole word)."""
    parts = [
        rf"{re.escape(stem[:-1])}$" if stem.endswith("$") else re.escape(stem)
        for stem in WEAPON_COMPOUND_STEMS.get(language, ())
    ]
    return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)


def designation(word: str, side: str = "inside") -> str | None:
    """ "admin1" when `word` names a province, "district" when it names a district,
    "street" when a street or a square (a word written on that `side` of a name: "before",
    "after", or "inside" the name), else None (see `ADMIN1_STEMS`, `ADMIN1_WORDS`,
    `DISTRICT_STEMS`, `STREET_BEFORE_STEMS`, `STREET_AFTER_STEMS`)."""
    if word.casefold() in ADMIN1_WORDS or stem_pattern(ADMIN1_STEMS).fullmatch(word):
        return "admin1"
    if stem_pattern(DISTRICT_STEMS).fullmatch(word):
        return "district"
    streets = {
        "before": STREET_BEFORE_STEMS,
        "after": STREET_AFTER_STEMS,
        "inside": (*STREET_BEFORE_STEMS, *STREET_AFTER_STEMS),
    }[side]
    if stem_pattern(streets).fullmatch(word):
        return "street"
    return None


@cache
def phrase_pattern(path: str, *, languages: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Any phrase of the lists at `path` (of `languages`, or of every language) as whole
    words, blanks matching any run of white space: "the same day", "в тот же день"."""
    phrases = [p for code in languages or LANGUAGES for p in words(code, path)]
    body = alternation(p.casefold() for p in phrases)
    body = body.replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if body else r"(?!)", re.IGNORECASE)


# The tables of a language file, in groups, as `coverage_table` shows them (docs/languages.md).
GROUPS: dict[str, tuple[str, ...]] = {
    "event kinds": tuple(f"events.{key}" for key, _kind, _sub in KINDS),
    "event context": (
        "events.sighting", "events.harm", "events.unreal", "events.targets",
        "events.with_subject",
    ),
    "figures": (*(f"figures.{name}" for name in FIGURES), "numbers", "articles"),
    "speech": ("speech.report", "speech.deny", "speech.act", "speech.according_to"),
    "facilities": tuple(f"facilities.{kind}" for kind in FACILITY_KINDS),
    "places": (
        "places.settlement", "places.province", "places.district", "places.street_before",
        "places.street_after",
        "places.near", "places.near_after", "places.border", "places.crossing",
        "places.locative", "places.transit",
    ),
    "relative dates": (
        "dates.last_night", "dates.same_day", "dates.day_before", "dates.day_after",
        "dates.ago_days", "dates.later_days", "dates.earlier_days", "dates.last_week",
        "dates.this_week", "dates.last_month", "dates.last_weekday", "dates.range_words",
    ),
}  # fmt: skip


def filled(language: str, path: str) -> bool:
    """Whether `language`'s file fills the table at `path`."""
    return bool(entry(language, path))


# Tables a language fills one of, by the side of the name it writes such words on ("near
# Julfa", "Culfa yakınında"): the other is no lack.
EITHER_SIDE: dict[str, tuple[str, ...]] = {
    "places.street_before": ("places.street_after",),
    "places.street_after": ("places.street_before",),
    "places.near": ("places.near_after",),
    "places.near_after": ("places.near",),
}


def coverage_table(groups: tuple[str, ...] | None = None) -> str:
    """A Markdown table: per language, how many tables of each group of `GROUPS` (or of the
    `groups` named: the README's short table) its file fills, its stemmer or lemmatizer, and
    the tables it lacks (of every group)."""
    shown = tuple(GROUPS) if groups is None else groups
    header = ["language", *shown, "stems by", "lacks"]
    rows = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for code in LANGUAGES:
        cells = [f"{entry(code, 'name')} (`{code}`)"]
        lacking: list[str] = []
        for group, paths in GROUPS.items():
            have = [p for p in paths if filled(code, p)]
            lacking += [
                p.split(".")[-1]
                for p in paths
                if p not in have
                and not any(filled(code, other) for other in EITHER_SIDE.get(p, ()))
            ]
            if group in shown:
                cells.append(f"{len(have)}/{len(paths)}")
        snowball = entry(code, "inflection.snowball")
        how = [
            f"Snowball {snowball}" if snowball else "",
            "simplemma" if entry(code, "inflection.lemmatizer") == "simplemma" else "",
            "case endings" if filled(code, "inflection.endings") else "",
        ]
        cells.append(", ".join(h for h in how if h) or "none")
        cells.append(", ".join(lacking) or "nothing")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
