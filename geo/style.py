"""The one style table: how every feature looks, on the interactive map and on static exports.

A feature's look is composed from three parts, so each concern is decided in one place:

- the *base* by layer: incidents by ACLED `event_type` (colour and marker shape), sites by
  `kind` (colour and a Font Awesome icon), routes and areas by `kind` (colour, line, fill);
- the *claim status* of incidents: confirmed is solid, claimed lighter, disputed and
  unverified hollow with a dashed or dotted outline, so a denied claim never looks settled;
- the *location precision* (`geo_precision` 2 or 3): a dashed outline, and a halo of
  `uncertainty_km` when known;
- the *review* state: a draft (`review` "draft", proposed by `geo extract`) keeps its shape
  but is drawn in one colour no reviewed feature uses, with a dashed outline, so a proposal
  is never mistaken for reviewed data.

Public API (renderer-neutral; Leaflet and matplotlib both read it):

    style_for(row) -> FeatureStyle          one feature (any mapping with the properties)
    style_codes(gdf) -> (codes, styles)     vectorised: one style index per row
    legend_entries(gdf) -> list[LegendEntry]  what the features present need explained

Sizes are CSS pixels on the web map (points on static maps: multiply by 0.75). Dash patterns
are on/off lengths in the same unit, so `",".join(map(str, dash))` is a Leaflet dashArray and
`(0, dash)` a matplotlib linestyle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

# Marker shapes both renderers can draw; the matplotlib marker code of each.
MPL_MARKERS: dict[str, str] = {
    "circle": "o",
    "square": "s",
    "triangle": "^",
    "triangle_down": "v",
    "diamond": "D",
    "pentagon": "p",
    "hexagon": "h",
    "star": "*",
}

UNKNOWN_COLOR = "#737373"
OTHER_TYPE_LABEL = "Other type"  # incidents whose event_type is not one of ACLED's six


@dataclass(frozen=True)
class HaloStyle:
    """How the uncertainty ring around a point is drawn, on every face (web map, static map,
    both legends): a translucent fill and a dashed outline in the feature's colour."""

    fill_opacity: float = 0.12
    stroke_opacity: float = 0.9
    width_px: float = 1.5
    dash: tuple[float, float] = (5.0, 4.0)  # px on, px off
    min_radius: float = 0.9  # in marker diameters: a ring never hides inside its marker
    unknown_radius: float = 1.0  # in marker diameters, when uncertainty_km is unknown

    @property
    def dash_array(self) -> str:
        return ",".join(f"{d:g}" for d in self.dash)


HALO = HaloStyle()


@dataclass(frozen=True)
class FeatureStyle:
    """How one feature is drawn. Point features use `marker` (incidents) or `icon` (sites);
    lines and polygons use the stroke and fill fields."""

    color: str  # stroke colour, and the icon colour of sites
    fill_color: str
    fill_opacity: float  # 0 is hollow
    stroke_width: float = 1.5
    stroke_opacity: float = 1.0
    dash: tuple[float, ...] | None = None  # None is a solid line
    marker: str = "circle"  # a key of MPL_MARKERS; for incidents
    size: float = 10.0  # marker diameter in px
    icon: str | None = None  # Font Awesome 6 solid icon name, for sites
    icon_codepoint: str | None = None  # the glyph in fa-solid-900.ttf, e.g. "\uf072"
    arrows: bool = False  # arrowheads along the line (reported flight paths)
    halo: bool = False  # draw the uncertainty radius (uncertainty_km) around the point

    @property
    def mpl_marker(self) -> str:
        return MPL_MARKERS[self.marker]

    @property
    def dash_array(self) -> str | None:
        """The Leaflet / SVG `dashArray` string, or None when solid."""
        return ",".join(f"{d:g}" for d in self.dash) if self.dash else None


