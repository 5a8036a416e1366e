"""The ledger of reports: what is derived from an incident's `reports` (geo.schema.REPORT_FIELDS)
rather than typed twice: its claim status, who is for and against, each figure's range with who
gives which value, and how independent the confirmation is.

Pure functions of report dicts as the file holds them (after validation) and of the sources
registry (`geo.sources.read_sources`); `corroboration` does it for a whole GeoDataFrame.

Rules (the README's "Reports" section says the same):

- The **origin** of a report that asserts or relays is its claimant when it names one (every
  outlet relaying "Azerbaijan MFA" is one origin), otherwise the outlet itself, followed back
  through `republished_from` in sources.csv (a republication is its original). Claimants are
  compared case- and spacing-blind.
- **independent_origins**: distinct origins among reports that assert or relay; denials and
  doubts are not confirmation. **outlets**: distinct outlets (sources.csv `outlet`) of all
  reports.
- **claim_status**: `disputed` when any report denies or disputes; otherwise `confirmed` when
  two or more independent origins assert or relay it; otherwise `claimed` when its one origin
  is a named claimant; otherwise `unverified` (one outlet or witness in its own voice). No
  reports, no status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson
import pandas as pd

if TYPE_CHECKING:
    import geopandas as gpd

FOR: tuple[str, ...] = ("asserts", "relays")
AGAINST: tuple[str, ...] = ("denies", "disputes")
EN_DASH = "–"

Figure = int | tuple[int, int]


@dataclass(frozen=True)
class FigureRange:
    """One figure across an incident's reports: lowest and highest value any source gives,
    and each distinct value (an int or a (low, high) range) with the sources that give it."""

    name: str
    low: int
    high: int
    by: tuple[tuple[Figure, tuple[str, ...]], ...]

    def text(self, names: Mapping[str, str] | None = None) -> str:
        """'injured: 2–4 by source (2: a, b; 4: c)', or 'drones: 4 (a)' when all agree;
        sources shown by `names` (e.g. outlet) where it has them, else by id."""
        span = str(self.low) if self.low == self.high else f"{self.low}{EN_DASH}{self.high}"

        def who(ids: tuple[str, ...]) -> str:
            return ", ".join(dict.fromkeys((names or {}).get(i) or i for i in ids))

        if len(self.by) == 1:
            return f"{self.name}: {span} ({who(self.by[0][1])})"
        each = "; ".join(f"{_figure_text(value)}: {who(ids)}" for value, ids in self.by)
        return f"{self.name}: {span} by source ({each})"

    def as_json(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "by": [
                {"value": list(v) if isinstance(v, tuple) else v, "sources": list(ids)}
                for v, ids in self.by
            ],
        }


def _figure_text(value: Figure) -> str:
    return f"{value[0]}{EN_DASH}{value[1]}" if isinstance(value, tuple) else str(value)


def _key(text: object) -> str:
    """Case- and spacing-blind form of a claimant or outlet name."""
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def reports_of(properties: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The report dicts of a feature's properties ([] when it has none)."""
    reports = properties.get("reports")
    return [r for r in reports if isinstance(r, dict)] if isinstance(reports, list) else []


def original(source: str, republished_from: Mapping[str, str]) -> str:
    """The source a republication goes back to (itself when none); a loop stops where it
    closes, so a bad registry cannot hang this."""
    seen = {source}
    while (parent := republished_from.get(source) or "") and parent not in seen:
        seen.add(parent)
        source = parent
    return source


def origin(report: Mapping[str, Any], republished_from: Mapping[str, str]) -> str:
    """Who a report's words come from: 'claimant:<name>' or 'source:<original id>'."""
    claimant = _key(report.get("claimant"))
    if claimant:
        return f"claimant:{claimant}"
    return f"source:{original(str(report.get('source') or ''), republished_from)}"


