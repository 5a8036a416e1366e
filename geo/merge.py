"""Merging reviewed drafts into an incident file: new features are added, features the file
already has gain the draft's reports (geo.ledger) and sources instead of a duplicate.

"Already has" means:
- an incident: an incident of the file that agrees on place, time AND what happened. Place
  and time: its date window overlaps the draft's (`geo.periods.windows`: precision 2 is the
  ISO week, 3 the month) and its position lies within `tolerance_km` of it (or, when either
  has no geometry, its `location` is the same after `normalize`). What happened: the same
  event_type and sub_event_type, and actors that agree (for actor1 and actor2 each: one side
  empty, or the words of one, outside parentheses, all among the other's: "Iran" agrees with
  "Military Forces of Iran"). An incident that agrees on place and time only is a near miss:
  the draft is added as a feature of its own and the near miss is listed for the reviewer,
  never folded into it;
- a site, route or area: a feature of the same layer and kind with the same name after
  `normalize`, or with the same `geo_source`.
A reviewer may instead attach a draft to an incident of the file (`attach`): the draft then
becomes a report of that incident whatever the rules say.
When several features of the file qualify, the one with the draft's own id comes first (a
file merged into a copy of itself meets its own features, never a neighbour's), then the one
with the draft's name (after `normalize`), then the nearest. An id alone is no identity: a
draft whose id the file uses for another incident is added under a suffixed id.

A draft feature added to the file becomes data (`finalized`): its id loses the "draft-"
prefix (draft-inc-2026-03-05-baku becomes inc-2026-03-05-baku), its name the "(proposed)"
that extract gave it, and the `review` mark goes. An incident that gains reports has its
claim_status derived again from its reports (geo.ledger.derive_claim_status) when the status
it had was the one its old reports supported, so that a merge never leaves a status that
validate says the reports contradict; a status set by hand against the reports is left alone.

Pure: documents in, a document out. The command (`geo.cli.merge`) reads, validates and writes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.ledger import derive_claim_status
from geo.periods import windows
from geo.words.normalize import normalize

DEFAULT_TOLERANCE_KM = 25.0


class DraftsLeft(Exception):
    """The draft still holds features nobody reviewed (`review: "draft"`)."""

    def __init__(self, feature_ids: list[str]) -> None:
        self.feature_ids = feature_ids
        super().__init__(", ".join(feature_ids))


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)  # ids of new features
    sourced: list[tuple[str, str, list[str]]] = field(default_factory=list)  # existing, draft, new
    reported: list[tuple[str, str, list[str]]] = field(
        default_factory=list
    )  # existing, draft, "source (stance claimant)" of each report added
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # existing, draft: nothing new
    skipped: list[str] = field(default_factory=list)  # drafts left out with skip_drafts
    # added feature, existing incident at the same place and time, what differs
    near_misses: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # existing, draft, "source (claimant)" of a report both have but that differs: the file's
    # report is kept and the reviewer told, so the draft's version is not dropped silently
    differing: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # existing incident, its old claim_status, the one its reports now support
    restated: list[tuple[str, str, str]] = field(default_factory=list)


def _props(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature.get("properties")
    return props if isinstance(props, dict) else {}


def _label(feature: dict[str, Any], index: int) -> str:
    return str(feature.get("id") or f"feature #{index + 1}")


def _point(feature: dict[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of the feature's position: the point itself, or a point inside its shape."""
    geometry = feature.get("geometry")
    if not geometry:
        return None
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if (  # a point is itself: no shape to build (a tenth of a merge's time went there)
        geometry.get("type") == "Point"
        and isinstance(coordinates, list)
        and len(coordinates) >= 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates[:2])
    ):
        return (float(coordinates[1]), float(coordinates[0]))
    try:
        point = shape(geometry).representative_point()
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    return (point.y, point.x)


