"""Draft incidents: a sentence that names an event, a place and a date proposes one.

Rules, in the order they apply:
- An event word (strike, drone, missile, intercepted, summoned, exercise, withdrew, meeting,
  ...), or a verb with its subject near ("the helicopter ... fell", "the border ... was
  closed": `lexicon.with_subject`), must occur in the sentence; the strongest one guesses
  the ACLED event and sub-event type (`EVENT_WORDS` for English, first match wins;
  `geo.words.lexicon.EVENT_STEMS` for the other languages, by the sentence's paragraph
  language).
- The date: one written in the sentence's own words, before the date of a statement
  ("announced on Thursday"), before the date of a source citation ("([Outlet](#), March 6)").
  Among equals, the one nearest the event word; a date after a word of "since" ("fighting
  that has raged since Monday") starts a state that goes on and dates the sentence's event
  only when no other date does (then the event is the state's start). A sentence that dates
  several days in clauses of their own, each naming a place closer than a country, proposes
  one event per clause ("struck Ganja on 4 March and Barda on 6 March"; `_dated_parts`).
  A sentence that writes no date but a year other than the one it would take ("the quake of
  1991") tells another time: no event of its own.
  An undated sentence takes the date told before it in its paragraph, else the days up to
  publication: event_date `RECENT_WINDOW` days before it, end_date the publication date (a
  Monday's article tells the weekend); one that tells of years past ("Five years ago the town
  was shelled", `geo.extract.dates.looks_back`) proposes nothing of its own, it may only join
  an event another sentence dates.
- A dateline ("BAKU, Jan 5 (Reuters) - ", "ANKARA (AA) – ", "Téhéran, Iran | AFP | dimanche
  29/01/2023 - ") tells where and when the story was filed: its date dates nothing, and its
  places are the event's only when neither the sentence nor the next names another. A line
  that only stamps the story ("2020.10.11 | 10:39 Damascus", "Istanbul - agencies", "War ::
  6 March 2026 21:00 ::") is a dateline too, and tells no event.
- The place: the most specific place of the sentence (site > town > province > sea/region >
  country); a place right after "from" is where something came from (but an evacuation or
  a withdrawal, `AT_ORIGIN_KINDS`, happens there), a place in an
  "according to" phrase or a reporting clause is the source's, and a possessive that
  names an actor ("Iran's General Staff"), a country or capital named with its state's bodies
  ("سلطات باكو", "власти Баку"), or a town before a verb of its government ("Baku
  has condemned", not "Ganja was shelled", "Tabriz has been finalized"), is not a place of
  the event. A route between
  places ("the Lachin-Khankendi road", "Kars - Iğdır - Dilucu") is told at its first place.
  Several places equally specific propose one incident each (an embassy in one city and a
  consulate in another), and so does each place of a list that holds one of them, whatever
  its rank ("Barda, Goranboy and Tartar were shelled": Tartar read as its district).
  A place in quoted words (a slogan, a speaker's phrase) counts only when the sentence names
  no other. A sentence that places its event no closer than a country (or names no place)
  takes the towns or sites, in that country, of the next sentence (in its paragraph, or the
  next paragraph's first after a one-sentence paragraph), else of the sentence whose date it
  took: when that sentence tells an event of the same type (riots and protests one; for
  strategic developments the same kind) or none, and then with a figure of harm or the place
  written as where ("in Tbilisi", "the town of Khoy", and a list going on from it: "in Karaj,
  Isfahan and Hamadan", one incident per town); that sentence joins the evidence. Otherwise
  a sentence with no place takes the place of the incident proposed just before it in the
  same paragraph ("This meeting, held on Wednesday, ..."), else the country the article names
  most, with geo_precision 3.
- A country's adjective ("Iranian drones", "иранский") names an actor, never the place.
- Proposals for the same event are merged: the same event type (for strategic developments
  the same sub-event type: a meeting is no checkpoint), overlapping date windows and
  the same place, a place within `SAME_PLACE_KM`, or a site or town inside the province
  or the country proposed; the more specific place and the more precise date are kept,
  and the evidence and figures of both.
- Figures (killed, injured, drones, missiles) of the evidence sentences are kept with their
  offsets (`geo.extract.figures`).
- claim_status is "unverified" unless the sentence attributes the report ("according to",
  "said", "claimed", "blamed"; in other languages their verbs of reporting, "сообщило",
  "selon", "açıkladı"); then "claimed", with claimed_by when an English sentence names the
  speaker as "according to X" or "X said".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import pairwise

from geopy.distance import great_circle

from geo.extract.dates import DateMention, looks_back, years_written
from geo.extract.figures import Figure, find_figures
from geo.extract.language import Languages
from geo.extract.places import (
    LOCATIVE_AFTER_POSSESSIVE,
    Candidate,
    PlaceMention,
    focus_country,
    owner_word_beside,
)
from geo.extract.text import Sentence, inside, quoted_spans
from geo.periods import DAY, period
from geo.words import lexicon
from geo.words.lexicon import (
    ATTACK_STEMS,
    DENIAL_GAP_MAX,
    DENIAL_GAP_WORDS,
    DENIAL_STEMS,
    REPORT_STEMS,
    SIGHTING_STEMS,
    STATEMENT_STEMS,
    TARGET_STEMS,
    UNREAL_BEFORE_WORDS,
    UNREAL_STEMS,
    stem_pattern,
)
from geo.words.names import capital_keys
from geo.words.normalize import normalize

# Days before its publication an article's undated news may have happened (it reports the
# recent past): an undated event is dated to the RECENT_WINDOW days before publication up to
# it (a Monday's article tells the weekend); RECENT_DAYS is how far back an undated headline
# may be the same event as one its body dates.
RECENT_WINDOW = 3
RECENT_DAYS = 7
SAME_PLACE_KM = 25.0

# A town's name followed by one of these verbs is its government speaking or acting ("Ankara
# has deprived Iran", "Baku rejects"), not where an event happened; "*ed" is an ending.
_METONYM_WORDS = lexicon.union("places.metonym_verbs")
_METONYM_VERB = re.compile(
    r"\s+(?:"
    + "|".join(
        [re.escape(w) for w in _METONYM_WORDS if not w.startswith("*")]
        + [rf"\w+{re.escape(w[1:])}" for w in _METONYM_WORDS if w.startswith("*")]
    )
    + r")(?!\w)",
    re.IGNORECASE,
)
# Where something came from or passed through ("launched from Iran", "through the airspace
# of Iraq and Syria"): a transit word, then at most two words before the name.
_TRANSIT = re.compile(
    rf"(?:{lexicon.stem_pattern(lexicon.union('places.transit')).pattern})\s+"
    rf"(?:(?:{lexicon.alternation(lexicon.union('places.designation_links'))})\s+)?"
    rf"(?:\w+\s+(?:{lexicon.alternation(lexicon.union('places.conjunctions'))})\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,.;:!?]| [-–—] ")
# Words that open what a reporting verb reports: "that", że, что, ki, dass, que, che, که, أن.
_COMPLEMENTISER = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(lexicon.union('speech.complementisers'))})(?!\w)",
    re.IGNORECASE,
)
_OF_BEFORE = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(lexicon.union('places.designation_links'))})\s+$",
    re.IGNORECASE,
)
SPEAKER_AFTER_WORDS = 4
_CLAUSE_END = re.compile(r"[,.;:!?()\"«»“”،؛]")
_WORD = re.compile(r"[^\W\d_][\w'’]*")
# A locative preposition right before a country ("in Azerbaijan"); a word of nearness
# ("near Julfa": geo_precision 2).
_LOCATIVE = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(w.casefold() for w in lexicon.union('places.locative'))})"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A word of nearness before the name ("near Julfa", "près d'Aktaou", "סמוך לגבול": a word
# ending in an elided or one-letter part runs into the name), or after it in the languages
# that write it so ("Culfa yakınında", "Ջուլֆայի մոտ"): geo_precision 2.
_NEAR = re.compile(
    rf"(?:{lexicon.stem_pattern(lexicon.union('places.near')).pattern})(?:\s+"
    rf"(?:(?:{lexicon.alternation(lexicon.union('places.designation_links'))})\s+)?)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    rf"(?:['’]\w+)?\s+(?:{lexicon.stem_pattern(lexicon.union('places.near_after')).pattern})",
    re.IGNORECASE,
)
# A capitalised name right before a verb of reporting, or right after "according to" (or
# right before a postposition of it: Turkish "göre", Hungarian "szerint"): who claims.
_NAME = r"[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐԱ-Ֆ][\w’'.-]*"
_NAME_RUN = rf"{_NAME}(?:(?:\s+(?:of|the|for|de|du|des|di|del|von|der)\s+|\s+){_NAME}){{0,5}}"


@dataclass
class Proposal:
    """A draft incident, before it becomes a feature. `end` is the last day of a range
    ("March 4-6"); `figures` what the evidence sentences count (see geo.extract.figures)."""

    day: date
    precision: int
    place: PlaceMention
    event_type: str
    sub_event_type: str
    geo_precision: int
    claim_status: str
    claimed_by: str
    evidence: list[tuple[int, int]] = field(default_factory=list)
    how: list[str] = field(default_factory=list)  # notes on what the proposal rests on
    end: date | None = None
    figures: list[Figure] = field(default_factory=list)
    denied: bool = False  # a sentence of its evidence reports a denial
    denied_by: str = ""  # who denies, when the sentence names them
    undated: bool = False  # no sentence dates it: `end` is the publication date
    kind: str = ""  # the kind of its event word (lexicon.KINDS: "disaster", "other", ...)

    @property
    def last_day(self) -> date:
        return period(self.day, self.precision, self.end).end

    @property
    def first_day(self) -> date:
        return period(self.day, self.precision, self.end).start

    def may_be_on(self, other: Proposal, *, recent: bool = False) -> bool:
        """Whether the two may be one event by their dates: their periods overlap. With
        `recent`, for one that no sentence dates, the days an article may report
        (`RECENT_DAYS` before its publication up to it) stand for its period ("Drone attacks
        continue in Ordubad" over a report dated March 4-6, published on the 10th)."""

        first, last = self._days(recent)
        other_first, other_last = other._days(recent)
        return first <= other_last and other_first <= last

    def _days(self, recent: bool) -> tuple[date, date]:
        if recent and self.undated:
            return self.last_day - timedelta(days=RECENT_DAYS), self.last_day
        days = period(self.day, self.precision, self.end)
        return days.start, days.end


def _event(sentence: str, language: str = "en") -> tuple[str, str, re.Match[str]] | None:
    """The event a sentence names (`_event_kind` without the kind's key)."""
    found = _event_kind(sentence, language)
    return found[:3] if found is not None else None


def _event_kind(sentence: str, language: str = "en") -> tuple[str, str, re.Match[str], str] | None:
    """(event_type, sub_event_type, trigger, kind key) of the strongest kind of event whose
    word the sentence holds (lexicon.KINDS; the words of every language): a word made unreal
    by the words before it does not count, nor an interception after which the weapon still
    struck (lexicon.HARM_AFTER_INTERCEPTION), and a drone only seen is a sighting."""
    # One pass for the words of any kind, then each kind only where such a word begins.
    starts = [m.start() for m in _ANY_TRIGGER.finditer(sentence)]
    if not starts:
        return None
    for pattern, event_type, sub_event_type, key in lexicon.event_kinds():
        match = next(
            (
                m
                for at in starts
                if (m := pattern.match(sentence, at)) is not None and not _unreal(sentence, m)
            ),
            None,
        ) or _verb_with_subject(sentence, key, starts)
        if match is None:
            continue
        if key == "disrupted" and (
            _struck_after(sentence, match) or _WEAPON.search(sentence) is None
        ):
            continue  # "הפיל את הממשלה" topples a government: no weapon, no interception
        if sub_event_type == "Air/drone strike":
            sighting = _sighting(sentence)
            if sighting is not None:
                return "Strategic developments", "Other", sighting, "sighting"
        return event_type, sub_event_type, match, key
    return None


_ANY_EVENT_WORD = stem_pattern(
    tuple(
        dict.fromkeys(s for _k, _s, table in lexicon.EVENT_STEMS for s in lexicon.all_stems(table))
    )
)


# The words that may begin a trigger: an event word, or a verb that needs its subject near.
_ANY_TRIGGER = stem_pattern(
    tuple(
        dict.fromkeys(
            [
                *(s for _k, _s, table in lexicon.EVENT_STEMS for s in lexicon.all_stems(table)),
                *(
                    s
                    for key, _t, _s in lexicon.KINDS
                    for _subjects, verbs in lexicon.with_subject(key)
                    for s in verbs
                ),
            ]
        )
    )
)
_CLAUSE_EDGE = re.compile(r"[.;:!?]| [-–—] ")


@cache
def _with_subject_patterns(key: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """(subjects, verbs) patterns of each table of the kind `key` (lexicon.with_subject), the
    tables of all languages with the same subjects as one."""
    verbs_by_subjects: dict[tuple[str, ...], list[str]] = {}
    for subjects, verbs in lexicon.with_subject(key):
        if subjects and verbs:
            verbs_by_subjects.setdefault(subjects, []).extend(verbs)
    return tuple(
        (stem_pattern(subjects), stem_pattern(tuple(dict.fromkeys(verbs))))
        for subjects, verbs in verbs_by_subjects.items()
    )


def _verb_with_subject(sentence: str, key: str, starts: list[int]) -> re.Match[str] | None:
    """The first verb of kind `key` (at one of `starts`, the offsets of trigger words) whose
    subject stands within `lexicon.WITH_SUBJECT_WORDS` words before or after it in its clause
    ("Askeri helikopter Van'ın Başkale bölgesinde düştü", "سقطت طائرة"), not made unreal by
    the words before it; None when there is none."""
    reach = lexicon.WITH_SUBJECT_WORDS + 1
    for subjects, verbs in _with_subject_patterns(key):
        for at in starts:
            verb = verbs.match(sentence, at)
            if verb is None or _unreal(sentence, verb):
                continue
            clause_start = verb.start() - len(_CLAUSE_EDGE.split(sentence[: verb.start()])[-1])
            rest = _CLAUSE_EDGE.split(sentence[verb.end() :], maxsplit=1)[0]
            before = list(_WORD.finditer(sentence, clause_start, verb.start()))[-reach:]
            after = list(_WORD.finditer(sentence, verb.end(), verb.end() + len(rest)))[:reach]
            start = before[0].start() if before else verb.start()
            end = after[-1].end() if after else verb.end()
            if any(
                not verb.start() <= s.start() < verb.end()
                for s in subjects.finditer(sentence, start, end)
            ):
                return verb
    return None


# What is shot down or intercepted: a drone, a missile or a rocket, a bomb (every language's
# words for them, `figures` and `events`).
_WEAPON = stem_pattern(
    tuple(
        dict.fromkeys(
            s
            for table in ("figures.drones", "figures.missiles", "events.drone", "events.shelling")
            for s in lexicon.union(table)
        )
    )
)


def _struck_after(sentence: str, match: re.Match[str]) -> bool:
    """An interception after which, in the same sentence, the weapon struck or exploded."""
    clause = re.split(r"[.!?]", sentence[match.end() :], maxsplit=1)[0]
    harm = lexicon.stem_pattern(lexicon.HARM_AFTER_INTERCEPTION)
    return bool(lexicon.HARM_AFTER_INTERCEPTION) and harm.search(clause) is not None


def _unreal(sentence: str, match: re.Match[str]) -> bool:
    """Whether a word of prevention, avoidance or possibility (lexicon.UNREAL_STEMS) stands
    within UNREAL_BEFORE_WORDS words before the event word, in its clause: "to prevent
    potential clashes" tells of no clash."""
    clause = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
    words = _WORD.findall(clause)[-UNREAL_BEFORE_WORDS:]
    unreal = stem_pattern(UNREAL_STEMS)
    return any(unreal.fullmatch(word) for word in words)


def _sighting(sentence: str) -> re.Match[str] | None:
    """The word telling that the drone of the sentence was only seen ("spotted", "görüldü",
    "замечен"), when no word tells of harm done (lexicon.SIGHTING_STEMS, ATTACK_STEMS)."""
    seen = stem_pattern(SIGHTING_STEMS).search(sentence)
    if seen is None or stem_pattern(ATTACK_STEMS).search(sentence):
        return None
    return seen


def _pick_date(dates: list[DateMention], anchor: int) -> DateMention | None:
    usable = [d for d in dates if d.day is not None]
    if not usable:
        return None
    # A state's start ("fighting that has raged since Monday") dates the sentence's event only
    # when no other date does.
    return min(usable, key=lambda d: (d.citation, d.report, d.since, abs(d.start - anchor)))


def _is_actor(text: str, mention: PlaceMention) -> bool:
    """A place named as who acts, not where: a possessive followed by an organisation or an
    office ("Iran's General Staff"), a country or capital whose state's bodies are named
    (`_authorities_of`: "سلطات باكو"), or a town standing for its government ("Ankara
    has")."""
    if mention.possessive:
        after = re.match(r"[’']s?\s+(\w+)", text[mention.end :])
        return after is None or after.group(1).lower() not in LOCATIVE_AFTER_POSSESSIVE
    if _authorities_of(text, mention):
        return True
    if _OF_BEFORE.search(text[max(0, mention.start - 4) : mention.start]):
        return False  # "Residents of Julfa reported": the town is where, its people speak
    verb = _METONYM_VERB.match(text, mention.end) if mention.place.kind == "city" else None
    if verb is not None:
        # "Ganja was shelled", "Tabriz has been finalized": what befell the town, not what its
        # government did (a passive auxiliary, or a word of harm, right after the verb).
        after = _WORD.findall(text[verb.end() : verb.end() + 40])[:1]
        return not (
            after
            and (
                after[0].casefold() in _PASSIVE
                or _HARM.fullmatch(after[0])
                or _ANY_TRIGGER.match(after[0])
            )
        )
    return _is_speaker(text, mention) or _is_attacker(text, mention)


_AUTHORITY = stem_pattern(lexicon.union("places.authorities"))
AUTHORITY_WORDS = 2  # words a state's body may stand after its country: "İran Dışişleri Bakanlığı"


def _authorities_of(text: str, mention: PlaceMention) -> bool:
    """A country or a capital named as whose state's bodies speak or act (lexicon
    `places.authorities`): right after such a word, past "of" ("سلطات باكو", "власти Баку",
    "the authorities of Iran"), or within `AUTHORITY_WORDS` words before one in its clause
    ("Baku authorities", "İran hükümeti", "Azerbaycan Dışişleri Bakanlığı"); not after a
    locative preposition ("the government in Baku" is where it sits)."""
    place = mention.place
    if place.kind != "country" and not (
        place.kind == "city" and normalize(place.name) in capital_keys()
    ):
        return False
    if _LOCATIVE.search(text[max(0, mention.start - 24) : mention.start]):
        return False
    return owner_word_beside(text, mention, _AUTHORITY, AUTHORITY_WORDS)


_PASSIVE = frozenset(w.casefold() for w in lexicon.union("places.passive_auxiliaries"))


def _is_attacker(text: str, mention: PlaceMention) -> bool:
    """A country or a capital right before a verb of harm ("Israel struck Iran", "Россия
    атаковала"): the state that attacked, not where (the place attacked follows)."""
    place = mention.place
    if place.kind != "country" and not (
        place.kind == "city" and normalize(place.name) in capital_keys()
    ):
        return False
    after = (
        _WORD.match(text, mention.end + 1) if text[mention.end : mention.end + 1] == " " else None
    )
    return after is not None and _HARM.fullmatch(after.group()) is not None


_HARM = stem_pattern(
    tuple(
        dict.fromkeys(
            [
                *ATTACK_STEMS,
                *(
                    s
                    for k in ("shelling", "strike", "shooting")
                    for s in lexicon.union(f"events.{k}")
                ),
            ]
        )
    )
)


def _is_speaker(text: str, mention: PlaceMention) -> bool:
    """A country or a capital as the subject of a verb of speaking or diplomacy (any
    language, geo.words.lexicon.SPEECH_STEMS): within `SPEAKER_AFTER_WORDS` words after
    the name in the same clause ("Teheran wies jede Beteiligung zurück", SOV "თეირანმა ...
    უარყო"), or right before it ("ونفت طهران")."""
    place = mention.place
    if place.kind != "country" and not (
        place.kind == "city" and normalize(place.name) in capital_keys()
    ):
        return False
    after = _CLAUSE_END.split(text[mention.end : mention.end + 120], maxsplit=1)[0]
    before = _CLAUSE_END.split(text[max(0, mention.start - 40) : mention.start])[-1]
    words = _WORD.findall(after)[:SPEAKER_AFTER_WORDS] + _WORD.findall(before)[-1:]
    pattern = stem_pattern(STATEMENT_STEMS)
    return any(pattern.fullmatch(word) for word in words)


def _is_transit(text: str, mention: PlaceMention) -> bool:
    """Where something came from, passed through or went: "launched from Iran", "through
    the airspace of Iraq and Syria"; a name in the ablative of a language that writes "from"
    as a case ending (`places.transit_endings`: Turkish "İran'dan", Armenian "Երևանից",
    Georgian "თბილისიდან"); or, right after such a name, one in the case of where to
    (`places.destination_endings`: "Bakü'den Grozni'ye uçan uçak", a route's two ends; alone
    the dative is as often the target, "Nahçıvan'a saldırı")."""
    if _TRANSIT.search(text[max(0, mention.start - 40) : mention.start]) is not None:
        return True
    if _ends_with(text, mention.start, mention.end, _TRANSIT_ENDINGS):
        return True
    before = _PREVIOUS_WORD.search(text, max(0, mention.start - 60), mention.start)
    return (
        before is not None
        and _ends_with(text, before.start(1), before.end(1), _TRANSIT_ENDINGS)
        and _ends_with(text, mention.start, mention.end, _DESTINATION_ENDINGS)
    )


def _ends_with(text: str, start: int, end: int, endings: tuple[str, ...]) -> bool:
    """Whether the word written from `start` (its end at or after `end`: a case suffix
    goes on from a name) ends in one of `endings`, a stem of `MIN_STEM_BEFORE_ENDING`
    letters before it."""
    rest = _REST_OF_WORD.match(text, end)
    word = (text[start:end] + (rest.group() if rest else "")).casefold()
    return any(
        word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_BEFORE_ENDING
        for ending in endings
    )


MIN_STEM_BEFORE_ENDING = 3
_REST_OF_WORD = re.compile(r"['’]?\w*")
_TRANSIT_ENDINGS = tuple(w.casefold() for w in lexicon.union("places.transit_endings"))
_DESTINATION_ENDINGS = tuple(w.casefold() for w in lexicon.union("places.destination_endings"))
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’]*)\s+$")