def independent_origins(
    reports: Iterable[Mapping[str, Any]], republished_from: Mapping[str, str]
) -> int:
    """How many independent origins assert or relay the incident."""
    return len({origin(r, republished_from) for r in reports if r.get("stance") in FOR})


def outlets(reports: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str]) -> int:
    """How many distinct outlets report on the incident (a source missing from the registry
    counts as its own outlet)."""
    return len({_key(outlet_of.get(str(r.get("source")), r.get("source"))) for r in reports})


def claimants(reports: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[str]]:
    """(claimants for, claimants against), each in first-seen order and spelling; an outlet
    speaking for itself is not a claimant."""
    sides: tuple[dict[str, str], dict[str, str]] = ({}, {})
    for report in reports:
        name = str(report.get("claimant") or "").strip()
        side = 0 if report.get("stance") in FOR else 1 if report.get("stance") in AGAINST else None
        if name and side is not None:
            sides[side].setdefault(_key(name), name)
    return list(sides[0].values()), list(sides[1].values())


def derive_claim_status(
    reports: Iterable[Mapping[str, Any]], republished_from: Mapping[str, str]
) -> str | None:
    """The claim status the reports support (see the module's rules); None without reports."""
    reports = list(reports)
    if not reports:
        return None
    if any(r.get("stance") in AGAINST for r in reports):
        return "disputed"
    asserting = [r for r in reports if r.get("stance") in FOR]
    if independent_origins(asserting, republished_from) >= 2:
        return "confirmed"
    if any(_key(r.get("claimant")) for r in asserting):
        return "claimed"
    return "unverified"


def _as_figure(value: Any) -> Figure | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return (value[0], value[1])
    return None


def figure_ranges(reports: Iterable[Mapping[str, Any]]) -> list[FigureRange]:
    """Each figure any report gives, by name in first-seen order, with its range."""
    values: dict[str, dict[Figure, list[str]]] = {}
    for report in reports:
        figures = report.get("figures")
        if not isinstance(figures, dict):
            continue
        for name, raw in figures.items():
            value = _as_figure(raw)
            if value is None:
                continue
            sources = values.setdefault(str(name), {}).setdefault(value, [])
            if str(report.get("source")) not in sources:
                sources.append(str(report.get("source")))
    ranges = []
    for name, by in values.items():
        lows = [v[0] if isinstance(v, tuple) else v for v in by]
        highs = [v[1] if isinstance(v, tuple) else v for v in by]
        ordered = sorted(by.items(), key=lambda item: _figure_sort(item[0]))
        ranges.append(
            FigureRange(name, min(lows), max(highs), tuple((v, tuple(s)) for v, s in ordered))
        )
    return ranges


def _figure_sort(value: Figure) -> tuple[int, int]:
    return value if isinstance(value, tuple) else (value, value)


@dataclass(frozen=True)
class Registry:
    """What the derivations need of sources.csv: each id's outlet and original."""

    outlet_of: Mapping[str, str]
    republished_from: Mapping[str, str]
    published: Mapping[str, str]

    @classmethod
    def of(cls, sources: pd.DataFrame) -> Registry:
        """From `geo.sources.read_sources`' frame (a registry without `republished_from`
        has no republications)."""
        ids = [str(i) for i in sources.index]

        def column(name: str) -> list[Any]:
            return sources[name].tolist() if name in sources.columns else [""] * len(ids)

        parents = [str(p or "") for p in column("republished_from")]
        dates = [
            "" if d == "" or pd.isna(d) else pd.Timestamp(d).date().isoformat()
            for d in column("published")
        ]
        return cls(
            dict(zip(ids, [str(o or "") for o in column("outlet")], strict=True)),
            {i: p for i, p in zip(ids, parents, strict=True) if p},
            dict(zip(ids, dates, strict=True)),
        )


