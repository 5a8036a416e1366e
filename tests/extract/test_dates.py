"""Date expressions: absolute, relative to the publication date, and anaphoric."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.dates import DAY, MONTH, WEEK, find_dates

THURSDAY = date(2026, 3, 12)
MONDAY = date(2026, 3, 9)


def only(text: str, published: date | None = MONDAY, precision: int = 1):
    found = find_dates(text, published, precision)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("It happened on March 5.", date(2026, 3, 5), DAY),
        ("It happened on 5 March 2026.", date(2026, 3, 5), DAY),
        ("Published Mar 12, 2026 by the outlet.", date(2026, 3, 12), DAY),
        ("The coup attempt on July 15, 2016 failed.", date(2016, 7, 15), DAY),
        ("The war in June 2025 lasted twelve days.", date(2025, 6, 1), MONTH),
        ("A statement on Wednesday, March 4, said so.", date(2026, 3, 4), DAY),
        ("Signed on the 4th of March.", date(2026, 3, 4), DAY),
        ("An ISO date 2026-03-05 in a table.", date(2026, 3, 5), DAY),
        ("It was signed in June between them.", date(2025, 6, 1), MONTH),
        ("Talks on December 20 failed.", date(2025, 12, 20), DAY),  # not nine months ahead
    ],
)
def test_absolute_dates(text: str, day: date, precision: int) -> None:
    mention = only(text)
    assert (mention.day, mention.precision, mention.kind) == (day, precision, "absolute")
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "published", "day", "precision"),
    [
        ("On Thursday, drones struck.", MONDAY, date(2026, 3, 5), DAY),
        ("The ministry said on Thursday.", THURSDAY, THURSDAY, DAY),  # the day itself
        ("It was last Thursday.", THURSDAY, date(2026, 3, 5), DAY),
        ("They meet next Monday.", MONDAY, date(2026, 3, 16), DAY),
        ("It happened yesterday.", MONDAY, date(2026, 3, 8), DAY),
        ("Officials met last week.", MONDAY, date(2026, 3, 2), WEEK),
        ("Officials met this week.", THURSDAY, date(2026, 3, 9), WEEK),
        ("It began last month.", MONDAY, date(2026, 2, 1), MONTH),
        ("It came three days ago.", MONDAY, date(2026, 3, 6), DAY),
    ],
)
def test_relative_dates(text: str, published: date, day: date, precision: int) -> None:
    mention = only(text, published)
    assert (mention.day, mention.precision, mention.kind) == (day, precision, "relative")


def test_anaphoric_dates_count_from_the_date_told_before() -> None:
    text = (
        "Drones struck on March 5. The council met on the same day. "
        "The day before, radars saw them. Two days later, envoys met."
    )
    days = [(m.text, m.day) for m in find_dates(text, MONDAY)]
    assert days == [
        ("March 5", date(2026, 3, 5)),
        ("on the same day", date(2026, 3, 5)),
        ("The day before", date(2026, 3, 4)),
        ("Two days later", date(2026, 3, 6)),  # from the day before
    ]


def test_relative_dates_need_a_publication_date_and_quotes_are_the_speakers() -> None:
    assert only("Officials met last week.", None).day is None
    quoted = only("He said: “Today we met, and last week we talked.”", MONDAY)
    assert quoted.text == "last week" and quoted.day is None


def test_a_publication_date_known_to_the_week_makes_relative_dates_week_precise() -> None:
    mention = only("They met on Wednesday.", date(2025, 4, 10), WEEK)
    assert (mention.day, mention.precision) == (date(2025, 4, 9), WEEK)


def test_words_that_only_look_like_dates_are_not_dates() -> None:
    text = "We may march now. Today, the S-400s remain unused. In 2017 it changed. 16th Tank."
    assert find_dates(text, MONDAY) == []


def test_citation_and_statement_dates_are_marked() -> None:
    text = "Plots were foiled ([Azertag.az](#), March 6). The ministry announced on Thursday."
    citation, statement = find_dates(text, THURSDAY)
    assert citation.citation and not citation.report
    assert statement.report and not statement.citation


formats = st.sampled_from(
    [
        lambda d: f"{calendar.month_name[d.month]} {d.day}, {d.year}",
        lambda d: f"{d.day} {calendar.month_name[d.month]} {d.year}",
        lambda d: f"{calendar.month_abbr[d.month]} {d.day}, {d.year}",
        lambda d: (
            f"{calendar.day_name[d.weekday()]}, {calendar.month_name[d.month]} {d.day}, {d.year}"
        ),
        lambda d: d.isoformat(),
    ]
)
words = st.lists(st.sampled_from(["the", "drone", "strike", "said", "officials", "in"]))


@settings(max_examples=80, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), formats, words, words)
def test_any_written_day_is_read_back(day: date, form, before, after) -> None:
    written = form(day)
    text = " ".join([*before, written, *after]) + "."
    mention = only(text, MONDAY)
    assert (mention.day, mention.precision) == (day, DAY)
    assert mention.text.endswith(written.split(", ")[-1])


@settings(max_examples=80, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.sampled_from(list(calendar.day_name)))
def test_a_weekday_is_the_latest_such_day_on_or_before_publication(
    published: date, weekday: str
) -> None:
    mention = only(f"They met on {weekday}.", published)
    assert mention.day is not None
    assert calendar.day_name[mention.day.weekday()] == weekday
    assert published - timedelta(days=6) <= mention.day <= published


FRIDAY = date(2026, 3, 6)


@pytest.mark.parametrize(
    ("text", "day", "kind"),
    [
        ("4 марта баллистическая ракета была сбита.", date(2026, 3, 4), "absolute"),
        ("Дрони уранці 5 березня влучили в аеропорт.", date(2026, 3, 5), "absolute"),
        ("Saldırı 5 Mart'ta gerçekleşti.", date(2026, 3, 5), "absolute"),
        ("Háború :: 2026. március 6. 21:00", date(2026, 3, 6), "absolute"),
        ("W czwartek czworo cywilów zostało rannych.", date(2026, 3, 5), "relative"),
        ("közölte a televízió pénteken.", date(2026, 3, 6), "relative"),
        ("Накануне город подвергся атаке.", date(2026, 3, 5), "relative"),
        ("dün saldırı oldu", date(2026, 3, 5), "relative"),
        ("الهام علی‌اف روز ۱۴ اسفند گفت", date(2026, 3, 5), "absolute"),
        ("در ۱۴ اسفند ۱۴۰۴ گفت", date(2026, 3, 5), "absolute"),
        ("في ١٦ رمضان ١٤٤٧ هـ", date(2026, 3, 5), "absolute"),
        # the year written before the day, with its ending and word
        ("2020-ci il 10 noyabr tarixli bəyanat", date(2020, 11, 10), "absolute"),
        ("2019 yılı 10 Kasım günü imzalandı", date(2019, 11, 10), "absolute"),
    ],
)
def test_dates_in_other_languages_and_calendars(text: str, day: date, kind: str) -> None:
    mention = only(text, FRIDAY)
    assert (mention.day, mention.precision, mention.kind) == (day, DAY, kind)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Drones struck on March 4-6, 2026.", date(2026, 3, 4), date(2026, 3, 6)),
        ("Shelling between 4 and 6 March.", date(2026, 3, 4), date(2026, 3, 6)),
        ("Shot down from 7 to 9 March.", date(2026, 3, 7), date(2026, 3, 9)),
        ("On the night of 4 to 5 March.", date(2026, 3, 4), date(2026, 3, 5)),
        ("Обстрелы с 4 по 6 марта.", date(2026, 3, 4), date(2026, 3, 6)),
        ("Ataki od 4 do 6 marca.", date(2026, 3, 4), date(2026, 3, 6)),
        ("Droni avvistati tra il 4 e il 6 marzo.", date(2026, 3, 4), date(2026, 3, 6)),
        ("Des drones aperçus entre le 4 et le 6 mars.", date(2026, 3, 4), date(2026, 3, 6)),
        ("Drohnen zwischen dem 4. und 6. März gesichtet.", date(2026, 3, 4), date(2026, 3, 6)),
        ("İHA'lar 4 ve 6 Mart arasında görüldü.", date(2026, 3, 4), date(2026, 3, 6)),
    ],
)
def test_ranges_give_first_and_last_day(text: str, first: date, last: date) -> None:
    mention = only(text, date(2026, 3, 10))
    assert (mention.day, mention.end_day, mention.last_day) == (first, last, last)


def test_a_range_that_runs_backwards_is_one_day() -> None:
    assert only("On March 6-4, 2026.", date(2026, 3, 10)).end_day is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Aprelin 12-də səhər", date(2026, 4, 12)),  # az: the month in the genitive
        ("12-ci aprel tarixində", date(2026, 4, 12)),  # az: an ordinal day
        ("Nisan'ın 12'sinde", date(2026, 4, 12)),  # tr
        ("12-го апреля", date(2026, 4, 12)),  # ru
        ("u nedelju, 12. aprila 2026. godine", date(2026, 4, 12)),  # sr: genitive, dots
        ("am Sonntag, dem 12. April", date(2026, 4, 12)),  # de: an ordinal dot
        ("12 აპრილს", date(2026, 4, 12)),  # ka: a dative ending
    ],
)
def test_day_and_month_in_their_case_forms(text: str, day: date) -> None:
    (mention,) = [m for m in find_dates(text, date(2026, 4, 14)) if m.kind == "absolute"]
    assert (mention.day, mention.precision) == (day, DAY)


@pytest.mark.parametrize(
    "words", ["la veille", "am Vortag", "il giorno prima", "dan ranije", "წინა დღით"]
)
def test_the_day_before_counts_from_the_date_told_before(words: str) -> None:
    mentions = find_dates(f"2026-04-12: ... {words}, ...", date(2026, 4, 20))
    assert mentions[-1].day == date(2026, 4, 11)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("drone attacks from March 15 to March 17.", date(2026, 3, 15), date(2026, 3, 17)),
        ("between 28 February and 2 March 2026", date(2026, 2, 28), date(2026, 3, 2)),
        ("from 4 March to 6 March 2026", date(2026, 3, 4), date(2026, 3, 6)),
        ("March 14 through March 16", date(2026, 3, 14), date(2026, 3, 16)),
        ("27 February – 1 March 2026", date(2026, 2, 27), date(2026, 3, 1)),
        ("vom 4. März bis 6. März 2026", date(2026, 3, 4), date(2026, 3, 6)),
        ("с 4 марта по 6 марта", date(2026, 3, 4), date(2026, 3, 6)),
    ],
)
def test_two_whole_dates_joined_as_a_range_are_one_range(text, first, last) -> None:
    """Built like ../shared/cases/date-ranges with the month written on both ends (and
    across a month's end): one mention, the first day and the last."""
    (mention,) = find_dates(text, date(2026, 3, 20))
    assert (mention.day, mention.end_day) == (first, last)


@pytest.mark.parametrize(
    "text", ["on 5 March and 7 March", "on 5 March, and on 7 March", "on 4 March and 20 April"]
)
def test_two_dates_listed_with_and_stay_two_days(text) -> None:
    mentions = find_dates(text, date(2026, 4, 30))
    assert all(m.end_day is None for m in mentions)
    assert len([day for m in mentions for day in m.days]) == 2


# A new user's variants of ../shared/cases/date-ranges: a range told with "until", and
# lists of days. A list that leaves no day out is a range; one that leaves a day out is its
# days apart (`also`), one event each as ACLED codes them, never one day of it alone.
@pytest.mark.parametrize(
    ("text", "days", "last"),
    [
        ("Drones struck Julfa from 4 until 6 March.", [(3, 4)], (3, 6)),
        ("Strikes from 28 February until 2 March.", [(2, 28)], (3, 2)),
        ("Shelling on 4, 5 and 6 March.", [(3, 4)], (3, 6)),
        ("Shelling on March 4, 5, and 6.", [(3, 4)], (3, 6)),
        ("Shelling on 4 and 5 March.", [(3, 4)], (3, 5)),
        ("Protests on 4 March and again on 6 March.", [(3, 4), (3, 6)], None),
        ("Protests on 4 March, and then on 6 March.", [(3, 4), (3, 6)], None),
        ("Protests on 4 and 6 March.", [(3, 4), (3, 6)], None),
        ("Protests on 2, 4 and 6 March.", [(3, 2), (3, 4), (3, 6)], None),
        ("Обстрелы 4, 5 и 6 марта.", [(3, 4)], (3, 6)),
        ("Протесты 4 марта и снова 6 марта.", [(3, 4), (3, 6)], None),
        ("Proteste am 4. März und erneut am 6. März.", [(3, 4), (3, 6)], None),
        ("Drohnen vom 4. bis 6. März.", [(3, 4)], (3, 6)),
        ("Des drones du 4 jusqu'au 6 mars.", [(3, 4)], (3, 6)),
        ("Manifestations le 4 et le 6 mars.", [(3, 4), (3, 6)], None),
        ("Droni dal 4 fino al 6 marzo.", [(3, 4)], (3, 6)),
        ("Ataki 4, 5 i 6 marca.", [(3, 4)], (3, 6)),
        ("Protesti 4. i 6. marta.", [(3, 4), (3, 6)], None),
        ("İHA'lar 4 ve 6 Mart'ta görüldü.", [(3, 4), (3, 6)], None),
        ("Drones del 4 hasta el 6 de marzo.", [(3, 4)], (3, 6)),
        ("Shelling between the 4th and 6th of March.", [(3, 4)], (3, 6)),
        ("Protests on the 4th and 6th of March.", [(3, 4), (3, 6)], None),
        ("Saldırılar 4 Mart'tan 6 Mart'a kadar sürdü.", [(3, 4)], (3, 6)),
        ("Hücumlar 4, 5 və 6 mart tarixlərində olub.", [(3, 4)], (3, 6)),
        ("هجمات من 4 إلى 6 مارس", [(3, 4)], (3, 6)),
        ("احتجاجات يومي 4 و6 مارس", [(3, 4), (3, 6)], None),
        ("حملات از ۱۳ تا ۱۵ اسفند", [(3, 4)], (3, 6)),  # Solar Hijri: 4-6 March 2026
        ("تجمع ۱۳ و ۱۵ اسفند", [(3, 4), (3, 6)], None),
        ("Támadások március 4. és 6. között.", [(3, 4)], (3, 6)),
        ("Tüntetések március 4-én és 6-án.", [(3, 4), (3, 6)], None),
        ("Протесты 4-го и 6-го марта.", [(3, 4), (3, 6)], None),
        ("საპროტესტო აქციები 4 და 6 მარტს.", [(3, 4), (3, 6)], None),
        ("Հարձակումներ մարտի 4-6-ը", [(3, 4)], (3, 6)),
        ("Protestas el 4 y el 6 de marzo de 2026.", [(3, 4), (3, 6)], None),
    ],
)
def test_ranges_and_lists_of_days(text: str, days: list, last: tuple | None) -> None:
    (mention,) = [m for m in find_dates(text, date(2026, 3, 10)) if m.kind == "absolute"]
    assert [(d.month, d.day) for d in mention.days] == days
    end = mention.end_day
    assert (None if end is None else (end.month, end.day)) == last


@settings(max_examples=200, deadline=None)
@given(
    first=st.dates(date(2025, 1, 1), date(2026, 12, 1)),
    gaps=st.lists(st.integers(1, 3), min_size=1, max_size=4),
    form=st.sampled_from(["{days} {month}", "{month} {days}"]),
    oxford=st.booleans(),
)
def test_any_list_of_days_is_read_as_its_days(first, gaps, form, oxford) -> None:
    """A list "4, 5 and 7 March" written in either order: its days, as a range when none is
    left out, else apart; never one day of it alone."""
    numbers = [first.day]
    for gap in gaps:
        numbers.append(numbers[-1] + gap)
    if numbers[-1] > calendar.monthrange(first.year, first.month)[1]:
        return
    head = ", ".join(str(n) for n in numbers[:-1])
    days = f"{head}{',' if oxford and len(numbers) > 2 else ''} and {numbers[-1]}"
    month = calendar.month_name[first.month]
    text = "Shelling on " + form.format(days=days, month=month) + f", {first.year}."
    (mention,) = find_dates(text, first + timedelta(days=40))
    wanted = [first.replace(day=n) for n in numbers]
    if all(gap == 1 for gap in gaps):
        assert (mention.days, mention.end_day) == ((wanted[0],), wanted[-1])
    else:
        assert (mention.days, mention.end_day) == (tuple(wanted), None)


# An article that names a year, then days without one: invented, in several languages.
@pytest.mark.parametrize(
    "text",
    [
        "Five years ago, in 2020, the town was shelled on 4, 5, 8 and 11 October.",
        "In 2020 the war began. On 4 October rockets hit the town, the 5th anniversary recalls.",
        "2020-ci ilin oktyabrında şəhər atəşə tutuldu. Oktyabrın 4-də raket zərbəsi endirildi.",
        "В 2020 году город обстреливали. 4 октября ракета попала в дом.",
        "2020 yılında şehir bombalandı. 4 Ekim'de füze düştü.",
        "Im Jahr 2020 wurde die Stadt beschossen, am 4. Oktober traf eine Rakete ein Haus.",
        "En 2020, la ville a été bombardée le 4 octobre.",
    ],
)
def test_a_date_without_a_year_takes_the_year_the_text_names_before_it(text: str) -> None:
    """Published on 27 September 2025: 4 October would lie after publication, and the text
    names 2020 in the same sentence or the one before; so 4 October 2020."""
    days = [d for m in find_dates(text, date(2025, 9, 27)) for d in m.days]
    assert days[0] == date(2020, 10, 4)


@pytest.mark.parametrize(
    "text",
    [
        # a count, not a year
        "About 2000 soldiers stood there. On 4 October the town was shelled.",
        # the year is far back in the text: five sentences before
        "In 2020 the war began. A. B. C. D. On 4 October the town was shelled.",
    ],
)
def test_a_date_without_a_year_keeps_the_publications_year_without_a_year_near(
    text: str,
) -> None:
    days = [d for m in find_dates(text, date(2025, 9, 27)) for d in m.days]
    assert days == [date(2025, 10, 4)]


# An article whose headline looks back, its recap of days far below the year: invented.
@pytest.mark.parametrize(
    "text",
    [
        "Five years ago the town was shelled\nIn 2020 the war began. A. B. C. D. In all, on 4, 5"
        " and 8 October the town was shelled.",
        "Пять лет назад город обстреляли\nВ 2020 году началась война. А. Б. В. Г. Всего 4, 5 и 8"
        " октября по городу били ракеты.",
        "Beş yıl önce şehir bombalandı\n2020 yılında savaş başladı. A. B. C. D. Toplam 4, 5 ve 8"
        " Ekim'de şehre füze düştü.",
    ],
)
def test_a_look_back_headline_gives_its_year_to_days_far_below(text: str) -> None:
    """Published on 20 October 2025, after those days: the opening line looks back, so the
    days take 2020, written five sentences before them."""
    days = [d for m in find_dates(text, date(2025, 10, 20)) if m.kind == "absolute" for d in m.days]
    assert days[-3:] == [date(2020, 10, 4), date(2020, 10, 5), date(2020, 10, 8)]


def test_a_look_back_below_the_headline_keeps_the_near_year_rule() -> None:
    """Only the opening line makes the article a look back: a year five sentences before a
    date in an article that recalls an anniversary further down stays too far."""
    text = (
        "The town was shelled\nIn 2020 the war began. A. B. C. D. On 4 October it was hit"
        " again, on the anniversary."
    )
    days = [d for m in find_dates(text, date(2025, 10, 20)) for d in m.days]
    assert days == [date(2025, 10, 4)]


def test_an_earlier_year_does_not_move_a_past_date_of_a_text_that_tells_no_past() -> None:
    """4 March lies before publication and nothing marks a look back: this year's."""
    (mention,) = find_dates("The war of 2020 is over. On 4 March the town was shelled.", MONDAY)
    assert mention.day == date(2026, 3, 4)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("In der Nacht zum Donnerstag wurde die Stadt beschossen.", 11, 12),
        ("В ночь на четверг город обстреляли.", 11, 12),
        ("У ніч на четвер місто обстріляли.", 11, 12),
        ("W nocy ze środy na czwartek miasto zostało ostrzelane.", 11, 12),
        ("Dans la nuit de mercredi à jeudi, la ville a été bombardée.", 11, 12),
        ("Nella notte tra mercoledì e giovedì la città è stata colpita.", 11, 12),
        ("Çarşambayı perşembeye bağlayan gece şehir vuruldu.", 11, 12),
        ("Csütörtökre virradó éjjel a várost lőtték.", 11, 12),
    ],
)
def test_the_night_to_a_weekday_is_that_day_and_the_one_before(
    text: str, first: int, last: int
) -> None:
    mention = only(text, THURSDAY)
    assert (mention.day, mention.end_day) == (date(2026, 3, first), date(2026, 3, last))


@pytest.mark.parametrize(
    "text",
    [
        "Am Donnerstagabend wurde die Stadt beschossen.",
        "Donnerstagnacht wurde die Stadt beschossen.",
        "La noche del jueves la ciudad fue atacada.",
        "Perşembe akşamı şehir vuruldu.",
        "Cümə axşamı şəhər atəşə tutuldu.",
        "W czwartek wieczorem miasto zostało ostrzelane.",
    ],
)
def test_a_weekday_with_a_part_of_its_day_is_that_weekday(text: str) -> None:
    assert only(text, date(2026, 3, 14)).day == THURSDAY


def test_a_one_letter_word_opens_a_phrase() -> None:
    """ "в тот же день", "w nocy": a phrase whose first word has one letter is read."""
    found = find_dates("4 марта город обстреляли. В тот же день упал дрон.", MONDAY)
    assert [m.day for m in found] == [date(2026, 3, 4)] * 2