# Where an event (a quake) was only felt, not where it happened: a word of feeling of any
# language before the place in its sentence ("felt in Tabriz", "ощущались в Тебризе",
# `events.felt`) or after it ("Tebriz'de de hissedildi", `events.felt_after`), no event word
# between them ("a quake hit Van and was felt in Tabriz": Van is where).
_FELT = stem_pattern(lexicon.union("events.felt"))
_FELT_AFTER = stem_pattern(lexicon.union("events.felt_after"))
_SENTENCE_BREAK = re.compile(r"[.;!?]")
FELT_REACH = 80  # characters between the word of feeling and the place


def _is_felt(text: str, mention: PlaceMention) -> bool:
    """Whether the sentence tells the place as one where the event was felt."""
    before = _SENTENCE_BREAK.split(text[max(0, mention.start - FELT_REACH) : mention.start])[-1]
    felt = list(_FELT.finditer(before))
    if felt and _ANY_EVENT_WORD.search(before, felt[-1].end()) is None:
        return True
    after = _SENTENCE_BREAK.split(text[mention.end : mention.end + FELT_REACH], maxsplit=1)[0]
    found = _FELT_AFTER.search(after)
    return found is not None and _ANY_EVENT_WORD.search(after, 0, found.start()) is None


def _is_locative(text: str, mention: PlaceMention) -> bool:
    return _LOCATIVE.search(text[max(0, mention.start - 24) : mention.start]) is not None