def ledger(feature: Mapping[str, Any], registry: Registry) -> dict[str, Any]:
    """Everything the reports of one feature say, as one JSON object (`geo reports --json`):
    id, name, claim_status (as the file has it), derived_claim_status, outlets,
    independent_origins, claimants_for, claimants_against, figure_ranges (name → {low, high,
    by: [{value, sources}]}) and reports (each with source, outlet, published, stance,
    claimant, figures, evidence, notes)."""
    properties = feature.get("properties") or {}
    reports = reports_of(properties)
    for_, against = claimants(reports)
    return {
        "id": feature.get("id"),
        "name": properties.get("name"),
        "claim_status": properties.get("claim_status"),
        "derived_claim_status": derive_claim_status(reports, registry.republished_from),
        "outlets": outlets(reports, registry.outlet_of),
        "independent_origins": independent_origins(reports, registry.republished_from),
        "claimants_for": for_,
        "claimants_against": against,
        "figure_ranges": {r.name: r.as_json() for r in figure_ranges(reports)},
        "reports": [
            {
                "source": report.get("source"),
                "outlet": registry.outlet_of.get(str(report.get("source")), ""),
                "published": report.get("published")
                or registry.published.get(str(report.get("source")))
                or None,
                "stance": report.get("stance"),
                "claimant": report.get("claimant") or "",
                "figures": dict(report.get("figures") or {}),
                "evidence": list(report.get("evidence") or []),
                "notes": report.get("notes") or "",
            }
            for report in reports
        ],
    }


CORROBORATION_COLUMNS: tuple[str, ...] = (
    "outlets",
    "independent_origins",
    "derived_claim_status",
    "claimants_for",
    "claimants_against",
    "stances",
    "figure_ranges",
)


def corroboration(gdf: gpd.GeoDataFrame, registry: Registry) -> gpd.GeoDataFrame:
    """The frame with CORROBORATION_COLUMNS added from its `reports` column: counts (Int64,
    0 without reports), the derived status (object; None without reports), claimant and
    stance lists, and figure ranges as text ('injured: 2–4 by source (…)'; '; '-joined)."""
    out = gdf.copy()
    column = gdf["reports"].tolist() if "reports" in gdf.columns else [[]] * len(gdf)
    rows = [[r for r in (value or []) if isinstance(r, dict)] for value in column]
    out["outlets"] = pd.array([outlets(r, registry.outlet_of) for r in rows], dtype="Int64")
    out["independent_origins"] = pd.array(
        [independent_origins(r, registry.republished_from) for r in rows], dtype="Int64"
    )
    out["derived_claim_status"] = [derive_claim_status(r, registry.republished_from) for r in rows]
    sides = [claimants(r) for r in rows]
    out["claimants_for"] = [s[0] for s in sides]
    out["claimants_against"] = [s[1] for s in sides]
    out["stances"] = [sorted({str(x.get("stance")) for x in r}) for r in rows]
    out["figure_ranges"] = ["; ".join(f.text() for f in figure_ranges(r)) for r in rows]
    return out


# The registry's republications ride on the frame (`with_registry`), so that filters, which
# see only the frame, count origins the way the ledger does.
REPUBLISHED_ATTR = "republished_from"


def with_registry(gdf: gpd.GeoDataFrame, registry: Registry) -> gpd.GeoDataFrame:
    """`gdf` itself, its attrs now holding the registry's republications."""
    gdf.attrs[REPUBLISHED_ATTR] = dict(registry.republished_from)
    return gdf


def _rows(gdf: pd.DataFrame) -> list[list[dict[str, Any]]]:
    column = gdf["reports"].tolist() if "reports" in gdf.columns else [[]] * len(gdf)
    return [[r for r in (v if isinstance(v, list) else []) if isinstance(r, dict)] for v in column]


def _distinct(gdf: pd.DataFrame) -> tuple[np.ndarray, list[list[dict[str, Any]]]]:
    """A code per row and the distinct report lists, so that per-row work is done once per
    distinct list (an ACLED import of 100k rows has a handful: 'ACLED asserts, killed N')."""
    column = gdf["reports"].tolist() if "reports" in gdf.columns else [None] * len(gdf)
    keys = [_key_of(value) for value in column]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    cleaned = [
        [r for r in column[first[key]] if isinstance(r, dict)] if key else [] for key in uniques
    ]
    return np.asarray(codes, dtype=np.int64), cleaned