@dataclass(frozen=True)
class LegendEntry:
    group: str  # "Incident type", "Claim status", "Location precision", "Sites", ...
    label: str
    layer: str  # the layer whose geometry the swatch imitates
    style: FeatureStyle


# --- Base styles -----------------------------------------------------------------------------

# ACLED event types: colour-blind-aware hues, and a distinct shape per type so that the type
# still reads in greyscale print.
EVENT_TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Explosions/Remote violence": ("#d7301f", "triangle"),
    "Battles": ("#7b3294", "square"),
    "Violence against civilians": ("#c51b7d", "diamond"),
    "Protests": ("#2c7bb6", "circle"),
    "Riots": ("#e08214", "triangle_down"),
    "Strategic developments": ("#1a9850", "pentagon"),
}

# Site kinds: a Font Awesome 6 (free, solid) icon and its code point.
SITE_ICONS: dict[str, tuple[str, str]] = {
    "airport": ("plane", "\uf072"),
    "air_base": ("jet-fighter", "\uf0fb"),
    "military_base": ("shield-halved", "\uf3ed"),
    "oil_terminal": ("oil-well", "\ue532"),
    "port": ("anchor", "\uf13d"),
    "embassy": ("flag", "\uf024"),
    "consulate": ("flag", "\uf024"),
    "school": ("school", "\uf549"),
    "government": ("landmark", "\uf66f"),
    "religious_site": ("place-of-worship", "\uf67f"),
    "city": ("city", "\uf64f"),
    "other": ("location-dot", "\uf3c5"),
}
SITE_COLOR = "#253494"

ROUTE_STYLES: dict[str, FeatureStyle] = {
    "pipeline": FeatureStyle("#8c510a", "#8c510a", 0.0, stroke_width=4.0),
    "flight_path": FeatureStyle(
        "#1f78b4", "#1f78b4", 0.0, stroke_width=2.5, dash=(8.0, 6.0), arrows=True
    ),
}
AREA_STYLES: dict[str, FeatureStyle] = {
    "province": FeatureStyle("#b35806", "#fdb863", 0.25, stroke_width=1.5),
    "autonomous_republic": FeatureStyle("#b35806", "#fdb863", 0.25, stroke_width=1.5),
    "country": FeatureStyle("#542788", "#b2abd2", 0.2, stroke_width=1.5),
    "sea": FeatureStyle("#2166ac", "#92c5de", 0.25, stroke_width=1.0),
    "region": FeatureStyle("#01665e", "#80cdc1", 0.25, stroke_width=1.5),
}

# Border lines of the basemap (not features; the static maps draw them the same way).
COUNTRY_BORDER = FeatureStyle("#4d4d4d", "#f7f7f7", 0.0, stroke_width=1.2)
PROVINCE_BORDER = FeatureStyle("#969696", "#f7f7f7", 0.0, stroke_width=0.6, dash=(2.0, 3.0))

# --- Modifiers -------------------------------------------------------------------------------

CLAIM_STATUS_LABELS: dict[str, str] = {
    "confirmed": "Confirmed: solid",
    "claimed": "Claimed by one party: light fill",
    "disputed": "Disputed (denied): hollow, dashed",
    "unverified": "Unverified: hollow, dotted",
}
DRAFT_COLOR = "#e600e6"  # vivid magenta: no base style uses it (nor anything near it)
DRAFT_DASH = (4.0, 2.0)
DRAFT_LABEL = "Draft (not reviewed)"
PRECISION_LABELS: dict[int, str] = {
    2: "Near the place: dashed ring, radius if known",
    3: "Only the region known: dashed ring, radius if known",
}


def _with_claim_status(style: FeatureStyle, claim_status: str | None) -> FeatureStyle:
    if claim_status == "claimed":
        return replace(style, fill_opacity=0.45)
    if claim_status == "disputed":
        return replace(
            style, fill_color="#ffffff", fill_opacity=0.9, dash=(4.0, 3.0), stroke_width=2.5
        )
    if claim_status == "unverified":
        return replace(
            style, fill_color="#ffffff", fill_opacity=0.9, dash=(1.0, 3.0), stroke_width=2.5
        )
    return style  # confirmed, or unknown: as the base


