"""What the app's review desk does with one draft feature, without Streamlit: the form the
schema generates (`form_properties`, `parse_value`, `with_values`), the validator's messages
per property (`property_problems`), moving it (`gazetteer_candidates`, `moved`), the
article's text with a feature's evidence marked (`evidence_spans`), and the draft file kept
in step with the decisions (`drop_from_draft`). The decisions themselves (accept, attach,
reject, approve) are geo.review.loop's, as on the command line.
"""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

from geo.canonical import dumps
from geo.files import read_versioned, write_atomic
from geo.problems import Problem
from geo.schema import EVIDENCE_FORM, KINDS, PROPERTIES, PropertySpec

# Not edited in the form: the layer is what the draft is, sources and reports come from the
# article, review and evidence are extract's marks.
NOT_IN_FORM = frozenset({"layer", "sources", "reports", "review", "evidence", "related"})
INCIDENT_ONLY = frozenset(
    {
        "event_date",
        "end_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "fatalities",
        "claim_status",
        "claimed_by",
        "denied_by",
    }
)
LIST_SEPARATOR = ";"


def form_properties(layer: str) -> list[PropertySpec]:
    """The properties a reviewer edits for a feature of `layer`, in the schema's order."""
    return [
        spec
        for spec in PROPERTIES
        if spec.name not in NOT_IN_FORM
        and (layer == "incident" or spec.name not in INCIDENT_ONLY)
        and not (layer == "incident" and spec.name == "kind")
    ]


def choices(spec: PropertySpec, layer: str) -> tuple[str | int, ...]:
    """The values a property may take for `layer` (kind depends on it); () when free."""
    if spec.name == "kind":
        return KINDS.get(layer, ())
    return spec.enum


def shown_value(value: Any) -> str:
    """A property's value as the form's text field shows it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    return str(value)


def parse_value(spec: PropertySpec, text: str) -> Any:
    """The value a form field's text stands for (None for an empty field). ValueError with a
    sentence when it cannot be read as the property's type (a number, a list)."""
    text = text.strip()
    if not text:
        return None
    if spec.type == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{spec.name}: {text!r} is not a whole number") from None
    if spec.type == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{spec.name}: {text!r} is not a number") from None
    if spec.type == "string_list":
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    return text


def with_values(feature: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """A copy of `feature` with the form's `values` ({property: value}; None removes it)."""
    result = copy.deepcopy(feature)
    props = result.setdefault("properties", {})
    for name, value in values.items():
        if value is None:
            props.pop(name, None)
        else:
            props[name] = value
    return result


def property_problems(
    feature: dict[str, Any], shown: str, registry: Path | None
) -> dict[str | None, list[Problem]]:
    """The validator's problems of `feature` checked alone (as a one-feature collection, as
    `shown`, against `registry`), by the property they are about (None: the feature)."""
    from geo.validate import check_text

    text = dumps({"type": "FeatureCollection", "features": [feature]})
    _, problems = check_text(text, shown, sources_path=registry)
    found: dict[str | None, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.property, []).append(problem)
    return found


def gazetteer_candidates(location: str, country: str | None = None) -> list[dict[str, Any]]:
    """Where the offline gazetteers place `location`, best first: name, lat, lon, kind,
    country, admin1, source (the geo_source to record), geo_precision. [] when unknown."""
    from geo.geocoders import OfflineGeocoder

    if not location.strip():
        return []
    geocoder = _geocoder(OfflineGeocoder)
    found = geocoder.geocode(location, exactly_one=False) or []
    answers = []
    for place in found:
        raw = place.raw
        answers.append(
            {
                "name": raw.get("name"),
                "lat": round(place.latitude, 6),
                "lon": round(place.longitude, 6),
                "kind": raw.get("kind"),
                "country": raw.get("country"),
                "admin1": raw.get("admin1"),
                "source": raw.get("source"),
                "geo_precision": raw.get("geo_precision"),
            }
        )
    if country:  # the feature's own country first
        answers.sort(key=lambda a: a.get("country") != country)
    return answers


_GEOCODERS = threading.local()


def _geocoder(kind: type) -> Any:
    """One offline geocoder per thread (it reads the gazetteers once; its SQLite connection
    serves only the thread that opened it, and the app serves sessions on several)."""
    if getattr(_GEOCODERS, "instance", None) is None:
        _GEOCODERS.instance = kind()
    return _GEOCODERS.instance


def moved(
    feature: dict[str, Any],
    lat: float,
    lon: float,
    *,
    geo_source: str = "manual",
    place: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of a point feature placed at (lat, lon): picked among the gazetteer's
    candidates (`place`, whose source, country, admin1 and precision it takes) or by hand
    on the map (geo_source "manual", exact place)."""
    result = copy.deepcopy(feature)
    result["geometry"] = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    props = result.setdefault("properties", {})
    props["geo_source"] = (place or {}).get("source") or geo_source
    if place is not None:
        for name in ("country", "admin1"):
            if place.get(name):
                props[name] = place[name]
        if place.get("name"):
            props["location"] = place["name"]
        if place.get("geo_precision") in (1, 2, 3):
            props["geo_precision"] = place["geo_precision"]
    else:
        props["geo_precision"] = 1
    return result


def evidence_spans(feature: dict[str, Any], length: int) -> list[tuple[int, int]]:
    """The (start, end) character offsets of a feature's evidence (its own and its reports'),
    within the text's `length`, sorted and merged where they overlap."""
    props = feature.get("properties") or {}
    entries = list(props.get("evidence") or [])
    for report in props.get("reports") or []:
        if isinstance(report, dict):
            entries += list(report.get("evidence") or [])
    spans = []
    for entry in entries:
        match = EVIDENCE_FORM.fullmatch(str(entry))
        if match:
            start, end = int(match.group(1)), int(match.group(2))
            if 0 <= start < end <= length:
                spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The article's text as HTML, escaped, with `spans` in <mark> and paragraphs kept."""
    from geo.escape import html

    parts, at = [], 0
    for start, end in spans:
        parts.append(html(text[at:start]))
        parts.append(f"<mark>{html(text[start:end])}</mark>")
        at = end
    parts.append(html(text[at:]))
    return "".join(parts).replace("\n", "<br>")


def read_draft(path: Path) -> tuple[dict[str, Any], str]:
    """(document, token) of a draft file; an empty collection when it is gone."""
    versioned = read_versioned(path)
    if versioned.data is None:
        return {"type": "FeatureCollection", "features": []}, versioned.token
    return json.loads(versioned.data.decode("utf-8")), versioned.token


def drop_from_draft(path: Path, feature_id: str) -> None:
    """Take a decided feature out of its draft file (the draft keeps what is left to decide;
    the file goes when nothing is). Applied to the draft as it is now (another reviewer may
    have decided on another of its features meanwhile)."""
    from geo.files import locked

    with locked(path):
        document, token = read_draft(path)
        kept = [f for f in document.get("features", []) if f.get("id") != feature_id]
        if not kept:
            path.unlink(missing_ok=True)
            return
        write_atomic(path, dumps({**document, "features": kept}), expect=token)


def draft_source(document: dict[str, Any]) -> str | None:
    """The source id a draft's features cite (extract gives every feature its article's)."""
    for feature in document.get("features", []):
        sources = (feature.get("properties") or {}).get("sources") or []
        if sources:
            return str(sources[0])
    return None
