"""Page size and resolution options, and the regional projection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Transformer

from geo.export.options import MAX_INCHES, MIN_INCHES, OptionError, make_options, parse_size
from geo.export.projection import map_frame


@settings(max_examples=60, deadline=None)
@given(width=st.integers(300, 6000), height=st.integers(300, 6000), dpi=st.integers(50, 600))
def test_pixel_sizes_give_exactly_those_pixels(width, height, dpi):
    inches = (width / dpi, height / dpi)
    if not all(MIN_INCHES <= side <= MAX_INCHES for side in inches):
        with pytest.raises(OptionError):
            make_options(None, f"{width}x{height}", dpi)
        return
    assert make_options(None, f"{width}x{height}", dpi).pixels == (width, height)


@pytest.mark.parametrize(
    ("text", "inches"),
    [
        ("10x7in", (10, 7)),
        ("254x127mm", (10, 5)),
        ("25.4 x 12.7 cm", (10, 5)),
        ("2000X1400px", (10, 7)),
    ],
)
def test_units(text, inches):
    assert parse_size(text, 200) == pytest.approx(inches)


@pytest.mark.parametrize("text", ["", "10", "10x", "x7", "10x7ft", "-10x7", "10 by 7"])
def test_bad_sizes_say_what_is_expected(text):
    with pytest.raises(OptionError, match="WIDTHxHEIGHT"):
        parse_size(text, 200)


def test_projection_is_a_regional_cone_with_true_scale_near_the_centre():
    frame = map_frame((44.0, 37.0, 50.0, 41.0), aspect=1.5)
    assert frame.crs.coordinate_operation.method_name.startswith("Lambert Conic Conformal")
    min_x, min_y, max_x, max_y = frame.bounds
    assert (max_x - min_x) / (max_y - min_y) == pytest.approx(1.5)
    assert frame.scale_factor == pytest.approx(1.0, abs=0.01)
    to_map = Transformer.from_crs("EPSG:4326", frame.crs, always_xy=True)
    x, y = to_map.transform(47.0, 39.0)
    assert min_x < x < max_x and min_y < y < max_y


def test_projection_near_the_equator_is_azimuthal():
    frame = map_frame((30.0, -3.0, 35.0, 3.0), aspect=1.0)
    assert frame.crs.coordinate_operation.method_name == "Lambert Azimuthal Equal Area"
