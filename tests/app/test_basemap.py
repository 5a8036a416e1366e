"""geo.render.basemap: raster and vector PMTiles (or MBTiles) files made here are checked,
served by the app and inlined in the HTML export, and their tiles draw in headless Chromium
with every request off the machine blocked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

from geo.export import export_bytes
from geo.export.options import ExportOptions
from geo.render import basemap
from geo.view import View
from tests.app import fixtures
from tests.app.test_browser import streamlit_server

TILE_RGB = (46, 139, 87)  # sea green: nothing else on the map is drawn in it
MAX_ZOOM = 3


def png_tile(tile_id: int) -> bytes:
    """A solid sea-green tile; one pixel tells the tiles apart (the writer stores identical
    tiles once)."""
    image = Image.new("RGB", (256, 256), TILE_RGB)
    image.putpixel((0, 0), (tile_id % 256, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def vector_tile(tile_id: int) -> bytes:
    """A Mapbox Vector Tile in the Protomaps basemap layers: land over the whole tile and one
    town in its middle."""
    import mapbox_vector_tile
    from shapely.geometry import Point, box

    return mapbox_vector_tile.encode(
        [
            {"name": "earth", "features": [{"geometry": box(0, 0, 4096, 4096), "properties": {}}]},
            {
                "name": "places",
                "features": [
                    {
                        "geometry": Point(2048, 2048),
                        "properties": {"kind": "locality", "name": f"Town {tile_id}"},
                    }
                ],
            },
        ]
    )


def write_pmtiles(path: Path, tile_type: TileType = TileType.PNG) -> Path:
    """A world of tiles, zoom 0 to MAX_ZOOM, as PMTiles version 3: sea-green PNGs, or vector
    tiles for TileType.MVT (other types get PNG bytes under their type's name)."""
    with write(str(path)) as writer:
        ids = sorted(
            zxy_to_tileid(z, x, y)
            for z in range(MAX_ZOOM + 1)
            for x in range(2**z)
            for y in range(2**z)
        )
        for tile_id in ids:
            writer.write_tile(
                tile_id, vector_tile(tile_id) if tile_type == TileType.MVT else png_tile(tile_id)
            )
        writer.finalize(
            {
                "tile_type": tile_type,
                "tile_compression": Compression.NONE,
                "min_lon_e7": -1800000000,
                "min_lat_e7": -850000000,
                "max_lon_e7": 1800000000,
                "max_lat_e7": 850000000,
                "center_zoom": 0,
                "center_lon_e7": 0,
                "center_lat_e7": 0,
            },
            {"attribution": "test tiles", "format": "png"},
        )
    return path


@pytest.fixture()
def tiles(tmp_path: Path) -> Path:
    return write_pmtiles(tmp_path / "region.pmtiles")


def test_a_raster_archive_is_read_and_served(tiles, tmp_path):
    found = basemap.read_basemap(tiles)
    assert (found.tile_type, found.min_zoom, found.max_zoom) == ("png", 0, MAX_ZOOM)
    assert found.bounds == (-180.0, -85.0, 180.0, 85.0)
    served = tmp_path / "static"
    url = basemap.serve(found, served)
    assert url.startswith(basemap.SERVED_URL + "/region-") and url.endswith(".pmtiles")
    assert (served / url.rsplit("/", 1)[1]).read_bytes() == tiles.read_bytes()
    assert basemap.serve(found, served) == url  # the same file, the same URL


def test_mbtiles_is_converted_once(tiles, tmp_path):
    from pmtiles.convert import pmtiles_to_mbtiles

    mbtiles = tmp_path / "region.mbtiles"
    pmtiles_to_mbtiles(str(tiles), str(mbtiles))
    found = basemap.read_basemap(mbtiles, cache_dir=tmp_path / "cache")
    assert found.path.suffix == ".pmtiles" and found.tile_type == "png"
    assert basemap.read_basemap(mbtiles, cache_dir=tmp_path / "cache").path == found.path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"not tiles at all" * 20), "not a PMTiles version 3 archive"),
        (lambda p: write_pmtiles(p, TileType.UNKNOWN), "holds UNKNOWN tiles"),
    ],
)
def test_files_that_cannot_be_drawn_are_named(tmp_path, make, message):
    path = tmp_path / "bad.pmtiles"
    make(path)
    with pytest.raises(basemap.BasemapError, match=message) as raised:
        basemap.read_basemap(path)
    assert str(path) in str(raised.value)
    with pytest.raises(basemap.BasemapError, match="no such basemap file"):
        basemap.read_basemap(tmp_path / "missing.pmtiles")


def tile_pixels(page) -> int:
    """How many of the map's tile images have loaded."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('img.leaflet-tile-loaded'))"
        ".filter(i => i.naturalWidth > 0).length"
    )


def tile_colour_covers_the_map(png: bytes) -> bool:
    """Whether the tiles' own colour fills a good part of the screenshot. Counted over the
    whole image, not at one spot: the export's title box, the legend and the timeline sit over
    the map wherever the layout puts them."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    tile = sum(count for count, colour in colours if colour == TILE_RGB)
    return tile > 0.25 * image.width * image.height


@pytest.mark.browser
def test_html_export_draws_the_inlined_tiles_offline(browser, tiles, tmp_path, artifacts_dir):
    data = fixtures.write_dataset(tmp_path / "data")
    from geo.load import load_incidents
    from geo.sources import read_sources

    gdf, sources = load_incidents(data), read_sources(data.parent / "sources.csv")
    page_file = tmp_path / "map.html"
    page_file.write_bytes(
        export_bytes("html", gdf, sources, View(), ExportOptions(basemap_file=tiles))
    )
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "blob:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-geo-ready]")
    page.wait_for_function(
        "document.querySelectorAll('img.leaflet-tile-loaded').length > 0", timeout=20_000
    )
    page.wait_for_timeout(500)
    shot = page.screenshot(path=str(artifacts_dir / "basemap-export.png"))
    assert tile_pixels(page) > 0 and tile_colour_covers_the_map(shot)
    assert blocked == []
    page.close()


