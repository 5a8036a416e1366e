"""Date expressions in an article, resolved to a day, week or month (ACLED time precision).

Why not a date-search library: dateparser's `search_dates` (tried: 1.5.0) returns matched
strings without offsets, reads "We", "may" and "now" as dates, and knows nothing of "on the
same day" or of dates in source citations. What is needed here is a small English grammar with
offsets, so it is written out below.

Resolution rules (the README repeats them):
- "March 5", "5 March", "Mar. 5th" without a year take the year that puts the date at most
  `FUTURE_TOLERANCE_DAYS` after publication (news reports the recent past); unless the text
  names an earlier year in the date's sentence or the two before ("in 2020 ... on 4 and 5
  October") and looks back (an anniversary) or the date would come after publication: then
  that year (`_YearContext`). An article whose opening line looks back ("Five years ago,
  Ganja was shelled") tells its days in the last year written before them, however far.
- A weekday ("on Thursday", "last Thursday") is the most recent such day on or before the
  publication date: an article of a Thursday that says "on Thursday" means that day.
  "next Thursday" is the first one after it.
- "yesterday", "N days ago", "last week" / "this week" (precision 2), "last month" /
  "this month" (precision 3) count from the publication date.
- "the same day", "that day", "the day before", "the next day", "N days later" count from the
  date mentioned before them in the text (the event being told).
- Relative expressions inside quoted speech are not resolved: the speaker's "today" is not the
  article's. "today" and "now" are never read as dates (mostly they mean "nowadays"), nor are
  bare years (ACLED has no year precision).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice
from typing import Any, Literal

from geo.extract.text import inside, quoted_spans
from geo.words import lexicon
from geo.words.inflection import ENDINGS, stem
from geo.words.names import LANGUAGES

DAY, WEEK, MONTH = 1, 2, 3
FUTURE_TOLERANCE_DAYS = 60

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {calendar.day_name[i].lower(): i for i in range(7)}

Kind = Literal["absolute", "relative", "anaphoric"]


@dataclass(frozen=True)
class DateMention:
    """One date expression. `day` is the first day of the period it names (the Monday of a
    week, the 1st of a month); None when it could not be resolved (no publication date, or
    relative speech inside a quotation)."""

    start: int
    end: int
    text: str
    day: date | None
    precision: int
    kind: Kind
    citation: bool = False  # in a source citation: "([Outlet](#), March 5)"
    report: bool = False  # when something was said: "announced on Thursday"
    # The start of a state that goes on ("since 27 September", "seit Montag", "27 Eylül'den
    # bu yana"): it dates that state's start, not the events told beside it.
    since: bool = False
    end_day: date | None = None  # the last day of a range ("March 4-6"), else None
    # The other days of a list that leaves a day out ("on 4 and 6 March", "on 4 March and
    # again on 6 March"): each is an event of its own, as ACLED codes one event per day.
    also: tuple[date, ...] = ()

    @property
    def days(self) -> tuple[date, ...]:
        """The separate days the mention names: its day, then `also` (one for a range)."""
        return () if self.day is None else (self.day, *self.also)

    @property
    def last_day(self) -> date | None:
        """Last day of the period the mention stands for."""
        if self.day is None:
            return None
        if self.end_day is not None:
            return self.end_day
        if self.precision == WEEK:
            return self.day + timedelta(days=6)
        if self.precision == MONTH:
            return self.day.replace(day=calendar.monthrange(self.day.year, self.day.month)[1])
        return self.day


# A month's name, capitalised ("May" is a month, "may" a verb), as a whole word.
_MONTH_CAP = (
    r"(?P<month>"
    + "|".join(f"(?-i:{m[0].upper()}){m[1:]}" for m in sorted(MONTHS, key=len, reverse=True))
    + r")\b\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Between the first and last day of a range in any language: "4-6", "4 until 6", "с 4 по 6",
# "od 4 do 6", "4 ile 6", "du 7 au 9", "il 4 e il 6" (the languages' `dates.range_words`); the
# article a language writes before the last day (`dates.range_articles`) may follow. An "and"
# of any language (`places.conjunctions`) joins a range only after a range opener ("between",
# `dates.range_openers`) or before a closer ("arasında", `dates.range_closers`); else it joins
# a list of days (`_listed`).
_JOINTS = lexicon.union("dates.range_words") + lexicon.union("places.conjunctions")
_RANGE_WORD = (
    rf"(?P<joint>-|–|—|{lexicon.alternation(_JOINTS)})"
    rf"(?:\s+(?:{lexicon.alternation(lexicon.union('dates.range_articles'))}))?"
)
# The days before the last of a list: "4, 5 and 6 March", "March 4, 5, and 6".
_MORE_DAYS = r"(?P<more>(?:\s*,\s*[0-3]?\d(?:st|nd|rd|th|\.)?(?!\d)){0,8})"
# The last day of a range or list: "March 4-6", "4 to 6 March", "between 4 and 6 March".
_DAY2 = rf"(?:{_MORE_DAYS}\s*,?\s*{_RANGE_WORD}\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        # [Wednesday,] March 4[, 2026]
        (
            "month_day",
            rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH_CAP}\s+{_DAY}{_DAY2}\b(?:,?\s+{_YEAR}\b)?",
        ),
        # [Wednesday,] 4 March [2026]; 4th of March
        (
            "day_month",
            rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}{_DAY2}\s+(?:of\s+)?{_MONTH_CAP}(?:,?\s+{_YEAR}\b)?",
        ),
        # June 2025
        ("month_year", rf"\b{_MONTH_CAP},?\s+{_YEAR}\b"),
        # in June; early March (a capitalised month after a word that makes it a time)
        (
            "month_alone",
            rf"\b(?:in|since|during|until|by|early|late|mid|mid-|last|this|next)"
            rf"[\s-]+{_MONTH_CAP}\b",
        ),
    )
)

REPORT_GAP_WORDS = 2  # "announced on Thursday", "said late on Thursday"
# A word of "since" right before a date (`dates.since_before`: "since", "seit dem", "منذ") or
# right after it, past the case ending the date may take (`dates.since_after`: Turkish
# "'den bu yana", Hungarian "óta", Armenian "ից ի վեր").
_SINCE_BEFORE = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(lexicon.union('dates.since_before'))})\s+$"
    if lexicon.union("dates.since_before")
    else r"(?!)",
    re.IGNORECASE,
)
_SINCE_AFTER = re.compile(
    rf"[^\W\d]*(?:['’-][^\W\d]+)?\s*(?:{lexicon.alternation(lexicon.union('dates.since_after'))})(?!\w)"
    if lexicon.union("dates.since_after")
    else r"(?!)",
    re.IGNORECASE,
)


def _after_report_verb(text: str, start: int) -> bool:
    """Whether the date at `start` tells when something was said: a verb of reporting of any
    language (lexicon.REPORT_STEMS) at most `REPORT_GAP_WORDS` words before it."""
    before = text[max(0, start - 120) : start]
    verbs = list(lexicon.stem_pattern(lexicon.REPORT_STEMS).finditer(before))
    return bool(verbs) and len(before[verbs[-1].end() :].split()) <= REPORT_GAP_WORDS


def find_dates(
    text: str, published: date | None, published_precision: int = DAY
) -> list[DateMention]:
    """Every date expression in `text`, in text order, resolved against `published`
    (None leaves relative expressions unresolved). Overlapping matches keep the longest.

    When the publication date itself is only known to the week or month
    (`published_precision` 2 or 3), a date counted from it is no more precise than that."""
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in (*PATTERNS, *calendar_patterns()):
        for match in pattern.finditer(text):
            candidates.append((match.start(), match.end(), name, match))
    for name, match in _phrase_matches(text):
        candidates.append((match.start(), match.end(), name, match))
    quotes = quoted_spans(text)
    mentions: list[DateMention] = []
    years = _YearContext(text)
    for start, _end, name, match in _longest_first(candidates):
        previous = next((m.day for m in reversed(mentions) if m.day is not None), None)
        mention = _resolve(name, match, published, previous)
        if mention is None:
            continue
        mention = years.place(mention, name, match, published)
        if mention.kind != "absolute" and inside(quotes, start):
            mention = replace(mention, day=None)
        if mention.kind == "relative":
            mention = replace(mention, precision=max(mention.precision, published_precision))
        mention = replace(
            mention,
            citation=_in_citation(text, start),
            report=_after_report_verb(text, start),
            since=_SINCE_BEFORE.search(text, max(0, start - 40), start) is not None
            or _SINCE_AFTER.match(text, match.end()) is not None,
        )
        mentions.append(mention)
    return _joined_ranges(text, mentions)


# --- The year of a date written without one ---------------------------------------------
# "In 2020, Ganja was shelled on 4, 5, 8 and 11 October": an article that names a year and
# then days without one (an anniversary article, a look back) tells those days in that year.
YEAR_CONTEXT_SENTENCES = 2  # sentence ends between a year and a date that takes it
_YEARLESS = frozenset(
    {"month_day", "day_month", "month_alone", "world_day_month", "world_month_day"}
)
_YEAR_DIGITS = r"(?:19|20)\d\d"
_SENTENCE_END = re.compile(r"[.!?։।]\s|\n")


def _year_words(path: str) -> str:
    """An alternation of the languages' words at `path`: one ending in "$" is a whole word,
    the others take any ending ("году", "godine"); one ending in "-" runs into the year
    ("ב-2020")."""
    parts = []
    for word in lexicon.union(path):
        whole = word.endswith("$")
        word = word.rstrip("$")
        parts.append(re.escape(word).replace(r"\ ", r"\s+") + (r"(?!\w)" if whole else r"\w*"))
    return "|".join(sorted(parts, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=1)
def _year_anchor() -> re.Pattern[str]:
    """A year the text writes as one, not as a count ("2000 soldiers"): after a word that
    opens a year (`dates.year_openers`: "in 2020", "в 2020", "im Jahr 2020"), before one
    that follows it (`dates.year_after`: "2020-ci il", "2020 году", "2020'de"), or after a
    month's name ("October 2020", "oktyabr 2020")."""
    openers = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") + ("" if w.endswith("-") else r"\s+")
        for w in sorted(lexicon.union("dates.year_openers"), key=len, reverse=True)
    )
    months = lexicon.alternation([*MONTHS, *world_months()])
    return re.compile(
        rf"(?<!\w)(?:(?:{openers or '(?!)'})|(?:{months})\.?,?\s+)(?P<year>{_YEAR_DIGITS})(?!\d)"
        rf"|(?<![\w.,])(?P<year_after>{_YEAR_DIGITS})(?=(?:{_year_words('dates.year_after')}))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _anniversary() -> re.Pattern[str]:
    return lexicon.stem_pattern(lexicon.union("dates.anniversary"))


def years_written(text: str) -> set[int]:
    """The years `text` writes as years ("in 1991", "2020-ci ildə", "October 2020"; not "2000
    soldiers"), but those a state runs from ("since 2020", `dates.since_before`/`since_after`:
    what began then may go on today)."""
    years = set()
    for match in _year_anchor().finditer(text):
        group = "year" if match.group("year") else "year_after"
        start = match.start(group)
        if _SINCE_BEFORE.search(text, max(0, start - 40), start) or _SINCE_AFTER.match(
            text, match.end()
        ):
            continue
        years.add(int(match.group(group)))
    return years


def looks_back(text: str) -> bool:
    """Whether `text` (a sentence) tells of years past: a word of an anniversary or of "N
    years ago" of any language (`dates.anniversary`: "five years ago", "beş il əvvəl")."""
    return _anniversary().search(text) is not None


class _YearContext:
    """The years a text writes, for the dates it writes without one (`place`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.anchors: list[tuple[int, int]] = [
            (m.end(), int(m.group("year") or m.group("year_after")))
            for m in _year_anchor().finditer(text)
        ]
        self.past = looks_back(text)
        # A headline that looks back ("Beş il əvvəl ...") makes the whole article a look back:
        # its days without a year are those of the year it told last, however many sentences
        # back (a recap of several strikes ends a long account of one).
        opening = text.lstrip().split("\n", 1)[0]
        self.look_back = looks_back(opening)

    def place(
        self, mention: DateMention, name: str, match: re.Match[str], published: date | None
    ) -> DateMention:
        """The mention in the year of the nearest year written before it, in its sentence or
        the `YEAR_CONTEXT_SENTENCES` before (anywhere before in an article whose opening line
        looks back), when that year is earlier than the one it was
        given, and the text tells the past (`dates.anniversary`: "the fifth anniversary",
        "5 years ago") or the date in that year would come after publication; else as it is.
        A date with its year written, or placed in one, is a year for those after it."""
        written = match.groupdict().get("year") or match.groupdict().get("year_before")
        if mention.day is None or mention.kind != "absolute":
            return mention
        if written or name not in _YEARLESS:
            self.anchors.append((mention.end, mention.day.year))
            return mention
        year = self._year_before(mention.start)
        if (
            year is None
            or year >= mention.day.year
            or published is None
            or not (self.past or mention.day > published)
        ):
            return mention
        mention = _in_year(mention, year)
        self.anchors.append((mention.end, year))
        return mention

    def _year_before(self, start: int) -> int | None:
        before = [(end, year) for end, year in self.anchors if end <= start]
        if not before:
            return None
        end, year = max(before)
        if self.look_back:
            return year
        # Counted up to one too many only: a year far back costs no scan of the text between.
        ends = islice(_SENTENCE_END.finditer(self.text, end, start), YEAR_CONTEXT_SENTENCES + 1)
        return year if sum(1 for _ in ends) <= YEAR_CONTEXT_SENTENCES else None


def _in_year(mention: DateMention, year: int) -> DateMention:
    """The mention moved to `year`, its other days by as many years."""
    assert mention.day is not None
    shift = year - mention.day.year

    def moved(day: date) -> date:
        return _safe_date(day.year + shift, day.month, day.day)

    return replace(
        mention,
        day=moved(mention.day),
        end_day=None if mention.end_day is None else moved(mention.end_day),
        also=tuple(moved(d) for d in mention.also),
    )


# Two whole dates joined as a range: "from March 15 to March 17", "28 February - 2 March",
# "vom 4. März bis 6. März" (the languages' `dates.range_words`, and "through", "until").
RANGE_DAYS = 31  # longer, and the two dates are told apart, not one event's days


_CONJUNCTIONS = frozenset(w.casefold() for w in lexicon.union("places.conjunctions"))
_ARTICLES = lexicon.alternation(lexicon.union("dates.range_articles"))
# Before the first date, a word that makes "and" a range ("between 28 February and 2 March",
# "entre le 4 et le 6 mars", "zwischen dem 4. und 6. März"); after the last, one that does so
# in the languages that write it after ("4 ve 6 Mart arasında").
_RANGE_OPENER = re.compile(
    rf"(?<!\w)(?:{lexicon.alternation(lexicon.union('dates.range_openers'))})\s+"
    rf"(?:(?:{_ARTICLES})\s+)?$",
    re.IGNORECASE,
)
_RANGE_CLOSER = re.compile(
    rf"\s*(?:{lexicon.alternation(lexicon.union('dates.range_closers'))})(?!\w)",
    re.IGNORECASE,
)
# Between two whole dates of a list: "and", "and again on", ", and then on" (any language's
# "and" and `dates.list_fillers`).
_LIST_JOIN = re.compile(
    rf"\s*,?\s*(?:{lexicon.alternation(_CONJUNCTIONS)})"
    rf"(?:\s+(?:{lexicon.alternation(lexicon.union('dates.list_fillers'))}))*\s*",
    re.IGNORECASE,
)
_WHOLE_JOIN = re.compile(rf"\s*,?\s*{_RANGE_WORD}\s*", re.IGNORECASE)


def _opened(text: str, start: int, end: int) -> bool:
    """Whether a range opener stands right before `start` or a closer right after `end`."""
    return (
        _RANGE_OPENER.search(text, max(0, start - 24), start) is not None
        or _RANGE_CLOSER.match(text, end) is not None
    )


def _with_other_days(
    mention: DateMention,
    groups: dict[str, str],
    match: re.Match[str],
    day_of: Callable[[int], date] | None = None,
) -> DateMention:
    """A day-month mention that writes more days ("4-6", "4, 5 and 6", "4 and 6"): a range
    when a range word joins them (or "and" after "between"), else a list (`_listed`).
    `day_of` gives the date of a day of the mention's month (its calendar's: Solar Hijri for
    "۴ تا ۶ اسفند"); by default the Gregorian month of its first day."""
    assert mention.day is not None
    first = mention.day
    if day_of is None:

        def day_of(number: int) -> date:
            return first.replace(day=number)

    numbers = [int(n) for n in re.findall(r"\d+", groups.get("more", ""))]
    numbers.append(int(groups["day2"]))
    days: list[date] = []
    for number in numbers:
        with suppress(ValueError):  # "February 28-31": the days that exist stand
            days.append(day_of(number))
    conjunction = groups.get("joint", "").casefold() in _CONJUNCTIONS
    text = match.string
    if conjunction and not _opened(text, match.start(), match.end()):
        return _listed(mention, days)
    if numbers[:-1] or not days or days[-1] <= first or len(days) < len(numbers):
        return _listed(mention, days) if numbers[:-1] else mention  # "March 6-4": one day
    return replace(mention, end_day=days[-1])


def _listed(mention: DateMention, others: list[date]) -> DateMention:
    """A list of days: a range when it leaves no day out ("4, 5 and 6 March" is 4-6 March),
    else its days apart (`also`: "on 4 and 6 March" is two days, one event each, as ACLED
    codes them)."""
    assert mention.day is not None
    near = [d for d in others if 0 < abs((d - mention.day).days) <= RANGE_DAYS]
    days = sorted({mention.day, *near})
    if len(days) == 1:
        return mention
    if (days[-1] - days[0]).days == len(days) - 1:
        return replace(mention, day=days[0], end_day=days[-1], also=())
    return replace(mention, day=days[0], end_day=None, also=tuple(days[1:]))


def _joins_range(text: str, first: DateMention, last: DateMention) -> bool:
    """Whether the words between two dates make them one range's first and last day."""
    join = _WHOLE_JOIN.fullmatch(text, first.end, last.start)
    if join is None:
        return False
    if join.group("joint").casefold() not in _CONJUNCTIONS:
        return True
    return _opened(text, first.start, last.end)


