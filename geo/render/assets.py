"""Leaflet, Font Awesome and the project's map script, from this machine instead of CDNs.

folium links its libraries from public CDNs; offline the map is blank. Two ways around that:

- `install_static()` copies the files from the pip-installed XStatic packages into
  `static/vendor/` (Streamlit serves `./static` at `/app/static/` with
  `server.enableStaticServing`), and `use_served_assets(map)` points the map's
  `default_js` / `default_css` at those copies; streamlit-folium loads exactly those lists.
- `inline_html(map)` renders a self-contained page: every script, style sheet and font
  inlined, for the HTML export.

The map only needs Leaflet, Font Awesome (solid icons) and geo_map.js; jQuery and Bootstrap,
which folium also lists by default, are dropped.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import folium
import xstatic.pkg.font_awesome as font_awesome
import xstatic.pkg.leaflet as leaflet

from geo import paths
from geo.files import write_atomic

HERE = Path(__file__).resolve().parent
STATIC_DIR = paths.ROOT / "static" / "vendor"
SERVED_URL = "/app/static/vendor"
MAP_SCRIPT = HERE / "geo_map.js"
MAP_CSS = HERE / "geo_map.css"
TIMELINE_SCRIPT = HERE / "geo_timeline.js"
TIMELINE_CSS = HERE / "geo_timeline.css"


@dataclass(frozen=True)
class Asset:
    name: str  # folium's key for the entry in default_js / default_css
    source: Path  # the installed file
    target: str  # path under static/vendor/


LEAFLET_DIR = Path(leaflet.BASE_DIR)
FA_DIR = Path(font_awesome.BASE_DIR)

JS_ASSETS: tuple[Asset, ...] = (
    Asset("leaflet", LEAFLET_DIR / "leaflet.js", "leaflet/leaflet.js"),
    Asset("pmtiles", HERE / "vendor" / "pmtiles" / "pmtiles.js", "pmtiles/pmtiles.js"),
    Asset(
        "protomaps_leaflet",
        HERE / "vendor" / "protomaps-leaflet" / "protomaps-leaflet.js",
        "protomaps-leaflet/protomaps-leaflet.js",
    ),
    Asset("geo_basemap", HERE / "geo_basemap.js", "geo_basemap.js"),
    Asset("geo_timeline", TIMELINE_SCRIPT, "geo_timeline.js"),
    Asset("geo_map", MAP_SCRIPT, "geo_map.js"),
)
CSS_ASSETS: tuple[Asset, ...] = (
    Asset("leaflet_css", LEAFLET_DIR / "leaflet.css", "leaflet/leaflet.css"),
    Asset("fa_core_css", FA_DIR / "css" / "fontawesome.min.css", "fontawesome/css/fontawesome.css"),
    Asset("fa_solid_css", FA_DIR / "css" / "solid.min.css", "fontawesome/css/solid.css"),
    Asset("geo_map_css", MAP_CSS, "geo_map.css"),
    Asset("geo_timeline_css", TIMELINE_CSS, "geo_timeline.css"),
)
# Files the style sheets refer to by relative URL.
EXTRA_FILES: tuple[Asset, ...] = (
    *(
        Asset(p.name, p, f"leaflet/images/{p.name}")
        for p in sorted((LEAFLET_DIR / "images").glob("*.png"))
    ),
    Asset(
        "fa_solid_woff2",
        FA_DIR / "webfonts" / "fa-solid-900.woff2",
        "fontawesome/webfonts/fa-solid-900.woff2",
    ),
    Asset(
        "fa_solid_ttf",
        FA_DIR / "webfonts" / "fa-solid-900.ttf",
        "fontawesome/webfonts/fa-solid-900.ttf",
    ),
)


def install_static(target_dir: Path = STATIC_DIR) -> None:
    """Copy every asset under `target_dir` (idempotent; only changed files are rewritten, via
    a temporary file and a rename so that a concurrent request never reads half a file)."""
    for asset in (*JS_ASSETS, *CSS_ASSETS, *EXTRA_FILES):
        destination = target_dir / asset.target
        data = asset.source.read_bytes()
        if destination.exists() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(destination, data)


def _version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def use_served_assets(m: folium.Map, base_url: str = SERVED_URL) -> None:
    """Point the map's script and style lists at the copies `install_static` made. A content
    hash in the query string makes browsers fetch a changed geo_map.js."""
    m.default_js = [(a.name, f"{base_url}/{a.target}?v={_version(a.source)}") for a in JS_ASSETS]
    m.default_css = [(a.name, f"{base_url}/{a.target}?v={_version(a.source)}") for a in CSS_ASSETS]


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(asset: Asset) -> str:
    text = asset.source.read_text(encoding="utf-8")
    if asset.name == "leaflet_css":
        text = re.sub(
            r"url\(images/([\w-]+\.png)\)",
            lambda m: f"url({_data_uri(LEAFLET_DIR / 'images' / m.group(1), 'image/png')})",
            text,
        )
    if asset.name == "fa_solid_css":
        # One woff2 font is enough for every browser that runs the map script.
        woff2 = _data_uri(FA_DIR / "webfonts" / "fa-solid-900.woff2", "font/woff2")
        text = re.sub(r"src:url\([^;}]*", f'src:url({woff2}) format("woff2")', text)
    return text


def inline_tags() -> str:
    """`<style>` and `<script>` elements holding every asset, for a page's <head>."""
    styles = "".join(f"<style>{_inline_css(a)}</style>" for a in CSS_ASSETS)
    scripts = "".join(
        "<script>"
        + a.source.read_text(encoding="utf-8").replace("</script", "<\\/script")
        + "</script>"
        for a in JS_ASSETS
    )
    return styles + scripts


def inline_html(m: folium.Map) -> str:
    """The whole page of `m` with no reference to any other host: its asset lists emptied and
    every asset inlined in <head>."""
    m.default_js = []
    m.default_css = []
    page = m.get_root().render()
    return page.replace("<head>", "<head>" + inline_tags(), 1)
