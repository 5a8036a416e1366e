"""Names of the key places on a static map, placed so they do not collide.

Which places: one label per group of markers drawn together (geo.export.spread: markers that
would overlap are one group, drawn as a ring or a count glyph). The label names the group by
its first site's name, else by the place of its first incident (the first part of
`location`, else its name), and counts what stands there: "Embassy of Israel in Baku (5
incidents, 1 other site)". Incidents known only to the region (geo_precision 3) give no name,
their ring says it, but they are counted. Groups are ranked by how many incidents they hold.

Where: the classic cartographic greedy placement. In rank order, each label tries a fixed
list of positions around its group (right, left, above, below, the diagonals, then the same
further out with a leader line: a step beyond the ring, then three gaps out) and takes the
first one that stays inside the map and touches no other group's marker, earlier label or
reserved box; a label with no free position is left out rather than drawn over another.
Deterministic, and linear in the number of markers per try.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.transforms import Bbox

from geo.export.text import isolate, wrap

LABEL_PT = 7.5
WRAP_CHARS = 26
HALO_BOX = {"boxstyle": "round,pad=0.12", "facecolor": (1, 1, 1, 0.78), "edgecolor": "none"}
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
# Further rings of positions, with a leader line: first a fixed step beyond the first ring
# (points), so a label beside a large ring stays near it, then FAR gaps out as a last resort
# (a crowded place's name far away, rather than none).
FAR_PT = (12.0, 28.0)
FAR = 3.0


def label_candidates(gdf: gpd.GeoDataFrame, group: np.ndarray) -> pd.DataFrame:
    """One row per group worth naming, most important first: `label` (its name, with what
    stands there when it holds more than one marker) and `group`. `group` gives each row of
    `gdf` its group (geo.export.spread), -1 for features drawn without a marker."""
    layer = gdf["layer"].astype(str).to_numpy()
    names = gdf["name"].astype("string").fillna("").to_numpy()
    ids = gdf["id"].astype(str).to_numpy() if "id" in gdf else np.arange(len(gdf)).astype(str)
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
    # A group is named after what stands at its busiest spot (a ring may also hold a marker
    # from a few kilometres away): members are tried by how many share their spot.
    anchors = gdf.geometry.representative_point()
    lon, lat = np.round(anchors.x.to_numpy(), 3), np.round(anchors.y.to_numpy(), 3)
    spots = pd.Series(list(zip(lon, lat, group, strict=True)), index=gdf.index)
    crowd = spots.map(spots.value_counts()).to_numpy()
    rows = []
    for number in np.unique(group[group >= 0]):
        members = np.flatnonzero(group == number)
        members = members[np.argsort(-crowd[members], kind="stable")]
        is_site = layer[members] == "site"
        is_incident = layer[members] == "incident"
        named_site = next((str(names[m]) for m in members[is_site] if names[m]), "")
        text = named_site or next(
            (
                str(places[m] or names[m])
                for m in members[is_incident & (precision[members] < 3)]
                if places[m] or names[m]
            ),
            "",
        )
        if not text:
            continue
        # A feature drawn as several markers (a MultiPoint's members) counts once.
        incidents = len(set(ids[members[is_incident]]))
        other_sites = len(set(ids[members[is_site]])) - (1 if named_site else 0)
        parts = []
        if incidents and len(members) > 1:
            parts.append(f"{incidents} incident{'s' if incidents > 1 else ''}")
        if other_sites:
            parts.append(f"{other_sites} other site{'s' if other_sites > 1 else ''}")
        label = f"{isolate(text)} ({', '.join(parts)})" if parts else text
        rows.append((label, int(number), incidents, bool(named_site), text))
    table = pd.DataFrame(rows, columns=["label", "group", "n", "site", "text"])
    table = table.sort_values(["n", "site", "text"], ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)


def place_labels(
    ax: Axes,
    renderer: RendererBase,
    candidates: pd.DataFrame,
    groups: Groups,
    reserved: list[Bbox],
    limit: int,
) -> int:
    """Draw up to `limit` labels of `candidates` (label_candidates) beside their groups;
    returns how many were placed. Labels keep clear of every other group's markers."""
    to_display = ax.transData
    px_per_pt = ax.figure.dpi / 72
    points_px = to_display.transform(np.column_stack([groups.marker_x, groups.marker_y]))
    half = groups.marker_pt * px_per_pt / 2
    obstacles = np.column_stack(
        [
            points_px[:, 0] - half,
            points_px[:, 1] - half,
            points_px[:, 0] + half,
            points_px[:, 1] + half,
        ]
    )
    centres_px = to_display.transform(np.column_stack([groups.centre_x, groups.centre_y]))
    taken = [[b.x0, b.y0, b.x1, b.y1] for b in reserved]
    frame = ax.get_window_extent(renderer)
    placed = 0
    for label, group in zip(candidates["label"], candidates["group"], strict=True):
        if placed >= limit:
            break
        x_px, y_px = centres_px[group]
        if not (frame.x0 <= x_px <= frame.x1 and frame.y0 <= y_px <= frame.y1):
            continue
        text = "\n".join(wrap(str(label), WRAP_CHARS))
        probe = ax.text(0, 0, text, fontsize=LABEL_PT)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        gap_pt = groups.reach_pt[group] + 3
        spot = _free_spot(
            x_px,
            y_px,
            extent.width,
            extent.height,
            gap_pt * px_per_pt,
            frame,
            obstacles[groups.marker_group != group],
            taken,
            px_per_pt,
        )
        if spot is None:
            continue  # no free position: leave the place unnamed rather than overprint
        (dx_px, dy_px, ha, va, far), box = spot
        ax.annotate(
            text,
            (groups.centre_x[group], groups.centre_y[group]),
            xytext=(dx_px / px_per_pt, dy_px / px_per_pt),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=LABEL_PT,
            color="#222222",
            zorder=10,
            # A white box, not a stroked halo: a path effect turns SVG text into outlines.
            bbox=HALO_BOX,
            arrowprops=LEADER if far else None,
            annotation_clip=False,
        )
        taken.append(box)
        placed += 1
    return placed


@dataclass(frozen=True)
class Groups:
    """The markers as drawn (map units) and their groups (geo.export.spread): per marker its
    drawn position, size in points and group; per group its centre (map units) and the
    radius it covers (points)."""

    marker_x: np.ndarray
    marker_y: np.ndarray
    marker_pt: np.ndarray
    marker_group: np.ndarray
    centre_x: np.ndarray
    centre_y: np.ndarray
    reach_pt: np.ndarray


def _free_spot(
    x: float,
    y: float,
    width: float,
    height: float,
    gap: float,
    frame: Bbox,
    others: np.ndarray,
    taken: list[list[float]],
    px_per_pt: float,
) -> tuple[tuple[float, float, str, str, bool], list[float]] | None:
    pad = PAD_PT * px_per_pt
    boxes = np.asarray(taken) if taken else np.zeros((0, 4))
    reaches = [gap + extra * px_per_pt for extra in (0.0, *FAR_PT)] + [gap * FAR]
    for reach in reaches:
        far = reach > gap
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
