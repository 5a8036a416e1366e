"""Markers that would hide each other on a static map, spread so that every one is seen.

A report map counts what it shows, so two incidents at one spot must be two markers. Markers
whose symbols overlap on the page (closer than OVERLAP of their size) form a group; a group is
drawn as a ring of its markers around the group's centre, each joined by a thin leader line
to its true position (QGIS calls this point displacement). A group grows until its ring
touches no other: two rings that would overlap become one. A group of more than
MAX_SPREAD markers (dense data, where overlapping markers chain across the map) is cut into
a grid of cells instead, each drawn as a count glyph (a disc with the number of markers in
it) at the cell's centre, as web maps cluster markers at low zoom.

Everything here is page geometry in points (1/72 in), computed before drawing, so it is
tested without matplotlib; geo.export.static_map turns map units into points and back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OVERLAP = 0.7  # markers closer than this share of their mean size hide each other
SPACING = 1.15  # distance between neighbours on a ring, in marker sizes
MIN_RING = 0.8  # a ring's smallest radius, in marker sizes: the centre dot stays visible
FIRST_RING = 6  # markers on the first ring; each next ring is one SPACING wider
MAX_SPREAD = 36  # more than this (three rings) are cut into a grid of count glyphs
GRID_CELL = 2.0  # a grid cell's side, in marker sizes
GLYPH_SHARE = 0.9  # a count glyph's diameter, in grid cells: neighbours do not touch
MAX_MERGES = 12  # rounds of merging rings that touch; each round only merges, so it ends


@dataclass(frozen=True)
class Spread:
    """Where each marker is drawn. Arrays are per marker (as given) unless said per group."""

    x: np.ndarray  # drawn position, points
    y: np.ndarray
    group: np.ndarray  # group number of each marker (0 .. groups-1)
    centre_x: np.ndarray  # per group: the ring's centre, points
    centre_y: np.ndarray
    reach: np.ndarray  # per group: radius of what the group covers on the page, points
    counted: np.ndarray  # per group: True when drawn as one count glyph
    size: np.ndarray  # per group: the largest marker size, points

    @property
    def moved(self) -> np.ndarray:
        """Per marker: True where it is drawn in a ring, away from its position."""
        return self.members[self.group] > 1

    @property
    def members(self) -> np.ndarray:
        """Per group: how many markers it holds."""
        return np.bincount(self.group, minlength=len(self.centre_x))


def spread(x: np.ndarray, y: np.ndarray, size: np.ndarray) -> Spread:
    """Spread the markers at `x, y` (points) whose symbols are `size` points across."""
    x, y, size = (np.asarray(a, dtype=float) for a in (x, y, size))
    group = _overlapping(x, y, size)
    for _ in range(MAX_MERGES):
        centre_x, centre_y, reach, big = _footprints(x, y, size, group)
        spread_out = np.bincount(group, minlength=len(centre_x)) > 1
        merged = _touching(centre_x, centre_y, reach, spread_out)
        if merged is None:
            break
        group = merged[group]
    group, cell_x, cell_y, cell_size = _gridded(x, y, size, group)
    centre_x, centre_y, reach, big = _footprints(x, y, size, group)
    counted = ~np.isnan(cell_x)
    centre_x[counted], centre_y[counted] = cell_x[counted], cell_y[counted]
    reach[counted] = GLYPH_SHARE * cell_size[counted] / 2
    drawn_x, drawn_y = x.copy(), y.copy()
    for number in np.flatnonzero(np.bincount(group, minlength=len(centre_x)) > 1):
        members = np.flatnonzero(group == number)
        if counted[number]:
            drawn_x[members], drawn_y[members] = centre_x[number], centre_y[number]
            continue
        ring_x, ring_y = _ring(
            x[members] - centre_x[number], y[members] - centre_y[number], big[number]
        )
        drawn_x[members] = centre_x[number] + ring_x
        drawn_y[members] = centre_y[number] + ring_y
    return Spread(drawn_x, drawn_y, group, centre_x, centre_y, reach, counted, big)


def _gridded(
    x: np.ndarray, y: np.ndarray, size: np.ndarray, group: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Groups too large for rings (dense data: markers overlapping in a chain across the
    map) cut into square cells of GRID_CELL marker sizes, each cell a group drawn as a count
    glyph at the cell's centre, so the map still shows where the markers lie. Returns the
    new group numbers, and per group the glyph's centre and cell size (NaN: not a glyph)."""
    counts = np.bincount(group)
    giant = counts > MAX_SPREAD
    if not giant.any():
        nan = np.full(len(counts), np.nan)
        return group, nan, nan.copy(), nan.copy()
    big = np.zeros(len(counts))
    np.maximum.at(big, group, size)
    cell = GRID_CELL * big[group]
    in_giant = giant[group]
    column = np.where(in_giant, np.floor(x / cell), -1).astype(np.int64)
    row = np.where(in_giant, np.floor(y / cell), -1).astype(np.int64)
    keys = np.column_stack([group, column, row])
    _, renumbered = np.unique(keys, axis=0, return_inverse=True)
    renumbered = renumbered.ravel()
    groups = int(renumbered.max()) + 1
    centre_x, centre_y, cell_size = (
        np.full(groups, np.nan),
        np.full(groups, np.nan),
        np.zeros(groups),
    )
    gridded = np.flatnonzero(in_giant)
    centre_x[renumbered[gridded]] = (column[gridded] + 0.5) * cell[gridded]
    centre_y[renumbered[gridded]] = (row[gridded] + 0.5) * cell[gridded]
    cell_size[renumbered[gridded]] = cell[gridded]
    return renumbered, centre_x, centre_y, cell_size