def _joined_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions with each two consecutive dates of a day joined by a range word made
    one range (first day, `end_day` the last), as "March 4-6" is; and those joined by "and"
    ("on 4 March and again on 6 March") one list of days (`_listed`)."""
    joined: list[DateMention] = []
    for mention in mentions:
        first = joined[-1] if joined else None
        if (
            first is not None
            and first.day is not None
            and mention.day is not None
            and first.precision == mention.precision == DAY
            and first.kind == mention.kind == "absolute"
            and first.end_day is None
            and mention.end_day is None
            and not mention.also
            and 0 < (mention.day - first.day).days <= RANGE_DAYS
        ):
            whole = replace(first, end=mention.end, text=text[first.start : mention.end])
            if not first.also and _joins_range(text, first, mention):
                joined[-1] = replace(whole, end_day=mention.day)
                continue
            if _LIST_JOIN.fullmatch(text, first.end, mention.start):
                joined[-1] = _listed(whole, [*first.also, mention.day])
                continue
        joined.append(mention)
    return joined


def _longest_first(
    candidates: list[tuple[int, int, str, re.Match[str]]],
) -> list[tuple[int, int, str, re.Match[str]]]:
    """The candidates that no longer candidate overlaps, in text order: "Wednesday, March 4"
    beats "on Wednesday", "June 2025" beats "in June"."""
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for candidate in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if all(candidate[1] <= k[0] or candidate[0] >= k[1] for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c[0])


def _resolve(
    name: str, match: re.Match[str], published: date | None, previous: date | None
) -> DateMention | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    text = match.group()

    def make(day: date | None, precision: int, kind: Kind) -> DateMention:
        return DateMention(match.start(), match.end(), text, day, precision, kind)

    if name == "solar_hijri":
        solar = _solar_hijri(groups, published, make)
        if solar is None or solar[0].day is None or "day2" not in groups:
            return None if solar is None else solar[0]
        return _with_other_days(solar[0], groups, match, solar[1])
    if name == "lunar_hijri":
        return _lunar_hijri(groups, make)
    if name in ("iso", "month_day", "day_month", "world_day_month", "world_month_day"):
        if "mnum" in groups:
            month = int(groups["mnum"])
        elif name.startswith("world"):
            month = world_months()[groups["month"].casefold()]
        else:
            month = MONTHS[groups["month"].lower()]
        day_of_month = int(groups["day"])
        if not 1 <= day_of_month <= 31:
            return None
        written = groups.get("year") or groups.get("year_before")
        year = int(written) if written else None
        if year is None and published is None:
            return make(None, DAY, "absolute")
        try:
            day = _with_year(month, day_of_month, year, published)
        except ValueError:
            return None  # "February 30"
        mention = make(day, DAY, "absolute")
        if "day2" in groups:
            return _with_other_days(mention, groups, match)
        return mention
    if name == "month_year":
        return make(
            date(int(groups["year"]), MONTHS[groups["month"].lower()], 1), MONTH, "absolute"
        )
    if name == "month_alone":
        month = MONTHS[groups["month"].lower()]
        if published is None:
            return make(None, MONTH, "absolute")
        return make(_with_year(month, 1, None, published), MONTH, "absolute")
    if name in ("day_before", "day_after", "same_day") and previous is not None:
        shift = {"day_before": -1, "day_after": 1, "same_day": 0}[name]
        return make(previous + timedelta(days=shift), DAY, "anaphoric")
    if name in ("later_days", "earlier_days", "later_weeks"):
        if previous is None:
            return make(None, DAY, "anaphoric")
        days = _count(text) * (7 if name.endswith("weeks") else 1)
        sign = -1 if name.startswith("earlier") else 1
        return make(previous + timedelta(days=sign * days), DAY, "anaphoric")
    if name in ("day_after", "same_day"):
        return make(None, DAY, "anaphoric")
    if published is None:
        return make(None, DAY, "relative")
    if name == "day_before":
        return make(published - timedelta(days=1), DAY, "relative")
    if name == "world_relative":
        offset = world_relative_days().get(" ".join(groups["rel"].casefold().split()), -1)
        return make(published + timedelta(days=offset), DAY, "relative")
    if name == "night_to_weekday":
        # "in der Nacht zum Donnerstag", "в ночь на четверг", "dans la nuit de mercredi à
        # jeudi": the night before the weekday named last, so that day and the one before.
        weekday = _weekday_in(text, last=True)
        if weekday is None:
            return None
        morning = published - timedelta(days=(published.weekday() - weekday) % 7)
        mention = make(morning - timedelta(days=1), DAY, "relative")
        return replace(mention, end_day=morning)
    if name in ("world_weekday", "on_weekday", "last_weekday", "next_weekday"):
        weekday = _weekday_in(text)
        if weekday is None:
            return None
        if name == "next_weekday":
            ahead = (weekday - published.weekday()) % 7 or 7
            return make(published + timedelta(days=ahead), DAY, "relative")
        back = (published.weekday() - weekday) % 7
        if name == "last_weekday" and back == 0:
            back = 7
        return make(published - timedelta(days=back), DAY, "relative")
    if name == "ago_days":
        return make(published - timedelta(days=_count(text)), DAY, "relative")
    if name == "ago_weeks":
        return make(_monday(published - timedelta(weeks=_count(text))), WEEK, "relative")
    if name == "ago_months":
        return make(_add_months(_first_of_month(published), -_count(text)), MONTH, "relative")
    offset = {"last": -1, "this": 0, "next": 1}[name.split("_")[0]]
    if name.endswith("week"):
        return make(_monday(published) + timedelta(weeks=offset), WEEK, "relative")
    return make(_add_months(_first_of_month(published), offset), MONTH, "relative")


def _count(phrase: str) -> int:
    """The number in a matched "N days later" phrase: digits, or a number word of any
    language (lexicon.NUMBER_WORDS); 1 when it has neither ("a day later")."""
    digits = re.search(r"\d+", phrase)
    if digits:
        return int(digits.group())
    numbers = _all_number_words()
    return next((numbers[w] for w in re.findall(r"\w+", phrase.casefold()) if w in numbers), 1)


@lru_cache(maxsize=1)
def _all_number_words() -> dict[str, int]:
    found: dict[str, int] = {}
    for code in lexicon.NUMBER_WORDS:
        for word, value in lexicon.number_words(code).items():
            if " " not in word:
                found.setdefault(word, value)
    return found


def _weekday_in(phrase: str, *, last: bool = False) -> int | None:
    """Monday 0 .. Sunday 6 of the (first, or `last`) weekday's name inside a matched
    phrase."""
    found = list(_weekday_names().finditer(phrase.casefold()))
    return world_weekdays()[found[-1 if last else 0].group("name")] if found else None


@lru_cache(maxsize=1)
def _weekday_names() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_CLITICS}(?P<name>{lexicon.alternation(world_weekdays())})")


MIN_WEEKDAY_STEM = 5  # letters of a weekday's stem read with an ending (not Georgian კვირ-)
# Up to two one-letter clitics before a weekday (Hebrew "ביום חמישי", "on Thursday"), and the
# parts of a day a language writes in one word with the weekday (German "Montagabend").
_CLITICS = (
    f"[{''.join(lexicon.union('inflection.clitics'))}]{{0,2}}"
    if lexicon.union("inflection.clitics")
    else ""
)
_DAY_PARTS = lexicon.alternation(w.casefold() for w in lexicon.union("dates.day_parts"))


def _with_year(month: int, day_of_month: int, year: int | None, published: date | None) -> date:
    if year is not None:
        return date(year, month, day_of_month)
    assert published is not None
    candidate_year = published.year
    if month == 2 and day_of_month == 29 and not calendar.isleap(candidate_year):
        candidate_year -= 1
    candidate = date(candidate_year, month, day_of_month)
    if (candidate - published).days > FUTURE_TOLERANCE_DAYS:
        candidate = _safe_date(candidate_year - 1, month, day_of_month)
    elif (published - candidate).days > 366 - FUTURE_TOLERANCE_DAYS:
        candidate = _safe_date(candidate_year + 1, month, day_of_month)
    return candidate


def _safe_date(year: int, month: int, day_of_month: int) -> date:
    """February 29 in a year that has none falls back to February 28."""
    return date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# How far back a citation's opening parenthesis is looked for: a source's name and a comma
# ("([Azertag.az](https://…), March 6)"). Looking back to the line's start made every date
# of a one-line article cost the whole line (issue 20: a 100 kB line took 21 s here).
CITATION_REACH = 1000


def _in_citation(text: str, position: int) -> bool:
    """True when the date closes a source citation: inside parentheses, right after a comma
    that follows the source's name ("([Azertag.az](#), March 6)", "(AFP, 5 March)"), the
    parenthesis within CITATION_REACH characters before it on its line."""
    depth = 0
    index = position - 1
    lowest = max(-1, position - 1 - CITATION_REACH)
    while index > lowest and text[index] != "\n":
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                break
            depth -= 1
        index -= 1
    else:
        return False
    if index < 0:
        return False
    return text[index + 1 : position].rstrip().endswith(",")


# --- Other languages and calendars ------------------------------------------------------
# Month and weekday names and "yesterday" of every language of `LANGUAGES` come from CLDR
# (through `babel`); Solar Hijri months from `jdatetime`, lunar Hijri months from
# `hijridate`, which also convert the dates. English keeps its own patterns above (they
# know "May" from "may").

# Phrases of the languages' data files (table [dates]) and how each is resolved: counted from
# publication ("relative") or from the date told before it ("anaphoric"). "{n}" is a number
# (digits or a number word), "{weekday}" a weekday's name, "*" the rest of a word.
RELATIVE_PHRASES: tuple[str, ...] = (
    "day_before", "day_after", "same_day", "later_days", "earlier_days", "later_weeks",
    "ago_days", "ago_weeks", "ago_months", "on_weekday", "last_weekday", "next_weekday",
    "last_week", "this_week", "next_week", "last_month", "this_month", "next_month",
    "night_to_weekday",
)  # fmt: skip
# Phrases that name a day counted from publication: yesterday, the day before yesterday,
# last night (besides CLDR's words for the first two).
DAY_OFFSETS: dict[str, int] = {"yesterday": -1, "day_before_yesterday": -2, "last_night": -1}


def _phrase_parts(phrase: str) -> list[str]:
    return [p for p in re.split(r"(\{n\}|\{weekday\}|\*|\s+)", phrase.casefold()) if p]


@lru_cache(maxsize=1)
def phrase_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, pattern) of every `RELATIVE_PHRASES` table, all languages in one pattern, to
    `match` at a word's start (`_phrase_matches`). The phrases are one trie of letters and
    placeholders: "{n} days later" and "{n} days ago" read the number once."""
    found = []
    for name in RELATIVE_PHRASES:
        phrases = lexicon.union(f"dates.{name}")
        if phrases:
            trie: dict[str, dict] = {}
            for phrase in phrases:
                node = trie
                for item in _items(phrase):
                    node = node.setdefault(item, {})
                node[""] = {}
            body = _item_trie_pattern(trie)
            found.append((name, re.compile(rf"(?:{body})(?!\w)", re.IGNORECASE)))
    return tuple(found)