_ROUTE_JOIN = re.compile(r"\s?[-–—]\s?")


# Kinds of event that happen where people leave from: an evacuation or a withdrawal "from
# Tabriz" is at Tabriz (a drone "launched from Iran" struck elsewhere).
AT_ORIGIN_KINDS = frozenset({"change"})


def _event_places(
    text: str, places: list[PlaceMention], trigger: int | None = None, *, origin: bool = False
) -> list[PlaceMention]:
    """The places of the sentence an event may be told at: the most specific ones. Among
    several countries, those written as a location ("in Azerbaijan") if any. With `origin`
    (an evacuation, a withdrawal), a place after "from" is the event's too."""
    located = [
        p
        for p in places
        if not _is_actor(text, p)
        and (origin or not _is_transit(text, p))
        and not _is_felt(text, p)
        and not (p.place.adjective and p.place.kind == "country")
    ]
    # "the Lachin-Khankendi road", "Gyumri–Kars railway", "Kars - Iğdır - Dilucu": a route
    # between places is told at its first; the others name where it leads.
    located = [
        p
        for p in located
        if not any(
            q.end < p.start
            and q.place.kind != "country"
            and p.place.kind != "country"
            and _ROUTE_JOIN.fullmatch(text, q.end, p.start)
            for q in places
        )
    ]
    if not located:
        return []
    located = [p for p in located if not _in_report_clause(text, p)] or located
    # A place in quoted words (a slogan, a speaker's phrase: "Georgia's drift to Moscow") is
    # theirs; the narrator's places tell where.
    quotes = _quoted(text)
    located = [p for p in located if not inside(quotes, p.start)] or located
    top = max(p.place.specificity for p in located)
    tied = _with_listed(text, located, [p for p in located if p.place.specificity == top])
    if top == 0:
        tied = [p for p in tied if _is_locative(text, p)][:1] or tied
    # "flying from Baku to Grozny, crashed near Aktau", "reliait Bakou à Grozny, s'est écrasé
    # près d'Aktaou": a place written after the event word (`trigger`, an offset in `text`)
    # with a word of nearness is where it happened; places of its rank before the event
    # word tell where from or where to (places after it may be a list: "in Karaj and near
    # Hamadan").
    if trigger is not None and any(
        p.start > trigger and _geo_precision(text, p) == 2 for p in tied
    ):
        tied = [p for p in tied if p.start > trigger]
    chosen: dict[str, PlaceMention] = {}
    for mention in tied:
        chosen.setdefault(mention.place.source, mention)
    return list(chosen.values())


