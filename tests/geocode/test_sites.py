"""geo.geocoders.sites: the curated gazetteer file, as a person edits it."""

from __future__ import annotations

import csv

from geo import paths
from geo.geocoders.sites import SitesGeocoder


def test_sites_re_saved_with_semicolons_is_one_warning_saying_so(tmp_path):
    rows = list(csv.reader(paths.SITES.open(encoding="utf-8")))
    path = tmp_path / "sites.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    geocoder = SitesGeocoder(path)
    assert list(geocoder.places()) == []
    [problem] = geocoder.problems
    assert (problem.path, problem.line, problem.severity) == (str(path), 1, "warning")
    assert "semicolon-separated CSV" in problem.message


def test_the_shipped_sites_read_without_a_problem():
    geocoder = SitesGeocoder(paths.SITES)
    assert list(geocoder.places()) and geocoder.problems == []
