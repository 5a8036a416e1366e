"""Markers that would hide each other on a static map, spread so that every one is seen.

A report map counts what it shows, so two incidents at one spot must be two markers. Markers
whose symbols overlap on the page (closer than OVERLAP of their size) form a group; a group is
drawn as a ring of its markers around the group's centre, each joined by a thin leader line
to its true position (QGIS calls this point displacement). Rings and markers that then
overlap each other are pushed apart, each group whole, until none does (the relaxation of
circle-packing cartograms), so neighbouring places keep their own rings. A group of more than
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
MAX_ROUNDS = 40  # of pushing overlapping rings apart; more means the map is too crowded
CLEARANCE = 0.5  # points kept between two discs pushed apart
MOVED_PT = 0.5  # a marker drawn further than this from its position gets a leader line


@dataclass(frozen=True)
class Spread:
    """Where each marker is drawn. Arrays are per marker (as given) unless said per group."""

    x: np.ndarray  # drawn position, points
    y: np.ndarray
    group: np.ndarray  # group number of each marker (0 .. groups-1)
    moved: np.ndarray  # drawn away from its true position (a leader line joins them)
    centre_x: np.ndarray  # per group: where it is drawn (the ring's centre), points
    centre_y: np.ndarray
    reach: np.ndarray  # per group: radius of what the group covers on the page, points
    counted: np.ndarray  # per group: True when drawn as one count glyph
    size: np.ndarray  # per group: the largest marker size, points

    @property
    def members(self) -> np.ndarray:
        """Per group: how many markers it holds."""
        return np.bincount(self.group, minlength=len(self.centre_x))


def spread(x: np.ndarray, y: np.ndarray, size: np.ndarray) -> Spread:
    """Spread the markers at `x, y` (points) whose symbols are `size` points across."""
    x, y, size = (np.asarray(a, dtype=float) for a in (x, y, size))
    if not len(x):
        empty = np.zeros(0)
        return Spread(
            empty,
            empty,
            np.zeros(0, dtype=int),
            empty.astype(bool),
            *[empty] * 3,
            empty.astype(bool),
            empty,
        )
    group = _overlapping(x, y, size)
    gridded = np.bincount(group)[group] > MAX_SPREAD
    layout = _layout(x, y, size, group, gridded)
    stuck = layout.stuck
    if stuck.any():
        # Too crowded for rings (they could not all be pushed apart): the markers of every
        # ring still overlapping another are counted in the grid instead.
        gridded |= stuck[layout.group]
        layout = _layout(x, y, size, _overlapping(x, y, size), gridded)
    return layout.spread


@dataclass(frozen=True)
class _Layout:
    group: np.ndarray
    stuck: np.ndarray  # per group: still overlapping another after relaxing
    spread: Spread


def _layout(
    x: np.ndarray, y: np.ndarray, size: np.ndarray, group: np.ndarray, gridded: np.ndarray
) -> _Layout:
    """Rings of the groups, count glyphs of the `gridded` markers, relaxed apart."""
    group, glyph_x, glyph_y = _gridded(x, y, size, group, gridded)
    counted = ~np.isnan(glyph_x)
    centre_x, centre_y, reach, big = _footprints(x, y, size, group, counted)
    centre_x[counted], centre_y[counted] = glyph_x[counted], glyph_y[counted]
    reach[counted] = GLYPH_SHARE * GRID_CELL * float(size.max()) / 2
    offset_x, offset_y = np.zeros(len(x)), np.zeros(len(x))
    members_of = np.bincount(group, minlength=len(centre_x))
    for number in np.flatnonzero((members_of > 1) & ~counted):
        members = np.flatnonzero(group == number)
        offset_x[members], offset_y[members] = _ring(
            x[members] - centre_x[number], y[members] - centre_y[number], big[number]
        )
    # Rings and markers that now overlap one another are pushed apart, each group whole; two
    # lone markers may overlap as much as the grouping allowed them to.
    alone = (members_of == 1) & ~counted
    room = np.where(alone, reach * OVERLAP, reach)
    centre_x, centre_y = _relaxed(centre_x, centre_y, room)
    first, second = _overlapping_pairs(centre_x, centre_y, room)
    stuck = np.zeros(len(centre_x), dtype=bool)
    stuck[first] = stuck[second] = True
    drawn_x = np.where(counted[group], centre_x[group], centre_x[group] + offset_x)
    drawn_y = np.where(counted[group], centre_y[group], centre_y[group] + offset_y)
    moved = np.hypot(drawn_x - x, drawn_y - y) > MOVED_PT
    result = Spread(drawn_x, drawn_y, group, moved, centre_x, centre_y, reach, counted, big)
    return _Layout(group, stuck, result)


def _relaxed(
    centre_x: np.ndarray, centre_y: np.ndarray, reach: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Discs (centres, radii `reach`) moved apart until none overlaps another: each round,
    every overlapping pair is pushed apart along the line between them by half the overlap
    each (the larger disc less, by the share of its area), the classic relaxation of
    circle-packing cartograms. Discs that overlap nothing never move. Deterministic."""
    x, y = centre_x.copy(), centre_y.copy()
    weight = reach**2
    for _ in range(MAX_ROUNDS):
        first, second = _overlapping_pairs(x, y, reach)
        if not len(first):
            break
        dx, dy = x[second] - x[first], y[second] - y[first]
        gap = np.hypot(dx, dy)
        # Coincident centres part along a fixed direction per pair.
        angle = (first * 2.399963 + second) % (2 * np.pi)
        unit_x = np.where(gap > 1e-9, dx / np.maximum(gap, 1e-9), np.cos(angle))
        unit_y = np.where(gap > 1e-9, dy / np.maximum(gap, 1e-9), np.sin(angle))
        overlap = reach[first] + reach[second] - gap + CLEARANCE
        share = weight[second] / (weight[first] + weight[second])
        push_x, push_y = np.zeros(len(x)), np.zeros(len(x))
        np.add.at(push_x, first, -unit_x * overlap * share)
        np.add.at(push_y, first, -unit_y * overlap * share)
        np.add.at(push_x, second, unit_x * overlap * (1 - share))
        np.add.at(push_y, second, unit_y * overlap * (1 - share))
        x, y = x + push_x, y + push_y
    return x, y


