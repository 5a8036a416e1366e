"""The incident schema: ids, and each feature's properties against geo.schema.PROPERTIES (types,
required per layer, allowed values, dates, sources in the registry, related ids), driven by that
table so that a property added there is checked here without an edit."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from geo.jsonpos import Pointer
from geo.periods import date_problem, strict_date
from geo.problems import Problem
from geo.schema import (
    EVENT_TYPES,
    EVIDENCE_FORM,
    GEO_SOURCE_PREFIXES,
    GEOMETRY_BY_LAYER,
    INTEGER_RANGE,
    KINDS,
    LAYERS,
    PROPERTIES,
    PROPERTY_BY_NAME,
    PropertySpec,
)
from geo.validate.finding import Finding, is_number, json_type, retyped
from geo.validate.report_list import check_claimant_spellings, check_reports

if TYPE_CHECKING:
    import pandas as pd


def read_source_ids(
    frame: pd.DataFrame | None, problems: list[Problem]
) -> tuple[dict[str, str] | None, list[Problem]]:
    """The ids in a checked sources registry (geo.sources.check_registry), each with the id it
    republishes ("" when none; None when the registry cannot be read), and its problems."""
    if frame is None:
        return None, problems
    parents = (
        frame["republished_from"].astype(str).tolist()
        if "republished_from" in frame.columns
        else [""] * len(frame)
    )
    return dict(zip((str(i) for i in frame.index), parents, strict=True)), problems


def check_properties(
    document: dict[str, object],
    source_ids: Mapping[str, str] | None,
    archived: Mapping[str, int] | None = None,
) -> list[Finding]:
    """Problems with feature ids and properties in an incident FeatureCollection; `archived`
    gives the length of each source's archived text, which report evidence must lie in."""
    if document.get("type") != "FeatureCollection":
        return [Finding((), "error", "an incident file must be a FeatureCollection")]
    features = document.get("features")
    if not isinstance(features, list):
        return []
    checker = _PropertyChecker(source_ids, archived or {})
    for index, feature in enumerate(features):
        if isinstance(feature, dict):
            checker.check_feature(feature, ("features", index))
    checker.check_related()
    return checker.findings + check_claimant_spellings(document)


def _suggest(value: str, choices: tuple[str, ...] | list[str]) -> str:
    by_fold = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    return f'; did you mean "{by_fold[close[0]]}"?' if close else ""


