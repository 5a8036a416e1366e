"""How fast the app's map path is, against a plain folium.Marker loop.

    .venv/bin/python bench/map_bench.py [--sizes 1000,10000,100000] [--repeat 3]
                                        [--basemap offline]

For each size it generates synthetic incidents (fixed seed), then times filter + build +
serialise (geo.view.filter_features, geo.render.folium_map.build_map, rendering the page) and
measures the HTML's size; the baseline loop of folium.Marker with popups runs up to 10,000.
First paint: the self-contained page is opened in headless Chromium (Debian's), and the time
from navigation start until the features in view are drawn, in the view the map settles on
(after its opening fitBounds), and the frame showing them is produced, is read from the page
(geo_map.js sets `data-geo-ready-ms`).
Timeline (geo_timeline.js), on the same page once drawn: `frame_ms` is the median time of one
playback frame (the one-month window moved on by a bar: masks computed, canvas redrawn, counts
and legend updated), `frame_cumulative_ms` the same in cumulative mode near the end (every
incident drawn: the worst frame), `brush_ms` the median time to apply a brushed one-month
window at a random place. Each is the synchronous work measured in the page with
performance.now(), over 30 frames.
With `--basemap offline` every map is drawn over the basemap that ships
(data/basemap/region.pmtiles, its tiles inlined in the page as the HTML export does), as the app
draws it by default; without it, over the borders alone.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.render import assets, folium_map
from geo.schema import CLAIM_STATUS, EVENT_TYPES
from geo.view import View, filter_features
from tests.harness import CHROMIUM, CHROMIUM_ARGS, is_local

BASELINE_LIMIT = 10_000
SOURCE_IDS = [f"src-{k}" for k in range(8)]


def synthetic_incidents(n: int, seed: int = 1) -> gpd.GeoDataFrame:
    """`n` incidents spread over Iran, Azerbaijan and Türkiye, 2021-2026, with a unique name
    each, random types, claim statuses, precisions and one or two sources."""
    rng = np.random.default_rng(seed)
    types = list(EVENT_TYPES)
    event_type = rng.choice(types, n)
    sub_type = [EVENT_TYPES[t][0] for t in event_type]
    start = np.datetime64("2021-01-01")
    days = rng.integers(0, 5 * 365, n)
    first = rng.integers(0, len(SOURCE_IDS), n)
    second = rng.integers(0, len(SOURCE_IDS), n)
    frame = pd.DataFrame(
        {
            "id": [f"inc-synthetic-{k:06d}" for k in range(n)],
            "layer": pd.Categorical(["incident"] * n),
            "name": [f"Synthetic incident {k}" for k in range(n)],
            "kind": pd.Series([None] * n, dtype="string"),
            "event_date": pd.to_datetime(start + days.astype("timedelta64[D]")),
            "time_precision": pd.array(rng.choice([1, 1, 1, 2, 3], n), dtype="Int64"),
            "event_type": pd.Categorical(event_type, categories=types),
            "sub_event_type": sub_type,
            "actor1": rng.choice(["Unknown", "Military forces", "Rebels", ""], n),
            "country": rng.choice(["Iran", "Azerbaijan", "Türkiye"], n),
            "geo_precision": pd.array(rng.choice([1, 1, 2, 3], n), dtype="Int64"),
            "uncertainty_km": np.where(rng.random(n) < 0.3, 10.0, np.nan),
            "claim_status": pd.Categorical(rng.choice(list(CLAIM_STATUS), n)),
            "sources": [
                [SOURCE_IDS[a]] if a == b else [SOURCE_IDS[a], SOURCE_IDS[b]]
                for a, b in zip(first, second, strict=True)
            ],
            "notes": rng.choice(["", "Figures differ between sources."], n),
        }
    )
    lon = rng.uniform(27.0, 60.0, n)
    lat = rng.uniform(26.0, 42.0, n)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def synthetic_sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": [f"Outlet {k}" for k in range(len(SOURCE_IDS))],
            "title": [f"Report {k}" for k in range(len(SOURCE_IDS))],
            "published": pd.to_datetime(["2026-01-01"] * len(SOURCE_IDS)),
            "url": [f"https://example.org/{k}" for k in range(len(SOURCE_IDS))],
        },
        index=pd.Index(SOURCE_IDS, name="id"),
    )


# Nearly everything matches, so the map carries (almost) all features.
VIEW = View(date_from=date(2020, 1, 1), date_to=date(2026, 12, 31), sources=frozenset(SOURCE_IDS))


# geo.render.basemap.layer_spec of the shipped basemap (--basemap offline): served by URL in
# the app's page, its bytes inlined in a self-contained one.
BASEMAP: dict[bool, dict] = {}


def app_map_html(gdf: gpd.GeoDataFrame, sources: pd.DataFrame, *, inline: bool) -> str:
    selection = filter_features(gdf, VIEW)
    m = folium_map.build_map(
        selection,
        sources,
        inline=inline,
        basemap="offline" if BASEMAP else "none",
        local_basemap=BASEMAP.get(inline),
    )
    return assets.inline_html(m) if inline else m.get_root().render()


def baseline_html(gdf: gpd.GeoDataFrame) -> str:
    m = folium.Map(location=[38, 45], zoom_start=5)
    for row in gdf.itertuples():
        folium.Marker(
            [row.geometry.y, row.geometry.x], popup=folium.Popup(f"{row.name}<br>{row.event_type}")
        ).add_to(m)
    return m.get_root().render()


def timed(function, repeat: int) -> tuple[float, str]:
    times, result = [], ""
    for _ in range(repeat):
        begin = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - begin)
    return statistics.median(times), result


def first_paint(html: str, repeat: int) -> tuple[float, int, float]:
    """Median seconds from navigation start until the features are drawn, how many were
    drawn on the canvas, and median seconds until the basemap's tiles of the view are painted
    too (`data-geo-basemap-ready`; the features' time when no basemap is drawn), in headless
    Chromium with every non-file request blocked."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "map.html"
        page_path.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            times, drawn, basemap_times = [], 0, []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.route(
                    "**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort()
                )
                page.goto(page_path.as_uri())
                page.wait_for_selector("[data-geo-ready]", timeout=120_000)
                ready_ms = float(page.get_attribute("[data-geo-ready]", "data-geo-ready-ms"))
                drawn = int(page.get_attribute("canvas.geo-point-canvas", "data-drawn"))
                times.append(ready_ms / 1000)
                page.wait_for_selector("[data-geo-basemap-ready]", timeout=120_000)
                painted_ms = page.get_attribute(
                    "[data-geo-basemap-ready]", "data-geo-basemap-ready"
                )
                basemap_times.append(float(painted_ms) / 1000)
                page.close()
            browser.close()
    return statistics.median(times), drawn, statistics.median(basemap_times)


TIMELINE_SCRIPT = """async () => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const tl = map.geoTimeline, frames = 30, median = a => a.sort((x, y) => x - y)[a.length >> 1];
  const iso = d => new Date(d * 86400000).toISOString().slice(0, 10);
  const next = () => new Promise(r => requestAnimationFrame(() => r()));
  const lo = Number(document.querySelector('.geo-tl-handle').getAttribute('aria-valuemin'));
  const hi = Number(document.querySelector('.geo-tl-handle').getAttribute('aria-valuemax'));
  const play = [], brush = [], cumulative = [];
  tl.setWindow(iso(lo), iso(lo + 29));
  for (let k = 0; k < frames; k++) {
    await next();
    const t = performance.now(); tl.step(); play.push(performance.now() - t);
  }
  let seed = 7;
  for (let k = 0; k < frames; k++) {
    await next();
    seed = (seed * 48271) % 2147483647;
    const from = lo + (seed % Math.max(hi - lo - 30, 1));
    const t = performance.now(); tl.setWindow(iso(from), iso(from + 29));
    brush.push(performance.now() - t);
  }
  document.querySelector('.geo-tl-cumulative').checked = true;
  for (let k = 0; k < frames; k++) {
    await next();
    tl.setWindow(iso(lo), iso(hi - 40 + k));
    const t = performance.now(); tl.step(); cumulative.push(performance.now() - t);
  }
  return [median(play), median(cumulative), median(brush)];
}"""


def timeline_frames(html: str) -> tuple[float, float, float]:
    """Median ms of a playback frame, of a cumulative one near the end, and of a brush move."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "map.html"
        page_path.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
            page.goto(page_path.as_uri())
            page.wait_for_selector("[data-geo-ready]", timeout=120_000)
            frame_ms, cumulative_ms, brush_ms = page.evaluate(TIMELINE_SCRIPT)
            browser.close()
    return frame_ms, cumulative_ms, brush_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--basemap", choices=["none", "offline"], default="none")
    args = parser.parse_args()
    if args.basemap == "offline":
        from geo.render import basemap

        shipped = basemap.read_basemap(basemap.SHIPPED)
        BASEMAP[False] = basemap.layer_spec(shipped, url=f"{basemap.SERVED_URL}/region.pmtiles")
        BASEMAP[True] = basemap.layer_spec(shipped)
    sources = synthetic_sources()
    results: dict[str, float | int] = {}
    for n in (int(s) for s in args.sizes.split(",")):
        gdf = synthetic_incidents(n)
        label = f"{n // 1000}k" if n >= 1000 else str(n)
        build_s, html = timed(lambda g=gdf: app_map_html(g, sources, inline=False), args.repeat)
        results[f"build_s_{label}"] = round(build_s, 3)
        results[f"payload_mb_{label}"] = round(len(html.encode()) / 1e6, 3)
        print(f"{n:>7} app map: {build_s:.3f} s, {len(html) / 1e6:.2f} MB", flush=True)
        if n <= BASELINE_LIMIT:
            base_s, base_html = timed(lambda g=gdf: baseline_html(g), 1)
            results[f"baseline_s_{label}"] = round(base_s, 3)
            results[f"baseline_mb_{label}"] = round(len(base_html.encode()) / 1e6, 3)
            print(
                f"{n:>7} folium.Marker loop: {base_s:.3f} s, {len(base_html) / 1e6:.2f} MB",
                flush=True,
            )
        if Path(CHROMIUM).exists():
            paint_s, drawn, basemap_s = first_paint(
                app_map_html(gdf, sources, inline=True), args.repeat
            )
            results[f"paint_s_{label}"] = round(paint_s, 3)
            results[f"drawn_{label}"] = drawn
            results[f"basemap_painted_s_{label}"] = round(basemap_s, 3)
            print(
                f"{n:>7} first paint in Chromium: {paint_s:.3f} s ({drawn} drawn); basemap "
                f"painted at {basemap_s:.3f} s",
                flush=True,
            )
            frame_ms, cumulative_ms, brush_ms = timeline_frames(
                app_map_html(gdf, sources, inline=True)
            )
            results[f"frame_ms_{label}"] = round(frame_ms, 1)
            results[f"frame_cumulative_ms_{label}"] = round(cumulative_ms, 1)
            results[f"brush_ms_{label}"] = round(brush_ms, 1)
            print(
                f"{n:>7} timeline: playback frame {frame_ms:.1f} ms, cumulative frame "
                f"{cumulative_ms:.1f} ms, brush {brush_ms:.1f} ms",
                flush=True,
            )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
