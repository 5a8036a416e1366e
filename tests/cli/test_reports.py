"""`python -m geo reports ID [--json]` on the shipped data."""

from __future__ import annotations

import json

import pytest

from geo.cli import main


def test_json_has_the_ledger_of_the_nakhchivan_strike(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports", "inc-2026-03-05-nakhchivan-airport", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"id", "reports", "independent_origins", "outlets", "figure_ranges"} <= set(result)
    for report in result["reports"]:
        assert {"source", "stance", "claimant", "figures"} <= set(report)
    by_source = {(r["source"], r["claimant"]): r["figures"] for r in result["reports"]}
    assert by_source[("lenta-2026-03-05", "Azerbaijan MFA")] == {"drones": 2}
    assert by_source[("jamestown-2026-03-12", "Azerbaijan MoD")] == {"drones": 4, "shot_down": 1}
    assert result["independent_origins"] < result["outlets"]


def test_text_names_figures_and_corroboration(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports", "inc-2026-03-06-diplomats-withdrawn-tabriz"]) == 0
    out = capsys.readouterr().out
    assert "diplomats: 11 (11 by shafaq-2026-03-07)" in out
    assert "5 outlet(s), 4 independent origin(s)" in out


def test_an_unknown_id_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports", "inc-2026-03-05-nakhchivan-airpor"]) == 1
    assert 'did you mean "inc-2026-03-05-nakhchivan-airport"' in capsys.readouterr().err


def test_sources_names_the_registry_as_for_every_reader(tmp_path, capsys) -> None:
    """A copy of the incident file far from any sources.csv is read with --sources PATH."""
    from geo import paths

    copy = tmp_path / "incidents.geojson"
    copy.write_bytes(paths.INCIDENTS.read_bytes())
    feature = "inc-2026-03-06-diplomats-withdrawn-tabriz"
    assert main(["reports", "--in", str(copy), feature]) == 1
    assert "no sources registry" in capsys.readouterr().err
    assert main(["reports", "--in", str(copy), "--sources", str(paths.SOURCES), feature]) == 0
    assert "5 outlet(s), 4 independent origin(s)" in capsys.readouterr().out