def _items(phrase: str) -> list[str]:
    """A phrase as trie items: its letters one by one, " " for a blank, and its
    placeholders whole."""
    items: list[str] = []
    for part in _phrase_parts(phrase):
        if part in ("{n}", "{weekday}", "*"):
            items.append(part)
        elif part.isspace():
            items.append(" ")
        else:
            items.extend(part)
    return items


def _item_trie_pattern(node: dict[str, dict]) -> str:
    # Any word stands for a number or a weekday here (`_phrase_matches` checks it is one):
    # hundreds of number and weekday names inlined at every branch took seconds to compile.
    pieces = {"{n}": r"(?:\d{1,2}|[^\W\d_]+)", "{weekday}": r"[^\W\d_]+", "*": r"\w*", " ": r"\s+"}
    branches = [
        pieces.get(item, re.escape(item)) + _item_trie_pattern(child)
        for item, child in sorted(node.items())
        if item
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=1)
def _kinds_by_opening() -> dict[str, tuple[int, ...]]:
    """The `phrase_patterns` (by index) a word may open, by the word's first two letters
    (casefolded; "0" for a digit): each beginning is then tried against a few patterns
    instead of all of them."""
    numbers = [*_all_number_words(), "0"]
    weekdays = list(world_weekdays())
    table: dict[str, set[int]] = {}
    for index, (name, _pattern) in enumerate(phrase_patterns()):
        for phrase in lexicon.union(f"dates.{name}"):
            first = _phrase_parts(phrase)[0]
            openers = numbers if first == "{n}" else weekdays if first == "{weekday}" else [first]
            for word in openers:
                table.setdefault(_opening(word), set()).add(index)
    return {key: tuple(sorted(found)) for key, found in table.items()}


