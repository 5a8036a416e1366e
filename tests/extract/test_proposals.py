"""Incidents proposed from articles in other languages (geo.extract.proposals)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.draft import extract_article

RUSSIAN = (
    "Два иранских дрона атаковали аэропорт и школу в Нахичевани. Об этом заявила "
    "пресс-служба МИД Азербайджана. В результате удара пострадали два человека."
)
TURKISH = (
    "Azerbaycan'ın Nahçıvan Özerk Cumhuriyeti'nde havalimanına saldırı gerçekleştirildi. "
    "İran'a ait kamikaze dronu, Nahçıvan Havalimanı'na düştü. Saldırıda 2 sivil yaralandı."
)


def test_an_undated_lead_proposes_at_the_most_specific_place_in_the_days_up_to_publication(
    geocoder: object,
) -> None:
    extraction = extract_article(RUSSIAN, geocoder, published=date(2026, 3, 5))  # type: ignore[arg-type]
    strikes = [p for p in extraction.proposals if p.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    (strike,) = strikes
    assert strike.place.place.name == "Naxçıvan"  # the town, not Iran (an adjective) or AZ
    assert (strike.day, strike.end, strike.precision) == (date(2026, 3, 2), date(2026, 3, 5), 1)
    assert strike.undated
    assert [(f.name, f.value) for f in strike.figures] == [("drones", 2), ("injured", 2)]


def test_one_proposal_per_event_with_all_its_evidence(geocoder: object) -> None:
    extraction = extract_article(TURKISH, geocoder, published=date(2026, 3, 5))  # type: ignore[arg-type]
    strikes = [p for p in extraction.proposals if p.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1
    assert strikes[0].place.place.kind == "airport"
    assert len(strikes[0].evidence) == 3
    assert ("injured", 2) in [(f.name, f.value) for f in strikes[0].figures]


# Built like ../shared/cases/date-ranges/article.txt: ranges in three writings, a town named
# as its residents' home, a drone shot down over a town.
DATE_RANGES = (
    "Drone attacks continue in Nakhchivan\n\n"
    "BAKU. Azerbaijan's Ministry of Defense said drones struck warehouses near Ordubad on "
    "March 4-6, 2026.\n\n"
    "Residents of Julfa reported shelling between 4 and 6 March, according to local media.\n\n"
    "A drone was shot down over Sharur from 7 to 9 March, officials said.\n"
)


def test_date_ranges_and_the_town_of_the_sentence(geocoder: object) -> None:
    extraction = extract_article(DATE_RANGES, geocoder, published=date(2026, 3, 10))  # type: ignore[arg-type]
    by_town = {p.place.place.name: p for p in extraction.proposals}
    expected = {
        "Ordubad": (date(2026, 3, 4), date(2026, 3, 6)),
        "Julfa": (date(2026, 3, 4), date(2026, 3, 6)),
        "Sharur City": (date(2026, 3, 7), date(2026, 3, 9)),
    }
    for town, (first, last) in expected.items():
        proposal = by_town[town]
        assert (proposal.day, proposal.end, proposal.precision) == (first, last, 1)
        assert proposal.place.place.kind == "city"
        assert proposal.place.place.country == "Azerbaijan"


# A new user's variants of the date-ranges field case: "until", a list that leaves no day
# out, and two days apart (one proposal each: ACLED codes an event per day, and end_date is
# for one event that lasted several days).
DATE_LISTS = (
    "Drone attacks continue in Nakhchivan\n\n"
    "BAKU. Drones struck warehouses near Julfa from 4 until 6 March, officials said.\n\n"
    "Protesters gathered in Ordubad on 4 March and again on 6 March.\n\n"
    "Shelling was reported in Sharur on 4, 5 and 6 March.\n"
)


def test_ranges_with_until_and_lists_of_days(geocoder: object) -> None:
    extraction = extract_article(DATE_LISTS, geocoder, published=date(2026, 3, 10))  # type: ignore[arg-type]
    found = sorted(
        (p.place.place.name, p.day, p.end)
        for p in extraction.proposals
        if p.place.place.kind == "city"
    )
    assert ("Julfa", date(2026, 3, 4), date(2026, 3, 6)) in found
    assert ("Sharur City", date(2026, 3, 4), date(2026, 3, 6)) in found
    assert [f for f in found if f[0] == "Ordubad"] == [
        ("Ordubad", date(2026, 3, 4), None),
        ("Ordubad", date(2026, 3, 6), None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "İran'ın Erdebil eyaletine bağlı Germi ilçesinde bir İHA düştü.",
        "Беспилотник упал в районе города Гермі в провинции Ардебиль на северо-западе Ирана.",
        "A drone crashed in the Germi district of Ardabil province in Iran.",
    ],
)
def test_a_name_beside_a_province_word_is_the_province_and_the_event_is_at_the_town(
    geocoder: object, text: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2026, 3, 5))  # type: ignore[arg-type]
    kinds = {m.place.name: m.place.kind for m in extraction.places}
    assert kinds["Ardabil"] == "province"  # not the town of Ardabil
    assert kinds["Germī"] == "city"
    events = [p for p in extraction.proposals if p.event_type == "Explosions/Remote violence"]
    assert [p.place.place.name for p in events] == ["Germī"]


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Ardabil province in Iran said a drone was spotted on Thursday.",
        "İran'ın Erdebil ilinde Perşembe günü bir İHA görüldü.",
        "В провинции Ардебиль в Иране в четверг был замечен беспилотник.",
    ],
)
def test_a_drone_seen_is_a_sighting_not_a_strike(geocoder: object, text: str) -> None:
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    assert extraction.proposals
    assert all(p.sub_event_type != "Air/drone strike" for p in extraction.proposals)
    assert {p.place.place.kind for p in extraction.proposals} == {"province"}


def test_a_drone_seen_that_then_struck_is_a_strike(geocoder: object) -> None:
    text = "A drone was seen over Ardabil province before it struck a warehouse in Iran."
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    assert [p.sub_event_type for p in extraction.proposals] == ["Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck a school in the Nakhchivan Autonomous Republic, the ministry in Baku said.",
        "Drony uderzyły w szkołę w Azerbejdżanie, w Nachiczewańskiej Republice "
        "Autonomicznej - podało ministerstwo w Baku.",
    ],
)
def test_the_place_of_who_reports_is_not_the_place_of_the_event(
    geocoder: object, text: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2026, 3, 5))  # type: ignore[arg-type]
    places = {p.place.place.name for p in extraction.proposals}
    assert places == {"Nakhchivan Autonomous Republic"}  # not Baku, where the ministry is


def test_what_a_report_says_happened_is_placed(geocoder: object) -> None:
    text = "On Thursday, it was announced that drones struck a depot in Ganja, Azerbaijan."
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Ganja"]


def _strike(text: str, geocoder: object) -> object:
    from geo.extract.draft import extract_article

    extraction = extract_article(text, geocoder, published=date(2026, 3, 12))  # type: ignore[arg-type]
    (strike,) = [p for p in extraction.proposals if p.sub_event_type == "Air/drone strike"]
    return strike


def test_the_sentences_after_an_event_give_its_figures_and_its_denial(geocoder: object) -> None:
    text = (
        "A drone struck a fuel depot outside Ordubad on 10 March, Azerbaijan's Ministry of "
        "Defence said. Two workers were injured, the ministry said. Iran's General Staff "
        "denied that any Iranian drone had crossed the border."
    )
    strike = _strike(text, geocoder)
    assert ("injured", 2) in [(f.name, f.value) for f in strike.figures]
    assert (strike.denied, strike.denied_by) == (True, "Iran's General Staff")
    assert len(strike.evidence) == 3


@pytest.mark.parametrize(
    "denial",
    [
        "The ministry denied that any drone had crossed the border.",  # no party named
        "Azerbaijan rejected Iran's denial of responsibility.",  # rejecting a denial
        "Azerbaijan's Ministry of Defence denied reports of a second drone.",  # the claimant
    ],
)
def test_no_denial_without_another_named_party_denying(geocoder: object, denial: str) -> None:
    text = (
        "A drone struck a fuel depot outside Ordubad on 10 March, Azerbaijan's Ministry of "
        f"Defence said. {denial}"
    )
    assert not _strike(text, geocoder).denied


def test_a_denied_event_drafts_a_disputed_incident_with_a_denying_report(
    geocoder: object,
) -> None:
    from geo.extract.draft import draft_collection, extract_article

    text = (
        "10 марта 2026 года беспилотник атаковал аэропорт "
        "Нахичевани в Азербайджане, двое ранены, заявило Минобороны Азербайджана. "
        "Генштаб Ирана опроверг эти сообщения."
    )
    extraction = extract_article(
        text,
        geocoder,
        published=date(2026, 3, 12),
        source_id="test-source",  # type: ignore[arg-type]
    )
    document = draft_collection(extraction)
    strike = next(
        f["properties"] for f in document["features"] if f["properties"]["layer"] == "incident"
    )
    assert strike["claim_status"] == "disputed"
    assert strike["denied_by"] == "Генштаб Ирана"
    denial = strike["reports"][-1]
    assert denial == {"source": "test-source", "stance": "denies", "claimant": "Генштаб Ирана"}


# An event told at country level, its targets listed in the next sentence (in the next
# paragraph, too) without an event word of its own: the event is at the place they name in
# that country. A next sentence without a target word leaves the country.
TARGETS_LISTED = {
    "en": (
        "On 6 March 2026 Azerbaijan's security service said it had foiled a series of plots "
        "against Azerbaijani targets.\n\nThe targets included a gas terminal and a synagogue "
        "in Ganja.",
        "Ganja",
    ),
    "tr": (
        "Güvenlik servisine göre 6 Mart 2026'da Azerbaycan'daki hedeflere yönelik bir dizi "
        "eylem engellendi. Hedefler arasında Gence'deki bir sinagog vardı.",
        "Ganja",
    ),
    "hu": (
        "2026. március 6-án az állambiztonság merényletsorozatot akadályozott meg "
        "célpontok ellen Azerbajdzsánban. A célpontok között egy bakui zsinagóga is szerepelt.",
        "Baku",
    ),
    "ru": (
        "6 марта 2026 года в Азербайджане предотвратили теракты против объектов страны. "
        "Среди объектов был нефтяной терминал в Гяндже.",
        "Ganja",
    ),
    "en-no-targets": (
        "On 6 March 2026 Azerbaijan's security service said it had foiled a series of plots "
        "against Azerbaijani targets. Later that week the minister travelled to Ganja.",
        "Azerbaijan",
    ),
}


@pytest.mark.parametrize("case", sorted(TARGETS_LISTED))
def test_an_event_told_at_country_level_is_where_its_targets_are_listed(
    geocoder: object, case: str
) -> None:
    text, where = TARGETS_LISTED[case]
    extraction = extract_article(text, geocoder, published=date(2026, 3, 7))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == [where]
    assert extraction.proposals[0].day == date(2026, 3, 6)


# An event word after a word of prevention, avoidance or possibility names no event of its
# own: the sentence's event is told by another word (a meeting, a foiled plot).
UNREAL_EVENTS = {
    "en-meeting": (
        "On 9 April 2025 Turkish and Israeli officials met in Baku to prevent potential "
        "clashes in Syria.",
        "Other",
    ),
    "ru-meeting": (
        "9 апреля 2025 года в Баку прошла встреча военных, чтобы избежать столкновений.",
        "Other",
    ),
    "de-meeting": (
        "Am 9. April 2025 fand in Baku ein Treffen statt, um mögliche Angriffe zu verhindern.",
        "Other",
    ),
    "en-foiled": (
        "On 6 March 2026 the security service foiled an attack in Baku.",
        "Arrests",
    ),
    "en-real": ("On 9 April 2025 clashes broke out near Baku.", "Armed clash"),
}


@pytest.mark.parametrize("case", sorted(UNREAL_EVENTS))
def test_an_event_word_after_a_word_of_prevention_or_possibility_names_no_event(
    geocoder: object, case: str
) -> None:
    text, sub_event_type = UNREAL_EVENTS[case]
    extraction = extract_article(text, geocoder, published=date(2025, 4, 10))  # type: ignore[arg-type]
    assert [p.sub_event_type for p in extraction.proposals] == [sub_event_type]
    assert extraction.proposals[0].place.place.name == "Baku"


def test_an_undated_lead_takes_the_day_its_evidence_gives(geocoder: object) -> None:
    # The lead is undated (the week of publication); the sentence that lists the targets
    # gives the day, inside that week.
    text = (
        "Security officials in Azerbaijan foiled a series of plots against Azerbaijani "
        "targets.\n\nIn a statement issued on March 6, the targets were said to include a "
        "synagogue in Ganja."
    )
    extraction = extract_article(text, geocoder, published=date(2026, 3, 7))  # type: ignore[arg-type]
    (plot,) = extraction.proposals
    assert plot.place.place.name == "Ganja"
    assert (plot.day, plot.precision) == (date(2026, 3, 6), 1)


def test_an_undated_headline_is_the_dated_event_of_the_days_before_publication(
    geocoder: object,
) -> None:
    """An article reports the recent past: its undated headline is the event its body dates
    in the days before publication, not a second event in the week of publication."""
    text = (
        "Drone attacks continue in Ordubad\n\n"
        "Azerbaijan's Ministry of Defense said drones struck warehouses near Ordubad on "
        "March 4-6, 2026.\n"
    )
    extraction = extract_article(text, geocoder, published=date(2026, 3, 10))  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    assert strike.place.place.name == "Ordubad"
    assert (strike.day, strike.end, strike.precision) == (date(2026, 3, 4), date(2026, 3, 6), 1)
    assert len(strike.evidence) == 2 and not strike.undated
    # A month earlier is no longer the news of this week: two events.
    later = extract_article(text, geocoder, published=date(2026, 4, 10))  # type: ignore[arg-type]
    assert len(later.proposals) == 2


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("10 марта беспилотник атаковал аэропорт Нахичевани, сообщило Минобороны Азербайджана.",
         "claimed"),
        ("Selon le ministère azerbaïdjanais, un drone a frappé l'aéroport de Nakhitchevan le "
         "10 mars.", "claimed"),
        ("Bakanlık, 10 Mart'ta bir İHA'nın Nahçıvan Havalimanı'na saldırdığını açıkladı.",
         "claimed"),
        ("Dron uderzył w lotnisko w Nachiczewanie 10 marca - podało MSZ Azerbejdżanu.",
         "claimed"),
        ("10 марта беспилотник атаковал аэропорт Нахичевани в Азербайджане.", "unverified"),
    ],
)  # fmt: skip
def test_a_sentence_attributing_the_event_in_any_language_makes_it_claimed(
    geocoder: object, text: str, status: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2026, 3, 12))  # type: ignore[arg-type]
    assert {p.claim_status for p in extraction.proposals} == {status}


@pytest.mark.parametrize(
    ("denial", "denier"),
    [
        ("Iran has denied any role.", "Iran"),
        ("L'Iran a démenti toute implication.", "Iran"),
        ("L'Iran ha smentito ogni coinvolgimento.", "Iran"),
        ("Teheran hat dies bestritten.", "Teheran"),
        ("Teheran bestreitet jede Beteiligung.", "Teheran"),
        ("İran bunu təkzib edib.", "İran"),
    ],
)
def test_a_denier_is_named_across_an_auxiliary_or_an_object_before_the_verb(
    geocoder: object, denial: str, denier: str
) -> None:
    text = (
        "A drone struck a fuel depot outside Ordubad on 10 March, Azerbaijan's Ministry of "
        f"Defence said. {denial}"
    )
    strike = _strike(text, geocoder)
    assert (strike.denied, strike.denied_by) == (True, denier)


@pytest.mark.parametrize(
    "text",
    [
        "روز ۱۴ اسفند یک پهپاد به فرودگاه نخجوان حمله کرد. ایران این ادعا را تکذیب کرد.",
        "هاجمت طائرة مسيرة مطار نخجوان يوم 5 مارس 2026. ونفت إيران أي تورط في الهجوم.",
    ],
)
def test_a_denial_in_a_script_without_capitals_names_the_country_that_denies(
    geocoder: object, text: str
) -> None:
    # No capital letter marks the name: the country written next to the verb of denial
    # (before it, or after it in verb-first Arabic) is who denies.
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    assert strike.denied
    assert strike.denied_by in {"ایران", "إيران"}


@pytest.mark.parametrize("blank", ["\t", "\n", "  "])
def test_a_place_written_with_other_blanks_keeps_one_space_in_its_location(
    geocoder: object, blank: str
) -> None:
    """A tab or a line break inside a name (a pasted article) is not a property a reviewer
    should have to clean: the draft's `location` reads as the name with one space."""
    from geo.extract.draft import draft_collection

    text = f"Drones struck Nakhchivan{blank}airport on 5 March 2026, Azerbaijan said.\n"
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    locations = [f["properties"].get("location") for f in draft_collection(extraction)["features"]]
    assert "Nakhchivan airport" in locations
    assert not any(blank in (location or "") for location in locations)