LIST_ITEMS = 3  # a list of this many places needs no "and" to be one


def _with_listed(
    text: str, located: list[PlaceMention], tied: list[PlaceMention]
) -> list[PlaceMention]:
    """`tied` (the most specific places) with the other places of a list one of them is in:
    "Barda, Goranboy and Tartar were shelled", "shelled Barda, Goranboy, Tartar" name one
    place per item whatever its rank (Tartar, a district, beside two towns). A list is
    places joined by commas or an "and" of any language (`_LIST_JOIN`), with an "and" or
    `LIST_ITEMS` items: "Khoy, West Azerbaijan" is a town and its province, no list."""
    runs: list[list[PlaceMention]] = []
    joined: list[bool] = []
    for mention in sorted(located, key=lambda m: m.start):
        gap = text[runs[-1][-1].end : mention.start] if runs else ""
        if runs and gap.strip() and _LIST_JOIN.fullmatch(gap):
            runs[-1].append(mention)
            joined[-1] = joined[-1] or _AND.search(gap) is not None
        else:
            runs.append([mention])
            joined.append(False)
    kept = list(tied)
    for run, with_and in zip(runs, joined, strict=True):
        items = [m for m in run if m.place.kind != "country"]
        if any(m in tied for m in items) and (with_and or len(items) >= LIST_ITEMS):
            kept += [m for m in items if m not in kept]
    return sorted(kept, key=lambda m: m.start)


@lru_cache(maxsize=4)
def _quoted(text: str) -> list[tuple[int, int]]:
    return quoted_spans(text)


def _at_border(
    sentence: str,
    places: list[PlaceMention],
    side: PlaceMention,
    border: Callable[[Candidate, Candidate], Candidate | None],
) -> PlaceMention | None:
    """An event a sentence tells at a country's border (a border word of any language,
    lexicon `places.border`: "near the Azerbaijani border", "у границы с Азербайджаном")
    with another country it names, as a noun or an adjective: placed where the two share
    their border (`border`), not at the country's centroid."""
    if not _BORDER.search(sentence):
        return None
    other = next(
        (
            m.place
            for m in places
            if m.place.kind == "country" and m.place.source != side.place.source
        ),
        None,
    )
    if other is None:
        return None
    found = border(side.place, other)
    if found is None:
        return None
    return PlaceMention(side.start, side.end, side.text, found, False)


_BORDER = stem_pattern(lexicon.union("places.border"))


_ACCORDING_TO = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(lexicon.union('speech.according_to'))})(?!\w)",
    re.IGNORECASE,
)


def _in_report_clause(text: str, mention: PlaceMention) -> bool:
    """Whether the place is told in a clause that reports who spoke ("..., the foreign
    ministry in Baku said", "- podało ministerstwo w Baku"): a reporting verb
    (lexicon.SPEECH_STEMS, `report`) between the last dash or comma before it and the place,
    or right after it in that clause; or an "according to" of any language before it in its
    clause ("Selon le Centre sismologique de l'université de Téhéran, le séisme ...")."""
    before = text[max(0, mention.start - 80) : mention.start]
    if _ACCORDING_TO.search(_CLAUSE_END.split(before)[-1]):
        return True
    clause_start = max(before.rfind(mark) for mark in (" - ", " – ", " — ", ", "))
    if clause_start < 0:
        return False
    after = _CLAUSE_BREAK.split(text[mention.end : mention.end + 40], maxsplit=1)[0]
    if stem_pattern(REPORT_STEMS).search(after):
        return True
    verb = stem_pattern(REPORT_STEMS).search(before, clause_start)
    # "announced that an attack ... on X": what is reported follows a complementiser.
    return verb is not None and not _COMPLEMENTISER.search(before, verb.end())


def _geo_precision(text: str, mention: PlaceMention) -> int:
    if mention.place.is_area:
        return 3
    near = _NEAR.search(text[max(0, mention.start - 40) : mention.start])
    return 2 if near or _NEAR_AFTER.match(text, mention.end) else 1


def _claim(sentence: str, language: str) -> tuple[str, str]:
    """("claimed", who) when the sentence attributes what it tells by a verb of reporting or
    an "according to" of its language (lexicon.attribution_stems: "said", "сообщило",
    "selon", "açıkladı"); who is the capitalised name after "according to" or right before
    the verb, "" when none is written so; else ("unverified", "")."""
    stems = lexicon.attribution_stems(language) or lexicon.attribution_stems("en")
    pattern = lexicon.stem_pattern(stems)
    found = list(pattern.finditer(sentence))
    if not found:
        return "unverified", ""
    according = lexicon.words(language, "speech.according_to")
    for match in found:
        if match.group().casefold() in {a.casefold() for a in according}:
            after = re.match(rf"\s+(?:the\s+)?({_NAME_RUN})", sentence[match.end() :])
            if after:
                return "claimed", after.group(1).strip().rstrip(",.")
        before = re.search(rf"({_NAME_RUN})\s+(?:\w+\s+)?$", sentence[: match.start()])
        if before and not _sentence_opener(sentence, before.start(1)):
            return "claimed", before.group(1).strip().rstrip(",.")
    return "claimed", ""


