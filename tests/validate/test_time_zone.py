""" "In the future" is measured against the latest date anywhere on Earth (UTC+14), so the same
file gets the same verdict on a machine in Kiritimati (UTC+14), in Adak (UTC-10/-9) or in UTC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from geo.periods import latest_today
from geo.schema import SOURCE_COLUMNS

ZONES = ["Pacific/Kiritimati", "America/Adak", "UTC", "Asia/Baku", "Pacific/Pago_Pago"]


@pytest.mark.parametrize(
    ("instant", "latest"),
    [
        ("2026-03-05T09:59:59+00:00", "2026-03-05"),
        ("2026-03-05T10:00:00+00:00", "2026-03-06"),
        ("2026-03-05T23:30:00-10:00", "2026-03-06"),  # late on the 5th in Adak
        ("2026-12-31T16:00:00+04:00", "2027-01-01"),  # an afternoon in Baku
    ],
)
def test_the_latest_date_on_earth_depends_only_on_the_instant(instant, latest):
    assert latest_today(datetime.fromisoformat(instant)).isoformat() == latest


def _write(folder: Path, event_date: str) -> Path:
    registry = folder / "sources.csv"
    row = {"id": "src-a", "outlet": "An outlet", "published": "2026-03-09"}
    row["published_precision"] = "1"
    registry.write_text(
        ",".join(SOURCE_COLUMNS) + "\n" + ",".join(row.get(c, "") for c in SOURCE_COLUMNS) + "\n",
        encoding="utf-8",
    )
    feature = {
        "type": "Feature",
        "id": "inc-1",
        "properties": {
            "layer": "incident",
            "name": "Something happened in Ankara",
            "event_date": event_date,
            "time_precision": 1,
            "event_type": "Strategic developments",
            "sub_event_type": "Other",
            "country": "Türkiye",
            "claim_status": "confirmed",
            "sources": ["src-a"],
        },
        "geometry": {"type": "Point", "coordinates": [32.85427, 39.91987]},
    }
    path = folder / f"{event_date}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return path


@pytest.mark.parametrize("zone", ZONES)
def test_the_verdict_on_a_date_is_the_same_in_every_time_zone(tmp_path, zone):
    """Today's date in Kiritimati passes everywhere; the day after fails everywhere (each run
    in a fresh process with TZ set, as a checking machine there would be)."""
    latest = latest_today()
    env = {**os.environ, "TZ": zone}
    verdicts = {}
    for day in (latest, latest + timedelta(days=1)):
        run = subprocess.run(
            [sys.executable, "-m", "geo", "validate", str(_write(tmp_path, day.isoformat()))],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        verdicts[day] = (run.returncode, "in the future" in run.stdout)
    assert verdicts == {latest: (0, False), latest + timedelta(days=1): (1, True)}