def test_an_ordinal_that_is_also_a_word_of_reporting_attributes_nothing(geocoder: object) -> None:
    """Italian "secondo" is "according to" before what is cited, and "second" after an
    article: only the first makes a claim."""
    events = "il 5 marzo un drone ha colpito l'aeroporto di Nakhchivan, in Azerbaigian."
    cited = extract_article(
        f"Secondo il ministero azero, {events}", geocoder, published=date(2026, 3, 6)
    )  # type: ignore[arg-type]
    ordinal = extract_article(
        "Il 5 marzo un secondo drone ha colpito l'aeroporto di Nakhchivan, in Azerbaigian.",
        geocoder,  # type: ignore[arg-type]
        published=date(2026, 3, 6),
    )
    assert [p.claim_status for p in cited.proposals] == ["claimed"]
    assert [p.claim_status for p in ordinal.proposals] == ["unverified"]


# Built like ../shared/cases/dms-coordinates-as-location/article.txt: a position written in a
# sentence that also tells (or is followed by one that tells) who was hurt.
@pytest.mark.parametrize(
    "position",
    ["39°32'40\"N 44°58'15\"E", "39°32′40″N 44°58′15″E", "39.5444, 44.9708", "N39 32.67 E44 58.25"],
)
@pytest.mark.parametrize(
    ("after", "injured"),
    [
        (". Nobody was hurt.", None),
        (". Three people were hurt.", 3),
        (", where 2 were injured.", 2),
    ],
)
def test_a_written_position_counts_nothing(
    geocoder: object, position: str, after: str, injured: int | None
) -> None:
    """The numbers of a position are no figure: "44°58'15\"E. Nobody was hurt" is not 44
    injured, nor is "39.5444, 44.9708" 44 or 39 of anything; a figure written beside it is."""
    text = (
        "Border guards said on Friday that the wreckage of a small drone had been found in a "
        f"field at 39°33′N 44°59′E. The defence ministry gave a second position, {position}{after}"
    )
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    figures = {f.name: f.value for f in strike.figures}
    assert figures.get("injured") == injured
    assert not {v for v in figures.values() if isinstance(v, int) and v >= 30}, figures


