"""Words of the news in the languages `geo extract` reads (geo.words.names.LANGUAGES):
what names an event, a figure and a number. Each entry is a word's beginning, matched at the
start of a word and case-blind, so one stem covers its inflections ("атак" for атака, атаки,
атаковали; "saldır" for saldırı, saldırısı). Arabic-script stems may also follow a clitic
(و، ب، ال) and are matched anywhere in a word.

Month and weekday names and "yesterday" are not here: they come from CLDR (geo.extract.dates).
Add a language by adding its words to each table; README "Languages" lists what is covered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

# (event_type, sub_event_type) -> {language: stems}, strongest kind first (the first kind
# whose stem a sentence holds decides, as the English patterns of proposals.py do). Every
# language of geo.words.names.LANGUAGES has words for an interception, a strike and a
# missile (tests/extract/test_lexicon.py); a sentence is read with the stems of all of them
# (a quote or a name in another language still tells what happened).
# fmt: off
EVENT_STEMS: tuple[tuple[str, str, dict[str, tuple[str, ...]]], ...] = (
    ("Strategic developments", "Disrupted weapons use", {
        "en": ("intercept", "shot down", "downed"),
        "tr": ("düşürül", "önlendi", "etkisiz hale"),
        "az": ("vuruldu", "vurulub", "zərərsizləşdiril"),
        "ru": ("сбит", "сбили", "перехвач", "перехват"),
        "uk": ("збит", "збили", "перехопл", "перехоп"),
        "fa": ("رهگیری", "ساقط"),
        "ar": ("اعتراض", "اعترض", "أسقط", "اسقاط", "إسقاط"),
        "pl": ("zestrzel", "przechwyc", "przechwyt"),
        # Hungarian verb prefixes split off after the verb: "lőttek le", "fogták el".
        "hu": ("lelőtt", "lelőt", "elfog", "lőttek le", "lőtték le", "lőtte le", "fogták el",
               "fogtak el"),
        "de": ("abgeschossen", "abgefangen", "abfang"),
        "fr": ("abattu", "intercept"),
        "it": ("abbattut", "intercett"),
        "sr": ("oboren", "presretnut", "presreten", "оборен", "пресретнут"),
        "hr": ("oboren", "presretnut"),
        "bs": ("oboren", "presretnut"),
        "ka": ("ჩამოაგდ", "ჩამოგდ", "ჩამოვარდ", "გაანეიტრალ", "განეიტრალ", "ჩაჭრ"),
    }),
    ("Explosions/Remote violence", "Air/drone strike", {
        "en": ("drone", "uav", "unmanned aerial", "airstrike", "air strike"),
        "tr": ("İHA", "iha'", "insansız hava", "dron", "kamikaze", "hava saldır"),
        "az": ("PUA", "pilotsuz", "dron", "zərbə"),
        "ru": ("дрон", "беспилот", "бпла", "шахед", "авиаудар"),
        "uk": ("дрон", "безпілот", "бпла", "шахед", "авіаудар"),
        "fa": ("پهپاد", "پهباد"),
        "ar": ("مسيرة", "مسیره", "طائرة", "غارة", "غارات"),
        "pl": ("dron", "bezzałog", "nalot"),
        "hu": ("drón", "légicsapás"),
        "de": ("drohne", "luftangriff"),
        "fr": ("drone", "frappe aérienne"),
        "it": ("drone", "droni", "attacco aereo"),
        "sr": ("dron", "bespilot", "zračni napad", "дрон", "беспилот"),
        "hr": ("dron", "bespilot", "zračni napad"),
        "bs": ("dron", "bespilot", "zračni napad"),
        "ka": ("დრონ", "უპილოტ"),
    }),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", {
        "en": ("missile", "rocket", "shelling", "artillery"),
        "tr": ("füze", "roket", "top atış"),
        "az": ("raket", "top atəş"),
        "ru": ("ракет", "обстрел", "артиллер"),
        "uk": ("ракет", "обстріл", "артилер"),
        "fa": ("موشک", "خمپاره"),
        "ar": ("صاروخ", "صواريخ", "قصف"),
        "pl": ("rakiet", "ostrzał", "pocisk"),
        "hu": ("rakét", "tüzérség"),
        "de": ("rakete", "beschuss"),
        "fr": ("missile", "roquette", "bombardement"),
        "it": ("missil", "razz", "bombardament"),
        "sr": ("raket", "granatir", "ракет"),
        "hr": ("raket", "granatir"),
        "bs": ("raket", "granatir"),
        "ka": ("რაკეტ", "დაბომბ"),
    }),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", {
        "en": ("explosion", "blast"),
        "tr": ("patlama", "patlay"),
        "az": ("partlayış",),
        "ru": ("взрыв",),
        "uk": ("вибух",),
        "fa": ("انفجار",),
        "ar": ("انفجار",),
        "pl": ("wybuch", "eksplozj"),
        "hu": ("robban",),
        "de": ("explosion",),
        "fr": ("explosion",),
        "it": ("esplosion",),
        "sr": ("eksploz",),
        "hr": ("eksploz",),
        "bs": ("eksploz",),
        "ka": ("აფეთქ",),
    }),
    ("Explosions/Remote violence", "Air/drone strike", {
        "en": ("strike", "struck", "attack"),
        "tr": ("saldır", "vurdu", "isabet"),
        "az": ("hücum", "vurdu", "dəyib", "dəydi", "isabət"),
        "ru": ("атак", "удар", "попал"),
        "uk": ("атак", "удар", "влуч"),
        "fa": ("حمله", "اصابت", "ضربه"),
        "ar": ("هجوم", "أصابت", "ضربة", "استهدف"),
        "pl": ("atak", "uderz", "trafi"),
        "hu": ("támad", "csapás", "eltalál"),
        "de": ("angriff", "getroffen"),
        "fr": ("attaque", "frappé"),
        "it": ("attacc", "colpit"),
        "sr": ("napad", "pogod"),
        "hr": ("napad", "pogod"),
        "bs": ("napad", "pogod"),
        "ka": ("თავდასხმ", "დაარტყ", "დაეჯახ", "იერიშ"),
    }),
    ("Battles", "Armed clash", {
        "tr": ("çatışma",),
        "az": ("toqquşma",),
        "ru": ("столкновен", "бой"),
        "uk": ("зіткнен",),
        "fa": ("درگیری",),
        "ar": ("اشتباك",),
        "pl": ("starci",),
        "hu": ("összecsap",),
    }),
    ("Strategic developments", "Arrests", {
        "tr": ("engellendi", "gözaltı", "tutuklan", "yakalan"),
        "az": ("qarşısı alın", "həbs"),
        "ru": ("предотврат", "задерж", "арест"),
        "uk": ("запобіг", "затрима"),
        "fa": ("خنثی", "بازداشت", "دستگیر"),
        "ar": ("احباط", "إحباط", "اعتقال"),
        "pl": ("udaremni", "zatrzyma", "aresztow", "udaremn"),
        "hu": ("megakadályoz", "akadályoz", "letartóztat", "őrizetbe"),
        "de": ("vereitelt", "festgenommen"),
        "fr": ("déjoué", "arrêté"),
        "it": ("sventat", "arrestat"),
        "sr": ("uhapšen",),
        "hr": ("uhićen", "spriječen"),
        "bs": ("uhapšen", "spriječen"),
    }),
    ("Strategic developments", "Change to group/activity", {
        "tr": ("tahliye", "geri çek"),
        "az": ("təxliyə",),
        "ru": ("эвакуац", "вывод"),
        "uk": ("евакуац", "відкликан"),
        "fa": ("تخلیه", "خروج"),
        "ar": ("إجلاء", "اجلاء"),
        "pl": ("ewakuac", "gotowości"),  # forces put on alert
        "hu": ("evakuál", "kiürít", "készenlét"),
        "de": ("evakuier",),
        "fr": ("évacu",),
        "it": ("evacua",),
        "sr": ("evakuac",),
    }),
    ("Strategic developments", "Other", {
        "tr": ("çağrıldı", "toplantı", "zirve", "görüş", "çağırıl"),
        "az": ("görüşmə",),
        "ru": ("вызвал", "вызван", "встреч", "совещан", "саммит", "переговор"),
        "uk": ("викликал", "зустріч", "нарад", "саміт"),
        "fa": ("نشست", "احضار", "دیدار"),
        "ar": ("اجتماع", "استدعاء", "قمة"),
        "pl": ("wezwał", "spotkan", "szczyt", "rozmow"),
        "hu": ("bekérett", "találkoz", "csúcs", "tárgyal"),
        "de": ("einbestellt", "treffen", "gipfel"),
        "fr": ("convoqu", "sommet", "réunion"),
        "it": ("vertice", "incontr"),
        "sr": ("sastan", "samit"),
        "ka": ("შეხვედრ",),
    }),
)
# fmt: on

# What a figure counts -> {language: stems of the words that say so}.
# fmt: off
FIGURE_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "killed": {
        "en": ("killed", "dead", "died", "deaths", "fatalit"),
        "tr": ("öldü", "hayatını kaybet", "can verdi", "öldürül"),
        "az": ("həlak", "öldürül", "ölüb"),
        "ru": ("погиб", "убит"),
        "uk": ("загину", "загибл", "вбит"),
        "fa": ("کشته", "جان باخت"),
        "ar": ("قتل", "قتيل", "مقتل"),
        "pl": ("zginę", "zabit", "ofiar"),
        "hu": ("meghal", "halott", "áldozat"),
        "de": ("getötet", "tote"),
        "fr": ("tués", "morts", "mort"),
        "it": ("uccis", "mort"),
        "sr": ("poginul", "ubijen", "погину"),
        "hr": ("poginul", "ubijen"),
        "bs": ("poginul", "ubijen"),
        "ka": ("დაიღუპ", "დაღუპ", "მოკლ"),
    },
    "injured": {
        "en": ("injur", "wound", "hurt"),
        "tr": ("yaral",),
        "az": ("yaral", "xəsarət"),
        "ru": ("ранен", "пострада"),
        "uk": ("поранен", "постражда"),
        "fa": ("زخمی", "مجروح"),
        "ar": ("جريح", "جرحى", "مصاب", "إصابة", "أصيب"),
        "pl": ("rann", "poszkodowan"),
        "hu": ("megsebesül", "sérül", "sebesül"),
        "de": ("verletzt", "verwundet"),
        "fr": ("blessé", "blessant"),
        "it": ("ferit", "ferend"),
        "sr": ("ranjen", "povređen", "рањен"),
        "hr": ("ranjen", "ozlijeđen"),
        "bs": ("ranjen", "povrijeđen"),
        "ka": ("დაშავ", "დაიჭრ", "დაჭრ"),
    },
    "drones": {
        "en": ("drone", "uav", "unmanned aerial"),
        "tr": ("iha", "İha", "dron"),
        "az": ("pua", "dron"),
        "ru": ("дрон", "беспилот", "бпла"),
        "uk": ("дрон", "безпілот", "бпла"),
        "fa": ("پهپاد",),
        "ar": ("مسيرة", "مسیره"),
        "pl": ("dron",),
        "hu": ("drón",),
        "de": ("drohne",),
        "fr": ("drone",),
        "it": ("drone", "droni"),
        "sr": ("dron", "дрон"),
        "hr": ("dron",),
        "bs": ("dron",),
        "ka": ("დრონ",),
    },
    "missiles": {
        "en": ("missile", "rocket"),
        "tr": ("füze", "roket"),
        "az": ("raket",),
        "ru": ("ракет",),
        "uk": ("ракет",),
        "fa": ("موشک",),
        "ar": ("صاروخ", "صواريخ"),
        "pl": ("rakiet",),
        "hu": ("rakét",),
        "de": ("rakete",),
        "fr": ("missile", "roquette"),
        "it": ("missil", "razz"),
        "sr": ("raket", "ракет"),
        "hr": ("raket",),
        "bs": ("raket",),
        "ka": ("რაკეტ",),
    },
}
# fmt: on


def all_stems(by_language: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every language's stems of one table entry, once each, in table order."""
    return tuple(dict.fromkeys(s for stems in by_language.values() for s in stems))