def _window(feature: dict[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    props = _props(feature)
    if not props.get("event_date"):
        return None
    frame = pd.DataFrame(
        {
            "event_date": [props.get("event_date")],
            "end_date": [props.get("end_date")],
            "time_precision": [props.get("time_precision")],
        }
    )
    try:
        start, end = windows(frame)
    except (ValueError, TypeError):
        return None
    if pd.isna(start.iloc[0]):
        return None
    return start.iloc[0], end.iloc[0]


@dataclass(frozen=True)
class _Facts:
    """What matching reads of a feature, computed once per feature (a merge of N drafts into
    M features compares far fewer than N x M pairs, but each pair cost a table of dates and a
    shape): its layer, date window, (lat, lon) and normalised location."""

    incident: bool
    window: tuple[pd.Timestamp, pd.Timestamp] | None
    point: tuple[float, float] | None
    location: str


def _facts(features: list[dict[str, Any]]) -> list[_Facts]:
    """The _Facts of each feature, the date windows of all in one pass (geo.periods.windows);
    a feature whose date that pass could not read is read alone (_window), as before."""
    props = [_props(f) for f in features]
    frame = pd.DataFrame(
        {
            name: pd.Series([p.get(name) for p in props], dtype=object)
            for name in ("event_date", "end_date", "time_precision")
        }
    )
    try:
        starts, ends = windows(frame) if len(frame) else ([], [])
        starts, ends = list(starts), list(ends)
    except (ValueError, TypeError):
        starts, ends = [pd.NaT] * len(features), [pd.NaT] * len(features)
    facts = []
    for feature, p, start, end in zip(features, props, starts, ends, strict=True):
        window = None
        if p.get("event_date"):
            window = (start, end) if not pd.isna(start) else _window(feature)
        facts.append(
            _Facts(
                p.get("layer") == "incident",
                window,
                _point(feature),
                normalize(str(p.get("location") or "")),
            )
        )
    return facts


def _near(a: _Facts, b: _Facts, tolerance_km: float) -> bool:
    """same_place_and_time on the two features' facts."""
    if not a.incident or not b.incident or a.window is None or b.window is None:
        return False
    if a.window[0] > b.window[1] or b.window[0] > a.window[1]:
        return False
    if a.point is not None and b.point is not None:
        return distance_km(a.point, b.point) <= tolerance_km
    return a.location == b.location and a.location != ""


def same_place_and_time(
    existing: dict[str, Any], draft: dict[str, Any], tolerance_km: float
) -> bool:
    """True when both are incidents with overlapping date windows at the same place: within
    `tolerance_km` when both are placed, else the same location name."""
    a, b = _facts([existing, draft])
    return _near(a, b, tolerance_km)


EARTH_RADIUS_KM = 6371.009  # geopy's mean radius, which this project's distances use


def distance_km(here: tuple[float, float], there: tuple[float, float]) -> float:
    """Great-circle distance of two (lat, lon) points in km: geopy's great_circle formula,
    without building its Point objects (called for each candidate pair of a merge)."""
    lat1, lat2 = math.radians(here[0]), math.radians(there[0])
    delta = math.radians(there[1] - here[1])
    sin1, cos1, sin2, cos2 = math.sin(lat1), math.cos(lat1), math.sin(lat2), math.cos(lat2)
    across = math.hypot(cos2 * math.sin(delta), cos1 * sin2 - sin1 * cos2 * math.cos(delta))
    return EARTH_RADIUS_KM * math.atan2(across, sin1 * sin2 + cos1 * cos2 * math.cos(delta))


# Kilometres in a degree of latitude, a little less than the least there is, so that a box of
# tolerance_km / KM_PER_DEGREE degrees holds every point within tolerance_km.
KM_PER_DEGREE = 110.0
# Draft features whose boxes are looked up in the R-tree in one query.
BATCH = 10_000


class _Nearby:
    """The features of a file that a draft feature may match, found through indexes instead
    of by comparing it with every feature: an R-tree (shapely.STRtree) of the placed
    incidents, the unplaced ones by location name, the sites, routes and areas by layer, kind
    and name or geo_source. It returns a superset of the features each rule accepts, in file
    order; the rules themselves (_near, same_incident, same_place) then decide."""

    def __init__(self, features: list[Any], tolerance_km: float) -> None:
        self.features = [f if isinstance(f, dict) else {} for f in features]
        self.facts = _facts(self.features)
        self.tolerance_km = tolerance_km
        placed = [
            i
            for i, f in enumerate(self.facts)
            if f.incident and f.point is not None and f.window is not None
        ]
        self.placed = np.array(placed, dtype=np.int64)
        # The placed incidents' windows, to keep only those of the draft's days before any
        # pair is compared one by one (a city's events of a whole year share one box).
        self.starts = np.array([self.facts[i].window[0].value for i in placed], dtype=np.int64)
        self.ends = np.array([self.facts[i].window[1].value for i in placed], dtype=np.int64)
        self.tree = shapely.STRtree(
            shapely.points([self.facts[i].point[::-1] for i in placed]) if placed else []
        )
        self.by_location: dict[str, list[int]] = {}
        self.by_place: dict[tuple[str, ...], list[int]] = {}
        for index, (feature, facts) in enumerate(zip(self.features, self.facts, strict=True)):
            if facts.incident and facts.location:
                self.by_location.setdefault(facts.location, []).append(index)
            for key in _place_keys(feature):
                self.by_place.setdefault(key, []).append(index)

    def near(self, facts: _Facts, boxed: list[int] | None) -> list[int]:
        """Indexes of the features at the same place and time as a feature with `facts`;
        `boxed`: its `within_boxes` answer (None when it has no point or window)."""
        if not facts.incident or facts.window is None:
            return []
        found = set(boxed or [])
        found.update(
            i
            for i in self.by_location.get(facts.location, [])
            if facts.location
            if facts.point is None or self.facts[i].point is None
        )
        return [i for i in sorted(found) if _near(self.facts[i], facts, self.tolerance_km)]

    def _boxes(self, point: tuple[float, float]) -> list[tuple[float, float, float, float]]:
        """(west, south, east, north) of the box around `point` wider than the tolerance, cut
        in two across the antimeridian."""
        lat, lon = point
        dlat = self.tolerance_km / KM_PER_DEGREE
        widest = math.cos(math.radians(min(90.0, abs(lat) + dlat)))
        dlon = 360.0 if widest * 180 * KM_PER_DEGREE <= self.tolerance_km else dlat / widest
        boxes = [(lon - dlon, lat - dlat, lon + dlon, lat + dlat)]
        if lon - dlon < -180:  # across the antimeridian
            boxes.append((lon - dlon + 360, lat - dlat, 180, lat + dlat))
        if lon + dlon > 180:
            boxes.append((-180, lat - dlat, lon + dlon - 360, lat + dlat))
        return boxes

    def within_boxes(
        self, wanted: list[tuple[tuple[float, float], tuple[pd.Timestamp, pd.Timestamp]]]
    ) -> list[list[int]]:
        """For each (point, window): the placed incidents in a box around the point wider than
        the tolerance whose windows overlap the window. The R-tree is asked for many boxes at
        once (BATCH at a time: each box may hold hundreds of the file's incidents)."""
        found: list[list[int]] = [[] for _ in wanted]
        if not len(self.placed):
            return found
        for first in range(0, len(wanted), BATCH):
            owners, corners, starts, ends = [], [], [], []
            for number, (point, window) in enumerate(wanted[first : first + BATCH], first):
                for box in self._boxes(point):
                    owners.append(number)
                    corners.append(box)
                    starts.append(window[0].value)
                    ends.append(window[1].value)
            west, south, east, north = np.array(corners, dtype=np.float64).T
            box_of, hits = self.tree.query(shapely.box(west, south, east, north))
            owner = np.array(owners, dtype=np.int64)[box_of]
            overlap = (self.starts[hits] <= np.array(ends, dtype=np.int64)[box_of]) & (
                self.ends[hits] >= np.array(starts, dtype=np.int64)[box_of]
            )
            owner, hits = owner[overlap], self.placed[hits[overlap]]
            order = np.lexsort((hits, owner))
            owner, hits = owner[order], hits[order]
            bounds = np.searchsorted(owner, np.arange(first, first + BATCH + 1))
            for offset in range(min(BATCH, len(wanted) - first)):
                found[first + offset] = hits[bounds[offset] : bounds[offset + 1]].tolist()
        return found

    def same_place(self, feature: dict[str, Any]) -> list[int]:
        """Indexes of the sites, routes and areas that may be `feature` (same_place)."""
        found = {
            i for key in _place_keys(feature, as_draft=True) for i in self.by_place.get(key, [])
        }
        return sorted(found)


def _place_keys(feature: dict[str, Any], *, as_draft: bool = False) -> list[tuple[str, ...]]:
    """The keys same_place can match a site, route or area by: its layer and kind with its
    geo_source, or with its normalised name. A feature of the file has a key only for what it
    has; a draft is looked up by both."""
    props = _props(feature)
    if props.get("layer") == "incident" and not as_draft:
        return []
    kind = (repr(props.get("layer")), repr(props.get("kind")))
    keys = []
    if props.get("geo_source") or as_draft:
        keys.append((*kind, "geo_source", repr(props.get("geo_source"))))
    if props.get("name") or as_draft:
        keys.append((*kind, "name", normalize(str(props.get("name", "")))))
    return keys


_BRACKETED = re.compile(r"\([^)]*\)")


def _actor_words(actor: object) -> set[str]:
    text = _BRACKETED.sub(" ", str(actor or ""))
    return {w for w in re.findall(r"\w+", normalize(text)) if w not in _FILLER}


_FILLER = frozenset({"of", "the", "and", "forces", "de", "la"})


def what_differs(existing: dict[str, Any], draft: dict[str, Any]) -> list[str]:
    """How two incidents differ in what happened: event_type, sub_event_type, actor1, actor2
    (a property one side leaves empty differs in nothing). [] when they agree."""
    a, b = _props(existing), _props(draft)
    differences = []
    for name in ("event_type", "sub_event_type"):
        if a.get(name) and b.get(name) and a[name] != b[name]:
            differences.append(f"{name} {a[name]!r} vs {b[name]!r}")
    for name in ("actor1", "actor2"):
        mine, theirs = _actor_words(a.get(name)), _actor_words(b.get(name))
        if mine and theirs and not (mine <= theirs or theirs <= mine):
            differences.append(f"{name} {a[name]!r} vs {b[name]!r}")
    return differences


def same_incident(existing: dict[str, Any], draft: dict[str, Any], tolerance_km: float) -> bool:
    """True when both are incidents at the same place and time that agree on what happened."""
    return same_place_and_time(existing, draft, tolerance_km) and not what_differs(existing, draft)


def same_place(existing: dict[str, Any], draft: dict[str, Any]) -> bool:
    """True when both are the same site, route or area (same layer and kind, and the same name
    or the same geo_source)."""
    a, b = _props(existing), _props(draft)
    if a.get("layer") == "incident" or (a.get("layer"), a.get("kind")) != (
        b.get("layer"),
        b.get("kind"),
    ):
        return False
    if a.get("geo_source") and a.get("geo_source") == b.get("geo_source"):
        return True
    return bool(a.get("name")) and normalize(str(a["name"])) == normalize(str(b.get("name", "")))


def json_copy(value: Any) -> Any:
    """A copy of a parsed JSON value, its objects and arrays copied all the way down (what
    copy.deepcopy does for JSON, at a third of its time: a merge copies the whole file)."""
    if isinstance(value, dict):
        return {key: json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_copy(item) for item in value]
    return value


def _unique_id(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    suffix = 2
    while f"{wanted}-{suffix}" in taken:
        suffix += 1
    return f"{wanted}-{suffix}"


DRAFT_PREFIX = "draft-"
PROPOSED = re.compile(r"\s*\(proposed\)\s*$")


def finalized(feature: dict[str, Any]) -> dict[str, Any]:
    """A copy of a reviewed draft feature as data: no "draft-" id prefix, no "(proposed)" in
    its name, no `review` mark (see the module)."""
    result = json_copy(feature)
    if isinstance(result.get("id"), str) and result["id"].startswith(DRAFT_PREFIX):
        result["id"] = result["id"][len(DRAFT_PREFIX) :] or result["id"]
    props = result.get("properties")
    if isinstance(props, dict):
        props.pop("review", None)
        if isinstance(props.get("name"), str):
            props["name"] = PROPOSED.sub("", props["name"]) or props["name"]
    return result


def merge_documents(
    target: dict[str, Any],
    draft: dict[str, Any],
    *,
    tolerance_km: float = DEFAULT_TOLERANCE_KM,
    skip_drafts: bool = False,
    attach: dict[str, str] | None = None,
    republished: dict[str, str] | None = None,
) -> tuple[dict[str, Any], MergeReport]:
    """`target` with the reviewed features of `draft` merged in (neither input is changed).
    `attach`: {draft feature id: id of an incident of `target`} the reviewer chose for it;
    `republished`: {source id: the id it republishes} of the registry (for claim statuses).

    Raises DraftsLeft naming every feature still marked `review: "draft"`, unless
    `skip_drafts`, which leaves them out and lists them in the report; KeyError naming an
    `attach` target the file does not have."""
    drafts = [f for f in draft.get("features", []) if isinstance(f, dict)]
    unreviewed = [_label(f, i) for i, f in enumerate(drafts) if _props(f).get("review") == "draft"]
    if unreviewed and not skip_drafts:
        raise DraftsLeft(unreviewed)
    # The file's features are copied only when a draft changes one (copy on write): a merge
    # into a large file changes few of them, and copying them all took a fifth of its time.
    result = {k: v if k == "features" else json_copy(v) for k, v in target.items()}
    features: list[Any] = list(target.get("features") or [])
    result["features"] = features
    changed: set[int] = set()  # indexes of the file's features copied
    taken = {str(f.get("id")) for f in features if isinstance(f, dict) and "id" in f}
    report = MergeReport(skipped=unreviewed)
    by_id = {f.get("id"): i for i, f in enumerate(features) if isinstance(f, dict)}
    nearby = _Nearby(features, tolerance_km)
    draft_facts = _facts(drafts)
    boxed = nearby.within_boxes(
        [(f.point, f.window) for f in draft_facts if f.incident and f.point and f.window]
    )
    boxes = iter(boxed)
    for index, (feature, facts) in enumerate(zip(drafts, draft_facts, strict=True)):
        mine = next(boxes) if facts.incident and facts.point and facts.window else None
        if _props(feature).get("review") == "draft":
            continue
        new_sources = [s for s in _props(feature).get("sources") or [] if isinstance(s, str)]
        chosen = (attach or {}).get(str(feature.get("id")))
        if chosen is not None and chosen not in by_id:
            raise KeyError(chosen)
        near = nearby.near(facts, mine) if chosen is None else []
        match = by_id[chosen] if chosen is not None else _match(nearby, near, feature, facts)
        if match is not None:
            if match not in changed:
                features[match] = nearby.features[match] = json_copy(features[match])
                changed.add(match)
            _add_reports(features[match], feature, index, new_sources, report, republished or {})
            continue
        copied = finalized(feature)
        copied["id"] = _unique_id(str(copied.get("id") or f"feature-{index + 1}"), taken)
        taken.add(copied["id"])
        features.append(copied)
        report.added.append(copied["id"])
        for existing in (nearby.features[i] for i in near):
            differs = what_differs(existing, feature)
            report.near_misses.append((copied["id"], _label(existing, 0), differs))
    return result, report


def _match(nearby: _Nearby, near: list[int], feature: dict[str, Any], facts: _Facts) -> int | None:
    """The index of the feature of the file that `feature` is (see the module's rules), or
    None. `near`: the features at the same place and time (nearby.near)."""
    same_event = {i for i in near if not what_differs(nearby.features[i], feature)}
    same_site = {i for i in nearby.same_place(feature) if same_place(nearby.features[i], feature)}
    candidates = sorted(same_event | same_site)
    if not candidates:
        return None
    name = normalize(str(_props(feature).get("name") or ""))
    here = facts.point

    def rank(index: int) -> tuple[bool, bool, float]:
        candidate, there = nearby.features[index], nearby.facts[index].point
        distance = distance_km(here, there) if here and there else float("inf")
        other_name = normalize(str(_props(candidate).get("name") or "")) != name
        return candidate.get("id") != feature.get("id"), other_name, distance

    return min(candidates, key=rank)


def _report_key(entry: dict[str, Any]) -> tuple[str, str]:
    return (str(entry.get("source")), " ".join(str(entry.get("claimant") or "").split()).casefold())


def _add_reports(
    match: dict[str, Any],
    feature: dict[str, Any],
    index: int,
    new_sources: list[str],
    report: MergeReport,
    republished: dict[str, str],
) -> None:
    """Give `match` the draft's reports (one per source and claimant it lacks) and sources,
    and the claim status they support when its status was the one its reports supported."""
    props = match.setdefault("properties", {})
    known = list(props.get("sources") or [])
    reports = [r for r in props.get("reports") or [] if isinstance(r, dict)]
    # the status answered to the reports (none yet, or the one they support): it follows them
    status_followed_reports = not reports or props.get("claim_status") == derive_claim_status(
        reports, republished
    )
    keys = {_report_key(r): r for r in reports}
    added_reports, differing = [], []
    for entry in _props(feature).get("reports") or []:
        if not isinstance(entry, dict):
            continue
        known_report = keys.get(_report_key(entry))
        if known_report is not None and known_report != entry:
            claimant = f" ({entry['claimant']})" if entry.get("claimant") else ""
            differing.append(f"{entry.get('source')}{claimant}")
        if known_report is None:
            keys[_report_key(entry)] = entry
            reports.append(json_copy(entry))
            claimant = f" {entry['claimant']}" if entry.get("claimant") else ""
            added_reports.append(f"{entry.get('source')} ({entry.get('stance')}{claimant})")
            if isinstance(entry.get("source"), str):
                new_sources = [*new_sources, entry["source"]]
    if added_reports:
        props["reports"] = reports
        derived = derive_claim_status(reports, republished)
        old = props.get("claim_status")
        if status_followed_reports and derived is not None and old not in (None, derived):
            props["claim_status"] = derived
            report.restated.append((_label(match, 0), str(old), derived))
        report.reported.append((_label(match, 0), _label(feature, index), added_reports))
    if differing:
        report.differing.append((_label(match, 0), _label(feature, index), differing))
    added = list(dict.fromkeys(s for s in new_sources if s not in known))
    if added:
        props["sources"] = known + added
        report.sourced.append((_label(match, 0), _label(feature, index), added))
    if not added and not added_reports:
        report.unchanged.append((_label(match, 0), _label(feature, index)))