@pytest.mark.parametrize(
    "text",
    [
        "Баллистическая ракета, выпущенная с территории Ирана, была сбита над Турцией 4 марта.",
        "A missile launched from the territory of Iran was shot down over Türkiye on 4 March.",
        "Une roquette tirée depuis le territoire de l'Iran a été abattue en Turquie le 4 mars.",
    ],
)
def test_the_territory_a_weapon_came_from_is_not_where_it_was_shot_down(
    geocoder: object, text: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2026, 3, 5))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Türkiye"]


# A Monday's article about the weekend, in three languages and scripts: the undated news is
# dated to the days before publication up to it, not to the week of publication (which begins
# on that Monday).
MONDAY_ABOUT_THE_WEEKEND = {
    "en": "Thousands of protesters rallied in Tbilisi against the government.",
    "ru": "Тысячи демонстрантов вышли на митинг протеста в Тбилиси.",
    "he": "אלפי מפגינים הפגינו בבירה טביליסי נגד הממשלה.",
    "ar": "تظاهر آلاف المحتجين في تبليسي ضد الحكومة.",
}


@pytest.mark.parametrize("language", sorted(MONDAY_ABOUT_THE_WEEKEND))
def test_an_undated_event_may_be_any_of_the_days_before_publication(
    geocoder: object, language: str
) -> None:
    monday = date(2025, 10, 6)
    extraction = extract_article(MONDAY_ABOUT_THE_WEEKEND[language], geocoder, published=monday)  # type: ignore[arg-type]
    (protest,) = extraction.proposals
    assert protest.place.place.name == "Tbilisi"
    assert protest.undated and protest.precision == 1
    assert protest.first_day <= date(2025, 10, 4) and protest.last_day == monday


