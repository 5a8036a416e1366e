"""The interactive map: a folium.Map whose features come from one compact payload drawn by
geo_map.js (canvas for incidents, Font Awesome icons for sites, paths for routes and areas),
with a layer control, legend, scale bar and full-screen button, all served offline.

Building it costs one vectorised pass over the frame plus one JSON dump, so 100,000
incidents build in well under a second (see bench/map_bench.py).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from typing import Literal

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo import style as style_table
from geo.render import assets, payload
from geo.render.popup import COMPACT_ROWS, escape
from geo.style import HALO

Basemap = Literal["offline", "none", "osm", "local"]
BorderLayer = tuple[gpd.GeoDataFrame, style_table.FeatureStyle]

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
BORDERS_ATTRIBUTION = "Borders: Natural Earth"
DEFAULT_VIEW = ((38.5, 47.0), 5)  # Iran, Azerbaijan and Türkiye, when there is nothing to fit
BORDER_TOLERANCE_DEG = 0.005  # simplification of basemap borders (about 500 m)

FIT_MAX_ZOOM = 10  # the opening fit zooms no closer, even to a single feature


class FeatureLayers(MacroElement):
    """Mounts the payload and the map's controls (a folium element, so that folium and
    streamlit-folium render it like any other)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  {% if this.fill_frame %}GeoMap.fillFrame(map);{% endif %}
  // The controls first: the opening fit keeps the features clear of them.
  new GeoMap.FullscreenControl().addTo(map);
  GeoMap.wheelAfterClick(map);
  map.attributionControl.addAttribution({{ this.borders_attr }});
  new GeoMap.LegendControl({html: {{ this.legend }}}).addTo(map);
  var kind = {{ this.basemap }}, local = {{ this.local }}, make = null;
  if ((kind === "local" || kind === "offline") && local) GeoBasemap.addControls(map, local);
  {% if this.bounds %}GeoMap.fit(map, {{ this.bounds }}, {{ this.max_zoom }});{% endif %}
  GeoMap.mount(map, {{ this.payload_text }}, {compactRows: {{ this.compact_rows }}});
  // The basemap is chosen in one place, the page (or the export's options): no layer control.
  // It is made and added once the features are drawn (or after 1.5 s): decoding an inlined
  // archive and painting its tiles on the page's one thread would hold up the first picture.
  if (kind === "osm") {
    make = function () {
      var tiles = L.tileLayer({{ this.osm_url }}, {maxZoom: 19, attribution: {{ this.osm_attr }}});
      GeoMap.reportTileErrors(map, tiles, "OpenStreetMap");
      return tiles;
    };
  } else if ((kind === "local" || kind === "offline") && local) {
    make = function () { return GeoBasemap.layer(local); };
  }
  // data-geo-basemap-ready (ms from navigation start) says when the basemap's first tiles of
  // the view are painted: what a screenshot or a check of the whole picture waits for.
  var basemapPainted = function () {
    var ms = String(Math.round(performance.now()));
    map.getContainer().setAttribute("data-geo-basemap-ready", ms);
  };
  if (make) {
    var addBasemap = function () {
      if (!make) return;
      var layer = make();
      make = null;
      layer.once("load", basemapPainted);
      layer.addTo(map);
    };
    map.once("geoready", addBasemap);
    setTimeout(addBasemap, 1500);
  } else {
    map.once("geoready", basemapPainted);  // the borders are drawn with the features
  }
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        payload_text: str,
        legend_html: str,
        basemap: Basemap,
        bounds: tuple[float, float, float, float] | None = None,
        fill_frame: bool = False,
        local: dict | None = None,
    ) -> None:
        """`bounds` (west, south, east, north), when given, is fitted in the browser, into the
        space the map has there; `fill_frame` makes the map as tall as its frame (the app),
        whose popups are compact (popup.COMPACT_ROWS): its details panel shows the rest."""
        super().__init__()
        self._name = "FeatureLayers"
        self.local = json.dumps(local)
        self.payload_text = json.dumps(payload_text)
        self.legend = json.dumps(legend_html)
        self.basemap = json.dumps(basemap)
        self.osm_url = json.dumps(OSM_TILES)
        self.osm_attr = json.dumps(OSM_ATTRIBUTION)
        self.borders_attr = json.dumps(BORDERS_ATTRIBUTION)
        self.max_zoom = FIT_MAX_ZOOM
        self.fill_frame = fill_frame
        self.compact_rows = json.dumps(list(COMPACT_ROWS) if fill_frame else None)
        self.bounds = None
        if bounds is not None:
            west, south, east, north = bounds
            self.bounds = json.dumps([[south, west], [north, east]])

    def render(self, **kwargs: object) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the map, not the layer alone"
        script = self._template.module.script(self, kwargs)
        figure.script.add_child(_RawScript(script), name=self.get_name())