def _of_another_year(sentence: str, day: date, end: date | None) -> bool:
    """Whether a sentence that writes no date of its own but a year ("the earthquake of
    1991", "2020-ci ildə") tells another year than the days it would be given (`day` to
    `end`, told before it or up to publication): its event is of that year, not theirs."""
    years = years_written(sentence)
    return bool(years) and not years & {day.year, (end or day).year}


def _sentence_opener(sentence: str, start: int) -> bool:
    """A capitalised word that only opens the sentence ("The", "On"), not a name."""
    return start == 0 and sentence.split(" ", 1)[0].casefold() in _OPENERS


_OPENERS = frozenset(w.casefold() for w in lexicon.union("text.sentence_openers"))


def _context_date(
    dates: list[DateMention], sentence: Sentence, sentences: list[Sentence]
) -> DateMention | None:
    """The date the article's own context gives an undated sentence: the last one told
    before it in the same paragraph (not a citation's or a statement's)."""
    paragraph_start = next(
        (s.start for s in sentences if s.paragraph == sentence.paragraph), sentence.start
    )
    before = [
        d
        for d in dates
        if paragraph_start <= d.start < sentence.start
        and d.day is not None
        and not d.citation
        and not d.report
    ]
    return before[-1] if before else None


LEAD_WORDS = 10  # a sentence this long is body text: its paragraph ends the lead


def _lead_paragraph(sentences: list[Sentence]) -> int:
    """Index of the article's lead paragraph: the first holding a sentence of body text
    (titles, a dateline and a byline before it belong to the lead too)."""
    return next(
        (s.paragraph for s in sentences if len(s.text.split()) >= LEAD_WORDS),
        sentences[-1].paragraph if sentences else 0,
    )


def propose(
    text: str,
    sentences: list[Sentence],
    places: list[PlaceMention],
    dates: list[DateMention],
    *,
    published: date | None = None,
    languages: Languages | None = None,
    border: Callable[[Candidate, Candidate], Candidate | None] | None = None,
) -> list[Proposal]:
    """Draft incidents for the article, merged per event, in text order. `border` places an
    event told at a country's border with another (geo.extract.places.border_area).

    The date of an event: one written in its sentence; else the one told before it in the
    same paragraph; else the `RECENT_WINDOW` days before publication up to it (an article
    reports the recent past)."""
    focus = focus_country(places)
    by_start = sorted(places, key=lambda p: p.start)
    place_starts = [p.start for p in by_start]
    datelines = dateline_spans(text, sentences, by_start, dates)
    # A dateline's date is when the story was filed, never an event's (nor the context of the
    # sentences after it).
    dates = sorted(
        (d for d in dates if not any(a <= d.start < b for a, b in datelines)),
        key=lambda d: d.start,
    )
    date_starts = [d.start for d in dates]
    lead = _lead_paragraph(sentences)
    proposals: list[Proposal] = []
    hints: list[Proposal] = []
    last_in_paragraph: dict[int, PlaceMention] = {}
    for index, whole in enumerate(sentences):
        if any(a <= whole.start and whole.end <= b for a, b in datelines):
            continue  # a line that only stamps the story ("War :: 6 March 2026 21:00")
        language = languages.at(whole.start) if languages is not None else "en"
        found = _event_kind(whole.text, language)
        if found is None:
            continue
        for sentence, event, at in _dated_parts(
            text, whole, found, dates, date_starts, by_start, place_starts, language
        ):
            event_type, sub_event_type, word, kind = event
            inside = dates[
                bisect_left(date_starts, sentence.start) : bisect_left(date_starts, sentence.end)
            ]
            when = _pick_date(inside, sentence.start + at)
            how = [f"'{word.group()}' ({kind}) at {sentence.start}-{sentence.end}"]
            context_sentence: Sentence | None = None
            undated = False
            undated_here = when is None or when.day is None
            also: tuple[date, ...] = ()  # the other days of a list: one event each
            if when is not None and when.day is not None:
                day, precision, end, also = when.day, when.precision, when.end_day, when.also
                listed = ", a list of days: one event each" if also else ""
                how.append(f"dated by '{when.text}'{listed}")
            elif (context := _context_date(dates, sentence, sentences)) is not None:
                assert context.day is not None
                day, precision, end = context.day, context.precision, context.end_day
                how.append(f"dated by '{context.text}' told before it")
                context_sentence = next(
                    (s for s in sentences if s.start <= context.start < s.end), None
                )
            elif published is not None:
                day, precision, end = published - timedelta(days=RECENT_WINDOW), DAY, published
                undated = True
                how.append(f"undated: the {RECENT_WINDOW} days before publication up to it")
            else:
                continue
            if undated_here and _of_another_year(sentence.text, day, end):
                continue
            sentence_places = _starting_in(by_start, place_starts, sentence.start, sentence.end)
            # A dateline's places are where the story was filed: the event's only when the
            # sentence, and the next, name no other.
            filed = [m for m in sentence_places if any(a <= m.start < b for a, b in datelines)]
            where = _event_places(
                text,
                [m for m in sentence_places if m not in filed],
                sentence.start + at,
                origin=kind in AT_ORIGIN_KINDS,
            )
            evidence = [(sentence.start, sentence.end)]
            if all(m.place.kind == "country" for m in where):
                for neighbour in (_next_sentence(sentences, index), context_sentence):
                    if neighbour is not None and _of_another_year(neighbour.text, day, end):
                        continue  # "the worst since the quake of 1991 in Racha": not where
                    closer = _closer_place(
                        text,
                        neighbour,
                        where,
                        event,
                        (by_start, place_starts, datelines),
                        focus,
                        language,
                    )
                    if neighbour is not None and closer:
                        where = closer
                        evidence.append((neighbour.start, neighbour.end))
                        how.append(
                            f"placed by {', '.join(m.text for m in closer)} at "
                            f"{neighbour.start}-{neighbour.end}"
                        )
                        break
            if border is not None and where and all(m.place.kind == "country" for m in where):
                at_border = _at_border(sentence.text, sentence_places, where[0], border)
                if at_border is not None:
                    where = [at_border]
                    how.append(f"at the border: {at_border.place.name}")
            if not where and filed:
                where = _event_places(text, filed)
                how.append(f"placed by the dateline: {', '.join(m.text for m in where)}")
            fallback = False
            if not where:
                inherited = last_in_paragraph.get(sentence.paragraph) or focus
                if inherited is None:
                    continue
                where = [inherited]
                fallback = True
                how.append(f"no place named there: {inherited.text} taken from the context")
            status, claimed_by = _claim(sentence.text, language)
            # A date's numbers, and those of a place (a position written as coordinates,
            # "39°32'40\"N 44°58'15\"E. Nobody was hurt"), count nothing.
            excluded = [(d.start, d.end) for d in inside] + [
                (m.start, m.end) for m in sentence_places
            ]
            figures = find_figures(text, sentence.start, sentence.end, language, excluded)
            # An event its sentence does not date is evidence for an event proposed elsewhere in
            # the article, not one of its own (unless the article proposes none: then those
            # placed closer than a country, if any, are its proposals), when it lies
            # outside the lead (the lead tells the news, later paragraphs the background) or is
            # placed no closer than a country.
            vague = (
                fallback or all(m.place.kind == "country" for m in where) or kind == "background"
            )
            # A sentence that dates nothing but tells of years past ("Five years ago the town
            # was shelled") is no news of the days up to publication.
            tentative = (
                (undated and sentence.paragraph > lead)
                or (undated_here and vague)
                or (undated and looks_back(sentence.text))
            )
            for mention, on in [(m, d) for m in where for d in (day, *also)]:
                (hints if tentative else proposals).append(
                    Proposal(
                        day=on,
                        precision=precision,
                        place=mention,
                        event_type=event_type,
                        sub_event_type=sub_event_type,
                        geo_precision=3 if fallback else _geo_precision(text, mention),
                        claim_status=status,
                        claimed_by=claimed_by,
                        evidence=sorted(evidence),
                        how=list(how),
                        end=end,
                        figures=list(figures),
                        undated=undated,
                        kind=kind,
                    )
                )
                last_in_paragraph[sentence.paragraph] = mention
    # An article that proposes nothing but hints proposes them; those placed closer than a
    # country, when it has any (the town a sentence names outweighs the countries of its
    # background sentences).
    if proposals:
        merged = _merge_same_events(hints, _merge_same_events(proposals))
    elif closer := [h for h in hints if h.place.place.kind != "country"]:
        merged = _merge_same_events(hints, _merge_same_events(closer))
    else:
        merged = _merge_same_events(hints)
    located = [_at_targets_listed(text, p, sentences, places) for p in merged]
    return [_with_follow_ups(text, p, sentences, dates, places, languages) for p in located]