def _overlapping_pairs(
    x: np.ndarray, y: np.ndarray, reach: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of discs that overlap: discs are put in square cells as wide as
    the largest disc, and each cell is joined with itself and four of its neighbours (the
    other four see it from their side), so only near pairs are measured."""
    count = len(x)
    if count < 2:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    side = 2 * float(reach.max())
    column = np.floor(x / side).astype(np.int64)
    row = np.floor(y / side).astype(np.int64)
    span = int(row.max() - row.min()) + 3
    key = column * span + (row - row.min() + 1)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    firsts, seconds = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        wanted = key + dx * span + dy
        low = np.searchsorted(sorted_keys, wanted, side="left")
        high = np.searchsorted(sorted_keys, wanted, side="right")
        found = high - low
        first = np.repeat(np.arange(count), found)
        within = np.arange(len(first)) - np.repeat(np.cumsum(found) - found, found)
        second = order[np.repeat(low, found) + within]
        if (dx, dy) == (0, 0):
            first, second = first[first < second], second[first < second]
        firsts.append(first)
        seconds.append(second)
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    gaps = np.hypot(x[second] - x[first], y[second] - y[first])
    hit = gaps < reach[first] + reach[second] - 1e-6
    return first[hit], second[hit]


def _gridded(
    x: np.ndarray, y: np.ndarray, size: np.ndarray, group: np.ndarray, gridded: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The `gridded` markers (a group too large for rings, or a crowd whose rings could not
    be pushed apart) put in square cells of GRID_CELL times the largest marker, one lattice
    for the whole map, each cell a group drawn as a count glyph at its centre, so the map
    still shows where the markers lie. Returns the new group numbers, and per group the
    glyph's centre (NaN: not a glyph)."""
    cell = GRID_CELL * float(size.max())
    column = np.where(gridded, np.floor(x / cell), -1).astype(np.int64)
    row = np.where(gridded, np.floor(y / cell), -1).astype(np.int64)
    keys = np.column_stack([np.where(gridded, -1, group), column, row])
    _, renumbered = np.unique(keys, axis=0, return_inverse=True)
    renumbered = renumbered.ravel()
    groups = int(renumbered.max()) + 1
    centre_x, centre_y = np.full(groups, np.nan), np.full(groups, np.nan)
    centre_x[renumbered[gridded]] = (column[gridded] + 0.5) * cell
    centre_y[renumbered[gridded]] = (row[gridded] + 0.5) * cell
    return renumbered, centre_x, centre_y


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
    x: np.ndarray, y: np.ndarray, size: np.ndarray, group: np.ndarray, counted: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per group: centre (mean position), reach (radius its ring covers; half a marker for a
    lone one) and largest marker size. Count glyphs' reach is set by the caller."""
    groups = len(counted)
    counts = np.bincount(group, minlength=groups)
    centre_x = np.bincount(group, weights=x, minlength=groups) / np.maximum(counts, 1)
    centre_y = np.bincount(group, weights=y, minlength=groups) / np.maximum(counts, 1)
    big = np.zeros(groups)
    np.maximum.at(big, group, size)
    reach = big / 2
    for number in np.flatnonzero((counts > 1) & ~counted):
        reach[number] = ring_radii(int(counts[number]), big[number])[-1][0] + big[number] / 2
    return centre_x, centre_y, reach, big


def _find(parent: np.ndarray, node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = int(parent[node])
    return node