# A meeting and a checkpoint set up at the same town in the same days are two strategic
# developments, not one: their sub-event types differ.
MEETING_AND_CHECKPOINT = {
    "en": "Delegations met in Shusha. On Friday a checkpoint was set up in Shusha.",
    "ru": "Делегации провели встречу в Шуше. Вчера в Шуше был установлен блокпост.",
    "tr": "Heyetler Şuşa'da toplantı yaptı. Cuma günü Şuşa'da kontrol noktası kuruldu.",
}


@pytest.mark.parametrize("language", sorted(MEETING_AND_CHECKPOINT))
def test_strategic_developments_of_two_kinds_are_two_proposals(
    geocoder: object, language: str
) -> None:
    text = MEETING_AND_CHECKPOINT[language]
    extraction = extract_article(text, geocoder, published=date(2025, 10, 6))  # type: ignore[arg-type]
    assert sorted(p.sub_event_type for p in extraction.proposals) == [
        "Headquarters or base established",
        "Other",
    ]
    assert all(p.place.place.name == "Shusha" for p in extraction.proposals)


# An event its sentence places no closer than a country, the next sentence naming the town
# in that country: of the same event (its word again, a related kind), or written as where
# ("in Tbilisi", "the town of ..."), the town is the event's place.
NEXT_SENTENCE_TOWN = {
    "en": (
        "On Saturday police dispersed protesters in Georgia. Tens of thousands rallied in Tbilisi.",
        ["Tbilisi"],
    ),
    "tr": (
        "İran'ın kuzeybatısında cumartesi günü deprem meydana geldi. Deprem Tebriz kentini vurdu.",
        ["Tabriz"],
    ),
    "ar": ("ضرب زلزال شمال غرب إيران يوم السبت. وضرب الزلزال مدينة تبريز.", ["Tabriz"]),
    "he": (
        "המשטרה פיזרה את המפגינים בגאורגיה בגז מדמיע. עשרות אלפים צעדו בבירה טביליסי.",
        ["Tbilisi"],
    ),
    # One event told over a list of towns: one proposal per town.
    "en-list": (
        "Explosions were reported in Iran on Saturday. They were heard in Karaj, Isfahan and "
        "Hamadan.",
        ["Karaj", "Isfahan", "Hamadān"],
    ),
    "es-list": (
        "Explosiones se registraron en Irán el sábado. Se oyeron en Karaj, Isfahán (centro) y "
        "Hamadán.",
        ["Karaj", "Isfahan", "Hamadān"],
    ),
    # A sentence of something else: the country stays.
    "en-elsewhere": (
        "On Saturday the security service said it had foiled a plot in Azerbaijan. Later the "
        "minister travelled to Ganja.",
        ["Azerbaijan"],
    ),
    "de-other-event": (
        "Am Samstag erschütterte ein Erdbeben den Iran. In Täbris wurde ein Gipfeltreffen "
        "abgehalten.",
        ["Iran", "Tabriz"],
    ),
}


