"""Report maps in every script the region writes: right-to-left names kept whole in their
lines, labels and titles as text in the SVG, and characters the font lacks replaced and
counted instead of printed as boxes with a warning."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from geo.export import export
from geo.export.captions import source_lines, title
from geo.export.options import ExportOptions
from geo.export.text import FSI, PDI, REPLACEMENT, Glyphs, isolate, wrap
from geo.load import incidents_frame
from geo.view import View

from .conftest import incident

SMALL = ExportOptions(width_in=8.0, height_in=5.5, dpi=80)

# (script, a place name, a source title) as the region's outlets write them.
SCRIPTS = [
    ("Persian", "نخجوان", "رسانه‌ها: پهپادهایی که به نخجوان اصابت کرد"),
    ("Arabic", "نخجوان", "مسيرات فوق الحدود"),
    ("Hebrew", "נחצ'יוואן", "רחפנים מעל הגבול"),
    ("Armenian", "Նախիջևան", "Անօդաչու թռչող սարքեր"),
    ("Georgian", "ნახჭევანი", "დრონები საზღვარზე"),
]
RTL = {"Persian", "Arabic", "Hebrew"}


def selection(place: str, headline: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    features = [
        incident(f"inc-{n}", 45.458, 39.189, location=place, sources=["src-1"]) for n in range(3)
    ]
    features.append(incident("inc-far", 46.5, 40.0, location="Ganja", sources=["src-2"]))
    gdf = incidents_frame({"type": "FeatureCollection", "features": features})
    sources = pd.DataFrame(
        {
            "outlet": ["Outlet One", "Outlet Two"],
            "title": [headline, "Plain title"],
            "published": pd.to_datetime(["2026-03-06", "2026-03-07"]),
            "published_precision": [1, 1],
        },
        index=pd.Index(["src-1", "src-2"], name="id"),
    )
    return gdf, sources


@pytest.mark.parametrize(("script", "place", "headline"), SCRIPTS)
def test_a_source_line_keeps_its_date_after_the_title(script, place, headline):
    gdf, sources = selection(place, headline)
    line = source_lines(gdf, sources)[0]
    if script in RTL:
        # The title is an isolate: the quote, comma and date stay outside its run.
        assert line == f"Outlet One, “{FSI}{headline}{PDI}”, 6 Mar 2026"
    else:
        assert line == f"Outlet One, “{headline}”, 6 Mar 2026"


@pytest.mark.parametrize(("script", "place", "headline"), SCRIPTS)
def test_the_svg_keeps_names_titles_and_labels_as_text(script, place, headline):
    gdf, sources = selection(place, headline)
    view = View(countries=frozenset({"Azerbaijan"}))
    svg = export("svg", gdf, sources, view, SMALL).data
    root = ET.fromstring(svg)
    texts = ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]
    flat = " ".join(texts)
    assert f"{isolate(place)} (3" in flat  # the label, with what it counts
    assert headline in flat
    assert "Incidents in Azerbaijan" in texts


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_a_name_in_a_script_the_font_lacks_is_replaced_and_counted(fmt):
    gdf, sources = selection("边境", "边境无人机")  # Chinese: no glyph in DejaVu Sans
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph ... missing" would fail here
        exported = export(fmt, gdf, sources, View(), SMALL)
    notes = [note for note in exported.notes if "cannot be drawn" in note]
    if fmt == "svg":
        assert notes == []  # the viewer draws them with its own fonts
        assert "边境无人机" in exported.data.decode("utf-8")
    else:
        assert len(notes) == 1 and notes[0].startswith("7 characters of the text")


def test_glyphs_keep_every_script_dejavu_draws_and_the_marks_of_layout():
    glyphs = Glyphs()
    for _, place, headline in SCRIPTS:
        assert glyphs(f"{isolate(place)} {headline}\n") == f"{isolate(place)} {headline}\n"
        assert glyphs(headline, bold=True) == headline
    assert glyphs.replaced == 0
    assert glyphs("Qazax 边境") == f"Qazax {REPLACEMENT * 2}" and glyphs.replaced == 2
    svg = Glyphs(replace=False)
    assert svg("Qazax 边境\x08") == f"Qazax 边境{REPLACEMENT}" and svg.replaced == 1


def test_a_line_break_inside_an_isolate_closes_and_reopens_it():
    text = f"Outlet, “{isolate('رسانه‌ها: پهپادهایی که به نخجوان اصابت کرد ساخت آذربایجان')}”, 6 Mar"
    lines = wrap(text, 30)
    assert len(lines) >= 3
    for line in lines:
        assert line.count(FSI) == line.count(PDI)
    assert lines[-1].endswith("”, 6 Mar")

    def bare(line: str) -> str:
        return line.replace(FSI, "").replace(PDI, "")

    assert " ".join(bare(line) for line in lines) == bare(text)


def test_a_country_in_a_right_to_left_script_is_isolated_in_the_title():
    gdf, _ = selection("x", "y")
    view = View(countries=frozenset({"ایران", "Azerbaijan"}))
    assert title(gdf, view) == f"Incidents in Azerbaijan and {FSI}ایران{PDI}"
