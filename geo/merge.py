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

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from geopy.distance import great_circle
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


def same_place_and_time(
    existing: dict[str, Any], draft: dict[str, Any], tolerance_km: float
) -> bool:
    """True when both are incidents with overlapping date windows at the same place."""
    if _props(existing).get("layer") != "incident" or _props(draft).get("layer") != "incident":
        return False
    a, b = _window(existing), _window(draft)
    if a is None or b is None or a[0] > b[1] or b[0] > a[1]:
        return False
    here, there = _point(existing), _point(draft)
    if here is not None and there is not None:
        return float(great_circle(here, there).km) <= tolerance_km
    names = {normalize(str(_props(f).get("location") or "")) for f in (existing, draft)}
    return len(names) == 1 and names != {""}


def _actor_words(actor: object) -> set[str]:
    text = re.sub(r"\([^)]*\)", " ", str(actor or ""))
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
    result = copy.deepcopy(feature)
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
    result = copy.deepcopy(target)
    features: list[dict[str, Any]] = result.setdefault("features", [])
    originals = len(features)
    taken = {str(f.get("id")) for f in features if isinstance(f, dict) and "id" in f}
    report = MergeReport(skipped=unreviewed)
    by_id = {f.get("id"): f for f in features[:originals] if isinstance(f, dict)}
    for index, feature in enumerate(drafts):
        if _props(feature).get("review") == "draft":
            continue
        new_sources = [s for s in _props(feature).get("sources") or [] if isinstance(s, str)]
        chosen = (attach or {}).get(str(feature.get("id")))
        if chosen is not None and chosen not in by_id:
            raise KeyError(chosen)
        match = (
            by_id[chosen]
            if chosen is not None
            else _match(features[:originals], feature, tolerance_km)
        )
        if match is not None:
            _add_reports(match, feature, index, new_sources, report, republished or {})
            continue
        copied = finalized(feature)
        copied["id"] = _unique_id(str(copied.get("id") or f"feature-{index + 1}"), taken)
        taken.add(copied["id"])
        features.append(copied)
        report.added.append(copied["id"])
        for existing in features[:originals]:
            if isinstance(existing, dict) and same_place_and_time(existing, feature, tolerance_km):
                differs = what_differs(existing, feature)
                report.near_misses.append((copied["id"], _label(existing, 0), differs))
    return result, report


def _match(
    existing: list[Any], feature: dict[str, Any], tolerance_km: float
) -> dict[str, Any] | None:
    """The feature of the file that `feature` is (see the module's rules), or None."""
    candidates = [
        f
        for f in existing
        if isinstance(f, dict)
        and (same_incident(f, feature, tolerance_km) or same_place(f, feature))
    ]
    if not candidates:
        return None
    name = normalize(str(_props(feature).get("name") or ""))
    here = _point(feature)

    def rank(candidate: dict[str, Any]) -> tuple[bool, bool, float]:
        there = _point(candidate)
        distance = great_circle(here, there).km if here and there else float("inf")
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
            reports.append(copy.deepcopy(entry))
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
