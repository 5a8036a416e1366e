"""Names of the key places on a static map, placed so they do not collide.

Which places: sites by their name, incidents by their place (the first part of `location`,
else their name), merged when they name the same place or stand at the same spot (within
SAME_SPOT_DEG; a site's name wins), so a place is labelled once ("Israeli embassy (3
incidents)"), ranked by how many incidents they carry; incidents known only to the region
(geo_precision 3) are not named, their ring says it.

Where: the classic cartographic greedy placement. In rank order, each label tries a fixed
list of positions around its point (right, left, above, below, the diagonals, then the same
further out with a leader line) and takes the first one that stays inside the map and touches
no marker, earlier label or reserved box; a label with no free position is left out rather
than drawn over another. Deterministic, and linear in the number of markers per try.
"""

from __future__ import annotations

import textwrap

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.transforms import Bbox

LABEL_PT = 7.5
WRAP_CHARS = 26
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
LEADER = {"arrowstyle": "-", "color": "#555555", "lw": 0.5, "shrinkA": 0, "shrinkB": 2}
PAD_PT = 1.5  # clearance kept around each label box
# (dx, dy, horizontal, vertical alignment) in units of the gap from the point; tried in order.
POSITIONS: tuple[tuple[float, float, str, str], ...] = (
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (0.75, 0.75, "left", "bottom"),
    (0.75, -0.75, "left", "top"),
    (-0.75, 0.75, "right", "bottom"),
    (-0.75, -0.75, "right", "top"),
)
FAR = 3.0  # the second ring of positions, this many gaps out, with a leader line
SAME_SPOT_DEG = 0.001  # about 100 m: features this close share one label


def label_candidates(gdf: gpd.GeoDataFrame, is_point: np.ndarray) -> pd.DataFrame:
    """One row per place worth naming, most important first: `label` (text, with the number
    of incidents when several share the place) and `anchor` (row of the feature it names)."""
    layer = gdf["layer"].astype(str).to_numpy()
    names = gdf["name"].astype("string").fillna("").to_numpy()
    places = (
        gdf["location"].astype("string").fillna("").str.split(",").str[0].str.strip().to_numpy()
        if "location" in gdf
        else np.full(len(gdf), "")
    )
    precision = (
        pd.to_numeric(gdf["geo_precision"], errors="coerce").fillna(1).to_numpy()
        if "geo_precision" in gdf
        else np.ones(len(gdf))
    )
    rows: dict[str, dict[str, object]] = {}
    spots: dict[tuple[int, int], dict[str, object]] = {}  # the same rows, by rounded position
    xs = np.nan_to_num(shapely.get_x(gdf.geometry.to_numpy()))  # NaN for lines and areas
    ys = np.nan_to_num(shapely.get_y(gdf.geometry.to_numpy()))
    for position in range(len(gdf)):
        if not is_point[position] or layer[position] not in ("site", "incident"):
            continue
        is_site = layer[position] == "site"
        if not is_site and precision[position] >= 3:
            continue
        text = str(names[position] if is_site else (places[position] or names[position]))
        if not text:
            continue
        spot = (round(xs[position] / SAME_SPOT_DEG), round(ys[position] / SAME_SPOT_DEG))
        row = rows.get(text.casefold()) or spots.get(spot)
        if row is None:
            row = {"text": text, "anchor": position, "site": False, "n": 0}
        rows.setdefault(text.casefold(), row)
        spots.setdefault(spot, row)
        if is_site and not row["site"]:
            row.update(text=text, anchor=position, site=True)
        if not is_site:
            row["n"] = int(row["n"]) + 1  # type: ignore[call-overload]
    distinct = list({id(row): row for row in rows.values()}.values())
    table = pd.DataFrame(distinct, columns=["text", "anchor", "site", "n"])
    table["label"] = [
        f"{text} ({n} incidents)" if n > 1 else text
        for text, n in zip(table["text"], table["n"], strict=True)
    ]
    table = table.sort_values(["n", "site", "text"], ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)