# Spelled-out numbers one to twelve per language, in order, for the small figures news write
# in words ("four civilians", "два человека", "czworo cywilów", "دو زخمی"); a "|" separates
# the forms of one number (case, gender, collective: "два|две|двое|двух").
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ),
    "tr": (
        "bir",
        "iki",
        "üç",
        "dört",
        "beş",
        "altı",
        "yedi",
        "sekiz",
        "dokuz",
        "on",
        "on bir",
        "on iki",
    ),
    "az": (
        "bir",
        "iki",
        "üç",
        "dörd",
        "beş",
        "altı",
        "yeddi",
        "səkkiz",
        "doqquz",
        "on",
        "on bir",
        "on iki",
    ),
    "ru": (
        "один|одна|одно|одну|одного|одной",
        "два|две|двое|двух",
        "три|трое|трех|трёх",
        "четыре|четверо|четырех|четырёх",
        "пять|пятеро|пяти",
        "шесть|шестеро|шести",
        "семь|семеро|семи",
        "восемь|восьми",
        "девять|девяти",
        "десять|десяти",
        "одиннадцать",
        "двенадцать",
    ),
    "uk": (
        "один|одна|одне|одну|одного|однієї",
        "два|дві|двоє|двох",
        "три|троє|трьох",
        "чотири|четверо|чотирьох",
        "п'ять|п’ять|п'ятеро",
        "шість|шестеро",
        "сім|семеро",
        "вісім",
        "дев'ять|дев’ять",
        "десять",
        "одинадцять",
        "дванадцять",
    ),
    "fa": ("یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده"),
    "ar": (
        "واحد|واحدة",
        "اثنان|اثنين|اثنتان|اثنتين",
        "ثلاثة",
        "أربعة|اربعة",
        "خمسة",
        "ستة",
        "سبعة",
        "ثمانية",
        "تسعة",
        "عشرة",
        "أحد عشر",
        "اثنا عشر",
    ),
    "pl": (
        "jeden|jedna|jedną|jednego",
        "dwa|dwie|dwoje|dwóch",
        "trzy|troje|trzech",
        "cztery|czworo|czterech",
        "pięć|pięcioro|pięciu",
        "sześć|sześciu",
        "siedem",
        "osiem",
        "dziewięć",
        "dziesięć",
        "jedenaście",
        "dwanaście",
    ),
    "hu": (
        "egy",
        "kettő|két",
        "három",
        "négy",
        "öt",
        "hat",
        "hét",
        "nyolc",
        "kilenc",
        "tíz",
        "tizenegy",
        "tizenkettő|tizenkét",
    ),
    "de": (
        "eins|ein|eine|einer",
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
    ),
    "fr": (
        "un|une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
    ),
    "it": (
        "uno|una",
        "due",
        "tre",
        "quattro",
        "cinque",
        "sei",
        "sette",
        "otto",
        "nove",
        "dieci",
        "undici",
        "dodici",
    ),
    "sr": (
        "jedan|jedna|jednu|jednog",
        "dva|dve|dvoje",
        "tri|troje",
        "četiri|četvoro",
        "pet|petoro",
        "šest",
        "sedam",
        "osam",
        "devet",
        "deset",
        "jedanaest",
        "dvanaest",
    ),
    "ka": (
        "ერთი|ერთ",
        "ორი",
        "სამი",
        "ოთხი",
        "ხუთი",
        "ექვსი",
        "შვიდი",
        "რვა",
        "ცხრა",
        "ათი",
        "თერთმეტი",
        "თორმეტი",
    ),
}
NUMBER_WORDS["hr"] = NUMBER_WORDS["bs"] = NUMBER_WORDS["sr"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, longest first, written as a trie
    ("mar(?:ch|s|zec)?..."): a flat alternation of hundreds of month and weekday names is
    tried branch by branch at every position of the text, which made date finding the
    slowest step of reading an article."""
    trie: dict[str, dict] = {}
    for word in set(words):
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # The word may end here: the longer words are tried first (a greedy optional group).
    return f"(?:{body})?" if "" in node else body


def _is_arabic_script(stem: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in stem)


@cache
def stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """A case-blind pattern for words beginning with one of `stems` (Arabic-script stems:
    anywhere in a word, after a clitic or before a suffix)."""
    latin = tuple(s for s in stems if not _is_arabic_script(s))
    arabic = tuple(s for s in stems if _is_arabic_script(s))
    parts = []
    if latin:
        parts.append(rf"(?<!\w)(?:{alternation(latin)})\w*")
    if arabic:
        parts.append(rf"\w*(?:{alternation(arabic)})\w*")
    return re.compile("|".join(parts), re.IGNORECASE)


def event_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, event_type, sub_event_type) for every kind of `EVENT_STEMS`, in order."""
    return [(stem_pattern(all_stems(stems)), kind, sub) for kind, sub, stems in EVENT_STEMS]


# The indefinite article of each language that has one, and the "one" that serves as it
# ("a drone", "un missile", "eine Drohne", "egy drón", "bir füze", "یک پهپاد", "ერთი
# დრონი"): one of these is a count of one only before the word it counts
# (geo.extract.figures), for it is as often no count at all ("ein Depot", "a statement").
# Languages without an article (Russian "одна ракета", Polish "jeden dron") write a numeral,
# read as any number.
ARTICLE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("a", "an"),
    "tr": ("bir",),
    "az": ("bir",),
    "fa": ("یک",),
    "it": ("un", "uno", "una"),
    "fr": ("un", "une"),
    "de": ("ein", "eine", "einen", "einem", "einer", "eines"),
    "hu": ("egy",),
    "ka": ("ერთი", "ერთ"),
}
# Words that, right after a drone or missile word (or inside one compound word with it:
# "Drohnenangriff", "dróntámadás"), make it a kind of event or thing rather than the weapons
# counted: "a drone attack", "bir İHA saldırısı", "a missile alert". A "$" ends a whole word
# (English "attack" is also a verb: "a drone attacked" still counts).
# fmt: off
WEAPON_COMPOUND_STEMS: dict[str, tuple[str, ...]] = {
    "en": ("attack$", "attacks$", "strike$", "strikes$", "barrage", "debris", "wreck",
           "fragment", "alert", "alarm", "warning", "threat", "program", "factor", "base$",
           "unit$", "defen", "system", "launcher", "site$", "sites$", "test$", "tests$"),
    # Turkish and Azerbaijani join such a pair with the possessive ("İHA saldırısı", "dron
    # zərbəsi"); the bare noun is an object ("bir dron zərbə endirib": a drone struck).
    "tr": ("saldırıs", "saldırıl", "taarruzu", "enkaz", "parçaları", "parçası", "uyarısı",
           "savunma", "sistem", "rampa"),
    "az": ("zərbəsi", "zərbələr", "hücumu", "hücumlar", "qalıqlar", "həyəcan", "müdafiə",
           "sistem"),
    # Persian: the weapon's adjective ("حمله پهپادی", a drone attack; "سامانه موشکی")
    "fa": ("حمله", "حملات", "لاشه", "هشدار", "سامانه", "ی$"),
    "it": ("attacc", "istic"),  # "un sistema missilistico"
    "fr": ("attaque", "frappe"),
    "de": ("angriff", "schlag", "trümmer", "alarm", "warnung", "abwehr"),
    "hu": ("támadás", "csapás", "roncs", "riaszt", "elhárít", "védelm", "rendszer"),
    "ka": ("თავდასხმ", "შეტევ"),
}
# fmt: on


