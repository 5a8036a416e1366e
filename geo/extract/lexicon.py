"""Words of the news in the languages `geo extract` reads (geo.geocoders.names.LANGUAGES):
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

# (event_type, sub_event_type) -> stems in every language, strongest kind first (the first
# kind whose stem a sentence holds decides, as the English patterns of proposals.py do).
EVENT_STEMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Strategic developments",
        "Disrupted weapons use",
        (
            "düşürül",
            "önlendi",
            "etkisiz hale",  # tr
            "vuruldu",
            "zərərsizləşdiril",  # az
            "сбит",
            "сбили",
            "перехвач",
            "збит",
            "збили",
            "перехопл",  # ru, uk
            "رهگیری",
            "ساقط",
            "اعتراض",  # fa, ar
            "zestrzel",
            "przechwyc",  # pl
            "lelőtt",
            "lelőt",
            "elfog",  # hu
            "abgeschossen",
            "abgefangen",
            "abattu",
            "intercept",
            "abbattut",  # de, fr, it
            "oboren",
            "presretnut",  # sr, hr, bs
        ),
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        (
            "İHA",
            "iha'",
            "insansız hava",
            "dron",
            "kamikaze",
            "hava saldır",  # tr
            "PUA",
            "pilotsuz",  # az
            "дрон",
            "беспилот",
            "бпла",
            "безпілот",
            "шахед",
            "авиаудар",
            "авіаудар",  # ru, uk
            "پهپاد",
            "پهباد",
            "مسیره",
            "مسيرة",
            "طائرة",  # fa, ar
            "bezzałog",
            "nalot",  # pl
            "drón",
            "légicsapás",  # hu
            "drohne",
            "luftangriff",
            "frappe aérienne",
            "attacco aereo",  # de, fr, it
            "bespilot",
            "zračni napad",  # sr, hr, bs
            "დრონ",
            "უპილოტ",  # ka
        ),
    ),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        (
            "füze",
            "roket",
            "raket",
            "top atış",  # tr, az
            "ракет",
            "обстрел",
            "обстріл",
            "артиллер",
            "артилер",  # ru, uk
            "موشک",
            "صاروخ",
            "صواريخ",
            "قصف",  # fa, ar
            "rakiet",
            "ostrzał",
            "rakét",
            "tüzérség",  # pl, hu
            "rakete",
            "beschuss",
            "roquette",
            "bombardement",
            "missil",  # de, fr, it
            "granatir",  # sr, hr, bs
            "რაკეტ",  # ka
        ),
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        (
            "patlama",
            "patlay",
            "partlayış",  # tr, az
            "взрыв",
            "вибух",  # ru, uk
            "انفجار",  # fa, ar
            "wybuch",
            "eksplozj",
            "robban",  # pl, hu
            "explosion",
            "esplosion",
            "eksploz",  # de, fr, it, sr
            "აფეთქ",  # ka
        ),
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        (
            "saldır",
            "hücum",
            "vurdu",  # tr, az
            "атак",
            "удар",
            "атаку",  # ru, uk
            "حمله",
            "اصابت",
            "هجوم",
            "ضربه",  # fa, ar
            "atak",
            "uderz",  # pl
            "támad",
            "csapás",  # hu
            "angriff",
            "attaque",
            "frappé",
            "attacc",  # de, fr, it
            "napad",  # sr, hr, bs
            "თავდასხმ",  # ka
        ),
    ),
    (
        "Battles",
        "Armed clash",
        (
            "çatışma",
            "toqquşma",
            "столкновен",
            "бой",
            "зіткнен",
            "درگیری",
            "اشتباك",
            "starci",
            "összecsap",
        ),
    ),
    (
        "Strategic developments",
        "Arrests",
        (
            "engellendi",
            "gözaltı",
            "tutuklan",
            "yakalan",
            "qarşısı alın",
            "həbs",  # tr, az
            "предотврат",
            "задерж",
            "арест",
            "запобіг",
            "затрима",  # ru, uk
            "خنثی",
            "بازداشت",
            "دستگیر",
            "احباط",
            "إحباط",
            "اعتقال",  # fa, ar
            "udaremni",
            "zatrzyma",
            "aresztow",
            "udaremn",  # pl
            "megakadályoz",
            "letartóztat",
            "őrizetbe",  # hu
            "vereitelt",
            "festgenommen",
            "déjoué",
            "arrêté",
            "sventat",
            "arrestat",  # de, fr, it
            "uhapšen",
            "uhićen",
            "spriječen",  # sr, hr, bs
        ),
    ),
    (
        "Strategic developments",
        "Change to group/activity",
        (
            "tahliye",
            "geri çek",
            "təxliyə",  # tr, az
            "эвакуац",
            "вывод",
            "евакуац",
            "відкликан",  # ru, uk
            "تخلیه",
            "خروج",
            "إجلاء",
            "اجلاء",  # fa, ar
            "ewakuac",
            "evakuál",
            "kiürít",
            "evakuier",
            "évacu",
            "evacua",
            "evakuac",
            "gotowości",
            "készenlét",  # pl, hu: forces put on alert
        ),
    ),
    (
        "Strategic developments",
        "Other",
        (
            "çağrıldı",
            "toplantı",
            "zirve",
            "görüş",
            "çağırıl",
            "görüşmə",  # tr, az
            "вызвал",
            "вызван",
            "встреч",
            "совещан",
            "саммит",
            "переговор",  # ru
            "викликал",
            "зустріч",
            "нарад",
            "саміт",  # uk
            "نشست",
            "احضار",
            "دیدار",
            "اجتماع",
            "استدعاء",
            "قمة",  # fa, ar
            "wezwał",
            "spotkan",
            "szczyt",
            "rozmow",  # pl
            "bekérett",
            "találkoz",
            "csúcs",
            "tárgyal",  # hu
            "einbestellt",
            "treffen",
            "gipfel",
            "convoqu",
            "sommet",
            "réunion",
            "vertice",
            "incontr",
            "sastan",
            "samit",  # de, fr, it, sr/hr/bs
            "შეხვედრ",  # ka
        ),
    ),
)

# What a figure counts -> stems of the words that say so, in every language.
FIGURE_STEMS: dict[str, tuple[str, ...]] = {
    "killed": (
        "killed",
        "dead",
        "died",
        "deaths",
        "fatalit",
        "öldü",
        "hayatını kaybet",
        "can verdi",
        "həlak",
        "öldürül",
        "погиб",
        "убит",
        "загину",
        "загибл",
        "вбит",
        "کشته",
        "جان باخت",
        "قتل",
        "قتيل",
        "مقتل",
        "zginę",
        "zabit",
        "ofiar",
        "meghal",
        "halott",
        "áldozat",
        "getötet",
        "tote",
        "tués",
        "morts",
        "uccis",
        "mort",
        "poginul",
        "ubijen",
    ),
    "injured": (
        "injur",
        "wound",
        "hurt",
        "yaral",
        "yaralı",
        "ранен",
        "пострада",
        "поранен",
        "постражда",
        "زخمی",
        "مجروح",
        "جريح",
        "جرحى",
        "مصاب",
        "rann",
        "poszkodowan",
        "megsebesül",
        "sérül",
        "sebesül",
        "verletzt",
        "verwundet",
        "blessé",
        "ferit",
        "ranjen",
    ),
    "drones": (
        "drone",
        "uav",
        "unmanned aerial",
        "iha",
        "İha",
        "dron",
        "pua",
        "дрон",
        "беспилот",
        "бпла",
        "безпілот",
        "پهپاد",
        "مسيرة",
        "مسیره",
        "drón",
        "drohne",
    ),
    "missiles": (
        "missile",
        "rocket",
        "füze",
        "raket",
        "ракет",
        "موشک",
        "صاروخ",
        "صواريخ",
        "rakiet",
        "rakét",
        "rakete",
        "roquette",
        "missil",
    ),
}

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
        "один|одна|одного",
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
        "один|одна|одного",
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
        "واحد",
        "اثنان|اثنين",
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
        "jeden|jedna|jednego",
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
        "jedan|jedna",
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
        "ერთი",
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
    return [(stem_pattern(stems), kind, sub) for kind, sub, stems in EVENT_STEMS]


@cache
def number_words(language: str) -> dict[str, int]:
    """Lower-case spelled-out number of `language` -> its value (English when the language
    has no table)."""
    table = NUMBER_WORDS.get(language, NUMBER_WORDS["en"])
    return {
        form.casefold(): value
        for value, forms in enumerate(table, start=1)
        for form in forms.split("|")
    }


# Words that say the name beside them is a settlement or a district: "the village of X",
# "X köyü", "в селе X", "روستای X", "X district". A village only the local gazetteer knows is
# read beside one of them; a name beside one that nothing knows is kept unplaced.
SETTLEMENT_STEMS: tuple[str, ...] = (
    "village", "hamlet", "settlement", "district", "town of",
    "köy", "kasaba", "ilçe", "mahalle", "kənd", "qəsəbə", "rayon",
    "село", "селе", "сёл", "деревн", "посёл", "посел", "район", "селищ", "селі",
    "روستا", "منطقه", "شهرستان", "بخش", "دهستان", "قرية", "بلدة", "ناحية",
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
    "провинц", "област", "губерн",
    "استان", "محافظة", "ولاية",
    "województw", "prowincj", "megye", "megyé", "tartomány",
    "provinz", "provinc", "pokrajin", "მხარე",
)  # fmt: skip
ADMIN1_WORDS: frozenset[str] = frozenset(
    {"il", "ili", "iline", "ilinde", "ilindeki", "ilinin", "ilinden"}
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
# Verbs that report a statement: a place told after one, in the same clause ("..., the
# ministry in Baku said", "- podało MSZ w Baku"), is where the speaker is, not the event.
REPORT_STEMS: tuple[str, ...] = (
    "said", "says", "stated", "reported", "announced", "told", "according to",
    "açıkla", "bildir", "duyur", "söyle", "açıqla",
    "сообщ", "заяв", "передает", "передаёт", "повідом",
    "اعلام کرد", "گفت", "گزارش", "أعلن", "قال", "أفاد",
    "podał", "poinformował", "przekazał", "oświadczył", "közölte", "jelentette",
    "teilte", "erklärte", "sagte", "berichtete", "a déclaré", "a annoncé", "selon",
    "ha dichiarato", "ha annunciato", "secondo", "saopšt", "izjavi", "priopć", "განაცხად",
)  # fmt: skip
