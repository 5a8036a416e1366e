"""ACLED's export columns and how each relates to the project's properties: the one table the
CSV export and `import-acled` both read, so the two directions cannot drift apart."""

from __future__ import annotations

# ACLED's CSV columns, in ACLED's order (codebook, 2023 onwards).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# Columns that carry a project property of the same name and meaning.
SHARED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "geo_precision",
    "notes",
    "fatalities",
)

# Columns computed from project data on export and not stored on import: the year of
# event_date, the position of the geometry.
COMPUTED_COLUMNS: tuple[str, ...] = ("year", "latitude", "longitude")

# ACLED's `source` (the outlets that reported the event) is filled from the sources registry
# on export; an imported ACLED row keeps its own text under ACLED_PREFIX + "source".
SOURCE_COLUMN = "source"

# Columns the project has no property for. An imported row keeps their non-empty values as
# extra properties named ACLED_PREFIX + column, and the export puts them back.
ACLED_ONLY_COLUMNS: tuple[str, ...] = tuple(
    c
    for c in ACLED_COLUMNS
    if c not in SHARED_COLUMNS and c not in COMPUTED_COLUMNS and c != SOURCE_COLUMN
)
ACLED_PREFIX = "acled_"

# The project's own columns after ACLED's: the feature id first, then the non-point geometry
# of an incident (as WKT) when it has one, then the project's other properties.
ID_COLUMN = "id"
GEOMETRY_COLUMN = "geometry_wkt"
LIST_SEPARATOR = "; "

# The source id that imported ACLED rows cite until the user names their download.
DEFAULT_SOURCE_ID = "acled"