@cache
def number_words(language: str) -> dict[str, int]:
    """Lower-case spelled-out number of `language` -> its value (English when the language
    has no table); its article words (`ARTICLE_WORDS`) are one."""
    table = NUMBER_WORDS.get(language, NUMBER_WORDS["en"])
    words = {
        form.casefold(): value
        for value, forms in enumerate(table, start=1)
        for form in forms.split("|")
    }
    return words | dict.fromkeys(article_words(language), 1)


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


# Words that say the name beside them is a settlement or a district: "the village of X",
# "X köyü", "в селе X", "روستای X", "X district". A village only the local gazetteer knows is
# read beside one of them; a name beside one that nothing knows is kept unplaced.
SETTLEMENT_STEMS: tuple[str, ...] = (
    "village", "hamlet", "settlement", "district", "town of",
    "köy", "kasaba", "ilçe", "mahalle", "kənd", "qəsəbə", "rayon",
    "село", "селе", "сёл", "деревн", "посёл", "посел", "район", "селищ", "селі",
    "روستا", "منطقه", "شهرستان", "بخش", "دهستان", "قرية", "بلدة", "ناحية", "مدينة", "مدينه",
    "wieś", "wsi", "wiosk", "miejscowoś", "gmin",
    "falu", "falv", "község", "dorf", "ortschaft", "villag", "paese", "borgo",
    "selo", "sela", "opštin", "općin", "სოფ",
)  # fmt: skip

