"""A local basemap: raster tiles from a PMTiles (or MBTiles) file the user provides, drawn by the
app and the HTML export with no request off the machine.

The browser reads the archive with the PMTiles project's own reader (vendored in
geo/render/vendor/pmtiles/, drawn by geo_basemap.js): in the app by HTTP range requests to a
copy that Streamlit serves from `static/basemap/` (loopback only), in the HTML export from
the archive's bytes inlined in the page. An MBTiles file is converted once to PMTiles with the
`pmtiles` package (protomaps' Python reader and writer). Raster archives (PNG, JPEG, WebP,
AVIF tiles) are drawn as images; vector archives by protomaps-leaflet (vendored in
geo/render/vendor/protomaps-leaflet/): the project's own basemap (`SHIPPED`, built by
geo.basemap_build, its metadata's `schema` "geo-basemap-1") by the project's rules, with town
names in the script the reader picks; any other (the Protomaps basemap layers: earth, water,
landuse, roads, places, ...) in protomaps-leaflet's "light" look.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmtiles.reader import MmapSource, Reader
from pmtiles.tile import MagicNumberNotFound, SpecVersionUnsupported, TileType, deserialize_header

from geo import paths

SERVED_DIR = paths.ROOT / "static" / "basemap"
SERVED_URL = "/app/static/basemap"
SERVED_LIMIT_BYTES = 200 * 1024 * 1024  # Streamlit serves no larger static file
RASTER = {TileType.PNG: "png", TileType.JPEG: "jpeg", TileType.WEBP: "webp", TileType.AVIF: "avif"}
VECTOR = {TileType.MVT: "mvt"}
ENV_VAR = "GEO_BASEMAP"  # the app's local basemap file
SHIPPED = paths.BASEMAP


class BasemapError(ValueError):
    """A basemap file that cannot be drawn; the message names the file and why."""


@dataclass(frozen=True)
class LocalBasemap:
    """A checked PMTiles archive."""

    @property
    def vector(self) -> bool:
        return self.tile_type in VECTOR.values()

    path: Path  # the PMTiles file (an MBTiles file's converted copy)
    tile_type: str  # png, jpeg, webp or avif; mvt (vector)
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float]  # west, south, east, north
    attribution: str  # from the archive's metadata when given, else its file name
    schema: str | None = None  # the metadata's `schema` ("geo-basemap-1": geo.basemap_build)


def read_basemap(path: Path, cache_dir: Path = SERVED_DIR) -> LocalBasemap:
    """Check `path` (.pmtiles, or .mbtiles converted into `cache_dir`); BasemapError if it
    cannot be drawn."""
    path = Path(path)
    if not path.is_file():
        raise BasemapError(f"{path}: no such basemap file")
    if path.suffix.lower() == ".mbtiles":
        path = _converted(path, cache_dir)
    try:
        with path.open("rb") as handle:
            header = deserialize_header(handle.read(127))
    except (MagicNumberNotFound, SpecVersionUnsupported, ValueError, OSError) as error:
        raise BasemapError(
            f"{path}: not a PMTiles version 3 archive ({type(error).__name__}); make one with "
            "`pmtiles convert region.mbtiles region.pmtiles`"
        ) from None
    kinds = RASTER | VECTOR
    if header["tile_type"] not in kinds:
        raise BasemapError(
            f"{path}: holds {header['tile_type'].name} tiles; raster tiles (PNG, JPEG, WebP, "
            "AVIF) or Mapbox Vector Tiles can be drawn"
        )
    bounds = tuple(
        header[k] / 1e7 for k in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7")
    )
    metadata = _metadata(path)
    return LocalBasemap(
        path=path,
        tile_type=kinds[header["tile_type"]],
        min_zoom=int(header["min_zoom"]),
        max_zoom=int(header["max_zoom"]),
        bounds=bounds,  # type: ignore[arg-type]
        attribution=str(metadata.get("attribution") or f"Basemap: {path.name}"),
        schema=metadata.get("schema") if isinstance(metadata.get("schema"), str) else None,
    )


def _metadata(path: Path) -> dict[str, Any]:
    """The archive's JSON metadata; empty when it has none or it cannot be read (the tiles can
    still be drawn)."""
    try:
        with path.open("rb") as handle:
            found = Reader(MmapSource(handle)).metadata()
    except (OSError, ValueError, EOFError):
        return {}
    return found if isinstance(found, dict) else {}


def _converted(mbtiles: Path, cache_dir: Path) -> Path:
    """The PMTiles copy of an MBTiles file, made once per version of the file."""
    from pmtiles.convert import mbtiles_to_pmtiles

    stat = mbtiles.stat()
    key = hashlib.sha256(f"{mbtiles.resolve()}|{stat.st_mtime_ns}|{stat.st_size}".encode())
    target = cache_dir / f"{mbtiles.stem}-{key.hexdigest()[:10]}.pmtiles"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        try:
            mbtiles_to_pmtiles(str(mbtiles), str(temporary), None)
        except KeyError as error:
            raise BasemapError(f"{mbtiles}: its metadata table lacks {error}") from None
        except Exception as error:  # sqlite3 or the converter: the file is not usable MBTiles
            raise BasemapError(f"{mbtiles}: cannot read it as MBTiles ({error})") from None
        temporary.replace(target)
    return target


def serve(basemap: LocalBasemap, served_dir: Path = SERVED_DIR) -> str:
    """Put the archive where Streamlit serves it (a hard link, or a copy across file systems)
    and return its URL; the name carries the file's size and time, so a new version of the
    file gets a new URL."""
    stat = basemap.path.stat()
    if stat.st_size > SERVED_LIMIT_BYTES:
        raise BasemapError(
            f"{basemap.path}: {stat.st_size / 2**20:.0f} MB; Streamlit serves files of at most "
            f"{SERVED_LIMIT_BYTES / 2**20:.0f} MB: use a smaller regional extract"
        )
    if basemap.path.parent.resolve() == served_dir.resolve():
        return f"{SERVED_URL}/{basemap.path.name}"
    name = f"{basemap.path.stem}-{stat.st_size}-{stat.st_mtime_ns}.pmtiles"
    target = served_dir / name
    if not target.exists():
        served_dir.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(name + ".tmp")
        temporary.unlink(missing_ok=True)
        try:
            os.link(basemap.path, temporary)
        except OSError:
            shutil.copyfile(basemap.path, temporary)
        temporary.replace(target)
    return f"{SERVED_URL}/{name}"


def layer_spec(basemap: LocalBasemap, *, url: str | None = None) -> dict[str, Any]:
    """What geo_basemap.js needs: the archive's URL, or (no URL) its bytes as base64."""
    spec: dict[str, Any] = {
        "attribution": basemap.attribution,
        "minZoom": basemap.min_zoom,
        "maxNativeZoom": basemap.max_zoom,
        "bounds": basemap.bounds,
        "vector": basemap.vector,
        "schema": basemap.schema,
    }
    if url is not None:
        spec["url"] = url
    else:
        spec["b64"] = base64.b64encode(basemap.path.read_bytes()).decode("ascii")
    return spec
