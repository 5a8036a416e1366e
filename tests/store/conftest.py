"""Small ACLED-shaped CSVs for the store tests, written the way ACLED's export writes them."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

from geo.export.acled_columns import ACLED_COLUMNS
from geo.schema import EVENT_TYPES

COUNTRIES = ("Turkey", "Iran", "Azerbaijan", "Armenia", "Iraq")


def acled_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def acled_rows(count: int, seed: int = 0) -> list[dict[str, str]]:
    """`count` valid ACLED rows: dates over three years with all three precisions, every
    event type, points over the region (a few on cell edges: whole degrees)."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        event_type = rng.choice(list(EVENT_TYPES))
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        lon = rng.choice([round(rng.uniform(38, 50), 4), float(rng.randrange(38, 50))])
        rows.append(
            {
                "event_id_cnty": f"EVT{index}",
                "event_date": day.isoformat() if index % 2 else day.strftime("%d %B %Y"),
                "year": str(day.year),
                "time_precision": str(rng.choice([1, 1, 2, 3])),
                "disorder_type": "Political violence",
                "event_type": event_type,
                "sub_event_type": rng.choice(EVENT_TYPES[event_type]),
                "actor1": rng.choice(["Military Forces of Iran (2021-)", "Protesters (Turkey)"]),
                "country": rng.choice(COUNTRIES),
                "location": "Somewhere",
                "latitude": str(round(rng.uniform(33, 42), 4)),
                "longitude": str(lon),
                "geo_precision": str(rng.choice([1, 2, 3])),
                "source": rng.choice(["APA", "Anadolu Agency; IRNA", ""]),
                "notes": 'A synthetic event, with a comma and a "quote".',
                "fatalities": str(rng.randrange(5)),
            }
        )
    return rows
