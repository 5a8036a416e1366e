"""A static map per day, week or month (`geo export --every week`), and an animated GIF of
them, for slides.

Every frame is the report map (geo.export.static_map) of the selection narrowed to one period
(`cumulative`: from the first period to that one), with the same extent, title and legend as
the others so that they line up, and the period named in its caption ("Period: week of 2 Mar
2026 (2026-03-02 to 2026-03-08)"). A period with no incident still gets its frame. The periods
run over the view's dates, or where the view leaves them open, from the first to the last day
the selection's dated features may stand for (geo.timeline.period_windows, labels from
geo.periods).

Frames are deterministic (the static maps are); the GIF is made by Pillow from the PNG frames
(palette per frame, no dithering, no timestamps), so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo import periods, timeline
from geo.export import captions, select
from geo.export.errors import ExportError
from geo.export.options import ExportOptions
from geo.view import View, filter_features

if TYPE_CHECKING:
    from geo.export.static_map import Basemap
    from geo.export.text import Glyphs

DEFAULT_FRAME_MS = 800  # how long each frame of a GIF shows


@dataclass(frozen=True)
class Frame:
    period: timeline.PeriodWindow
    view: View  # the selection's view narrowed to the period


def frames(
    gdf: gpd.GeoDataFrame, view: View, every: timeline.Every, cumulative: bool = False
) -> list[Frame]:
    """One frame per period of the selection's dates. ExportError when nothing is dated."""
    selection = select(gdf, view)
    starts, ends = periods.windows(selection)
    if starts.isna().all():
        raise ExportError("none of the selected features has a date: there is no period to show")
    first = view.date_from or starts.min().date()
    last = view.date_to or ends.max().date()
    result = []
    for window in timeline.period_windows(first, last, every):
        start = first if cumulative else max(window.first, first)
        result.append(Frame(window, replace(view, date_from=start, date_to=min(window.last, last))))
    return result


def caption_period(frame: Frame, cumulative: bool) -> str:
    """How a frame's caption names its period: geo.periods' label, and the days it covers."""
    days = f"{frame.view.date_from.isoformat()} to {frame.view.date_to.isoformat()}"  # type: ignore[union-attr]
    if cumulative:
        return f"up to {frame.period.label} ({days})"
    return f"{frame.period.label} ({days})"


def static_frames(
    fmt: str,
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    view: View,
    options: ExportOptions,
    every: timeline.Every,
    cumulative: bool = False,
    basemap: Basemap | None = None,
    glyphs: Glyphs | None = None,
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every frame in `fmt` (png, svg or pdf), in order: names are
    `frame-001-2026-W10.png`, so they sort as the periods do. The basemap defaults to the
    Natural Earth borders, read once for all frames. Characters the font cannot draw are
    replaced in every frame and counted, over all frames, in `glyphs` when given
    (geo.export.text.Glyphs; `replaced_in` frames), so that the series can say so."""
    from geo.export.static_map import SeriesFrame, natural_earth_basemap, static_map_bytes

    selection = select(gdf, view)
    placed = selection[captions.has_position(selection).to_numpy()]
    if placed.empty:
        raise ExportError("none of the selected features has a position to draw")
    extent = tuple(view.bbox) if view.bbox is not None else tuple(placed.total_bounds)
    options = replace(options, title=options.title or captions.title(placed, view))
    basemap = basemap or natural_earth_basemap()
    for number, frame in enumerate(frames(gdf, view, every, cumulative), start=1):
        shown = filter_features(selection, frame.view)
        series = SeriesFrame(extent, placed, caption_period(frame, cumulative))  # type: ignore[arg-type]
        before = glyphs.replaced if glyphs else 0
        data = static_map_bytes(
            fmt, shown, sources, frame.view, options, basemap, series, glyphs=glyphs
        )
        if glyphs and glyphs.replaced > before:
            glyphs.replaced_in += 1
        yield f"frame-{number:03d}-{frame.period.key}.{fmt}", data


def gif_bytes(pngs: list[bytes], frame_ms: int = DEFAULT_FRAME_MS) -> bytes:
    """An animated GIF of PNG frames (looping, `frame_ms` each), through Pillow."""
    from PIL import Image

    if not pngs:
        raise ExportError("no frame to animate")
    images = [
        Image.open(io.BytesIO(png))
        .convert("RGB")
        .quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        for png in pngs
    ]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=frame_ms,
        loop=0,
        disposal=1,
        optimize=False,
    )
    return buffer.getvalue()