@pytest.mark.parametrize("case", sorted(NEXT_SENTENCE_TOWN))
def test_the_next_sentence_places_an_event_its_own_places_no_closer_than_a_country(
    geocoder: object, case: str
) -> None:
    text, towns = NEXT_SENTENCE_TOWN[case]
    extraction = extract_article(text, geocoder, published=date(2023, 1, 30))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == towns
    first = extraction.proposals[0]
    assert first.day == date(2023, 1, 28) or first.undated
    if towns[0] not in ("Azerbaijan", "Iran"):
        assert len(first.evidence) == 2  # the sentence that placed it is evidence


# A dateline tells where and when the story was filed, not the event: its city is the event's
# place only when the sentence names no other, and its date dates nothing.
DATELINES = {
    "fr": ("ANKARA (AA) – Une explosion a frappé samedi un dépôt à Tabriz.", "Tabriz"),
    "ru": ("БАКУ, 1 марта — Беспилотник атаковал склад в Нахичевани.", "Naxçıvan"),
    "ar": ("طهران - (أ ف ب) - ضرب زلزال مدينة تبريز يوم السبت.", "Tabriz"),
    "en-only-place": (
        "TEHRAN (AP) — A powerful explosion rocked the capital on Saturday.",
        "Tehran",
    ),
}


@pytest.mark.parametrize("case", sorted(DATELINES))
def test_a_dateline_is_where_and_when_the_story_was_filed(geocoder: object, case: str) -> None:
    text, town = DATELINES[case]
    extraction = extract_article(text, geocoder, published=date(2026, 3, 2))  # type: ignore[arg-type]
    (event,) = extraction.proposals
    assert event.place.place.name == town
    if case == "ru":  # dated only by its dateline: the days up to publication
        assert event.undated and event.last_day == date(2026, 3, 2)
    else:
        assert (event.day, event.precision) == (date(2026, 2, 28), 1)


