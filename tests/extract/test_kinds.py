"""Kinds of event and relative days in every language, from invented sentences (none is an
article's): a sentence's kind is the one its own trigger names, and "N days later", "the next
day", "the same day" count from the date told before in each language's words."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.dates import find_dates
from geo.extract.proposals import _event_kind
from geo.words.lexicon import LANGUAGES

# kind -> {language: an invented sentence telling an event of that kind}
SENTENCES: dict[str, dict[str, str]] = {
    "accident": {
        "en": "A military helicopter crashed near the village.",
        "tr": "Askeri helikopter kazası sonucu iki asker yaralandı.",
        "az": "Hərbi helikopter qəzaya uğrayıb.",
        "ru": "Военный вертолёт потерпел крушение у села.",
        "uk": "Військовий гелікоптер зазнав аварії.",
        "fa": "یک بالگرد نظامی دچار سانحه شد.",
        "ar": "تحطم مروحية عسكرية في المنطقة.",
        "pl": "Wojskowy śmigłowiec uległ katastrofie.",
        "hu": "Lezuhant egy katonai helikopter.",
        "de": "Ein Militärhubschrauber ist abgestürzt.",
        "fr": "Un hélicoptère militaire s'est écrasé.",
        "it": "Un elicottero militare è precipitato.",
        "es": "Un helicóptero militar se estrelló.",
        "sr": "Vojni helikopter doživeo je nesreću.",
        "hr": "Vojni helikopter doživio je nesreću.",
        "bs": "Vojni helikopter doživio je nesreću.",
        "ka": "სამხედრო ვერტმფრენი ავარიაში მოყვა.",
        "hy": "Ռազմական ուղղաթիռը վթարի է ենթարկվել։",
        "he": "מסוק צבאי התרסק.",
    },
    "exercise": {
        "en": "The two armies began joint military drills.",
        "tr": "İki ordu ortak askeri tatbikata başladı.",
        "az": "İki ordu birgə hərbi təlimlərə başlayıb.",
        "ru": "Две армии начали совместные учения.",
        "uk": "Дві армії почали спільні навчання.",
        "fa": "دو ارتش رزمایش مشترک آغاز کردند.",
        "ar": "بدأ الجيشان مناورات عسكرية مشتركة.",
        "pl": "Dwie armie rozpoczęły wspólne ćwiczenia wojskowe.",
        "hu": "A két hadsereg közös hadgyakorlatot kezdett.",
        "de": "Die beiden Armeen begannen ein gemeinsames Manöver.",
        "fr": "Les deux armées ont lancé un exercice militaire conjoint.",
        "it": "I due eserciti hanno avviato un'esercitazione congiunta.",
        "es": "Los dos ejércitos iniciaron maniobras conjuntas.",
        "sr": "Dve vojske počele su zajedničke vežbe.",
        "hr": "Dvije vojske započele su zajedničke vježbe.",
        "bs": "Dvije vojske započele su zajedničke vježbe.",
        "ka": "ორმა არმიამ ერთობლივი სამხედრო სწავლებები დაიწყო.",
        "hy": "Երկու բանակները սկսել են համատեղ զորավարժություններ։",
        "he": "שני הצבאות פתחו בתרגיל משותף.",
    },
    "disaster": {
        "en": "An earthquake shook the province at dawn.",
        "tr": "Şafak vakti bölgede deprem meydana geldi.",
        "az": "Səhər tezdən bölgədə zəlzələ baş verib.",
        "ru": "На рассвете в провинции произошло землетрясение.",
        "uk": "На світанку в області стався землетрус.",
        "fa": "بامداد امروز زلزله ای استان را لرزاند.",
        "ar": "ضرب زلزال المحافظة فجر اليوم.",
        "pl": "O świcie prowincją wstrząsnęło trzęsienie ziemi.",
        "hu": "Hajnalban földrengés rázta meg a tartományt.",
        "de": "Im Morgengrauen erschütterte ein Erdbeben die Provinz.",
        "fr": "Un séisme a secoué la province à l'aube.",
        "it": "Un terremoto ha scosso la provincia all'alba.",
        "es": "Un sismo sacudió la provincia al amanecer.",
        "sr": "Zemljotres je u zoru pogodio pokrajinu.",
        "hr": "Potres je u zoru pogodio pokrajinu.",
        "bs": "Zemljotres je u zoru pogodio pokrajinu.",
        "ka": "გამთენიისას მხარეში მიწისძვრა მოხდა.",
        "hy": "Լուսաբացին մարզում երկրաշարժ է տեղի ունեցել։",
        "he": "רעידת אדמה הורגשה במחוז עם שחר.",
    },
    "agreement": {
        "en": "The two ministers signed a border agreement.",
        "tr": "İki bakan sınır anlaşmasını imzaladı.",
        "az": "İki nazir sərhəd sazişini imzalayıb.",
        "ru": "Два министра подписали пограничное соглашение.",
        "uk": "Два міністри підписали прикордонну угоду.",
        "fa": "دو وزیر توافق مرزی را امضا کردند.",
        "ar": "وقع الوزيران اتفاقا حدوديا.",
        "pl": "Dwaj ministrowie podpisali porozumienie graniczne.",
        "hu": "A két miniszter megállapodást írt alá a határról.",
        "de": "Die beiden Minister unterzeichneten ein Grenzabkommen.",
        "fr": "Les deux ministres ont signé un accord frontalier.",
        "it": "I due ministri hanno firmato un accordo di confine.",
        "es": "Los dos ministros firmaron un acuerdo fronterizo.",
        "sr": "Dva ministra potpisala su granični sporazum.",
        "hr": "Dva ministra potpisala su granični sporazum.",
        "bs": "Dva ministra potpisala su granični sporazum.",
        "ka": "ორმა მინისტრმა სასაზღვრო შეთანხმებას ხელი მოაწერა.",
        "hy": "Երկու նախարարները ստորագրել են սահմանային համաձայնագիր։",
        "he": "שני השרים חתמו על הסכם גבול.",
    },
    "riot": {
        "en": "Rioters set cars on fire in the city centre.",
        "tr": "Kent merkezinde yağma ve kargaşa yaşandı.",
        "az": "Şəhər mərkəzində iğtişaşlar baş verib.",
        "ru": "В центре города начались массовые беспорядки.",
        "uk": "У центрі міста почалися масові заворушення.",
        "fa": "در مرکز شهر اغتشاش رخ داد.",
        "ar": "اندلعت أعمال شغب في وسط المدينة.",
        "pl": "W centrum miasta doszło do zamieszek.",
        "hu": "Zavargások törtek ki a belvárosban.",
        "de": "In der Innenstadt kam es zu schweren Ausschreitungen.",
        "fr": "Des émeutes ont eu lieu dans le centre-ville.",
        "it": "Gravi disordini nel centro della città.",
        "es": "Se produjeron disturbios en el centro de la ciudad.",
        "sr": "U centru grada izbili su neredi.",
        "hr": "U središtu grada izbili su neredi.",
        "bs": "U centru grada izbili su neredi.",
        "ka": "ქალაქის ცენტრში არეულობა დაიწყო.",
        "hy": "Քաղաքի կենտրոնում անկարգություններ են սկսվել։",
        "he": "מהומות פרצו במרכז העיר.",
    },
    "intervention": {
        "en": "Police fired tear gas at the crowd outside parliament.",
        "tr": "Polis meclis önündeki kalabalığa biber gazı sıktı.",
        "az": "Polis parlament qarşısındakı izdihama gözyaşardıcı qaz atdı.",
        "ru": "Полиция применила слезоточивый газ против толпы у парламента.",
        "uk": "Поліція застосувала сльозогінний газ проти натовпу біля парламенту.",
        "fa": "پلیس از گاز اشک‌آور علیه جمعیت مقابل مجلس استفاده کرد.",
        "ar": "استخدمت الشرطة الغاز المسيل للدموع ضد الحشود أمام البرلمان.",
        "pl": "Policja użyła gazu łzawiącego wobec tłumu przed parlamentem.",
        "hu": "A rendőrség könnygázt vetett be a parlament előtti tömeg ellen.",
        "de": "Die Polizei setzte Tränengas gegen die Menge vor dem Parlament ein.",
        "fr": "La police a utilisé du gaz lacrymogène contre la foule devant le parlement.",
        "it": "La polizia ha usato i lacrimogeni contro la folla davanti al parlamento.",
        "es": "La policía lanzó gases lacrimógenos contra la multitud frente al parlamento.",
        "sr": "Policija je upotrebila suzavac protiv mase ispred parlamenta.",
        "hr": "Policija je upotrijebila suzavac protiv mase ispred parlamenta.",
        "bs": "Policija je upotrijebila suzavac protiv mase ispred parlamenta.",
        "ka": "პოლიციამ პარლამენტთან შეკრებილი ხალხის წინააღმდეგ ცრემლსადენი გაზი გამოიყენა.",
        "hy": "Ոստիկանությունը խորհրդարանի մոտ ամբոխի դեմ արցունքաբեր գազ է կիրառել։",
        "he": "המשטרה השתמשה בגז מדמיע נגד ההמון מול הפרלמנט.",
    },
}


@pytest.mark.parametrize(
    ("kind", "language"),
    [(kind, code) for kind, by_language in SENTENCES.items() for code in by_language],
)
def test_a_sentence_is_of_the_kind_its_trigger_names(kind: str, language: str) -> None:
    found = _event_kind(SENTENCES[kind][language], language)
    assert found is not None and found[3] == kind


def test_every_language_has_a_sentence_of_every_kind() -> None:
    assert all(set(by_language) == set(LANGUAGES) for by_language in SENTENCES.values())


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("האופוזיציה ניסתה להפיל את הממשלה.", "he"),  # to topple the government
        ("Muhalefet hükümeti düşürülmesini istedi.", "tr"),
    ],
)
def test_bringing_down_no_weapon_is_no_interception(sentence: str, language: str) -> None:
    """ "Shot down" needs something to shoot: a drone, a missile, a rocket, a bomb."""
    found = _event_kind(sentence, language)
    assert found is None or found[3] != "disrupted"


def test_a_compound_written_apart_or_together_is_one_word() -> None:
    """A listed compound meets its writings with a blank, a hyphen, a zero-width
    non-joiner or nothing between its parts (Persian "زمین لرزه", earthquake)."""
    for written in ("زمین لرزه", "زمین\u200cلرزه", "زمینلرزه"):
        found = _event_kind(f"{written} شهر را لرزاند.", "fa")
        assert found is not None and found[3] == "disaster"


def test_an_agreement_word_inside_according_to_is_no_agreement() -> None:
    """French "accord" is a whole word: English "according to" names no agreement."""
    assert _event_kind("According to the ministry, nothing happened there.", "en") is None


# language -> (a base date phrase, "four days later" in the language, "the next day")
LATER: dict[str, tuple[str, str]] = {
    "en": ("four days later", "the next day"), "tr": ("dört gün sonra", "ertesi gün"),
    "az": ("dörd gün sonra", "ertəsi gün"), "ru": ("четыре дня спустя", "на следующий день"),
    "uk": ("через чотири дні", "наступного дня"), "fa": ("4 روز بعد", "روز بعد"),
    "ar": ("بعد 4 أيام", "في اليوم التالي"), "pl": ("cztery dni później", "następnego dnia"),
    "hu": ("négy nappal később", "másnap"), "de": ("vier Tage später", "am nächsten Tag"),
    "fr": ("quatre jours plus tard", "le lendemain"),
    "it": ("quattro giorni dopo", "il giorno dopo"),
    "es": ("cuatro días después", "al día siguiente"), "sr": ("četiri dana kasnije", "sutradan"),
    "hr": ("četiri dana kasnije", "sutradan"), "bs": ("četiri dana kasnije", "sutradan"),
    "ka": ("4 დღის შემდეგ", "მეორე დღეს"), "hy": ("4 օր անց", "հաջորդ օրը"),
    "he": ("כעבור 4 ימים", "למחרת"),
}  # fmt: skip
PUBLISHED = date(2026, 3, 20)


@pytest.mark.parametrize("language", sorted(LATER))
def test_days_later_and_the_next_day_count_from_the_date_told_before(language: str) -> None:
    later, next_day = LATER[language]
    for phrase, day in ((later, date(2026, 3, 6)), (next_day, date(2026, 3, 3))):
        text = f"2026-03-02: x. {phrase}: y."
        mentions = find_dates(text, PUBLISHED)
        assert [(m.kind, m.day) for m in mentions][-1] == ("anaphoric", day), phrase


def test_every_language_counts_days_later() -> None:
    assert set(LATER) == set(LANGUAGES)