# Words that say the name beside them is a first-level division, a province ("Ardabil
# province", "the province of Ardabil", "Erdebil eyaleti", "провинции Ардебиль", "استان
# اردبیل", "województwo", "megye"): the name is then read as the province, not as the town
# of the same name. Turkish "il" (province) is too short a stem: its forms are whole words.
ADMIN1_STEMS: tuple[str, ...] = (
    "province", "governorate", "oblast", "ostan",
    "eyalet", "vilayət", "vilayet", "əyalət",
    "провинц", "провінц", "област", "губерн", "остан",
    "استان", "محافظة", "ولاية", "إقليم", "اقليم",
    "województw", "prowincj", "megye", "megyé", "tartomány",
    "provinz", "provinc", "pokrajin", "მხარე", "პროვინც",
)  # fmt: skip
ADMIN1_WORDS: frozenset[str] = frozenset(
    {"il", "ili", "iline", "ilinde", "ilindeki", "ilinin", "ilinden"}
)
# Short words that may stand between a province or district word and the name ("the province
# of Hatay", "la province de Hatay", "nella provincia di Hatay", "in der Provinz von Ardabil").
DESIGNATION_LINKS: frozenset[str] = frozenset(
    {"of", "the", "de", "du", "des", "d", "di", "del", "della", "dello", "von", "der", "al", "el"}
)
# Words that say the name beside them is a district or its town ("Germi ilçesi", "X district",
# "Гермийский район", "شهرستان گرمی", "Germi rayonu"): read as the town, never the province.
DISTRICT_STEMS: tuple[str, ...] = (
    "district", "county", "ilçe", "rayon", "район", "رایون", "شهرستان", "بخش",
    "powiat", "járás", "rajon", "kreis", "distrikt", "distretto", "okrug", "округ", "რაიონ",
)  # fmt: skip