class _RawScript(Element):
    """Script text added to the page as is: branca's Element would compile it as a Jinja
    template (0.3 s for a 100,000-feature payload, and Jinja syntax would be live in it)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


def _swatch(entry: style_table.LegendEntry) -> str:
    """A small SVG (or icon box) that looks like the feature on the map."""
    s = entry.style
    dash = f' stroke-dasharray="{s.dash_array}"' if s.dash_array else ""
    if entry.layer == "site":
        return (
            f'<div class="geo-site" style="width:18px;height:18px;font-size:10px;color:{s.color};'
            f'border-color:{s.color}"><i class="fa-solid fa-{s.icon}"></i></div>'
        )
    if entry.layer == "route":
        return (
            f'<svg width="22" height="12"><line x1="1" y1="6" x2="21" y2="6" stroke="{s.color}" '
            f'stroke-width="{s.stroke_width}"{dash}/></svg>'
        )
    if entry.layer == "area":
        return (
            f'<svg width="22" height="14"><rect x="1" y="1" width="20" height="12" '
            f'fill="{s.fill_color}" fill-opacity="{s.fill_opacity}" stroke="{s.color}"{dash}/>'
            "</svg>"
        )
    halo = (
        f'<circle cx="11" cy="11" r="9.5" fill="#888" fill-opacity="{HALO.fill_opacity}" '
        f'stroke="#555" stroke-opacity="{HALO.stroke_opacity}" '
        f'stroke-dasharray="{HALO.dash_array}"/>'
        if s.halo
        else ""
    )
    return (
        f'<svg width="22" height="22">{halo}<path d="{_marker_path(s.marker, 11, 11, 5.5)}" '
        f'fill="{s.fill_color}" fill-opacity="{s.fill_opacity}" stroke="{s.color}" '
        f'stroke-width="{min(s.stroke_width, 2)}"{dash}/></svg>'
    )


def _marker_path(shape: str, x: float, y: float, r: float) -> str:
    """SVG path data of a marker shape; the same geometry geo_map.js draws on canvas."""
    if shape == "circle":
        return f"M{x - r},{y} a{r},{r} 0 1,0 {2 * r},0 a{r},{r} 0 1,0 {-2 * r},0"
    if shape == "square":
        q = r * 0.85
        return f"M{x - q},{y - q} h{2 * q} v{2 * q} h{-2 * q} Z"
    if shape == "diamond":
        return f"M{x},{y - r} L{x + r},{y} L{x},{y + r} L{x - r},{y} Z"
    if shape == "star":
        points = [
            (
                x + (r if k % 2 == 0 else r * 0.45) * math.cos(-math.pi / 2 + k * math.pi / 5),
                y + (r if k % 2 == 0 else r * 0.45) * math.sin(-math.pi / 2 + k * math.pi / 5),
            )
            for k in range(10)
        ]
    else:
        sides = {"triangle": 3, "triangle_down": 3, "pentagon": 5, "hexagon": 6}.get(shape, 12)
        start = math.pi / 2 if shape == "triangle_down" else -math.pi / 2
        points = [
            (
                x + r * math.cos(start + 2 * k * math.pi / sides),
                y + r * math.sin(start + 2 * k * math.pi / sides),
            )
            for k in range(sides)
        ]
    return "M" + " L".join(f"{px:.2f},{py:.2f}" for px, py in points) + " Z"


def legend_html(gdf: pd.DataFrame) -> str:
    """The legend box's HTML for what `gdf` contains (labels escaped)."""
    parts: list[str] = []
    group = None
    for entry in style_table.legend_entries(gdf):
        if entry.group != group:
            group = entry.group
            parts.append(f'<div class="geo-legend-group">{escape(group)}</div>')
        parts.append(
            f'<div class="geo-legend-row">{_swatch(entry)}<span>{escape(entry.label)}</span></div>'
        )
    body = "".join(parts) or "<i>Nothing to show</i>"
    return body


