"""Figures with their offsets, in several languages (geo.extract.figures)."""

from __future__ import annotations

import pytest

from geo.extract.figures import find_figures


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Four civilians were injured in the attack.", "en", [("injured", 4, "Four")]),
        ("Saldırıda 2 sivil yaralandı.", "tr", [("injured", 2, "2")]),
        ("В результате удара пострадали два человека.", "ru", [("injured", 2, "два")]),
        ("دو زخمی در منطقهٔ خودمختار نخجوان", "fa", [("injured", 2, "دو")]),
        ("W czwartek czworo cywilów zostało rannych.", "pl", [("injured", 4, "czworo")]),
        ("İran tarafından 4 İHA ile yapıldı.", "tr", [("drones", 4, "4")]),
        ("Between 3 and 5 drones crossed the border.", "en", [("drones", (3, 5), "3 and 5")]),
        ("Three people were killed.", "en", [("killed", 3, "Three")]),
    ],
)
def test_figures_are_found_with_their_offsets(
    text: str, language: str, expected: list[tuple[str, object, str]]
) -> None:
    found = find_figures(text, 0, len(text), language)
    assert [(f.name, f.value, text[f.start : f.end]) for f in found] == expected


def test_years_dates_and_uncounted_numbers_are_not_figures() -> None:
    text = "On 5 March 2026, 11 diplomats left; the 2026 budget grew."
    assert find_figures(text, 0, len(text), "en", [(3, 15)]) == []


def test_a_range_is_a_list_in_the_plain_form() -> None:
    text = "2-3 missiles"
    (figure,) = find_figures(text, 0, len(text), "en")
    assert figure.as_dict() == {"name": "missiles", "value": [2, 3], "start": 0, "end": 3}


# An article (or the "one" that serves as one) before a drone or missile word is a count of
# one in every language that has one; a numeral "one" in those that have none.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("A missile fell near the border.", "en", [("missiles", 1, "A")]),
        ("An Iranian drone hit the runway.", "en", [("drones", 1, "An")]),
        ("Un missile è caduto vicino al confine.", "it", [("missiles", 1, "Un")]),
        ("Una drone kamikaze ha colpito la pista.", "it", [("drones", 1, "Una")]),
        ("Une roquette est tombée près de la frontière.", "fr", [("missiles", 1, "Une")]),
        ("Eine Drohne traf die Landebahn.", "de", [("drones", 1, "Eine")]),
        ("Egy drón csapódott a kifutópályába.", "hu", [("drones", 1, "Egy")]),
        ("Sınıra bir füze düştü.", "tr", [("missiles", 1, "bir")]),
        ("Pista bir dron zərbə endirib.", "az", [("drones", 1, "bir")]),
        ("یک پهپاد به باند فرودگاه اصابت کرد.", "fa", [("drones", 1, "یک")]),
        ("ერთი დრონი აეროპორტს დაეჯახა.", "ka", [("drones", 1, "ერთი")]),
        ("ბაზას ერთ დრონს ესროლეს.", "ka", [("drones", 1, "ერთ")]),
        ("Одна ракета упала у границы.", "ru", [("missiles", 1, "Одна")]),
        ("Один беспилотник атаковал полосу.", "ru", [("drones", 1, "Один")]),
        ("Jeden dron uderzył w pas startowy.", "pl", [("drones", 1, "Jeden")]),
        ("Над границей сбили одну ракету.", "ru", [("missiles", 1, "одну")]),
        ("Над кордоном збили одну ракету.", "uk", [("missiles", 1, "одну")]),
        ("أسقطت طائرة مسيرة واحدة فوق الحدود.", "ar", [("drones", 1, "واحدة")]),
        ("Iznad granice oborili su jednu raketu.", "sr", [("missiles", 1, "jednu")]),
        ("A soldier was injured at the post.", "en", [("injured", 1, "A")]),
        ("Sınırda bir asker yaralandı.", "tr", [("injured", 1, "bir")]),
    ],
)
def test_an_article_before_what_is_counted_is_one(
    text: str, language: str, expected: list[tuple[str, object, str]]
) -> None:
    found = find_figures(text, 0, len(text), language)
    assert [(f.name, f.value, text[f.start : f.end]) for f in found] == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("A drone attack hit the depot.", "en", []),  # one attack: its drones are uncounted
        ("A statement said drones were seen.", "en", []),
        ("Eine Drohne griff ein Depot an.", "de", [("drones", 1, "Eine")]),  # not "ein Depot"
        ("Ein Drohnenangriff traf das Depot.", "de", []),
        ("Egy dróntámadás érte a raktárat.", "hu", []),
        ("Depoya bir İHA saldırısı düzenlendi.", "tr", []),
        ("A blast killed people at the depot.", "en", []),
        ("A car bomb killed three people.", "en", [("killed", 3, "three")]),
        ("Una bomba è esplosa al deposito.", "it", []),  # bombs are not counted
        ("A missile defence system was deployed.", "en", []),
        ("Un sistema missilistico è stato schierato.", "it", []),
        ("یک حمله پهپادی به انبار شد.", "fa", []),
    ],
)
def test_an_article_before_anything_else_is_no_figure(
    text: str, language: str, expected: list[tuple[str, object, str]]
) -> None:
    found = find_figures(text, 0, len(text), language)
    assert [(f.name, f.value, text[f.start : f.end]) for f in found] == expected