def designation(word: str) -> str | None:
    """ "admin1" when `word` names a province, "district" when it names a district, else
    None (see `ADMIN1_STEMS`, `ADMIN1_WORDS`, `DISTRICT_STEMS`)."""
    if word.casefold() in ADMIN1_WORDS or stem_pattern(ADMIN1_STEMS).fullmatch(word):
        return "admin1"
    if stem_pattern(DISTRICT_STEMS).fullmatch(word):
        return "district"
    return None


# A drone or missile seen, not one that struck: "a drone was spotted over X", "İHA görüldü",
# "замечен беспилотник", "پهپاد مشاهده شد". A sentence with one of these and none of
# `ATTACK_STEMS` (nor a word of interception, shelling or explosion) is a sighting.
SIGHTING_STEMS: tuple[str, ...] = (
    "seen", "saw", "spotted", "sighted", "sighting", "observed", "witnessed", "hovering",
    "görül", "görün", "gözlemlen", "tespit edil", "müşahidə",
    "замечен", "заметил", "видел", "наблюдал", "помічен", "помітил", "бачил", "спостеріга",
    "مشاهده", "دیده شد", "رؤیت", "رصد", "شوهد",
    "zauważon", "widzian", "zaobserwowan", "észlel", "láttak", "megfigyel",
    "gesichtet", "beobachtet", "aperçu", "observé", "avvistat", "primijećen", "uočen", "viđen",
    "შენიშნ",
)  # fmt: skip
# Words of harm done: with one of them a drone seen is also a drone that struck or fell.
ATTACK_STEMS: tuple[str, ...] = (
    "strike", "struck", "attack", "hit", "fell", "crash", "explo", "blast", "shot down",
    "saldır", "vurdu", "vurul", "isabet", "düştü", "hücum", "zərbə", "düşdü",
    "атак", "удар", "поразил", "упал", "атаку", "влучи", "впав", "впал", "уражен",
    "حمله", "اصابت", "سقوط", "هجوم", "ضرب",
    "atak", "uderz", "spadł", "támad", "becsap", "lezuhan",
    "angriff", "eingeschlagen", "abgestürzt", "attaqu", "frapp", "attacc", "colpit",
    "napad", "pogod", "srušio", "თავდასხმ",
)  # fmt: skip
# Verbs of speaking, per language, in three rows: `report`, the verbs that report what was said
# (a place told after one in the same clause, "..., the ministry in Baku said", "- podało MSZ
# w Baku", is where the speaker is, not the event); `deny`, the verbs of a denial (a report
# that "denies", geo.ledger); `act`, the other verbs of diplomacy. A capital or a country
# whose name stands right before any of them (or right after it, in verb-first Arabic) is a
# government speaking, an actor and not where an event took place ("Tehran denied",
# "Téhéran a démenti", "ونفت طهران", "თეირანმა ... უარყო").
# fmt: off
SPEECH_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "report": {
        "en": ("said", "says", "stated", "reported", "announced", "told", "according to"),
        "tr": ("açıkla", "bildir", "duyur", "söyle"),
        "az": ("bildirib", "bildirdi", "açıqla"),
        "ru": ("сообщ", "заяв", "передает", "передаёт"),
        "uk": ("повідом", "заяви"),
        "fa": ("اعلام کرد", "گفت", "گزارش", "اعلام"),
        "ar": ("أعلن", "قال", "أفاد", "أكد"),
        "pl": ("podał", "poinformował", "przekazał", "oświadczył", "oświadcz", "ogłosi"),
        "hu": ("közölte", "jelentette", "közölt", "bejelentet"),
        "de": ("teilte", "erklärte", "sagte", "berichtete", "erklärt"),
        "fr": ("a déclaré", "a annoncé", "selon", "déclar", "annonc", "affirm"),
        # "secondo" with what follows it: alone it is also the ordinal ("un secondo drone")
        "it": ("ha dichiarato", "ha annunciato", "secondo il ", "secondo lo ", "secondo la ",
               "secondo l'", "secondo l’", "secondo i ", "secondo gli ", "secondo le ",
               "secondo fonti", "secondo quanto", "dichiar", "annunci", "afferm"),
        "sr": ("saopšt", "izjavi", "саопшт"),
        "hr": ("priopć", "izjavi"),
        "bs": ("saopć", "izjavi"),
        "ka": ("განაცხად",),
    },
    "deny": {
        "en": ("denied", "denies", "denying"),
        "tr": ("yalanla",),
        "az": ("təkzib",),
        "ru": ("отрица", "опроверг"),
        "uk": ("заперечи", "заперечу", "спростува"),
        "fa": ("تکذیب",),
        "ar": ("نفت", "نفى"),
        "pl": ("zaprzecz", "zdementow"),
        "hu": ("tagad", "cáfol"),
        "de": ("bestritt", "bestreit", "dementier"),
        "fr": ("dément", "démenti", "nié"),
        "it": ("smentit", "smentisc", "negat"),
        "sr": ("negira", "demantova", "негира"),
        "hr": ("negira", "demantira"),
        "bs": ("negira", "demantova"),
        "ka": ("უარყ",),
    },
    "act": {
        # "rejected" stays here: a side may reject a denial as well as a claim.
        "en": ("rejected", "rejects", "summoned", "condemned", "accused", "warned", "blamed",
               "responded", "insisted"),
        "tr": ("reddet", "kınadı", "suçla", "uyardı"),
        "az": ("rədd", "qına", "ittiham"),
        "ru": ("отверг", "осуди", "обвини", "предупреди"),
        "uk": ("відкида", "засуди", "звинувати", "попереди"),
        "fa": ("محکوم", "متهم", "هشدار"),
        "ar": ("رفض", "أدان", "اتهم", "حذر"),
        "pl": ("odrzuci", "potępi", "oskarży", "ostrzeg"),
        "hu": ("elutasít", "elítél", "vádol", "figyelmeztet"),
        "de": ("wies", "verurteilt", "beschuldigt", "warnte", "kündigte"),
        "fr": ("rejet", "condamn", "accus", "avert"),
        "it": ("respin", "condann", "accus", "avvert"),
        "sr": ("odbaci", "osudi", "optuži", "upozori"),
        "hr": ("odbaci", "osudi", "optuži", "upozori"),
        "bs": ("odbaci", "osudi", "optuži", "upozori"),
        "ka": ("დაგმ", "დაადანაშაულ", "გააფრთხილ"),
    },
}
# fmt: on
# Words that may stand between who denies and the verb of denial: auxiliaries of a perfect
# tense and the pronoun of what is denied ("Iran has denied", "L'Iran a démenti", "L'Iran ha
# smentito", "Teheran hat dies bestritten", "İran bunu təkzib edib", "Иран это отрицает").
# fmt: off
_DENIAL_GAP: tuple[str, ...] = (
    "has", "have", "had", "also", "this",
    "bunu", "bunları", "это", "этого", "це", "цього", "این", "را", "هذا",
    "to", "tego", "ezt", "is", "hat", "hatte", "haben", "dies", "das", "es",
    "a", "ont", "avait", "l'a", "cela", "ha", "hanno", "aveva", "lo", "ciò",
    "je", "su", "је", "су", "ovo", "ово",
)
# fmt: on
DENIAL_GAP_WORDS: frozenset[str] = frozenset(_DENIAL_GAP)
DENIAL_GAP_MAX = 2
REPORT_STEMS: tuple[str, ...] = all_stems(SPEECH_STEMS["report"])
DENIAL_STEMS: tuple[str, ...] = all_stems(SPEECH_STEMS["deny"])
STATEMENT_STEMS: tuple[str, ...] = tuple(
    dict.fromkeys(s for row in SPEECH_STEMS.values() for s in all_stems(row))
)