@pytest.mark.browser
def test_app_serves_the_tiles_from_this_machine(browser, tiles, tmp_path, artifacts_dir):
    dataset = fixtures.write_dataset(tmp_path / "data")
    with streamlit_server(dataset, env={basemap.ENV_VAR: str(tiles)}) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1300})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith((url, "data:", "blob:", "about:"))
                else r.abort()
            ),
        )
        page.goto(f"{url}/?basemap=local")
        frame = next(
            f
            for _ in range(120)
            for f in ([*page.frames] if page.wait_for_timeout(500) is None else [])
            if f.evaluate("typeof window.map") == "object"
        )
        frame.wait_for_function(
            "document.querySelectorAll('img.leaflet-tile-loaded').length > 0", timeout=30_000
        )
        assert tile_pixels(frame) > 0
        page.screenshot(path=str(artifacts_dir / "basemap-app.png"), full_page=True)
        outside = [r for r in requests if not r.startswith((url, "data:", "blob:", "about:"))]
        assert outside == []
        assert any("/app/static/basemap/" in r for r in requests)  # range requests, loopback
        page.close()


def test_html_export_refuses_a_basemap_it_cannot_draw(tmp_path):
    from geo.export import ExportError
    from geo.load import load_incidents
    from geo.sources import read_sources

    data = fixtures.write_dataset(tmp_path / "data")
    gdf, sources = load_incidents(data), read_sources(data.parent / "sources.csv")
    unknown = write_pmtiles(tmp_path / "unknown.pmtiles", TileType.UNKNOWN)
    with pytest.raises(ExportError, match=r"unknown\.pmtiles: holds UNKNOWN tiles"):
        export_bytes("html", gdf, sources, View(), ExportOptions(basemap_file=unknown))


@pytest.mark.browser
def test_html_export_paints_a_vector_archive_offline(browser, tmp_path, artifacts_dir):
    """Vector tiles (land and a town) are painted by protomaps-leaflet from the inlined
    archive: the map's tile canvases hold the land colour, and nothing is fetched."""
    from geo.load import load_incidents
    from geo.sources import read_sources

    vector = write_pmtiles(tmp_path / "vector.pmtiles", TileType.MVT)
    assert basemap.read_basemap(vector).vector
    data = fixtures.write_dataset(tmp_path / "data")
    gdf, sources = load_incidents(data), read_sources(data.parent / "sources.csv")
    page_file = tmp_path / "map.html"
    page_file.write_bytes(
        export_bytes("html", gdf, sources, View(), ExportOptions(basemap_file=vector))
    )
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    blocked: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "blob:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-geo-ready]")
    page.wait_for_function(
        "document.querySelectorAll('.leaflet-tile-pane canvas').length > 0", timeout=20_000
    )
    page.wait_for_timeout(1000)
    painted = page.evaluate(
        "Array.from(document.querySelectorAll('.leaflet-tile-pane canvas')).map(c =>"
        " Array.from(c.getContext('2d').getImageData(8, 8, 1, 1).data))"
    )
    page.screenshot(path=str(artifacts_dir / "basemap-vector-export.png"))
    page.close()
    assert painted and all(rgba[3] == 255 for rgba in painted)  # land over every tile
    assert all(rgba[:3] != [221, 221, 221] for rgba in painted)  # not Leaflet's grey
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_the_shipped_basemap_is_drawn_by_default_in_the_html_export(
    browser, tmp_path, artifacts_dir
):
    """With no --basemap the export inlines data/basemap/region.pmtiles: the Caspian is
    painted in the basemap's water colour and the land beside it in its land colour, the
    "Names" box switches the towns' script, and nothing is fetched."""
    from geo import paths
    from geo.load import load_incidents
    from geo.sources import read_sources

    gdf, sources = load_incidents(paths.INCIDENTS), read_sources(paths.SOURCES)
    page_file = tmp_path / "map.html"
    page_file.write_bytes(export_bytes("html", gdf, sources, View(), ExportOptions()))
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    blocked: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "blob:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-geo-ready]")
    page.wait_for_function(
        "document.querySelectorAll('.leaflet-tile-pane canvas').length > 0", timeout=20_000
    )
    page.wait_for_timeout(1500)

    def colour_at(lat: float, lon: float) -> tuple[int, int, int]:
        x, y = page.evaluate(
            "([lat, lon]) => { const m = Object.values(window).find(v => v instanceof L.Map);"
            " const p = m.latLngToContainerPoint([lat, lon]);"
            " const r = m.getContainer().getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; }",
            [lat, lon],
        )
        image = Image.open(
            io.BytesIO(page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1}))
        )
        return image.convert("RGB").getpixel((0, 0))

    water, land = (0xBC, 0xD6, 0xEA), (0xF2, 0xEF, 0xE6)  # geo_basemap.js COLOURS
    caspian = colour_at(42.5, 50.5)  # open water, far from any incident
    steppe = colour_at(43.5, 44.0)  # land north of the Caucasus, no incident there
    assert max(abs(a - b) for a, b in zip(caspian, water, strict=True)) <= 6, caspian
    assert max(abs(a - b) for a, b in zip(steppe, land, strict=True)) <= 6, steppe
    names = page.locator(".geo-script-control select")
    assert names.input_value() == "latn"
    names.select_option("cyrl")
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts_dir / "basemap-shipped-cyrillic.png"))
    assert blocked == [] and errors == []
    page.close()