def ring_radii(count: int, size: float) -> list[tuple[float, int]]:
    """(radius, markers) of each ring that holds `count` markers of `size` points."""
    step = size * SPACING
    rings = []
    left, capacity = count, FIRST_RING
    first = True
    while left > 0:
        held = min(left, capacity)
        if first:
            radius = max(MIN_RING * size, step / (2 * np.sin(np.pi / held)) if held > 1 else 0)
            first = False
        else:
            radius = rings[-1][0] + step
            held = min(left, max(capacity, int(2 * np.pi * radius / step)))
        rings.append((float(radius), held))
        left -= held
        capacity = int(2 * np.pi * (radius + step) / step)
    return rings


def _ring(dx: np.ndarray, dy: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    """Offsets from the centre of each member's place on the rings: members go round in the
    order of their own direction from the centre (so a marker just east of the others stays
    east), ties (one spot) in the order given; the first ring starts at the top."""
    count = len(dx)
    own = np.where(np.hypot(dx, dy) > 1e-6, np.arctan2(dy, dx), np.pi / 2)
    order = np.lexsort((np.arange(count), -((own - np.pi / 2) % (2 * np.pi))))
    out_x, out_y = np.zeros(count), np.zeros(count)
    start = 0
    for radius, held in ring_radii(count, size):
        chosen = order[start : start + held]
        angles = np.pi / 2 - 2 * np.pi * np.arange(held) / held  # clockwise from the top
        out_x[chosen] = radius * np.cos(angles)
        out_y[chosen] = radius * np.sin(angles)
        start += held
    return out_x, out_y


def _overlapping(x: np.ndarray, y: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Group numbers joining markers whose symbols overlap (single linkage): markers are put
    in square cells of the overlap distance; a cell's markers are one group and neighbouring
    cells join when two of their markers overlap, checked on each cell's nearest pair."""
    count = len(x)
    if count == 0:
        return np.zeros(0, dtype=int)
    distance = OVERLAP * float(size.max())
    cells = np.column_stack([np.floor(x / distance), np.floor(y / distance)]).astype(np.int64)
    keys, cell_of = np.unique(cells, axis=0, return_inverse=True)
    cell_of = cell_of.ravel()
    parent = np.arange(len(keys))
    index = {(int(kx), int(ky)): number for number, (kx, ky) in enumerate(keys)}
    order = np.argsort(cell_of, kind="stable")
    bounds = np.searchsorted(cell_of[order], np.arange(len(keys) + 1))

    for number, (kx, ky) in enumerate(keys):
        mine = order[bounds[number] : bounds[number + 1]]
        for ox, oy in ((1, -1), (1, 0), (1, 1), (0, 1)):
            other = index.get((int(kx) + ox, int(ky) + oy))
            if other is None or _find(parent, other) == _find(parent, number):
                continue
            theirs = order[bounds[other] : bounds[other + 1]]
            gaps = np.hypot(x[mine, None] - x[None, theirs], y[mine, None] - y[None, theirs])
            limits = OVERLAP * (size[mine, None] + size[None, theirs]) / 2
            if (gaps < limits).any():
                parent[_find(parent, other)] = _find(parent, number)
    roots = np.array([_find(parent, n) for n in range(len(keys))])
    _, group = np.unique(roots[cell_of], return_inverse=True)
    return group.ravel()


def _footprints(
    x: np.ndarray, y: np.ndarray, size: np.ndarray, group: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per group: centre (mean position), reach (radius covered when drawn) and marker size."""
    groups = int(group.max()) + 1 if len(group) else 0
    counts = np.bincount(group, minlength=groups)
    centre_x = np.bincount(group, weights=x, minlength=groups) / np.maximum(counts, 1)
    centre_y = np.bincount(group, weights=y, minlength=groups) / np.maximum(counts, 1)
    big = np.zeros(groups)
    np.maximum.at(big, group, size)
    reach = big / 2
    # A group about to be cut into a grid covers the area of its members.
    spread_to = np.zeros(groups)
    np.maximum.at(spread_to, group, np.hypot(x - centre_x[group], y - centre_y[group]))
    for number in np.flatnonzero(counts > 1):
        if counts[number] > MAX_SPREAD:
            reach[number] = spread_to[number] + big[number]
        else:
            reach[number] = ring_radii(int(counts[number]), big[number])[-1][0] + big[number] / 2
    return centre_x, centre_y, reach, big


def _touching(
    centre_x: np.ndarray, centre_y: np.ndarray, reach: np.ndarray, spread_out: np.ndarray
) -> np.ndarray | None:
    """A new group number per group, joining groups whose footprints overlap where one of
    them is spread (two single markers overlap only as `_overlapping` says); None when no
    group is joined."""
    count = len(centre_x)
    if count < 2:
        return None
    parent = np.arange(count)
    joined = False
    # Only pairs within the largest reach of each other can touch: sort by x and sweep.
    order = np.argsort(centre_x, kind="stable")
    widest = 2 * float(reach.max())
    xs = centre_x[order]
    for position, first in enumerate(order):
        stop = np.searchsorted(xs, xs[position] + widest, side="right")
        others = order[position + 1 : stop]
        if not len(others):
            continue
        gaps = np.hypot(centre_x[others] - centre_x[first], centre_y[others] - centre_y[first])
        touch = gaps < reach[others] + reach[first]
        close = others[touch & (spread_out[others] | spread_out[first])]
        for other in close:
            a, b = _find(parent, int(first)), _find(parent, int(other))
            if a != b:
                parent[max(a, b)] = min(a, b)
                joined = True
    if not joined:
        return None
    roots = np.array([_find(parent, n) for n in range(count)])
    _, renumbered = np.unique(roots, return_inverse=True)
    return renumbered.ravel()


def _find(parent: np.ndarray, node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = int(parent[node])
    return node