# Words that make the event word right after them one that did not happen or may happen:
# prevention, avoidance, possibility ("to prevent potential clashes", "olası saldırılar",
# "избежать столкновений", "eine mögliche Eskalation"). An event word within
# `UNREAL_BEFORE_WORDS` words after one of them names no event (geo.extract.proposals); a
# foiled attack is still an event through its own word ("foiled", "предотвратили").
UNREAL_STEMS: tuple[str, ...] = (
    "prevent", "avoid", "avert", "potential", "possibl", "risk", "threat", "foil", "thwart",
    "önle", "olası", "muhtemel", "kaçın", "mümkün", "ehtimal", "qarşısını",
    "избеж", "возможн", "потенциальн", "предотвра", "угроз",
    "уникн", "можлив", "потенційн", "запобіг", "загроз",
    "جلوگیری", "احتمال", "تجنب", "محتمل", "إحباط", "احباط",
    "uniknię", "zapobie", "możliw", "potencjaln", "udaremni",
    "elkerül", "megelőz", "lehetséges", "potenciális", "megakadályoz",
    "verhinder", "vermeid", "möglich", "potenziell", "vereitelt",
    "éviter", "préven", "empêch", "potentiel", "possible", "déjou",
    "evitar", "preven", "impedi", "potenzial", "sventa",
    "spreč", "spriječ", "izbjeg", "izbeg", "moguć", "potencijal",
    "აცილ", "შესაძლ", "პოტენციურ",
)  # fmt: skip
UNREAL_BEFORE_WORDS = 3
# Words of an attack's targets ("the targets included...", "hedefler arasında", "среди целей",
# "a célpontok között"): an event told at country level whose sentence speaks of its targets
# takes its place from the sentence after it that lists them (geo.extract.proposals).
TARGET_STEMS: tuple[str, ...] = (
    "target", "hedef", "hədəf", "هدف", "اهداف", "أهداف",
    "цели", "целей", "целью", "целям", "ціль", "цілі", "цілей", "ціллю", "цілям",
    "cele", "celów", "celem", "celu", "célpont", "ziel", "cible", "obiettiv", "bersagli",
    "მიზან",
    # the sites aimed at: "attacks on facilities in Azerbaijan ... among the facilities"
    "facilit", "tesis", "объект", "об'єкт", "обʼєкт", "obiekt", "objekt", "létesítmény",
)  # fmt: skip
# Words of a facility, by the kind of curated site (data/gazetteer/sites.csv) they name: a
# town or province written with one of them ("l'aéroport de Nakhitchevan", "Naxçıvan hava
# limanı", "مطار ناخيتشيفان", "ნახჭევნის აეროპორტი") means that place's site of that kind.
# fmt: off
FACILITY_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "airport": {
        "en": ("airport", "airfield", "aerodrome"),
        "tr": ("havaliman", "hava liman", "havaalan"),
        "az": ("hava liman", "aeroport"),
        "ru": ("аэропорт", "аэродром"),
        "uk": ("аеропорт", "аеродром"),
        "fa": ("فرودگاه",),
        "ar": ("مطار",),
        "pl": ("lotnisk", "port lotnicz"),
        "hu": ("repülőtér", "repülőter", "légikikötő"),
        "de": ("flughafen", "flugplatz"),
        "fr": ("aéroport", "aérodrome"),
        "it": ("aeroport",),
        "sr": ("aerodrom", "аеродром"),
        "hr": ("zračna luka", "zračnu luku", "zračnoj luci", "zračne luke", "aerodrom"),
        "bs": ("aerodrom",),
        "ka": ("აეროპორტ",),
    },
    "air_base": {
        "en": ("air base", "airbase"),
        "tr": ("hava üs",),
        "az": ("hava baza", "aviabaza"),
        "ru": ("авиабаз",),
        "uk": ("авіабаз",),
        "fa": ("پایگاه هوایی",),
        "ar": ("قاعدة جوية", "القاعدة الجوية"),
        "pl": ("baza lotnicz", "bazy lotnicz", "bazie lotnicz", "bazę lotnicz"),
        "hu": ("légibázis",),
        "de": ("luftwaffenstützpunkt", "fliegerhorst", "luftwaffenbasis"),
        "fr": ("base aérienne",),
        "it": ("base aerea",),
        "sr": ("vazduhoplovna baz", "vazduhoplovnu baz", "vazduhoplovnoj baz", "avio-baz"),
        "hr": ("zračna baz", "zračnu baz", "zračnoj baz"),
        "bs": ("zračna baz", "zračnu baz", "zračnoj baz"),
        "ka": ("საჰაერო ბაზ", "ავიაბაზ"),
    },
    "oil_terminal": {
        "en": ("terminal",), "tr": ("terminal",), "az": ("terminal",), "ru": ("терминал",),
        "uk": ("термінал",), "fa": ("پایانه",), "ar": ("محطة",), "pl": ("terminal",),
        "hu": ("terminál",), "de": ("terminal",), "fr": ("terminal",), "it": ("terminal",),
        "sr": ("terminal",), "hr": ("terminal",), "bs": ("terminal",), "ka": ("ტერმინალ",),
    },
    "embassy": {
        "en": ("embassy",), "tr": ("büyükelçili",), "az": ("səfirli",), "ru": ("посольств",),
        "uk": ("посольств",), "fa": ("سفارت",), "ar": ("سفارة",), "pl": ("ambasad",),
        "hu": ("nagykövetség",), "de": ("botschaft",), "fr": ("ambassade",),
        "it": ("ambasciat",), "sr": ("ambasad", "амбасад"), "hr": ("veleposlanstv",),
        "bs": ("ambasad",), "ka": ("საელჩო",),
    },
    "consulate": {
        "en": ("consulate",), "tr": ("konsolosluk", "konsolosluğ"),
        "az": ("konsulluq", "konsulluğ"), "ru": ("консульств",), "uk": ("консульств",),
        "fa": ("کنسولگری",), "ar": ("قنصلية",), "pl": ("konsulat",), "hu": ("konzulátus",),
        "de": ("konsulat",), "fr": ("consulat",), "it": ("consolat",), "sr": ("konzulat",),
        "hr": ("konzulat",), "bs": ("konzulat",), "ka": ("საკონსულო",),
    },
}
# fmt: on
