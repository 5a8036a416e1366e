"""KML export for Google Earth and GIS tools, written by GDAL's LIBKML driver through pyogrio.

Why LIBKML: GDAL is already in the stack (pyogrio reads the borders), its LIBKML driver is
Google's reference KML library and writes what simplekml or fastkml would hand-assemble:
one folder per layer, a <name> and HTML <description> per placemark, <TimeSpan> from the date
window (so Google Earth's time slider filters incidents), per-feature styles from an OGR style
string, and every property as typed ExtendedData. No extra dependency.
"""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path
from xml.etree import ElementTree

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo import style as geo_style
from geo.export.errors import ExportError
from geo.export.records import (
    LIST_NAMES,
    as_text,
    plain,
    property_names,
    related_within,
)
from geo.periods import windows
from geo.render.popup import assemble, popup_columns

LAYER_FOLDERS: dict[str, str] = {
    "incident": "Incidents",
    "site": "Sites",
    "route": "Routes",
    "area": "Areas",
}
LIST_SEPARATOR = "; "
# The ExtendedData field holding the feature's id; its presence marks a KML this project
# wrote, whose fields `geo import` reads back as the properties they are (geo.import_drafts).
ID_FIELD = "feature_id"
# Field names the LIBKML driver turns into KML elements instead of ExtendedData; a property
# of that name is renamed so it is not silently used as one.
LIBKML_FIELDS = frozenset(
    {
        "description",
        "timestamp",
        "begin",
        "end",
        "altitudeMode",
        "tessellate",
        "extrude",
        "visibility",
        "drawOrder",
        "icon",
        "snippet",
        "OGR_STYLE",
    }
)


