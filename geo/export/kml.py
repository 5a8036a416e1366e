"""KML export for Google Earth and GIS tools, written by GDAL's LIBKML driver through pyogrio.

Why LIBKML: GDAL is already in the stack (pyogrio reads the borders), its LIBKML driver is
Google's reference KML library and writes what simplekml or fastkml would hand-assemble:
one folder per layer, a <name> and HTML <description> per placemark, <TimeSpan> from the date
window (so Google Earth's time slider filters incidents), per-feature styles from an OGR style
string, and every property as typed ExtendedData. No extra dependency.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo import style as geo_style
from geo.export.errors import ExportError
from geo.export.records import plain, property_names, related_within
from geo.periods import windows
from geo.render.popup import assemble, popup_columns

LAYER_FOLDERS: dict[str, str] = {
    "incident": "Incidents",
    "site": "Sites",
    "route": "Routes",
    "area": "Areas",
}
LIST_SEPARATOR = "; "
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
    """The selection as one KML document, a folder per layer in LAYER_FOLDERS order."""
    placed = related_within(gdf[(gdf.geometry.notna() & ~gdf.geometry.is_empty).to_numpy()])
    with tempfile.TemporaryDirectory(prefix="geo-kml-") as folder:
        path = Path(folder) / "export.kml"
        written = False
        layers = placed["layer"].astype(str)
        for layer, title in LAYER_FOLDERS.items():
            part = placed[(layers == layer).to_numpy()]
            if part.empty:
                continue
            pyogrio.write_dataframe(
                kml_frame(part, sources), path, driver="LIBKML", layer=title, append=written
            )
            written = True
        if not written:
            raise ExportError("none of the selected features has a position to write as KML")
        return path.read_bytes()


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
        "feature_id": gdf["id"].astype(str).to_numpy(dtype=object),
    }
    for name in property_names(gdf):
        if name == "name" or name not in gdf.columns:
            continue
        field = f"{name}_" if name in LIBKML_FIELDS else name
        columns[field] = [_text(value) for value in gdf[name].tolist()]
    return gpd.GeoDataFrame(columns, geometry=gdf.geometry.to_numpy(), crs="EPSG:4326")


def _text(value: object) -> str | None:
    """A property as KML text; None (no SimpleData written) when unknown."""
    value = plain(value)
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


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