# A place in an "according to" phrase is the source's, not the event's.
ACCORDING_TO = {
    "en": "According to the university of Tehran, the quake struck the town of Tabriz on Saturday.",
    "es": "Según la universidad de Teherán, el sismo sacudió la ciudad de Tabriz el sábado.",
    "ru": "По данным университета Тегерана, землетрясение произошло 28 февраля в Тебризе.",
}


@pytest.mark.parametrize("language", sorted(ACCORDING_TO))
def test_a_place_of_an_according_to_phrase_is_the_sources(geocoder: object, language: str) -> None:
    extraction = extract_article(ACCORDING_TO[language], geocoder, published=date(2026, 3, 2))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Tabriz"]


# A route between places ("the Ganja-Shusha road") is told at its first place: one event,
# not one at each end.
ROUTES = {
    "en": "On 5 March protesters blocked the Ganja-Shusha road.",
    "ru": "5 марта на трассе Гянджа – Шуша был установлен блокпост.",
    "tr": "Gence-Şuşa karayolunda 5 Mart'ta kontrol noktası kuruldu.",
}


@pytest.mark.parametrize("language", sorted(ROUTES))
def test_an_event_on_a_route_is_at_its_first_place(geocoder: object, language: str) -> None:
    extraction = extract_article(ROUTES[language], geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Ganja"]


@pytest.mark.parametrize(
    "text",
    [
        "A plane flying from Baku to Grozny crashed near Aktau on 25 December 2024.",
        "Un avion qui reliait Bakou à Grozny s'est écrasé près d'Aktaou le 25 décembre 2024.",
        "Самолет, летевший из Баку в Грозный, разбился под Актау 25 декабря 2024 года.",
    ],
    ids=["en", "fr", "ru"],
)
def test_the_place_written_with_a_word_of_nearness_is_where_it_happened(
    geocoder: object, text: str
) -> None:
    """Of two towns or more in the event's sentence, the one after the event word that a word
    of nearness marks ("near", "près d'" run into the name, "под") is the event's, at
    geo_precision 2; those before the event word tell where from and where to."""
    extraction = extract_article(text, geocoder, published=date(2024, 12, 26))  # type: ignore[arg-type]
    assert [(p.place.place.name, p.geo_precision) for p in extraction.proposals] == [("Aktau", 2)]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Bir İHA 25 Aralık 2024'te Tebriz yakınlarında düşürüldü.", "Tabriz"),
        ("Անօդաչու սարքը խոցվել է Գյումրիի մոտ 2024 թվականի դեկտեմբերի 25-ին։", "Gyumri"),
        ("Un drone a été abattu près d'Ardabil le 25 décembre 2024.", "Ardabīl"),
    ],
    ids=["tr", "hy", "fr"],
)
def test_nearness_written_after_the_name_or_run_into_it_is_geo_precision_2(
    geocoder: object, text: str, town: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2024, 12, 26))  # type: ignore[arg-type]
    assert [(p.place.place.name, p.geo_precision) for p in extraction.proposals] == [(town, 2)]


# A weekday in the accusative after "on" ("в пятницу", "w sobotę", "у суботу", "u srijedu"):
# forms CLDR does not give, from the data files (`dates.weekday_forms`).
WEEKDAY_FORMS = {
    "ru": ("Взрыв прогремел в пятницу в Гяндже.", date(2026, 3, 6)),
    "pl": ("W sobotę w Gandży doszło do eksplozji.", date(2026, 3, 7)),
    "uk": ("Вибух пролунав у суботу в Гянджі.", date(2026, 3, 7)),
    "hr": ("Eksplozija se dogodila u srijedu u Gandži.", date(2026, 3, 4)),
}


@pytest.mark.parametrize("language", sorted(WEEKDAY_FORMS))
def test_a_weekday_in_the_accusative_dates_the_event(geocoder: object, language: str) -> None:
    text, day = WEEKDAY_FORMS[language]
    extraction = extract_article(text, geocoder, published=date(2026, 3, 9))  # type: ignore[arg-type]
    (event,) = extraction.proposals
    assert (event.place.place.name, event.day, event.precision) == ("Ganja", day, 1)


# An evacuation or a withdrawal happens where people leave from: "from Tabriz" is its place
# (a drone "launched from Iran" struck elsewhere).
EVACUATIONS = {
    "en": ("On Friday the embassy evacuated its diplomats from Tabriz.", "Tabriz"),
    "es": ("El viernes la embajada evacuó a sus diplomáticos de Tabriz.", "Tabriz"),
    "fr": ("Le vendredi, l'ambassade a évacué ses diplomates de Tabriz.", "Tabriz"),
    "ru": ("В пятницу посольство эвакуировало дипломатов из Баку.", "Baku"),
    "uk": ("У п'ятницю посольство евакуювало дипломатів з Баку.", "Baku"),
}


@pytest.mark.parametrize("language", sorted(EVACUATIONS))
def test_an_evacuation_is_where_people_leave_from(geocoder: object, language: str) -> None:
    text, town = EVACUATIONS[language]
    extraction = extract_article(text, geocoder, published=date(2026, 3, 9))  # type: ignore[arg-type]
    (event,) = extraction.proposals
    assert (event.sub_event_type, event.place.place.name) == ("Change to group/activity", town)
    assert event.day == date(2026, 3, 6)