# What may end one dated clause of a list of events before the next one's date: a comma, a
# semicolon, a conjunction of any language ("struck Ganja on 4 March and Barda on 6 March").
_PART_BREAK = re.compile(
    rf"[,;،؛]|(?<!\w)(?:{lexicon.alternation(lexicon.union('places.conjunctions'))})(?!\w)",
    re.IGNORECASE,
)


def _dated_parts(
    text: str,
    sentence: Sentence,
    event: tuple[str, str, re.Match[str], str],
    dates: list[DateMention],
    date_starts: list[int],
    places: list[PlaceMention],
    place_starts: list[int],
    language: str,
) -> list[tuple[Sentence, tuple[str, str, re.Match[str], str], int]]:
    """The events a sentence tells, as (the span that tells it, its event, the offset of the
    event word in that span): one per dated clause when the sentence dates several days in
    clauses of their own, each naming a place closer than a country ("Drones struck Ganja on
    4 March and Barda on 6 March": two events, as ACLED codes one event per day and place);
    a clause takes its own event word, else the sentence's (`event`). A clause is cut at the
    last comma or conjunction before the next date, else right before it; a clause with no
    such place (a background date: "contrary to the statement of 10 November 2020") tells no
    event. When no clause names such a place, or the sentence dates one day at most, the
    whole sentence with `event`."""
    whole = [(sentence, event, event[2].start())]
    inside = [
        d
        for d in dates[
            bisect_left(date_starts, sentence.start) : bisect_left(date_starts, sentence.end)
        ]
        if d.day is not None and not d.citation and not d.report and not d.since
    ]
    if len(inside) < 2:
        return whole
    cuts = [sentence.start]
    for before, after in pairwise(inside):
        breaks = list(_PART_BREAK.finditer(text, before.end, after.start))
        cuts.append(breaks[-1].start() if breaks else after.start)
    cuts.append(sentence.end)
    parts = []
    for start, end in pairwise(cuts):
        part = Sentence(start, end, text[start:end], sentence.paragraph)
        own = _starting_in(places, place_starts, start, end)
        if not any(m.place.kind != "country" and not _is_actor(text, m) for m in own):
            continue
        found = _event_kind(part.text, language)
        if found is not None:
            parts.append((part, found, found[2].start()))
        elif _ANY_TRIGGER.search(part.text) is None:  # the list goes on: the sentence's event
            parts.append((part, event, 0))
    return parts or whole


# Riots and protests are told of one another ("police dispersed the protesters" / "thousands
# marched"): one family of events for telling the same one.
_FAMILY = {"Riots": "Protests"}


def _related(
    a: tuple[str, str, re.Match[str], str], b: tuple[str, str, re.Match[str], str]
) -> bool:
    """Two event words that may tell one event: the same event type (riots and protests one),
    and for strategic developments the same kind (a quake and a summit are both "Other")."""
    if _FAMILY.get(a[0], a[0]) != _FAMILY.get(b[0], b[0]):
        return False
    return a[0] != "Strategic developments" or a[3] == b[3]


DATELINE_CHARS = 100  # "Téhéran, Iran | AFP | dimanche 29/01/2023 - "
# A city written in capitals, then a comma, a bracket or a dash: "BAKU, ", "ANKARA (AA)".
_CAPITALS_OPENING = re.compile(r"[^\W\d_a-z]{3,}(?:\s[^\W\d_a-z]{3,})?(?=,|\s\(|\s[-–—])")
# A dash between blanks (Arabic writes it as a kashida, "إسطنبول ـ وكالات"), or an em dash.
_DATELINE_END = re.compile(r"\s[-–—ـ]{1,2}\s|\s?—\s?")
_TIME_OF_DAY = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
_OUTLET_WORD = stem_pattern(lexicon.union("places.outlets"))
STAMP_WORDS = 2  # words besides places, dates and outlet words a stamp line may hold


def dateline_spans(
    text: str,
    sentences: list[Sentence],
    places: list[PlaceMention],
    dates: Sequence[DateMention] = (),
) -> list[tuple[int, int]]:
    """(start, end) offsets of the datelines of the article's paragraphs: a paragraph's
    opening that begins with a place's name (or a name in capitals) and ends at a dash within
    `DATELINE_CHARS` characters, with no event word before it ("BAKU, Jan 5 (Reuters) - ",
    "ANKARA (AA) – ", "Téhéran, Iran | AFP | dimanche 29/01/2023 - "); and a paragraph of one
    line that only stamps the story (`_stamp_line`: "2020.10.11 | 10:39 Damascus", "War ::
    6 March 2026 21:00 ::", "Istanbul - agencies"): where and when the story was filed."""
    starts = {m.start for m in places}
    spans = []
    for index, sentence in enumerate(sentences):
        if index and sentences[index - 1].paragraph == sentence.paragraph:
            continue
        stamp = _stamp_line(text, sentences, index, places, dates)
        if stamp is not None:
            spans.append(stamp)
            continue
        if sentence.start not in starts and not _CAPITALS_OPENING.match(sentence.text):
            continue
        end = _DATELINE_END.search(sentence.text, 0, DATELINE_CHARS)
        if end is None or end.end() >= len(sentence.text):
            continue
        if _ANY_EVENT_WORD.search(sentence.text, 0, end.start()) is not None:
            continue
        spans.append((sentence.start, sentence.start + end.end()))
    return spans


def _stamp_line(
    text: str,
    sentences: list[Sentence],
    index: int,
    places: list[PlaceMention],
    dates: Sequence[DateMention],
) -> tuple[int, int] | None:
    """The span of the paragraph opening at `index` when it is one line that stamps the
    story rather than tells it: a time of day or a news outlet's word ("agencies",
    "وكالات"), and besides its places, dates, numbers and outlet words at most
    `STAMP_WORDS` words, none of an event but a background one (a section's name: "Háború",
    war); else None. (A date's full stop may cut the line into two sentences.)"""
    paragraph = sentences[index].paragraph
    last = index
    while last + 1 < len(sentences) and sentences[last + 1].paragraph == paragraph:
        last += 1
    start, end = sentences[index].start, sentences[last].end
    line = text[start:end]
    if "\n" in line:
        return None
    outlets = [m for m in _WORD.finditer(line) if _OUTLET_WORD.match(m.group())]
    if _TIME_OF_DAY.search(line) is None and not outlets:
        return None
    found = _event_kind(line)
    if found is not None and found[3] != "background":
        return None
    taken = [(m.start - start, m.end - start) for m in [*places, *dates] if start <= m.start < end]
    taken += [(m.start(), m.end()) for m in outlets]
    rest = [m for m in _WORD.finditer(line) if not any(a <= m.start() < b for a, b in taken)]
    return (start, end) if len(rest) <= STAMP_WORDS else None