def _key_of(value: object) -> bytes:
    if not isinstance(value, list) or not value:
        return b""
    try:
        return orjson.dumps(value)
    except TypeError:  # not JSON (a hand-built frame): its repr still tells lists apart
        return repr(value).encode()


def origins_of(gdf: pd.DataFrame) -> pd.Series:
    """Independent origins of each row (0 without reports), republications from attrs."""
    republished = gdf.attrs.get(REPUBLISHED_ATTR, {})
    codes, distinct = _distinct(gdf)
    counts = np.array([independent_origins(rows, republished) for rows in distinct], dtype=int)
    return pd.Series(counts[codes] if len(codes) else codes, index=gdf.index, dtype="int64")


def matching_reports(
    gdf: pd.DataFrame, claimants: frozenset[str] | None, stances: frozenset[str] | None
) -> pd.Series:
    """True where one report has a claimant in `claimants` and a stance in `stances` (None:
    any); "what Iran denies" is claimant Iran AND stance denies on the same report."""
    wanted = None if claimants is None else {_key(c) for c in claimants}
    codes, distinct = _distinct(gdf)
    matches = np.array(
        [
            any(
                (wanted is None or _key(r.get("claimant")) in wanted)
                and (stances is None or r.get("stance") in stances)
                for r in rows
            )
            for rows in distinct
        ],
        dtype=bool,
    )
    return pd.Series(matches[codes] if len(codes) else codes.astype(bool), index=gdf.index)


def claimant_names(gdf: pd.DataFrame) -> list[str]:
    """Every claimant named in the frame's reports, one spelling each, sorted."""
    names: dict[str, str] = {}
    for rows in _rows(gdf):
        for report in rows:
            name = str(report.get("claimant") or "").strip()
            if name:
                names.setdefault(_key(name), name)
    return sorted(names.values(), key=str.casefold)


LABEL_COLUMNS: tuple[str, ...] = ("corroboration_label", "figures_label", "reports_label")


def report_labels(gdf: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """`gdf` with LABEL_COLUMNS added, texts for people ("" without reports):
    corroboration '13 outlets / 8 independent origins', figure ranges by outlet
    ('injured: 2–4 by source (2: Meduza, …; 4: Sabah, …)') and the reports grouped by stance
    and claimant ('relays Azerbaijan MFA: Star, Meduza; denies Iran General Staff: Sabah')."""
    out = gdf.copy()
    codes, distinct = _distinct(gdf)
    badges, figures, listed = [], [], []
    for reports in distinct:
        if not reports:
            badges.append("")
            figures.append("")
            listed.append("")
            continue
        n_out = outlets(reports, registry.outlet_of)
        n_orig = independent_origins(reports, registry.republished_from)
        badges.append(
            f"{n_out} outlet{'s' * (n_out != 1)} / {n_orig} independent origin{'s' * (n_orig != 1)}"
        )
        figures.append("; ".join(f.text(registry.outlet_of) for f in figure_ranges(reports)))
        groups: dict[tuple[str, str], list[str]] = {}
        for report in reports:
            claimant = str(report.get("claimant") or "").strip() or "(own voice)"
            outlet = registry.outlet_of.get(str(report.get("source"))) or str(report.get("source"))
            group = groups.setdefault((str(report.get("stance")), claimant), [])
            if outlet not in group:
                group.append(outlet)
        listed.append(
            "; ".join(
                f"{stance} {claimant}: {', '.join(o)}" for (stance, claimant), o in groups.items()
            )
        )
    for name, texts in zip(LABEL_COLUMNS, (badges, figures, listed), strict=True):
        out[name] = pd.array(np.asarray(texts, dtype=object)[codes], dtype="string")
    return out