_WORD_START = re.compile(r"(?<!\w)\w")


def _opening(word: str) -> str:
    """A word's key in `_kinds_by_opening`: "0" for a digit, else its first two letters (one
    for a one-letter word: "в ночь на четверг", "w nocy")."""
    if word[:1].isdigit():
        return "0"
    return word[:2].casefold() if word[1:2].isalpha() else word[:1].casefold()


def _phrase_matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """Every phrase of the data files in `text`: (name, match)."""
    found = []
    patterns = phrase_patterns()
    kinds = _kinds_by_opening()
    for start in _WORD_START.finditer(text):
        at = start.start()
        for index in kinds.get(_opening(text[at : at + 2]), ()):
            name, pattern = patterns[index]
            match = pattern.match(text, at)
            if match is not None and _placeholders_hold(name, match.group()):
                found.append((name, match))
    return found


def _placeholders_hold(name: str, phrase: str) -> bool:
    """Whether a matched phrase's placeholders are what they stand for: a number (digits or
    a number word) in a phrase that counts, a weekday's name in one that names it."""
    if name.endswith("weekday"):
        return _weekday_in(phrase) is not None
    if name in ("later_days", "earlier_days", "later_weeks", "ago_days", "ago_weeks", "ago_months"):
        words = _all_number_words()
        return (
            any(c.isdigit() for c in phrase)
            or any(w in words for w in re.findall(r"\w+", phrase.casefold()))
            or not any("{n}" in p for p in lexicon.union(f"dates.{name}"))
        )
    return True


