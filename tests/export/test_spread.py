"""geo.export.spread: markers that would hide each other are drawn apart, every one of them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.export.spread import MAX_SPREAD, OVERLAP, spread

positions = st.lists(
    st.tuples(
        st.sampled_from([0.0, 3.0, 40.0, 41.0, 200.0]) | st.floats(0, 300),
        st.sampled_from([0.0, 2.0, 50.0]) | st.floats(0, 200),
        st.sampled_from([7.5, 10.5, 16.5]),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(positions)
def test_no_drawn_marker_hides_another(markers):
    x, y, size = (np.array(column) for column in zip(*markers, strict=True))
    result = spread(x, y, size)
    shown = ~result.counted[result.group]
    xs, ys, sizes = result.x[shown], result.y[shown], size[shown]
    gaps = np.hypot(xs[:, None] - xs[None, :], ys[:, None] - ys[None, :])
    limits = OVERLAP * (sizes[:, None] + sizes[None, :]) / 2
    np.fill_diagonal(gaps, np.inf)
    assert (gaps >= limits - 1e-6).all()
    # Every marker belongs to one group; count glyphs stand apart.
    assert result.members.sum() == len(x)
    glyph_x, glyph_y = result.centre_x[result.counted], result.centre_y[result.counted]
    gaps = np.hypot(glyph_x[:, None] - glyph_x[None, :], glyph_y[:, None] - glyph_y[None, :])
    np.fill_diagonal(gaps, np.inf)
    assert (gaps >= 2 * result.reach[result.counted].max(initial=0) - 1e-6).all()


def test_markers_at_one_spot_form_a_ring_around_it_and_lone_ones_stay():
    x = np.array([100.0] * 5 + [300.0])
    y = np.array([100.0] * 5 + [100.0])
    result = spread(x, y, np.full(6, 10.0))
    assert list(result.moved) == [True] * 5 + [False]
    ring = np.hypot(result.x[:5] - 100, result.y[:5] - 100)
    assert np.allclose(ring, ring[0]) and ring[0] >= 8.0  # one ring, clear of the centre dot
    assert (result.x[5], result.y[5]) == (300.0, 100.0)


def test_a_marker_a_ring_would_cover_is_pushed_clear_of_it():
    x = np.array([100.0] * 6 + [118.0])  # 18 pt east: clear of the spot, not of its ring
    result = spread(x, np.full(7, 100.0), np.full(7, 10.0))
    assert len(set(result.group)) == 2  # two places, two groups
    ring = result.reach[result.group[0]]
    assert result.x[6] - result.centre_x[result.group[0]] >= ring  # pushed east, clear
    assert result.moved[6]  # and joined to its position by a leader


def test_a_crowd_at_one_spot_becomes_one_count_glyph():
    count = MAX_SPREAD + 1
    result = spread(np.full(count, 5.0), np.full(count, 5.0), np.full(count, 10.0))
    assert list(result.counted) == [True] and result.members[0] == count


def test_dense_markers_become_a_grid_of_count_glyphs_where_they_lie():
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(0, 100, 3000), [400.0]])
    y = np.concatenate([rng.uniform(0, 100, 3000), [50.0]])
    result = spread(x, y, np.full(len(x), 10.0))
    assert result.counted.sum() == 25  # 5 x 5 cells of 20 pt over the 100 x 100 pt square
    assert result.members[result.counted].sum() == 3000
    assert not result.moved[-1] and result.x[-1] == 400.0  # far away: drawn as it is
    assert result.centre_x[result.counted].max() < 100