def _next_sentence(sentences: list[Sentence], index: int) -> Sentence | None:
    """The sentence after the one at `index` that may still tell its event: the next one in
    its paragraph, or the first of the next paragraph when it stands alone in its own (a
    headline, a one-sentence lead)."""
    if index + 1 >= len(sentences):
        return None
    sentence, following = sentences[index], sentences[index + 1]
    if following.paragraph == sentence.paragraph:
        return following
    alone = index == 0 or sentences[index - 1].paragraph != sentence.paragraph
    return following if alone and following.paragraph == sentence.paragraph + 1 else None


def _closer_place(
    text: str,
    neighbour: Sentence | None,
    where: list[PlaceMention],
    event: tuple[str, str, re.Match[str], str],
    places: tuple[list[PlaceMention], list[int], list[tuple[int, int]]],
    focus: PlaceMention | None,
    language: str,
) -> list[PlaceMention]:
    """The places closer than a country that a neighbouring sentence gives an event its own
    sentence places no closer ("a quake hit north-west Iran" / "The quake struck the town of
    Khoy"; "the police dispersed the protesters" / "Thousands marched in Tbilisi"): the most
    specific ones of that sentence, inside the country the event's sentence names (else the
    country the article names most), when that sentence tells the same event: an event of
    the same type (`_related`), or a figure of its harm ("Three died in Khoy"). A sentence
    of something else ("Later the minister travelled to Ganja") leaves the country."""
    if neighbour is None:
        return []
    other = _event_kind(neighbour.text, language)
    if other is not None and not _related(event, other):
        return []
    by_start, place_starts, datelines = places
    countries = {normalize(m.place.name) for m in where} or (
        {normalize(focus.place.name)} if focus is not None else set()
    )
    inside = [
        m
        for m in _starting_in(by_start, place_starts, neighbour.start, neighbour.end)
        if m.place.kind != "country"
        and (not countries or normalize(m.place.country) in countries)
        and not any(a <= m.start < b for a, b in datelines)
    ]
    closer = [m for m in _event_places(text, inside) if m.place.kind != "country"]
    if other is None and not find_figures(text, neighbour.start, neighbour.end, language, []):
        # No word of the event nor of its harm: only places the sentence writes as where
        # something is ("in Khoy", "the town of Khoy"), not where someone went.
        kept: list[PlaceMention] = []
        for mention in sorted(closer, key=lambda m: m.start):
            listed = bool(kept) and _LIST_JOIN.fullmatch(text[kept[-1].end : mention.start])
            if listed or _is_locative(text, mention) or _after_settlement(text, mention):
                kept.append(mention)  # "in Karaj, Isfahan and Hamadan": the list goes on
        closer = kept
    return closer


# What joins the items of a list of places: a comma, a conjunction of any language, after a
# short aside in brackets ("Khoy (north-west), Isfahan").
_LIST_JOIN = re.compile(
    rf"\s*(?:\([^()\n]{{0,30}}\)\s*)?(?:[,،]\s*)?(?:(?:{lexicon.alternation(lexicon.union('places.conjunctions'))})\s+)?",
    re.IGNORECASE,
)


_AND = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(lexicon.union('places.conjunctions'))})(?!\w)",
    re.IGNORECASE,
)


_SETTLEMENT_BEFORE = re.compile(
    rf"(?:{lexicon.stem_pattern(lexicon.SETTLEMENT_STEMS + lexicon.ADMIN1_STEMS).pattern})\w*\s+"
    rf"(?:(?:{lexicon.alternation(lexicon.union('places.designation_links'))})\s+)?$",
    re.IGNORECASE,
)


def _after_settlement(text: str, mention: PlaceMention) -> bool:
    """A name right after a settlement or province word ("the town of Khoy", "ولاية فان")."""
    return _SETTLEMENT_BEFORE.search(text[max(0, mention.start - 30) : mention.start]) is not None


def _at_targets_listed(
    text: str, proposal: Proposal, sentences: list[Sentence], places: list[PlaceMention]
) -> Proposal:
    """A proposal told at country level whose sentence speaks of targets
    (lexicon.TARGET_STEMS: "plots against Azerbaijani targets were foiled") placed at the most
    specific place, in that country, of the first of the next FOLLOW_UP_SENTENCES that speaks
    of targets too and lists them ("Among the targets were a pipeline and the embassy in
    Baku."), that sentence joining its evidence. A follow-up without a target word is
    another matter: the country stays."""
    targets = stem_pattern(TARGET_STEMS)
    if proposal.place.place.kind != "country" or not any(
        targets.search(text, start, end) for start, end in proposal.evidence
    ):
        return proposal
    end = max(end for _, end in proposal.evidence)
    country = proposal.place.place.name
    for sentence in [s for s in sentences if s.start >= end][:FOLLOW_UP_SENTENCES]:
        if not targets.search(sentence.text):
            continue
        inside = [
            m
            for m in places
            if sentence.start <= m.start < sentence.end
            and m.place.kind != "country"
            and m.place.country == country
        ]
        where = _event_places(text, inside)
        if not where:
            return proposal
        mention = where[0]
        return replace(
            proposal,
            place=mention,
            geo_precision=_geo_precision(text, mention),
            evidence=[*proposal.evidence, (sentence.start, sentence.end)],
            how=[*proposal.how, f"placed by the targets listed at {sentence.start}-{sentence.end}"],
        )
    return proposal


FOLLOW_UP_SENTENCES = 2  # sentences after an event's own that may still be about it


def _starting_in(
    places: list[PlaceMention], starts: list[int], start: int, end: int
) -> list[PlaceMention]:
    """The mentions (sorted by offset, `starts` their offsets) that start in [start, end): by
    bisection, for a long article has thousands of both sentences and places."""
    return places[bisect_left(starts, start) : bisect_left(starts, end)]


def _with_follow_ups(
    text: str,
    proposal: Proposal,
    sentences: list[Sentence],
    dates: list[DateMention],
    places: list[PlaceMention],
    languages: Languages | None,
) -> Proposal:
    """The proposal with what the short run of sentences after its evidence tells of the same
    event (up to FOLLOW_UP_SENTENCES in its paragraph, none naming another town or site): their
    figures ("Two workers were injured, the ministry said.") and offsets; and, in any of its
    sentences, a denial (lexicon.SPEECH_STEMS, `deny`), with who denies when named."""
    figures, evidence = list(proposal.figures), list(proposal.evidence)
    sentence_starts = [s.start for s in sentences]
    by_start = sorted(places, key=lambda p: p.start)
    place_starts = [p.start for p in by_start]
    for _start, end in proposal.evidence:
        at = bisect_right(sentence_starts, end - 1) - 1
        paragraph = sentences[at].paragraph if at >= 0 and end - 1 < sentences[at].end else None
        after = bisect_left(sentence_starts, end)
        for sentence in sentences[after : after + FOLLOW_UP_SENTENCES]:
            language = languages.at(sentence.start) if languages is not None else "en"
            elsewhere = any(  # a town or site of another event; a country may be a speaker
                m.place.kind != "country"
                and not _same_place(m, proposal.place)
                and not _is_actor(text, m)
                for m in _starting_in(by_start, place_starts, sentence.start, sentence.end)
            )
            if sentence.paragraph != paragraph or elsewhere:
                break
            span = (sentence.start, sentence.end)
            if span in evidence:
                continue
            excluded = [(d.start, d.end) for d in dates if span[0] <= d.start < span[1]] + [
                (m.start, m.end) for m in _starting_in(by_start, place_starts, *span)
            ]
            found = find_figures(text, span[0], span[1], language, excluded)
            if found or _denial(sentence.text) is not None:
                figures += [f for f in found if f.name not in {g.name for g in figures}]
                evidence.append(span)
    evidence.sort()
    proposal = _dated_by_evidence(proposal, evidence, dates)
    denied, denied_by = proposal.denied, proposal.denied_by
    for start, end in evidence:
        denial = _denial(text[start:end])
        if denial == "":  # no capitalised name: in a script without capitals, a country
            denial = _denier_beside_verb(text, start, end, by_start, place_starts)
        # Only a named party other than the claimant: the outlet itself, or the claimant,
        # "denying" is a misreading more often than not.
        if denial and normalize(denial) != normalize(proposal.claimed_by):
            denied, denied_by = True, denied_by or denial
    return replace(proposal, figures=figures, evidence=evidence, denied=denied, denied_by=denied_by)