def _other_languages() -> list[Any]:
    from babel import Locale

    return [Locale.parse(code) for code in LANGUAGES if code != "en"]


def _all_languages() -> list[Any]:
    from babel import Locale

    return [Locale.parse(code) for code in LANGUAGES]


@lru_cache(maxsize=1)
def world_months() -> dict[str, int]:
    """Month names of the languages other than English (format and stand-alone, wide and
    abbreviated, case-folded, without a final dot) -> month number."""
    names: dict[str, int] = {}
    for locale in _other_languages():
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    name = name.casefold().rstrip(".")
                    if len(name) >= 3:
                        names.setdefault(name, number)
                    if str(locale) in ENDINGS:  # Georgian "მარტი": the stem takes the ending
                        names.setdefault(stem(name, str(locale)), number)
    return names


@lru_cache(maxsize=1)
def world_weekdays() -> dict[str, int]:
    """Weekday names of every language -> Monday 0 .. Sunday 6."""
    names: dict[str, int] = {}
    for locale in _all_languages():
        for context in ("format", "stand-alone"):
            for number, name in locale.days[context]["wide"].items():
                names.setdefault(name.casefold(), number)
                # Georgian "ხუთშაბათს" (on Thursday): the stem takes the case ending
                base = stem(name, str(locale)) if str(locale) in ENDINGS else ""
                if len(base) >= MIN_WEEKDAY_STEM:
                    names.setdefault(base, number)
    # Forms CLDR does not give: the accusative after "on" ("в пятницу", "w sobotę", "u
    # srijedu"), from the data files' `dates.weekday_forms` (Monday first, "|" between forms).
    for days in lexicon.by_language("dates.weekday_forms").values():
        for number, forms in enumerate(days):
            for form in forms.split("|"):
                names.setdefault(form.casefold(), number)
    return names