def _with_precision(style: FeatureStyle, geo_precision: int | None, layer: str) -> FeatureStyle:
    if geo_precision not in (2, 3):
        return style
    if layer in ("incident", "site"):
        # The halo carries the dashed ring; the marker keeps its claim-status look.
        return replace(style, halo=True)
    return replace(style, dash=style.dash or (6.0, 4.0))


def _as_draft(style: FeatureStyle, layer: str) -> FeatureStyle:
    """The draft look: shape, icon and size kept; colour, outline and fill made uniform."""
    if layer == "site":  # the icon and its square's border take the colour
        return replace(style, color=DRAFT_COLOR, dash=DRAFT_DASH, stroke_width=2.0)
    if layer in ("route", "area"):
        return replace(
            style,
            color=DRAFT_COLOR,
            fill_color=DRAFT_COLOR,
            fill_opacity=min(style.fill_opacity, 0.1),
            dash=DRAFT_DASH,
            stroke_width=max(style.stroke_width, 2.0),
        )
    return replace(
        style,
        color=DRAFT_COLOR,
        fill_color=DRAFT_COLOR,
        fill_opacity=0.45,
        dash=DRAFT_DASH,
        stroke_width=2.0,
        size=style.size + 2.0,  # a little larger: dashes on a small marker read as noise
    )


def _clean(value: object) -> object:
    """None for pandas' missing markers, so that lookups treat them alike."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def _base(layer: str | None, event_type: str | None, kind: str | None) -> FeatureStyle:
    if layer == "incident":
        color, marker = EVENT_TYPE_STYLES.get(event_type or "", (UNKNOWN_COLOR, "circle"))
        return FeatureStyle(color, color, 0.9, stroke_width=1.5, marker=marker, size=12.0)
    if layer == "site":
        icon, codepoint = SITE_ICONS.get(kind or "", SITE_ICONS["other"])
        return FeatureStyle(
            SITE_COLOR,
            "#ffffff",
            0.9,
            marker="square",
            size=22.0,
            icon=icon,
            icon_codepoint=codepoint,
        )
    if layer == "route":
        return ROUTE_STYLES.get(kind or "", FeatureStyle(UNKNOWN_COLOR, UNKNOWN_COLOR, 0.0, 3.0))
    if layer == "area":
        return AREA_STYLES.get(kind or "", FeatureStyle(UNKNOWN_COLOR, "#bdbdbd", 0.2))
    return FeatureStyle(UNKNOWN_COLOR, UNKNOWN_COLOR, 0.6)


def _compose(
    layer: object,
    event_type: object,
    kind: object,
    claim_status: object,
    geo_precision: object,
    review: object = None,
) -> FeatureStyle:
    layer_name = str(layer) if layer is not None else ""
    style = _base(layer_name, _str_or_none(event_type), _str_or_none(kind))
    if layer_name == "incident":
        style = _with_claim_status(style, _str_or_none(claim_status))
    if review == "draft":
        style = _as_draft(style, layer_name)
    precision = int(float(str(geo_precision))) if geo_precision is not None else None
    return _with_precision(style, precision, layer_name)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


STYLE_KEYS: tuple[str, ...] = (
    "layer",
    "event_type",
    "kind",
    "claim_status",
    "geo_precision",
    "review",
)


def style_for(row: Mapping[str, object]) -> FeatureStyle:
    """The style of one feature, from its properties (missing keys count as unknown)."""
    return _compose(*(_clean(row.get(key)) for key in STYLE_KEYS))


def combination_codes(
    parts: list[tuple[np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised helper: given (codes, distinct values) per column as `pd.factorize` returns
    them (-1 for missing), one code per distinct combination of the columns, in order of first
    appearance, and the first row holding each combination."""
    key = np.zeros(len(parts[0][0]), dtype=np.int64)
    for codes, uniques in parts:
        key = pd.factorize(key * (len(uniques) + 1) + (codes + 1))[0].astype(np.int64)
    count = int(key.max()) + 1 if len(key) else 0
    first = np.zeros(count, dtype=np.int64)
    first[key[::-1]] = np.arange(len(key))[::-1]
    return key, first