def kml_bytes(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> bytes:
    """The selection as one KML document (see kml_document)."""
    return kml_document(gdf, sources)[0]


def kml_document(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> tuple[bytes, list[str]]:
    """The selection as one KML document, a folder per layer in LAYER_FOLDERS order, and what
    the user should be told about it. A feature without a position is a Placemark without a
    geometry (KML allows it; viewers list it but cannot draw it). The document is well-formed
    XML whatever the text: LIBKML writes text holding `<`, `>` or `&` as CDATA and does not
    split a `]]>` inside it, so that sequence is passed through a placeholder and written as
    two CDATA sections; characters XML 1.0 cannot carry at all (control characters other
    than tab and line breaks) become U+FFFD, and the note counts them."""
    selection = related_within(gdf)
    texts = _XMLText()
    with tempfile.TemporaryDirectory(prefix="geo-kml-") as folder:
        path = Path(folder) / "export.kml"
        written = False
        layers = selection["layer"].astype(str)
        for layer, title in LAYER_FOLDERS.items():
            part = selection[(layers == layer).to_numpy()]
            if part.empty:
                continue
            pyogrio.write_dataframe(
                texts.frame(kml_frame(part, sources)),
                path,
                driver="LIBKML",
                layer=title,
                append=written,
            )
            written = True
        if not written:
            raise ExportError("the selection holds no feature of a known layer to write as KML")
        data = texts.restore(path.read_bytes())
    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError as error:  # a guard: the rules above should make this moot
        raise ExportError(f"the KML written is not well-formed XML ({error})") from None
    notes = []
    if texts.replaced:
        notes.append(
            f"{texts.replaced} text value(s) held control characters that XML cannot carry; "
            "they are written as U+FFFD (the GeoJSON and CSV exports keep them)"
        )
    return data, notes


# Characters XML 1.0 cannot hold in any form (§2.2): C0 controls but tab, LF and CR; lone
# surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CDATA_END = "]]>"
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)


class _XMLText:
    """Makes every text of a KML frame writable by LIBKML, then puts back what LIBKML would
    lose: `]]>` (LIBKML does not split it inside CDATA) and carriage returns (an XML reader
    turns a raw CR into a line feed; only `&#13;` keeps it). Each goes through a placeholder
    no text holds, replaced in the written bytes by what is right where it stands."""

    def __init__(self) -> None:
        stamp = uuid.uuid4().hex
        # placeholder: (its text, inside a CDATA section, outside one)
        self.tokens: dict[str, tuple[str, bytes, bytes]] = {
            _CDATA_END: (f"geo{stamp}cdataend", b"]]]]><![CDATA[>", b"]]&gt;"),
            "\r": (f"geo{stamp}cr", b"]]>&#13;<![CDATA[", b"&#13;"),
        }
        self.replaced = 0

    def frame(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        for column in frame.columns:
            if column != frame.geometry.name:
                frame[column] = [self._safe(value) for value in frame[column].tolist()]
        return frame

    def _safe(self, value: object) -> object:
        if not isinstance(value, str):
            return value
        text, count = _NOT_XML.subn("\ufffd", value)
        self.replaced += bool(count)
        for original, (token, _, _) in self.tokens.items():
            text = text.replace(original, token)
        return text

    def restore(self, data: bytes) -> bytes:
        for token, inside, outside in self.tokens.values():
            mark = token.encode()
            if mark in data:
                data = _CDATA.sub(lambda m, a=mark, b=inside: m.group(0).replace(a, b), data)
                data = data.replace(mark, outside)
        return data


def kml_frame(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> gpd.GeoDataFrame:
    """The columns LIBKML reads: name, description, begin/end, OGR_STYLE, then the
    properties as text (lists joined with '; '), the feature id first."""
    popups = popup_columns(gdf, sources)
    description = [assemble(popups, row) for row in range(len(gdf))]
    starts, ends = windows(gdf)
    columns: dict[str, object] = {
        "name": gdf["name"].astype("string").fillna("").to_numpy(dtype=object),
        "description": description,
        "begin": starts.dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=object),
        "end": ends.dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=object),
        "OGR_STYLE": _ogr_styles(gdf),
        ID_FIELD: gdf["id"].astype(str).to_numpy(dtype=object),
    }
    for name in property_names(gdf):
        if name == "name" or name not in gdf.columns:
            continue
        field = f"{name}_" if name in LIBKML_FIELDS else name
        columns[field] = [_text(value, name) for value in gdf[name].tolist()]
    # An empty geometry (MultiPoint [], POINT EMPTY) is no position, as null is: a placemark
    # without geometry (GDAL cannot write an empty point).
    shapes = gdf.geometry.to_numpy()
    shapes = np.where(shapely.is_empty(shapes), None, shapes)
    return gpd.GeoDataFrame(columns, geometry=shapes, crs="EPSG:4326")


def _text(value: object, name: str) -> str | None:
    """A property as KML text (geo.export.records.as_text); None (no SimpleData) when unknown
    (the loader's [] for an absent list property of the schema is unknown too)."""
    return None if plain(value) == [] and name in LIST_NAMES else as_text(value, LIST_SEPARATOR)


def _kml_colour(color: str, opacity: float) -> str:
    """'#rrggbb' and an opacity as OGR's '#RRGGBBAA'."""
    alpha = round(min(max(opacity, 0.0), 1.0) * 255)
    return f"{color.upper()}{alpha:02X}"


def _ogr_styles(gdf: gpd.GeoDataFrame) -> list[str]:
    codes, styles = geo_style.style_codes(gdf)
    kinds = gdf.geometry.geom_type.to_numpy()
    texts = []
    for code, kind in zip(codes, kinds, strict=True):
        feature_style = styles[code]
        pen = (
            f"PEN(c:{_kml_colour(feature_style.color, feature_style.stroke_opacity)},"
            f"w:{feature_style.stroke_width:g}px)"
        )
        if kind in ("Point", "MultiPoint"):
            # A SYMBOL needs an icon URL (and crashes GDAL 3.x's LIBKML without one); the
            # label takes the feature's colour and the viewer keeps its own icon.
            texts.append(f"LABEL(c:{_kml_colour(feature_style.color, 1.0)})")
        elif kind in ("LineString", "MultiLineString"):
            texts.append(pen)
        else:
            brush = f"BRUSH(fc:{_kml_colour(feature_style.fill_color, feature_style.fill_opacity)})"
            texts.append(f"{brush};{pen}")
    return texts
