"""geo.export.series: one deterministic frame per period with the period in its caption, the
same extent and legend in every frame, and an animated GIF of them; through the CLI too."""

from __future__ import annotations

import io
import warnings
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from geo.canonical import dumps
from geo.cli import main
from geo.export import series
from geo.export.options import ExportOptions
from geo.view import View

from .conftest import SOURCES_CSV, incident

SMALL = ExportOptions(width_in=6.0, height_in=4.0, dpi=60)
MARCH = View(date_from=date(2026, 3, 1), date_to=date(2026, 3, 20))


def test_frames_cover_the_selection_week_by_week(sample_gdf):
    frames = series.frames(sample_gdf, MARCH, "week")
    assert [f.period.key for f in frames] == ["2026-W09", "2026-W10", "2026-W11", "2026-W12"]
    # Cut to the view's dates at both ends: 1 March is a Sunday, 20 March a Friday.
    assert (frames[0].view.date_from, frames[0].view.date_to) == (date(2026, 3, 1),) * 2
    assert frames[-1].view.date_to == date(2026, 3, 20)
    cumulative = series.frames(sample_gdf, MARCH, "week", cumulative=True)
    assert {f.view.date_from for f in cumulative} == {date(2026, 3, 1)}


def frames_of(fmt, gdf, sources, basemap) -> list[tuple[str, bytes]]:
    return list(series.static_frames(fmt, gdf, sources, MARCH, SMALL, "week", basemap=basemap))


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
def test_each_frame_names_its_period_and_is_deterministic(
    sample_gdf, sample_sources, sample_basemap
):
    svgs = frames_of("svg", sample_gdf, sample_sources, sample_basemap)
    again = frames_of("svg", sample_gdf, sample_sources, sample_basemap)
    assert svgs == again
    names = [name for name, _ in svgs]
    assert names[1] == "frame-002-2026-W10.svg"
    text = svgs[1][1].decode("utf-8")
    assert "Period: week of 2 Mar 2026 (2026-03-02 to 2026-03-08)" in text
    assert "Period: week of 9 Mar 2026" in svgs[2][1].decode("utf-8")
    # A week with no incident keeps its frame (the undated site, route and area stay).
    assert "Period: week of 16 Mar 2026 (2026-03-16 to 2026-03-20)" in svgs[3][1].decode("utf-8")


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
def test_gif_has_one_frame_per_period(sample_gdf, sample_sources, sample_basemap):
    pngs = [d for _, d in frames_of("png", sample_gdf, sample_sources, sample_basemap)]
    animation = series.gif_bytes(pngs, 500)
    assert animation == series.gif_bytes(pngs, 500)
    image = Image.open(io.BytesIO(animation))
    assert image.format == "GIF" and image.n_frames == len(pngs) == 4
    assert image.info["duration"] == 500
    assert image.size == Image.open(io.BytesIO(pngs[0])).size


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
def test_cli_writes_a_frame_per_week_and_a_gif(tmp_path: Path, sample_document, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "incidents.geojson").write_text(dumps(sample_document), encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    common = ["export", "--in", str(folder / "incidents.geojson"), "--size", "6x4in"]
    common += ["--dpi", "60", "--from", "2026-03-01", "--to", "2026-03-20", "--every", "week"]
    out = tmp_path / "frames"
    assert main([*common, "--format", "png", "--out", f"{out}/"]) == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "frame-001-2026-W09.png",
        "frame-002-2026-W10.png",
        "frame-003-2026-W11.png",
        "frame-004-2026-W12.png",
    ]
    assert "wrote 4 frames, one per week" in capsys.readouterr().err
    gif = tmp_path / "march.gif"
    assert main([*common, "--out", str(gif), "--frame-ms", "400"]) == 0
    assert Image.open(gif).n_frames == 4


def test_a_gif_series_says_which_characters_its_font_could_not_draw(tmp_path: Path, capsys):
    """A place name in a script DejaVu Sans lacks (Chinese) is replaced in every frame, and the
    series says so once on stderr, as a single map does, instead of silent boxes."""
    features = [
        incident("inc-a", 45.458, 39.189, location="边境", event_date="2026-03-03"),
        incident("inc-b", 46.5, 40.0, location="Ganja", event_date="2026-03-11"),
    ]
    folder = tmp_path / "data"
    folder.mkdir()
    document = {"type": "FeatureCollection", "features": features}
    (folder / "incidents.geojson").write_text(dumps(document), encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    gif = tmp_path / "march.gif"
    argv = ["export", "--in", str(folder / "incidents.geojson"), "--size", "6x4in", "--dpi", "50"]
    argv += ["--from", "2026-03-02", "--to", "2026-03-15", "--every", "week", "--out", str(gif)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph ... missing" would fail here
        assert main(argv) == 0, capsys.readouterr().err
    notes = [line for line in capsys.readouterr().err.splitlines() if "cannot be drawn" in line]
    assert len(notes) == 1, notes
    # The label is drawn in the frame of its week only; the footer's lines do not name it.
    assert notes[0].startswith("export: note: 2 characters of the text (over 1 of the 2 frames)")
    assert Image.open(gif).n_frames == 2