# A town before "was", "has" is its government acting ("Baku has condemned"), unless what
# follows is a passive or a word of harm: then it is what befell the town.
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Azerbaijan's second city Ganja was shelled on Sunday.", "Ganja"),
        ("On Friday the mission's withdrawal from Tabriz has been finalized.", "Tabriz"),
        ("On Sunday Baku has condemned the strike on Shusha.", "Shusha"),
    ],
)
def test_a_town_that_suffered_is_not_its_government(geocoder: object, text: str, town: str) -> None:
    extraction = extract_article(text, geocoder, published=date(2026, 3, 9))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == [town]


# "From" written as a case ending (the ablative, `places.transit_endings`): where the weapon
# came from, not where it struck.
ABLATIVES = {
    "tr": ("Cuma günü Tebriz'den atılan füze Gence'ye düştü.", "Ganja"),
    "ka": ("5 მარტს თბილისიდან გამოსული დრონი ბათუმს დაეცა.", "Batumi"),
    "hy": ("Մարտի 5-ին Երևանից արձակված անօդաչու սարքը հարվածեց Գորիսին։", "Goris"),
}


@pytest.mark.parametrize("language", sorted(ABLATIVES))
def test_a_name_in_the_ablative_is_where_it_came_from(geocoder: object, language: str) -> None:
    text, town = ABLATIVES[language]
    extraction = extract_article(text, geocoder, published=date(2026, 3, 9))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == [town]


# A checkpoint set up in the words each language uses for one ("КПП", "Kontrollposten",
# "posto di controllo", "poste-frontière"): a base established.
CHECKPOINTS = {
    "ru": "5 марта на въезде в Шушу установили КПП.",
    "de": "Am 5. März wurde am Eingang von Schuscha ein Kontrollposten errichtet.",
    "it": "Il 5 marzo è stato allestito un posto di controllo a Shusha.",
    "fr": "Le 5 mars, un poste-frontière a été installé à Shusha.",
}


@pytest.mark.parametrize("language", sorted(CHECKPOINTS))
def test_a_checkpoint_set_up_is_a_base_established(geocoder: object, language: str) -> None:
    extraction = extract_article(CHECKPOINTS[language], geocoder, published=date(2026, 3, 9))  # type: ignore[arg-type]
    (event,) = extraction.proposals
    assert event.sub_event_type == "Headquarters or base established"
    assert event.day == date(2026, 3, 5)


# An article whose events are all told outside its lead proposes those placed closer than a
# country, not also the countries of its background ("a war with Russia").
BACKGROUND_ONLY_COUNTRIES = {
    "ru": "Политика Грузии\n\nПравящая партия заявила о победе на местных выборах, которые "
    "прошли по всей стране в субботу.\n\nПолиция разогнала протестующих в Тбилиси.\n\n"
    "Оппозиция предупредила о войне с Россией.",
    "es": "Política georgiana\n\nEl partido gobernante se atribuyó una amplia victoria en las "
    "elecciones locales celebradas el sábado en todo el país.\n\nLa policía dispersó a los "
    "manifestantes en Tiflis.\n\nLa oposición advirtió de una guerra con Rusia.",
    "fr": "Politique géorgienne\n\nLe parti au pouvoir a revendiqué une large victoire aux "
    "élections locales organisées samedi dans tout le pays.\n\nLa police a dispersé les "
    "manifestants à Tbilissi.\n\nL'opposition a mis en garde contre une guerre avec la Russie.",
}


@pytest.mark.parametrize("language", sorted(BACKGROUND_ONLY_COUNTRIES))
def test_an_article_of_hints_proposes_those_closer_than_a_country(
    geocoder: object, language: str
) -> None:
    text = BACKGROUND_ONLY_COUNTRIES[language]
    extraction = extract_article(text, geocoder, published=date(2025, 10, 6))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Tbilisi"]


# A line that stamps the story ("War :: 6 March 2026 21:00 ::", a section's name, the date
# and hour it was filed) tells no event: a war word there proposes nothing.
STAMPS = {
    "hu": "Háború :: 2026. március 6. 21:00 ::\n\nAz azeri hatóságok két embert tartóztattak le.",
    "en": "War :: 6 March 2026 21:00 ::\n\nAzerbaijani officials said two men were arrested.",
    "ar": "حرب :: 6 مارس 2026 21:00\n\nقالت السلطات الأذربيجانية إنها اعتقلت رجلين في باكو.",
}


@pytest.mark.parametrize("language", sorted(STAMPS))
def test_a_stamp_line_proposes_no_event(geocoder: object, language: str) -> None:
    extraction = extract_article(STAMPS[language], geocoder, published=date(2026, 3, 7))  # type: ignore[arg-type]
    assert "Battles" not in [p.event_type for p in extraction.proposals]


# A country or a capital named as whose state's bodies speak or act (places.authorities:
# "the authorities of Baku", "سلطات باكو", "власти Баку") is an actor, never the event's place.
AUTHORITIES = {
    "ar": "أعلنت سلطات باكو أن صاروخا أصاب مدينة كنجة يوم الأحد.",
    "ru": "Власти Баку сообщили, что в воскресенье ракета попала в Гянджу.",
    "fr": "Les autorités de Bakou ont déclaré qu'un missile avait frappé Gandja dimanche.",
    "tr": "Bakü yönetimi, pazar günü Gence'ye füze saldırısı düzenlendiğini açıkladı.",
}