class _PropertyChecker:
    def __init__(self, source_ids: Mapping[str, str] | None, archived: Mapping[str, int]) -> None:
        self.source_ids = source_ids
        self.archived = archived
        self.findings: list[Finding] = []
        self.first_use: dict[str, Pointer] = {}  # feature id -> pointer of its "id" member
        self.related: list[tuple[Pointer, str, str]] = []  # (pointer, id it names, own id)

    def error(self, pointer: Pointer, message: str, prop: str | None = None, **kw: object) -> None:
        self.findings.append(Finding(pointer, "error", message, prop, **kw))  # type: ignore[arg-type]

    def warning(self, pointer: Pointer, message: str, prop: str | None = None) -> None:
        self.findings.append(Finding(pointer, "warning", message, prop))

    def check_feature(self, feature: dict[str, object], pointer: Pointer) -> None:
        own_id = self.check_id(feature, pointer)
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            if properties is None:
                at = (*pointer, "properties") if "properties" in feature else pointer
                self.error(
                    at,
                    "no properties: a feature of an incident file needs at least "
                    "layer, name and sources",
                )
            return
        at = (*pointer, "properties")
        layer = properties.get("layer")
        layer = layer if isinstance(layer, str) and layer in LAYERS else None
        for name, value in properties.items():
            spec = PROPERTY_BY_NAME.get(name)
            if spec is None:
                hint = _suggest(name, list(PROPERTY_BY_NAME))
                self.warning((*at, name), f"not a property of the schema (kept as is){hint}", name)
            elif value is None or value == "" or value == []:
                self.check_empty(spec, (*at, name), layer)
            # The common case, a value of the right type and allowed, costs two lookups.
            elif not _HAS_TYPE[spec.type](value):
                self.error((*at, name), _type_problem(spec, value) or "wrong type", name)
            elif name in _MORE_CHECKS or (name in _ENUMS and value not in _ENUMS[name]):
                self.check_value(spec, value, (*at, name))
        for spec in _REQUIRED[layer]:
            if spec.name not in properties:
                where = f"in the {layer} layer" if layer else "in every layer"
                self.error(at, f"missing {spec.name} (required {where})", spec.name)
        self.check_sub_event_type(properties, at)
        self.findings += check_reports(properties, at, self.source_ids, self.archived)
        self.check_kind(properties, at, layer)
        self.check_geometry(feature, pointer, properties, layer)
        related = properties.get("related")
        if isinstance(related, list):
            self.related += [
                ((*at, "related", i), r, own_id or "")
                for i, r in enumerate(related)
                if isinstance(r, str)
            ]

    def check_id(self, feature: dict[str, object], pointer: Pointer) -> str | None:
        if "id" not in feature:
            self.error(
                pointer,
                'missing "id": every feature needs a stable string id, e.g. '
                '"inc-2026-03-05-nakhchivan-airport"',
                "id",
            )
            return None
        feature_id = feature["id"]
        at = (*pointer, "id")
        if not isinstance(feature_id, str):
            if is_number(feature_id):  # other types are reported by the structure check
                self.error(at, f'"id" must be a string, not {json_type(feature_id)}', "id")
            return None
        if not feature_id.strip():
            self.error(at, '"id" is empty', "id")
            return None
        if feature_id in self.first_use:
            self.error(
                at,
                f'id "{feature_id}" is already used by the feature on {{see}}',
                "id",
                see=self.first_use[feature_id],
            )
            return feature_id
        self.first_use[feature_id] = at
        return feature_id

    def check_empty(self, spec: PropertySpec, at: Pointer, layer: str | None) -> None:
        if not spec.nullable or layer in spec.required_in:
            where = f" in the {layer} layer" if layer in spec.required_in else ""
            self.error(at, f"{spec.name} may not be empty{where}", spec.name)

    def check_value(self, spec: PropertySpec, value: object, at: Pointer) -> None:
        """Allowed values, minimum and forms of a value of the right type."""
        name = spec.name
        if name in _ENUMS and value not in _ENUMS[name]:
            allowed = ", ".join(str(v) for v in spec.enum)
            hint = _suggest(value, [str(v) for v in spec.enum]) if isinstance(value, str) else ""
            self.error(at, f'"{value}" is not allowed (one of: {allowed}){hint}', name)
        if spec.minimum is not None and is_number(value) and value < spec.minimum:
            self.error(at, f"{value} is below the minimum {spec.minimum:g}", name)
        if name == "geo_source":
            self.check_geo_source(value, at)  # type: ignore[arg-type]
        elif name == "sources":
            self.check_sources(value, at)  # type: ignore[arg-type]
        elif name == "evidence":
            self.check_evidence(value, at)  # type: ignore[arg-type]

    def check_kind(self, properties: dict[str, object], at: Pointer, layer: str | None) -> None:
        kind = properties.get("kind")
        if layer is None or not isinstance(kind, str) or not kind:
            return
        allowed = KINDS[layer]
        if not allowed:
            self.warning(
                (*at, "kind"),
                f"the {layer} layer has no kinds (event_type says what happened); kind is ignored",
                "kind",
            )
        elif kind not in allowed:
            self.error(
                (*at, "kind"),
                f'"{kind}" is not a kind of {layer} (one of: '
                f"{', '.join(allowed)}){_suggest(kind, allowed)}",
                "kind",
            )

    def check_sub_event_type(self, properties: dict[str, object], at: Pointer) -> None:
        event_type = properties.get("event_type")
        sub = properties.get("sub_event_type")
        if not isinstance(sub, str) or not sub:
            return
        if isinstance(event_type, str) and event_type in EVENT_TYPES:
            allowed = EVENT_TYPES[event_type]
            if sub not in allowed:
                self.error(
                    (*at, "sub_event_type"),
                    f'"{sub}" is not a sub-event type of '
                    f'"{event_type}" (one of: {", ".join(allowed)}){_suggest(sub, allowed)}',
                    "sub_event_type",
                )
        elif not any(sub in subs for subs in EVENT_TYPES.values()):
            every = [s for subs in EVENT_TYPES.values() for s in subs]
            self.error(
                (*at, "sub_event_type"),
                f'"{sub}" is not an ACLED sub-event type{_suggest(sub, every)}',
                "sub_event_type",
            )

    def check_geo_source(self, value: str, at: Pointer) -> None:
        prefix, colon, key = value.partition(":")
        if prefix not in GEO_SOURCE_PREFIXES:
            forms = ", ".join(p if p == "manual" else f"{p}:ID" for p in GEO_SOURCE_PREFIXES)
            self.error(
                at,
                f'"{value}" does not start with a known source of positions ({forms})'
                f"{_suggest(prefix, GEO_SOURCE_PREFIXES)}",
                "geo_source",
            )
        elif prefix != "manual" and not (colon and key.strip()):
            self.error(at, f'"{value}" names no entry: write {prefix}:ID', "geo_source")

    def check_sources(self, sources: list[str], at: Pointer) -> None:
        if self.source_ids is None:
            return  # the registry could not be read; that problem is reported on its own
        known = sorted(self.source_ids)
        for index, source in enumerate(sources):
            if source not in self.source_ids:
                self.error(
                    (*at, index),
                    f'unknown source "{source}": no such id in sources.csv'
                    f"{_suggest(source, known)}",
                    "sources",
                )

    def check_evidence(self, spans: list[str], at: Pointer) -> None:
        for index, span in enumerate(spans):
            match = EVIDENCE_FORM.fullmatch(span)
            if not match or int(match.group(1)) >= int(match.group(2)):
                self.error(
                    (*at, index), f'"{span}" is not a span START-END with START < END', "evidence"
                )

    def check_geometry(
        self,
        feature: dict[str, object],
        pointer: Pointer,
        properties: dict[str, object],
        layer: str | None,
    ) -> None:
        geometry = feature.get("geometry")
        at = (*pointer, "geometry")
        if geometry is None and "geometry" in feature:
            location = properties.get("location")
            if isinstance(location, str) and location.strip():
                self.warning(at, f'not geocoded yet ("{location}"): run python -m geo geocode')
            else:
                self.error(at, "geometry is null and there is no location to geocode")
            return
        if isinstance(geometry, dict) and layer in GEOMETRY_BY_LAYER:
            kind = geometry.get("type")
            allowed = GEOMETRY_BY_LAYER[layer]
            if isinstance(kind, str) and kind in _ALL_GEOMETRIES and kind not in allowed:
                self.error(
                    (*at, "type"),
                    f"a feature of the {layer} layer is a {' or '.join(allowed)}, not a {kind}",
                    "layer",
                )

    def check_related(self) -> None:
        for at, other, own in self.related:
            if other == own:
                self.error(at, "a feature cannot be related to itself", "related")
            elif other not in self.first_use:
                hint = _suggest(other, list(self.first_use))
                self.error(at, f'no feature has the id "{other}"{hint}', "related")