def style_codes(gdf: pd.DataFrame) -> tuple[np.ndarray, list[FeatureStyle]]:
    """One index per row into a list of distinct styles (vectorised: composes each distinct
    combination of the style-relevant properties once)."""
    parts = []
    for key in STYLE_KEYS:
        if key in gdf:
            codes, uniques = pd.factorize(gdf[key], use_na_sentinel=True)
            parts.append((np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)))
        else:
            parts.append((np.full(len(gdf), -1, dtype=np.int64), np.zeros(0, dtype=object)))
    codes, first = combination_codes(parts)
    styles = [
        _compose(*(_clean(uniques[c[row]]) if c[row] >= 0 else None for c, uniques in parts))
        for row in first
    ]
    return codes.astype(np.int32), styles


def legend_entries(gdf: pd.DataFrame) -> list[LegendEntry]:
    """Legend rows for what `gdf` contains, grouped and in a stable order: drafts (when any
    feature is one), incident types, claim statuses, location precision, site kinds, route
    kinds, area kinds."""
    entries: list[LegendEntry] = []
    if "review" in gdf and (gdf["review"] == "draft").fillna(False).to_numpy(dtype=bool).any():
        entries.append(
            LegendEntry(
                "Review",
                DRAFT_LABEL,
                "incident",
                _compose("incident", "", None, None, None, "draft"),
            )
        )

    def present(column: str, layer: str) -> set[str]:
        if column not in gdf or "layer" not in gdf:
            return set()
        mask = (gdf["layer"] == layer).fillna(False).to_numpy(dtype=bool)
        return {str(v) for v in pd.unique(gdf.loc[mask, column].dropna())}

    types = present("event_type", "incident")
    for event_type in EVENT_TYPE_STYLES:
        if event_type in types:
            entries.append(
                LegendEntry(
                    "Incident type",
                    event_type,
                    "incident",
                    _compose("incident", event_type, None, None, None),
                )
            )
    if types - set(EVENT_TYPE_STYLES):
        entries.append(
            LegendEntry(
                "Incident type",
                OTHER_TYPE_LABEL,
                "incident",
                _compose("incident", None, None, None, None),
            )
        )
    statuses = present("claim_status", "incident")
    for status, label in CLAIM_STATUS_LABELS.items():
        if status in statuses:
            entries.append(
                LegendEntry(
                    "Claim status", label, "incident", _compose("incident", "", None, status, None)
                )
            )
    precisions = set()
    if "geo_precision" in gdf:
        precisions = set(pd.to_numeric(gdf["geo_precision"], errors="coerce").dropna().astype(int))
    for precision, label in PRECISION_LABELS.items():
        if precision in precisions:
            entries.append(
                LegendEntry(
                    "Location precision",
                    label,
                    "incident",
                    _compose("incident", "", None, None, precision),
                )
            )
    for group, layer, table in (
        ("Sites", "site", SITE_ICONS),
        ("Routes", "route", ROUTE_STYLES),
        ("Areas", "area", AREA_STYLES),
    ):
        kinds = present("kind", layer)
        for kind in table:
            if kind in kinds:
                entries.append(
                    LegendEntry(
                        group,
                        kind.replace("_", " ").capitalize(),
                        layer,
                        _compose(layer, None, kind, None, None),
                    )
                )
        if kinds - set(table):
            entries.append(
                LegendEntry(group, "Other", layer, _compose(layer, None, None, None, None))
            )
    return entries