def place_labels(
    ax: Axes,
    renderer: RendererBase,
    candidates: pd.DataFrame,
    xs: np.ndarray,
    ys: np.ndarray,
    marker_pt: np.ndarray,
    reserved: list[Bbox],
    limit: int,
) -> int:
    """Draw up to `limit` labels of `candidates` at the points `xs, ys` (data units) whose
    markers are `marker_pt` across; returns how many were placed."""
    to_display = ax.transData
    px_per_pt = ax.figure.dpi / 72
    points_px = to_display.transform(np.column_stack([xs, ys]))
    half = marker_pt * px_per_pt / 2
    obstacles = np.column_stack(
        [
            points_px[:, 0] - half,
            points_px[:, 1] - half,
            points_px[:, 0] + half,
            points_px[:, 1] + half,
        ]
    )
    taken = [[b.x0, b.y0, b.x1, b.y1] for b in reserved]
    frame = ax.get_window_extent(renderer)
    placed = 0
    for label, anchor in zip(candidates["label"], candidates["anchor"], strict=True):
        if placed >= limit:
            break
        x_px, y_px = points_px[anchor]
        if not (frame.x0 <= x_px <= frame.x1 and frame.y0 <= y_px <= frame.y1):
            continue
        text = "\n".join(textwrap.wrap(str(label), WRAP_CHARS)) or str(label)
        probe = ax.text(0, 0, text, fontsize=LABEL_PT)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        gap_pt = marker_pt[anchor] / 2 + 3
        spot = _free_spot(
            x_px,
            y_px,
            extent.width,
            extent.height,
            gap_pt * px_per_pt,
            frame,
            obstacles,
            taken,
            anchor,
            px_per_pt,
        )
        if spot is None:
            continue  # no free position: leave the place unnamed rather than overprint
        (dx_px, dy_px, ha, va, far), box = spot
        ax.annotate(
            text,
            (xs[anchor], ys[anchor]),
            xytext=(dx_px / px_per_pt, dy_px / px_per_pt),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=LABEL_PT,
            color="#222222",
            zorder=10,
            path_effects=HALO,
            arrowprops=LEADER if far else None,
            annotation_clip=False,
        )
        taken.append(box)
        placed += 1
    return placed


def _free_spot(
    x: float,
    y: float,
    width: float,
    height: float,
    gap: float,
    frame: Bbox,
    obstacles: np.ndarray,
    taken: list[list[float]],
    own: int,
    px_per_pt: float,
) -> tuple[tuple[float, float, str, str, bool], list[float]] | None:
    pad = PAD_PT * px_per_pt
    others = np.delete(obstacles, own, axis=0) if len(obstacles) else obstacles
    boxes = np.asarray(taken) if taken else np.zeros((0, 4))
    for far in (False, True):
        reach = gap * (FAR if far else 1.0)
        for dx, dy, ha, va in POSITIONS:
            ox, oy = dx * reach, dy * reach
            left = x + ox - (width if ha == "right" else width / 2 if ha == "center" else 0)
            bottom = y + oy - (height if va == "top" else height / 2 if va == "center" else 0)
            box = [left - pad, bottom - pad, left + width + pad, bottom + height + pad]
            if box[0] < frame.x0 or box[1] < frame.y0 or box[2] > frame.x1 or box[3] > frame.y1:
                continue
            if _hits(box, others) or _hits(box, boxes):
                continue
            return (ox, oy, ha, va, far), box
    return None


def _hits(box: list[float], boxes: np.ndarray) -> bool:
    if not len(boxes):
        return False
    return bool(
        np.any(
            (boxes[:, 0] < box[2])
            & (boxes[:, 2] > box[0])
            & (boxes[:, 1] < box[3])
            & (boxes[:, 3] > box[1])
        )
    )