@lru_cache(maxsize=1)
def world_relative_days() -> dict[str, int]:
    """ "Yesterday", "the day before yesterday" and "last night" of every language -> -1 /
    -2 (CLDR's words and the data files' `DAY_OFFSETS` tables), case-folded."""
    words: dict[str, int] = {
        " ".join(word.casefold().split()): offset
        for name, offset in DAY_OFFSETS.items()
        for word in lexicon.union(f"dates.{name}")
    }
    for locale in _all_languages():
        relative = locale._data["date_fields"]["day"]["relative"]
        for offset in (-1, -2):
            if offset in relative:
                words.setdefault(str(relative[offset]).casefold(), offset)
    return words


@lru_cache(maxsize=1)
def _jalali_months() -> dict[str, int]:
    import jdatetime

    return {name: i for i, name in enumerate(jdatetime.date.j_months_fa, start=1)}


@lru_cache(maxsize=1)
def _hijri_months() -> dict[str, int]:
    from hijridate import Hijri

    return {Hijri(1440, month, 1).month_name("ar"): month for month in range(1, 13)}


@lru_cache(maxsize=1)
def calendar_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns of dates written in the other languages and calendars."""
    months = lexicon.alternation(world_months())
    weekdays = lexicon.alternation(world_weekdays())
    # "5.", "5-ci", "5-го", "5'inde": a day of the month with its ordinal dot or case ending
    # Case endings of the languages without a Snowball stemmer ("5 მარტს"), and the
    # genitive vowel of Serbian, Croatian and Bosnian that CLDR does not write ("5. marta")
    month_endings = lexicon.alternation(
        (*(e for endings in ENDINGS.values() for e in endings), "a", "u", "e")
    )
    day = r"(?P<day>\d{1,2})(?:\.|-[^\W\d]{1,3}(?!\w)|['’][^\W\d]{1,5}(?!\w))?"
    suffix = r"(?:\.|-[^\W\d]{1,3}(?!\w)|['’][^\W\d]{1,5}(?!\w))?"  # "5.", "5-го", "5'inde"
    more = rf"(?P<more>(?:\s*,\s*\d{{1,2}}{suffix}(?!\d)){{0,8}})"
    day2 = rf"(?:{more}\s*,?\s*{_RANGE_WORD}\s*(?P<day2>\d{{1,2}}){suffix})?"
    # "4 de marzo de 2026": the word a language writes before the month and the year
    links = lexicon.alternation(lexicon.union("dates.month_links"))
    link = rf"(?:(?:{links})\s+)?" if links else ""
    year = rf"(?:,?\s+{link}(?P<year>\d{{4}}))?"
    # The year before the date, with its ending and its word for "year" ("2020-ci il",
    # "2020 yılı", "1899 թվականի")
    year_before = r"(?P<year_before>(?:1[89]|20)\d\d)(?:-[^\W\d]{1,3})?(?:\s+[^\W\d]{1,8}\.?)?,?"
    patterns = (
        # [четверг,] 4 марта [2026]; 4-6 березня; с 4 по 6 марта; 5 Mart Perşembe; the year
        # before it with its ending and word ("2020-ci il 10 noyabr", "2020 yılı 10 Kasım")
        (
            "world_day_month",
            rf"(?<!\w)(?:{year_before}\s+)?"
            rf"(?:(?P<weekday>{weekdays})\w{{0,3}},?\s+)?{day}{day2}\s+{link}"
            rf"(?P<month>{months})(?:{month_endings})?(?!\w){year}",
        ),
        # 2026. március 6.; március 6-án; 1899 թվականի փետրվարի 7-ին
        (
            "world_month_day",
            rf"(?<!\w)(?:(?P<year>\d{{4}})\.\s+|{year_before}\s+)?(?P<month>{months})\s+{day}{day2}"
            rf"(?:-\w{{1,3}})?(?!\d)",
        ),
        # Martın 5-də, Aprelin 10-u (Azerbaijani, Turkish: the month in the genitive)
        (
            "world_month_day",
            rf"(?<!\w)(?P<month>{months})['’]?n?[ıiuü]n\s+(?P<day>\d{{1,2}})"
            rf"(?:-|['’])[^\W\d]{{1,5}}(?!\w)",
        ),
        (
            "world_weekday",
            rf"(?<!\w){_CLITICS}(?P<weekday>{weekdays})(?:{_DAY_PARTS})?\w{{0,3}}(?!\w)",
        ),
        (
            "world_relative",
            rf"(?<!\w)(?P<rel>{_spaced(lexicon.alternation(world_relative_days()))})(?!\w)",
        ),
        # پنجشنبه ۱۴ اسفند [۱۴۰۴]
        (
            "solar_hijri",
            rf"(?<!\w)(?P<day>\d{{1,2}}){day2}\s+"
            rf"(?P<jmonth>{lexicon.alternation(_jalali_months())})(?!\w)(?:\s+(?P<year>\d{{4}}))?",
        ),
        # ١٦ رمضان ١٤٤٧
        (
            "lunar_hijri",
            rf"(?<!\w)(?P<day>\d{{1,2}})\s+(?P<hmonth>{lexicon.alternation(_hijri_months())})"
            rf"(?!\w)\s+(?P<year>\d{{4}})",
        ),
    )
    return tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in patterns)


def _spaced(pattern: str) -> str:
    """A pattern of phrases with any run of white space where they have one blank."""
    return pattern.replace(r"\ ", r"\s+")


def _solar_hijri(
    groups: dict[str, str], published: date | None, make: Callable[..., DateMention]
) -> tuple[DateMention, Callable[[int], date]] | None:
    """A Solar Hijri date ("۱۴ اسفند ۱۴۰۴"): without a year, the Solar Hijri year that puts
    it nearest before publication; and the Gregorian date of any day of its month (for
    "۴ تا ۶ اسفند")."""
    import jdatetime

    month = _jalali_months()[groups["jmonth"]]
    day_of_month = int(groups["day"])

    def in_year(year: int) -> Callable[[int], date]:
        return lambda number: jdatetime.date(year, month, number).togregorian()

    try:
        if "year" in groups:
            day_of = in_year(int(groups["year"]))
            return make(day_of(day_of_month), DAY, "absolute"), day_of
        if published is None:
            return make(None, DAY, "absolute"), in_year(1)
        year = jdatetime.date.fromgregorian(date=published).year
        day_of = in_year(year)
        if (day_of(day_of_month) - published).days > FUTURE_TOLERANCE_DAYS:
            day_of = in_year(year - 1)
        return make(day_of(day_of_month), DAY, "absolute"), day_of
    except ValueError:
        return None


def _lunar_hijri(groups: dict[str, str], make: Callable[..., DateMention]) -> DateMention | None:
    from hijridate import Hijri

    try:
        day = Hijri(int(groups["year"]), _hijri_months()[groups["hmonth"]], int(groups["day"]))
        return make(date(*day.to_gregorian().datetuple()), DAY, "absolute")
    except (ValueError, OverflowError):
        return None
