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
    "drone": {
        "en": "Warplanes carried out an air strike on the village.",
        "tr": "Savaş uçakları köye hava saldırısı düzenledi.",
        "az": "Döyüş təyyarələri kəndi bombalayıb.",
        "ru": "Авиация нанесла авиаудар по селу.",
        "uk": "Літаки завдали авіаудару по селу.",
        "fa": "جنگنده ها روستا را بمباران کردند.",
        "ar": "شنت الطائرات الحربية غارة على القرية.",
        "pl": "Lotnictwo zbombardowało wioskę.",
        "hu": "Légicsapás érte a falut.",
        "de": "Kampfflugzeuge flogen einen Luftangriff auf das Dorf.",
        "fr": "L'aviation a mené des frappes aériennes contre le village.",
        "it": "L'aviazione ha condotto un raid aereo sul villaggio.",
        "es": "La aviación bombardeó la aldea.",
        "sr": "Avijacija je izvela vazdušni udar na selo.",
        "hr": "Zrakoplovstvo je izvelo zračni udar na selo.",
        "bs": "Avijacija je izvela zračni udar na selo.",
        "ka": "ავიაციამ სოფელს ავიადარტყმა მიაყენა.",
        "hy": "Ավիացիան ռմբակոծել է գյուղը։",
        "he": "חיל האוויר ביצע תקיפה אווירית בכפר.",
    },
    "shelling": {
        "en": "Artillery shelled the border village overnight.",
        "tr": "Sınır köyüne havan mermileri düştü.",
        "az": "Düşmən kəndi artilleriyadan atəşə tutub.",
        "ru": "Противник обстрелял село из минометов.",
        "uk": "Ворог обстріляв село з мінометів.",
        "fa": "توپخانه دشمن روستا را گلوله باران کرد.",
        "ar": "قصفت المدفعية القرية بقذائف الهاون.",
        "pl": "Artyleria ostrzelała wieś.",
        "hu": "A tüzérség lőtte a falut.",
        "de": "Die Artillerie nahm das Dorf unter Beschuss.",
        "fr": "L'artillerie a pilonné le village.",
        "it": "Colpi di mortaio hanno raggiunto il villaggio.",
        "es": "La artillería atacó la aldea con obuses.",
        "sr": "Artiljerija je granatirala selo.",
        "hr": "Topništvo je granatiralo selo.",
        "bs": "Artiljerija je granatirala selo.",
        "ka": "არტილერიამ სოფელს ცეცხლი დაუშინა.",
        "hy": "Հակառակորդը հրետակոծել է գյուղը։",
        "he": "הארטילריה הפגיזה את הכפר.",
    },
    "explosion": {
        "en": "An explosive device detonated near the market.",
        "tr": "Pazar yerinde el yapımı patlayıcı infilak etti.",
        "az": "Bazarda partlayış baş verib.",
        "ru": "На рынке взорвалось самодельное устройство.",
        "uk": "На ринку вибухнув саморобний пристрій.",
        "fa": "یک خودرو در بازار منفجر شد.",
        "ar": "انفجرت عبوة ناسفة في السوق.",
        "pl": "Na targu wybuchł ładunek.",
        "hu": "Pokolgép robbant a piacon.",
        "de": "Auf dem Markt explodierte ein Sprengsatz.",
        "fr": "Un engin a explosé sur le marché.",
        "it": "Un ordigno è esploso nel mercato.",
        "es": "Un artefacto estalló en el mercado.",
        "sr": "Na pijaci je eksplodirala naprava.",
        "hr": "Na tržnici je eksplodirala naprava.",
        "bs": "Na pijaci je eksplodirala naprava.",
        "ka": "ბაზარში ასაფეთქებელი მოწყობილობა აფეთქდა.",
        "hy": "Շուկայում պայթուցիկ սարք է պայթել։",
        "he": "מטען חבלה התפוצץ בשוק.",
    },
    "clash": {
        "en": "Soldiers clashed with militants near the border.",
        "tr": "Askerler sınırda militanlarla çatıştı.",
        "az": "Sərhəddə ağır döyüşlər gedir.",
        "ru": "У границы идут ожесточённые бои.",
        "uk": "Біля кордону тривають запеклі бої.",
        "fa": "نبرد سنگینی در نزدیکی مرز در جریان است.",
        "ar": "اندلعت اشتباكات عنيفة قرب الحدود.",
        "pl": "Przy granicy trwają ciężkie walki.",
        "hu": "A határ közelében heves harcok folynak.",
        "de": "An der Grenze kam es zu heftigen Gefechten.",
        "fr": "De violents combats ont éclaté près de la frontière.",
        "it": "Violenti scontri sono scoppiati vicino al confine.",
        "es": "Se registraron intensos combates cerca de la frontera.",
        "sr": "Kod granice se vode teške borbe.",
        "hr": "Kod granice se vode teške borbe.",
        "bs": "Kod granice se vode teške borbe.",
        "ka": "საზღვართან მძიმე ბრძოლები მიმდინარეობს.",
        "hy": "Սահմանի մոտ թեժ մարտեր են ընթանում։",
        "he": "קרבות קשים מתנהלים ליד הגבול.",
    },
    "arrest": {
        "en": "Police arrested three suspects in the city.",
        "tr": "Polis kentte üç şüpheliyi gözaltına aldı.",
        "az": "Polis şəhərdə üç şübhəlini həbs edib.",
        "ru": "Полиция задержала в городе трёх подозреваемых.",
        "uk": "Поліція затримала в місті трьох підозрюваних.",
        "fa": "پلیس سه مظنون را در شهر بازداشت کرد.",
        "ar": "اعتقلت الشرطة ثلاثة مشتبه بهم في المدينة.",
        "pl": "Policja zatrzymała w mieście trzech podejrzanych.",
        "hu": "A rendőrség őrizetbe vett három gyanúsítottat a városban.",
        "de": "Die Polizei hat in der Stadt drei Verdächtige verhaftet.",
        "fr": "La police a interpellé trois suspects dans la ville.",
        "it": "La polizia ha arrestato tre sospetti in città.",
        "es": "La policía detuvo a tres sospechosos en la ciudad.",
        "sr": "Policija je u gradu uhapsila tri osumnjičena.",
        "hr": "Policija je u gradu uhitila tri osumnjičenika.",
        "bs": "Policija je u gradu uhapsila tri osumnjičena.",
        "ka": "პოლიციამ ქალაქში სამი ეჭვმიტანილი დააკავა.",
        "hy": "Ոստիկանությունը քաղաքում ձերբակալել է երեք կասկածյալի։",
        "he": "המשטרה עצרה שלושה חשודים בעיר.",
    },
    "protest": {
        "en": "Hundreds of people protested in the capital.",
        "tr": "Yüzlerce kişi başkentte kararı protesto etti.",
        "az": "Yüzlərlə insan paytaxtda etiraz aksiyası keçirib.",
        "ru": "Сотни людей вышли на митинг в столице.",
        "uk": "Сотні людей вийшли на мітинг у столиці.",
        "fa": "صدها نفر در پایتخت تجمع اعتراضی برگزار کردند.",
        "ar": "تظاهر المئات في العاصمة ضد القرار.",
        "pl": "Setki osób demonstrowały w stolicy.",
        "hu": "Több százan tüntettek a fővárosban.",
        "de": "Hunderte Menschen demonstrierten in der Hauptstadt.",
        "fr": "Des centaines de personnes ont manifesté dans la capitale.",
        "it": "Centinaia di persone hanno manifestato nella capitale.",
        "es": "Cientos de personas se manifestaron en la capital.",
        "sr": "Stotine ljudi protestovale su u glavnom gradu.",
        "hr": "Stotine ljudi prosvjedovale su u glavnom gradu.",
        "bs": "Stotine ljudi protestovale su u glavnom gradu.",
        "ka": "ასობით ადამიანმა დედაქალაქში საპროტესტო აქცია გამართა.",
        "hy": "Հարյուրավոր մարդիկ բողոքի ակցիա են անցկացրել մայրաքաղաքում։",
        "he": "מאות אנשים הפגינו בבירה.",
    },
    "disrupted": {
        "en": "Air defences intercepted two drones over the city.",
        "tr": "Hava savunması iki İHA'yı düşürdü.",
        "az": "İki PUA zərərsizləşdirilib.",
        "ru": "Силы ПВО сбили два беспилотника над городом.",
        "uk": "Сили ППО збили два безпілотники над містом.",
        "fa": "پدافند هوایی دو پهپاد را رهگیری کرد.",
        "ar": "اعترضت الدفاعات الجوية طائرتين مسيرتين فوق المدينة.",
        "pl": "Obrona przeciwlotnicza zestrzeliła dwa drony nad miastem.",
        "hu": "A légvédelem két drónt lőtt le a város felett.",
        "de": "Die Flugabwehr hat zwei Drohnen über der Stadt abgeschossen.",
        "fr": "La défense aérienne a abattu deux drones au-dessus de la ville.",
        "it": "La contraerea ha abbattuto due droni sopra la città.",
        "es": "La defensa aérea derribó dos drones sobre la ciudad.",
        "sr": "Protivvazdušna odbrana oborila je dva drona iznad grada.",
        "hr": "Protuzračna obrana oborila je dvije bespilotne letjelice iznad grada.",
        "bs": "Protivzračna odbrana oborila je dva drona iznad grada.",
        "ka": "საჰაერო თავდაცვამ ქალაქის თავზე ორი დრონი ჩამოაგდო.",
        "hy": "Հակաօդային պաշտպանությունը խոցել է երկու անօդաչու սարք։",
        "he": 'מערך ההגנה האווירית יירט שני כטב"מים מעל העיר.',
    },
    "other": {
        "en": "The two foreign ministers met in the capital.",
        "tr": "İki dışişleri bakanı başkentte bir araya geldi.",
        "az": "İki xarici işlər naziri paytaxtda görüşüb.",
        "ru": "Министры иностранных дел двух стран встретились в столице.",
        "uk": "Міністри закордонних справ двох країн зустрілися у столиці.",
        "fa": "وزیران خارجه دو کشور در پایتخت دیدار کردند.",
        "ar": "التقى وزيرا خارجية البلدين في العاصمة.",
        "pl": "Ministrowie spraw zagranicznych obu krajów spotkali się w stolicy.",
        "hu": "A két ország külügyminiszterei találkoztak a fővárosban.",
        "de": "Die Außenminister beider Länder trafen sich in der Hauptstadt.",
        "fr": "Les ministres des Affaires étrangères se sont rencontrés dans la capitale.",
        "it": "I ministri degli Esteri si sono incontrati nella capitale.",
        "es": "Los cancilleres de ambos países se reunieron en la capital.",
        "sr": "Ministri spoljnih poslova sastali su se u glavnom gradu.",
        "hr": "Ministri vanjskih poslova sastali su se u glavnom gradu.",
        "bs": "Ministri vanjskih poslova sastali su se u glavnom gradu.",
        "ka": "ორი ქვეყნის საგარეო საქმეთა მინისტრები დედაქალაქში შეხვდნენ.",
        "hy": "Երկու երկրների արտաքին գործերի նախարարները հանդիպել են մայրաքաղաքում։",
        "he": "שרי החוץ של שתי המדינות נפגשו בבירה.",
    },
    "change": {
        "en": "The army deployed additional units to the border.",
        "tr": "Ordu sınıra ek birlikler konuşlandırdı.",
        "az": "Ordu sərhədə əlavə qüvvələr yerləşdirib.",
        "ru": "Армия перебросила к границе дополнительные подразделения.",
        "uk": "Армія перекинула до кордону додаткові підрозділи.",
        "fa": "ارتش نیروهای بیشتری به مرز اعزام کرد.",
        "ar": "أرسل الجيش تعزيزات إلى الحدود.",
        "pl": "Armia rozmieściła przy granicy dodatkowe oddziały.",
        "hu": "A hadsereg újabb csapatokat telepített a határra.",
        "de": "Die Armee hat zusätzliche Truppen an die Grenze verlegt.",
        "fr": "L'armée a déployé des renforts à la frontière.",
        "it": "L'esercito ha dispiegato rinforzi al confine.",
        "es": "El ejército desplegó refuerzos en la frontera.",
        "sr": "Vojska je rasporedila dodatne snage na granici.",
        "hr": "Vojska je rasporedila dodatne snage na granici.",
        "bs": "Vojska je rasporedila dodatne snage na granici.",
        "ka": "არმიამ საზღვარზე დამატებითი ძალები განალაგა.",
        "hy": "Բանակը սահմանին լրացուցիչ ուժեր է տեղակայել։",
        "he": "הצבא החל בפריסת כוחות נוספים לאורך הגבול.",
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


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Ученики школы посетили музей.", "ru"),  # pupils, not drills (учения)
        ("Штурман самолёта рассказал о полёте.", "ru"),  # a navigator, not an assault (штурм)
        ("Магазины объявили бойкот товарам.", "ru"),  # a boycott, not a battle (бой)
        ("Штурман літака розповів про рейс.", "uk"),
        ("გაზსადენის გაყვანა დაიწყო.", "ka"),  # laying a pipeline, not a withdrawal
    ],
)
def test_a_word_that_only_begins_like_a_trigger_names_no_event(
    sentence: str, language: str
) -> None:
    """Stems that would run into common words are written as whole forms."""
    assert _event_kind(sentence, language) is None


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The foundation of the new road bridge over the river was laid in May.", "en"),
        ("Фундамент нового моста через реку был заложен в мае.", "ru"),
        ("Фундамент нового мосту через річку заклали у травні.", "uk"),
    ],
)
def test_a_foundation_laid_is_a_groundbreaking(sentence: str, language: str) -> None:
    """ "Laid" tells a groundbreaking only with a foundation or the thing built near it."""
    found = _event_kind(sentence, language)
    assert found is not None and found[3] == "infrastructure"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The new border bridge has been put into operation.", "en"),
        ("Yeni sərhəd körpüsü istifadəyə verilib.", "az"),
        ("Die neue Grenzbrücke wurde in Betrieb genommen.", "de"),
        ("Новый пограничный мост введен в эксплуатацию.", "ru"),
    ],
)
def test_a_work_put_into_operation_is_an_opening(sentence: str, language: str) -> None:
    found = _event_kind(sentence, language)
    assert found is not None and found[3] == "infrastructure"
