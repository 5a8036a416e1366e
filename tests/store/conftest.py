"""Small ACLED-shaped CSVs for the store tests, written the way ACLED's export writes them."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

from geo.acled.columns import ACLED_COLUMNS
from geo.schema import EVENT_TYPES

# (country as ACLED writes it, lon, lat): a city well inside each, so the validator agrees.
PLACES = (
    ("Turkey", 32.85, 39.92),
    ("Iran", 51.39, 35.69),
    ("Azerbaijan", 46.36, 40.68),
    ("Armenia", 44.51, 40.18),
    ("Iraq", 44.36, 33.31),
)


def acled_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def acled_rows(count: int, seed: int = 0) -> list[dict[str, str]]:
    """`count` valid ACLED rows: dates over three years with all three precisions, every
    event type, points near five cities (half of them on a 0.1° lattice, so that boxes and
    cells drawn on it have points on their edges)."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        event_type = rng.choice(list(EVENT_TYPES))
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        country, lon, lat = rng.choice(PLACES)
        lon, lat = lon + rng.uniform(-0.1, 0.1), lat + rng.uniform(-0.1, 0.1)
        digits = rng.choice([1, 4])
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
                "country": country,
                "location": "Somewhere",
                "latitude": str(round(lat, digits)),
                "longitude": str(round(lon, digits)),
                "geo_precision": str(rng.choice([1, 2, 3])),
                "source": rng.choice(["APA", "Anadolu Agency; IRNA", ""]),
                "notes": 'A synthetic event, with a comma and a "quote".',
                "fatalities": str(rng.randrange(5)),
            }
        )
    return rows