def _dated_by_evidence(
    proposal: Proposal, evidence: list[tuple[int, int]], dates: list[DateMention]
) -> Proposal:
    """A proposal known only to its week or month, or an undated one (the days up to
    publication), takes the day that a sentence of its evidence gives, when they give one
    day only and it lies in that window ("..., Azertag reported late on March 6, the
    targets included ...")."""
    if not proposal.undated and (proposal.precision == 1 or proposal.end is not None):
        return proposal
    days = {
        d.day
        for d in dates
        if d.day is not None
        and d.precision == 1
        and d.end_day is None
        and not d.citation
        and proposal.first_day <= d.day <= proposal.last_day
        and any(start <= d.start < end for start, end in evidence)
    }
    if len(days) != 1:
        return proposal
    (day,) = days
    return replace(
        proposal,
        day=day,
        precision=1,
        end=None,
        undated=False,
        how=[*proposal.how, f"dated {day} by its evidence"],
    )


_NAME_JOINERS = frozenset({"for", *lexicon.union("places.designation_links")})
_ELIDED_ARTICLE = re.compile(r"^(?:l|d|dell|dall|all)['’](?=\w)", re.IGNORECASE)
DENIER_GAP_WORDS = 3  # words between a caseless-script denier and the verb: "این ادعا را"
DENIER_WORDS = 6  # capitalised words (and joiners) before the verb read as who denies


def _denier_beside_verb(
    text: str, start: int, end: int, places: list[PlaceMention], starts: list[int]
) -> str:
    """Who denies where no capital letter marks a name (Persian, Arabic, Georgian): a
    country or a capital acting, written within `DENIER_GAP_WORDS` words before the verb of
    denial ("ایران این ادعا را تکذیب کرد") or right after it ("ونفت إيران"); else ""."""
    verb = stem_pattern(DENIAL_STEMS).search(text, start, end)
    if verb is None:
        return ""
    for mention in _starting_in(places, starts, start, end):
        if mention.text[:1].isupper():
            continue
        if mention.place.kind != "country" and not _is_actor(text, mention):
            continue
        if mention.end <= verb.start():
            gap = text[mention.end : verb.start()]
        elif mention.start >= verb.end():
            gap = text[verb.end() : mention.start]
        else:
            continue
        if len(gap.split()) <= DENIER_GAP_WORDS:
            return mention.text
    return ""


def _denial(sentence: str) -> str | None:
    """None when `sentence` reports no denial; else who denies ("Iran's General Staff denied
    ..."), "" when the words right before the verb are no capitalised name."""
    verb = stem_pattern(DENIAL_STEMS).search(sentence)
    if verb is None:
        return None
    words = sentence[: verb.start()].split()
    for _ in range(DENIAL_GAP_MAX):  # "Iran has denied", "L'Iran a démenti"
        if words and words[-1].casefold() in DENIAL_GAP_WORDS:
            words.pop()
    name: list[str] = []
    for word in reversed(words[-DENIER_WORDS:]):
        if word[-1:] in ",;:" or word in "-–—":  # a clause ends here: "On Monday, Iran denied"
            break
        if word[:1].isupper() or (word.casefold() in _NAME_JOINERS and name):
            name.insert(0, word)
        else:
            break
    while name and name[0].casefold() in _NAME_JOINERS:
        name.pop(0)
    if name:  # a French or Italian elided article is not the name: "L'Iran"
        name[0] = _ELIDED_ARTICLE.sub("", name[0])
    return " ".join(name).strip(",;:") if name else ""


def _same_place(a: PlaceMention, b: PlaceMention, *, within_country: bool = False) -> bool:
    """The same place: one entry, two spots within `SAME_PLACE_KM`, a spot in a province;
    with `within_country`, also a place inside a country (an undated sentence that names
    where, in the country a dated one names, the event happened)."""
    if a.place.source == b.place.source:
        return True
    if within_country:
        for country, inner in ((a, b), (b, a)):
            if (
                country.place.kind == "country"
                and inner.place.kind != "country"
                and normalize(inner.place.country) == normalize(country.place.name)
            ):
                return True
    if not a.place.is_area and not b.place.is_area:
        distance = great_circle((a.place.lat, a.place.lon), (b.place.lat, b.place.lon)).km
        return float(distance) <= SAME_PLACE_KM
    area, point = (a, b) if a.place.is_area else (b, a)
    return (
        area.place.kind in ("province", "autonomous_republic")
        and not point.place.is_area
        and normalize(point.place.admin1) == normalize(area.place.name)
    )


def _same_kind(a: Proposal, b: Proposal) -> bool:
    """The same kind of event: the same event type, and for strategic developments the same
    sub-event type and kind of word (a meeting and a checkpoint set up, or a quake and a
    summit, are two things; a drone and an explosion may be one strike)."""
    if a.event_type != b.event_type:
        return False
    return a.event_type != "Strategic developments" or (
        a.sub_event_type == b.sub_event_type and a.kind == b.kind
    )


def _merge_same_events(
    proposals: list[Proposal], merged: list[Proposal] | None = None
) -> list[Proposal]:
    """Proposals of the same event as one, in text order. Given `merged` (proposals already
    merged), `proposals` only join those: one that joins none is dropped. Proposals the lead
    dates by publication alone may be any recent day (`Proposal.may_be_on`); background
    sentences joining them must fall in their period (the article's background is full of
    undated events at the same places)."""
    keep_new = merged is None
    merged = [] if merged is None else list(merged)
    for proposal in proposals:
        twin = next(
            (
                kept
                for kept in merged
                if kept.may_be_on(proposal, recent=keep_new)
                and _same_kind(kept, proposal)
                # A country and a town in it: the same event told twice, once no closer than
                # the country ("Armenia's second city was shelled on 11 October" beside "Ganja
                # was shelled on 4, 8 and 11 October"): one incident, at the town.
                and _same_place(kept.place, proposal.place, within_country=True)
            ),
            None,
        )
        if twin is None:
            if keep_new:
                merged.append(proposal)
            continue
        index = merged.index(twin)
        better_place = proposal.place.place.specificity > twin.place.place.specificity
        # A date a sentence gives is better than the days up to publication.
        better_date = not proposal.undated and (twin.undated or proposal.precision < twin.precision)
        merged[index] = replace(
            twin,
            place=proposal.place if better_place else twin.place,
            geo_precision=proposal.geo_precision if better_place else twin.geo_precision,
            day=proposal.day if better_date else twin.day,
            end=proposal.end if better_date else twin.end,
            precision=proposal.precision if better_date else twin.precision,
            undated=twin.undated and proposal.undated,
            claim_status="claimed"
            if "claimed" in (twin.claim_status, proposal.claim_status)
            else twin.claim_status,
            claimed_by=twin.claimed_by or proposal.claimed_by,
            evidence=twin.evidence + [e for e in proposal.evidence if e not in twin.evidence],
            how=twin.how + proposal.how,
            figures=twin.figures + [f for f in proposal.figures if f not in twin.figures],
        )
    return merged


def event_in_words(text: str, language: str = "en") -> tuple[str, str, str] | None:
    """(event_type, sub_event_type, the word that tells it) of the event `text` names, read as
    a sentence of an article is (a drone seen, not striking, is a sighting), or None: what
    `geo import` asks of an imported feature's name and description."""
    found = _event(text, language)
    return None if found is None else (found[0], found[1], found[2].group())