# Required properties per layer; under None (layer missing or unknown), those every layer needs.
_REQUIRED: dict[str | None, tuple[PropertySpec, ...]] = {
    **{layer: tuple(s for s in PROPERTIES if layer in s.required_in) for layer in LAYERS},
    None: tuple(s for s in PROPERTIES if set(s.required_in) == set(LAYERS)),
}
# Allowed values, as sets; kind and sub_event_type depend on another property (checked apart).
_ENUMS: dict[str, frozenset[str | int]] = {
    s.name: frozenset(s.enum)
    for s in PROPERTIES
    if s.enum and s.name not in ("kind", "sub_event_type")
}
# Properties with checks beyond type and allowed values.
_MORE_CHECKS: frozenset[str] = frozenset(
    {"geo_source", "sources", "evidence"} | {s.name for s in PROPERTIES if s.minimum is not None}
)
# Fast type tests; `_type_problem` says what is wrong when one fails.
_HAS_TYPE = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (
        isinstance(v, int) and not isinstance(v, bool) and INTEGER_RANGE[0] <= v <= INTEGER_RANGE[1]
    ),
    "number": lambda v: is_number(v) and math.isfinite(v),
    "date": lambda v: strict_date(v) is not None,
    "string_list": lambda v: (
        isinstance(v, list) and all(isinstance(e, str) and e.strip() for e in v)
    ),
    "report_list": lambda v: isinstance(v, list),  # each report: geo.validate.report_list
}

_ALL_GEOMETRIES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


def _type_problem(spec: PropertySpec, value: object) -> str | None:
    """Why `value` (not empty) does not have the type of `spec`, or None."""
    kind = spec.type
    if kind == "string" and not isinstance(value, str):
        return f"must be a string, not {json_type(value)}"
    if kind == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        shown = json_type(value) if not is_number(value) else value
        return f"must be a whole number, not {shown}{retyped(value, kind)}"
    if kind == "integer" and not INTEGER_RANGE[0] <= value <= INTEGER_RANGE[1]:  # type: ignore[operator]
        digits = str(value)
        shown = digits if len(digits) <= 24 else f"{digits[:12]}… ({len(digits)} digits)"
        low, high = INTEGER_RANGE
        return f"{shown} is out of range: a whole number from {low:,} to {high:,} fits"
    if kind == "number" and not (is_number(value) and math.isfinite(value)):  # type: ignore[arg-type]
        return (
            "must be a finite number"
            if is_number(value)
            else f"must be a number, not {json_type(value)}{retyped(value, kind)}"
        )
    if kind == "date":
        if not isinstance(value, str):
            return f"must be a date written YYYY-MM-DD, not {json_type(value)}"
        return date_problem(value)
    if kind == "report_list" and not isinstance(value, list):
        example = '[{"source": "x", "stance": "asserts"}]'
        return f"must be a list of reports (e.g. {example}), not {json_type(value)}"
    if kind == "string_list":
        if not isinstance(value, list):
            shown = f"{json_type(value)}{retyped(value, kind)}"
            return f'must be a list of strings (e.g. ["a", "b"]), not {shown}'
        for element in value:
            if not isinstance(element, str) or not element.strip():
                shown = json_type(element) if not isinstance(element, str) else "an empty string"
                return f"every element must be a non-empty string; one is {shown}"
    return None