def border_layers(
    countries: gpd.GeoDataFrame,
    provinces: gpd.GeoDataFrame | None,
    around: tuple[float, float, float, float],
    margin_deg: float = 8.0,
) -> list[BorderLayer]:
    """Country (and province) outlines near `around` (west, south, east, north), simplified
    for the web map: the basemap when no tiles are loaded."""
    west, south, east, north = around
    window = (west - margin_deg, south - margin_deg, east + margin_deg, north + margin_deg)
    near = countries.cx[window[0] : window[2], window[1] : window[3]]
    layers: list[BorderLayer] = [
        (_outline(near), style_table.COUNTRY_BORDER),
    ]
    if provinces is not None and len(near):
        wanted = set(near["iso_a2"].astype(str))
        inside = provinces[provinces["country_iso_a2"].astype(str).isin(wanted)]
        layers.insert(0, (_outline(inside), style_table.PROVINCE_BORDER))
    return layers


def _outline(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    simplified = frame.geometry.simplify(BORDER_TOLERANCE_DEG, preserve_topology=True)
    return gpd.GeoDataFrame(geometry=simplified.boundary, crs=frame.crs)


class MapMessage(MacroElement):
    """A sentence written over the middle of the map (the map holds nothing to cover then):
    what a filter that matches nothing hid."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var note = L.DomUtil.create("div", "geo-map-message", map.getContainer());
  note.setAttribute("role", "status");
  note.textContent = {{ this.text }};
  note.style.cssText = "position:absolute;left:50%;top:40%;transform:translate(-50%,-50%);" +
    "z-index:1000;max-width:80%;padding:10px 14px;background:rgba(255,255,255,.95);" +
    "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:14px/1.4 system-ui,sans-serif;" +
    "text-align:center;pointer-events:none";
})();
{% endmacro %}
"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "MapMessage"
        self.text = json.dumps(text)


def build_map(
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    *,
    basemap: Basemap = "none",
    borders: Sequence[BorderLayer] = (),
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    inline: bool = False,
    drafts: gpd.GeoDataFrame | None = None,
    window: tuple[date | None, date | None] | None = None,
    local_basemap: dict | None = None,
    message: str | None = None,
) -> folium.Map:
    """The interactive map of `gdf` (already filtered). With `center` and `zoom` the map opens
    there, else it fits the features. Assets are served from /app/static (see
    geo.render.assets); with `inline=True` the map carries no asset list, for
    `assets.inline_html`. `drafts` (features of draft files, already filtered) are drawn as an
    overlay of their own, "Drafts under review", above the others. `window` (first, last day;
    None for an open end) is the time window the timeline strip opens on (geo.timeline).
    `local_basemap` (geo.render.basemap.layer_spec) is the basemap drawn when `basemap` is
    "offline" (the one that ships) or "local" (the user's). `message` is written over the
    middle of the map (an empty selection says why)."""
    fit = center is None or zoom is None
    start_center, start_zoom = (center, zoom) if not fit else DEFAULT_VIEW
    m = folium.Map(
        location=list(start_center),
        zoom_start=start_zoom,
        tiles=None,
        max_zoom=18,
        min_zoom=2,
        control_scale=True,
        prefer_canvas=False,
    )
    if inline:
        m.default_js, m.default_css = [], []
    else:
        assets.use_served_assets(m)
    data = payload.build_payload(gdf, sources, list(borders), drafts, window)
    everything = gdf if drafts is None else pd.concat([gdf, drafts], ignore_index=True)
    # Fit the reviewed features: a draft may name a far-away place (a country cited in
    # passing) that would zoom the whole map out. Only drafts: fit them.
    present = gdf.geometry.dropna()
    present = present[~present.is_empty]
    if not len(present) and drafts is not None:
        present = drafts.geometry.dropna()
        present = present[~present.is_empty]
    bounds = tuple(present.total_bounds) if fit and len(present) else None
    m.add_child(
        FeatureLayers(
            payload.encode(data),
            legend_html(everything),
            basemap,
            bounds=bounds,
            fill_frame=not inline,
            local=local_basemap,
        )
    )
    if message:
        m.add_child(MapMessage(message))
    return m