@pytest.mark.parametrize("language", sorted(AUTHORITIES))
def test_a_capital_named_by_its_authorities_is_no_place_of_the_event(
    geocoder: object, language: str
) -> None:
    extraction = extract_article(AUTHORITIES[language], geocoder, published=date(2026, 3, 2))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Ganja"]


# A route told by case endings ("Bakü'den Grozni'ye": from Baku to Grozny) is not where the
# event happened when the sentence names a place of nearness; a dative alone is a target.
def test_the_ends_of_a_route_told_by_case_endings_are_not_the_place(geocoder: object) -> None:
    text = "Bakü'den Grozni'ye uçan yolcu uçağı dün Aktau yakınlarında kaza yaptı."
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Aktau"]


def test_a_dative_alone_is_the_target(geocoder: object) -> None:
    text = "İran hükümeti, dün Nahçıvan'a saldırı düzenlendiğini açıkladı."
    extraction = extract_article(text, geocoder, published=date(2026, 3, 6))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Naxçıvan"]


# A headline that looks back over years, its body dating the event: invented, two languages.
@pytest.mark.parametrize(
    "text",
    [
        "Five years ago rockets hit Ganja\n\n"
        "On 11 October 2020 a missile struck a house in Ganja, killing 10 people.",
        "Пять лет назад ракеты ударили по Гяндже\n\n"
        "11 октября 2020 года ракета попала в жилой дом в Гяндже, погибли 10 человек.",
    ],
)
def test_an_undated_sentence_of_years_past_proposes_nothing_of_the_days_before_publication(
    geocoder: object, text: str
) -> None:
    """Published on the fifth anniversary: the headline tells the 2020 strike, not one of the
    days up to publication; the only proposal is the one its body dates."""
    extraction = extract_article(text, geocoder, published=date(2025, 10, 11))  # type: ignore[arg-type]
    assert [(p.day, p.place.place.name) for p in extraction.proposals] == [
        (date(2020, 10, 11), "Ganja")
    ]


# A sentence that writes a year long past beside a dated event: invented, three languages.
@pytest.mark.parametrize(
    "text",
    [
        "A landslide struck the resort of Shovi in Georgia on 3 August, killing 12 people. "
        "It is the worst disaster since the earthquake of 1991 in Tbilisi, a geologist said.",
        "Un deslizamiento de tierra arrasó el balneario de Shovi, en Georgia, el 3 de agosto y "
        "mató a 12 personas. Es el peor desastre desde el terremoto que ocurrió en 1991 en "
        "Tiflis, dijo un geólogo.",
        "3 августа оползень разрушил курорт Шови в Грузии, погибли 12 человек. Это худшая "
        "катастрофа со времён землетрясения 1991 года в Тбилиси, заявил геолог.",
    ],
)
def test_a_sentence_of_another_year_neither_proposes_nor_places_an_event(
    geocoder: object, text: str
) -> None:
    """The quake of 1991 is not an event of 3 August, nor is its town where the landslide
    of 3 August happened."""
    extraction = extract_article(text, geocoder, published=date(2023, 8, 5))  # type: ignore[arg-type]
    assert [(p.day, p.place.place.name) for p in extraction.proposals] == [
        (date(2023, 8, 3), "Georgia")
    ]


# A country named with its armed forces, its army or its troops: who attacked, not where.
@pytest.mark.parametrize(
    "text",
    [
        "On 4 October the army of Armenia shelled the territory of Azerbaijan.",
        "Армия Армении 4 октября нанесла ракетный удар по Азербайджану.",
        "Ermenistan ordusu 4 Ekim'de Azerbaycan'a füze saldırısı düzenledi.",
    ],
)
def test_a_country_named_with_its_army_is_the_attacker_not_the_place(
    geocoder: object, text: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2020, 10, 6))  # type: ignore[arg-type]
    assert [p.place.place.name for p in extraction.proposals] == ["Azerbaijan"]


# One strike told twice, once at the country and once at its town: invented, two languages.
@pytest.mark.parametrize(
    "text",
    [
        "Missiles struck the territory of Azerbaijan on 11 October, the ministry said.\n\n"
        "The war had begun two weeks earlier.\n\n"
        "In all, missiles hit Ganja on 4 and 11 October.",
        "11 октября ракеты ударили по территории Азербайджана, сообщило министерство.\n\n"
        "Война началась двумя неделями ранее.\n\n"
        "Всего ракеты попали в Гянджу 4 и 11 октября.",
    ],
)
def test_an_event_told_at_a_country_and_at_its_town_is_one_incident_at_the_town(
    geocoder: object, text: str
) -> None:
    extraction = extract_article(text, geocoder, published=date(2020, 10, 20))  # type: ignore[arg-type]
    found = sorted((p.day, p.place.place.name) for p in extraction.proposals)
    assert found == [(date(2020, 10, 4), "Ganja"), (date(2020, 10, 11), "Ganja")]
