"""geo.positions: a position in every notation people write reads back as the same position;
what cannot be a position says why; running text yields only positions written as such."""

from __future__ import annotations

import pytest
from geopy.point import Point as GeopyPoint
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.positions import PositionError, find_positions, parse_position, position_with_words

LATITUDES = st.floats(min_value=-90, max_value=90, allow_nan=False)
LONGITUDES = st.floats(min_value=-180, max_value=180, allow_nan=False)

DEGREE_MARKS = ("°", "º", "d", " deg ")
MINUTE_MARKS = ("′", "'", "’", "m", " min ")
SECOND_MARKS = ("″", '"', "''", "s", " sec ")


def _hemisphere(value: float, axis: str) -> str:
    return ("N" if value >= 0 else "S") if axis == "lat" else ("E" if value >= 0 else "W")


def _dms(value: float, marks: tuple[str, str, str]) -> tuple[str, float]:
    """|value| as degrees, minutes and whole seconds with `marks`; and the value written."""
    seconds = round(abs(value) * 3600)
    d, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{d}{marks[0]}{m}{marks[1]}{s}{marks[2]}", (d + m / 60 + s / 3600)


def _dm(value: float, marks: tuple[str, str]) -> tuple[str, float]:
    """|value| as degrees and decimal minutes (three places)."""
    thousandths = round(abs(value) * 60_000)
    d, rest = divmod(thousandths, 60_000)
    return f"{d}{marks[0]}{rest / 1000:.3f}{marks[1]}", d + rest / 60_000


def _signed(value: float, written: float) -> float:
    return -written if value < 0 and written else written


@settings(max_examples=200, deadline=None)
@given(
    LATITUDES,
    LONGITUDES,
    st.sampled_from(range(len(DEGREE_MARKS))),
    st.sampled_from(("", " ")),
    st.sampled_from(("", ", ", " ", "; ", " / ")),
    st.booleans(),
)
def test_degrees_minutes_seconds_round_trip(
    lat: float, lon: float, marks: int, gap: str, separator: str, longitude_first: bool
) -> None:
    chosen = (DEGREE_MARKS[marks], MINUTE_MARKS[marks], SECOND_MARKS[marks])
    lat_text, lat_written = _dms(lat, chosen)
    lon_text, lon_written = _dms(lon, chosen)
    halves = [
        f"{lat_text}{gap}{_hemisphere(lat, 'lat')}",
        f"{lon_text}{gap}{_hemisphere(lon, 'lon')}",
    ]
    text = (separator or " ").join(reversed(halves) if longitude_first else halves)
    position = parse_position(text)
    assert position is not None, text
    assert position.lat == pytest.approx(_signed(lat, lat_written), abs=1e-9), text
    assert position.lon == pytest.approx(_signed(lon, lon_written), abs=1e-9), text
    assert position.explicit


@settings(max_examples=200, deadline=None)
@given(LATITUDES, LONGITUDES, st.sampled_from(MINUTE_MARKS[:3]), st.booleans())
def test_degrees_and_decimal_minutes_round_trip(
    lat: float, lon: float, minute_mark: str, prefixed: bool
) -> None:
    lat_text, lat_written = _dm(lat, ("°", minute_mark))
    lon_text, lon_written = _dm(lon, ("°", minute_mark))
    north, east = _hemisphere(lat, "lat"), _hemisphere(lon, "lon")
    prefix_form = f"{north} {lat_text} {east} {lon_text}"
    text = prefix_form if prefixed else f"{lat_text}{north} {lon_text}{east}"
    position = parse_position(text)
    assert position is not None
    assert position.lat == pytest.approx(_signed(lat, lat_written), abs=1e-9), text
    assert position.lon == pytest.approx(_signed(lon, lon_written), abs=1e-9), text
    assert position.notation == "degrees and minutes"


@settings(max_examples=200, deadline=None)
@given(LATITUDES, LONGITUDES, st.sampled_from(("suffix", "prefix", "signed", "marked")))
def test_decimal_degrees_round_trip(lat: float, lon: float, style: str) -> None:
    north, east = _hemisphere(lat, "lat"), _hemisphere(lon, "lon")
    a, o = f"{abs(lat):.6f}", f"{abs(lon):.6f}"
    text = {
        "suffix": f"{a}{north} {o}{east}",
        "prefix": f"{east}{o} {north}{a}",  # longitude first: the hemispheres say so
        "signed": f"{lat:.6f}, {lon:.6f}",
        "marked": f"{o}°{east}, {a}°{north}",
    }[style]
    position = parse_position(text)
    assert position is not None
    assert position.lat == pytest.approx(round(lat, 6), abs=1e-9), text
    assert position.lon == pytest.approx(round(lon, 6), abs=1e-9), text
    assert position.notation == "decimal degrees"


@settings(max_examples=100, deadline=None)
@given(LATITUDES, LONGITUDES)
def test_agrees_with_geopy_where_geopy_reads_right(lat: float, lon: float) -> None:
    """geopy's Point reads latitude-first pairs with marks; on those the readings agree."""
    lat_text, _ = _dms(lat, ("°", "'", '"'))
    lon_text, _ = _dms(lon, ("°", "'", '"'))
    text = f"{lat_text} {_hemisphere(lat, 'lat')}, {lon_text} {_hemisphere(lon, 'lon')}"
    ours, theirs = parse_position(text), GeopyPoint(text)
    assert ours is not None
    assert (ours.lat, ours.lon) == pytest.approx((theirs.latitude, theirs.longitude), abs=1e-9)


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("39°33′N 44°59′E", 39.55, 44.983333),  # the field case
        ("39 33 N 44 59 E", 39.55, 44.983333),  # geopy reads this as 44, 59
        ("39 32 40 N 44 58 15 E", 39.544444, 44.970833),
        ("39d32m40sN 44d58m15sE", 39.544444, 44.970833),
        ("39 deg 33 min N, 44 deg 59 min E", 39.55, 44.983333),
        ("39º33'N 44º59'E", 39.55, 44.983333),
        ("39°32′40″N, 44°58′15″E", 39.544444, 44.970833),
        ("39° 32′ 40″ N 44° 58′ 15″ E", 39.544444, 44.970833),
        ("39,55 N 44,98 E", 39.55, 44.98),  # decimal commas
        ("33°18′S 70°40′W", -33.3, -70.666667),  # southern and western hemispheres
        ("−33.3, −70.666667", -33.3, -70.666667),  # a typographic minus
        ("38.08, 46.29", 38.08, 46.29),  # a bare pair: latitude first
        ("(38.08, 46.29)", 38.08, 46.29),  # as a program prints a pair
        ("39:32:40N 44:58:15E", 39.544444, 44.970833),  # colons, as a GPS unit writes
        ("N39 33.000 E044 59.000", 39.55, 44.983333),  # a geocaching listing
        ("39.55 North, 44.98 East", 39.55, 44.98),
        ("39.55 N., 44.98 E.", 39.55, 44.98),
        ("39°33′ с. ш., 44°59′ в. д.", 39.55, 44.983333),  # Russian hemispheres
        ("33°18′ ю.ш. 70°40′ з.д.", -33.3, -70.666667),
        ("Lat: 39.55, Long: 44.98", 39.55, 44.98),  # labels
        ("lon=44.98 lat=39.55", 39.55, 44.98),  # labels say the order
    ],
)
def test_notations(text: str, lat: float, lon: float) -> None:
    position = parse_position(text)
    assert position is not None
    assert position.coordinates == pytest.approx([lon, lat], abs=1e-6)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("39°75′N 44°59′E", "75 minutes"),
        ("39°33′N 44°59′75″E", "75 seconds"),
        ("95N 44E", "latitude 95 is beyond"),
        ("139.55, 44.98", "longitude first, add the hemispheres"),
        ("39.55N 190E", "longitude 190 is beyond"),
        ("39N 40N", "both halves are latitudes"),
        ("44E 45W", "both halves are longitudes"),
        ("-39.5S 44E", "both a sign and a hemisphere"),
        ("1, 2, 3", "holds 3 value"),
        ("39°33′N", "holds 1 value"),
        ("39.5°33′N 44°E", "only the last"),
        ("39°33′10′N 44°E", "out of order"),
        ("N", None),  # a hemisphere alone has no number: not written as a position
        ("lat 44.98E lon 39.55N", "a lat label on a value marked E"),
    ],
)
def test_what_cannot_be_a_position_says_why(text: str, why: str | None) -> None:
    if why is None:
        assert parse_position(text) is None
        return
    with pytest.raises(PositionError, match=why):
        parse_position(text)


@pytest.mark.parametrize(
    "name",
    ["Sharur", "Rasht, Gilan", "Route 66", "N. Nakhchivan", "E-40", "North Ossetia", "Latakia"],
)
def test_place_names_are_not_positions(name: str) -> None:
    assert parse_position(name) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("found in a field at 39°33′N 44°59′E, about", ["39°33′N 44°59′E"]),
        ("a crater (39°32'40\"N 44°58'15\"E) and", ["39°32'40\"N 44°58'15\"E"]),
        ("at 39.55N 44.98E. Nobody", ["39.55N 44.98E"]),
        ("at N39.55 E44.98 and 44.98°E, 39.55°N", ["N39.55 E44.98", "44.98°E, 39.55°N"]),
        ("On 4, 6 and 7 March 2026, at 10:30", []),  # numbers, no position
        ("fell 1.5, 2.3 percent", []),
        ("at 39°75′N 44°59′E", []),  # no position: 75 minutes
        ("обломки в точке 39°33′ с. ш. 44°59′ в. д., к югу", ["39°33′ с. ш. 44°59′ в. д."]),
        # labelled axes, a GPS unit's colons and blanks-only minutes, as `lookup` reads them
        ("the crater at lat: 39.55, lon: 44.98 near", ["lat: 39.55, lon: 44.98"]),
        ("Latitude -33.1, longitude 151.2. Then", ["Latitude -33.1, longitude 151.2"]),
        ("logged 39:33:00N 44:59:00E by the unit", ["39:33:00N 44:59:00E"]),
        ("seen at 41 02 30 N 28 58 E today", ["41 02 30 N 28 58 E"]),
        ("between 12:30, 14:45 and 2:1 at 10 30 hours", []),  # times, a score: no hemisphere
    ],
)
def test_positions_in_running_text(text: str, found: list[str]) -> None:
    assert [text[start:end] for start, end, _ in find_positions(text)] == found


@settings(max_examples=150, deadline=None)
@given(
    LATITUDES,
    LONGITUDES,
    st.sampled_from(("dms", "dm", "decimal")),
    st.sampled_from(
        ("found at {} on Friday.", "({}), near the road", "{}", "a crater at {}: 4, 6")
    ),
)
def test_a_position_in_running_text_is_found_whole(
    lat: float, lon: float, notation: str, sentence: str
) -> None:
    """Written in a sentence in any explicit notation, a position is found whole, once, and
    read as the same position."""
    north, east = _hemisphere(lat, "lat"), _hemisphere(lon, "lon")
    if notation == "dms":
        (a, lat_w), (o, lon_w) = _dms(lat, ("°", "′", "″")), _dms(lon, ("°", "′", "″"))
    elif notation == "dm":
        (a, lat_w), (o, lon_w) = _dm(lat, ("°", "′")), _dm(lon, ("°", "′"))
    else:
        (a, lat_w), (o, lon_w) = (
            (f"{abs(lat):.5f}", round(abs(lat), 5)),
            (
                f"{abs(lon):.5f}",
                round(abs(lon), 5),
            ),
        )
    written = f"{a}{north} {o}{east}"
    text = sentence.format(written)
    [(start, end, position)] = find_positions(text)
    assert text[start:end] == written
    assert position.lat == pytest.approx(_signed(lat, lat_w), abs=1e-9)
    assert position.lon == pytest.approx(_signed(lon, lon_w), abs=1e-9)


# A new user's variant of the DMS field case: a position with words before or after it in a
# feature's location or a lookup ("39°33′N 44°59′E (near Sharur)") is the position, the words
# a note; in every notation `find_positions` reads, and plain decimals beside words too.
@pytest.mark.parametrize(
    ("text", "lat", "lon", "words"),
    [
        ("39°33′N 44°59′E (near Sharur)", 39.55, 44.983333, "near Sharur"),
        ("near Sharur: 39°33′N 44°59′E", 39.55, 44.983333, "near Sharur"),
        ("lat: 39.55, lon: 44.98 near Sharur", 39.55, 44.98, "near Sharur"),
        ("39.55, 44.98 near Sharur", 39.55, 44.98, "near Sharur"),
        ("Sharur (39 33 N 44 59 E)", 39.55, 44.983333, "Sharur"),
        ("39:33:00N 44:59:00E, field south of Sharur", 39.55, 44.983333, "field south of Sharur"),
        ("39°33′N 44°59′E", 39.55, 44.983333, ""),
    ],
)
def test_a_position_with_words_is_the_position(text, lat, lon, words) -> None:
    position, note = position_with_words(text)
    assert (round(position.lat, 6), round(position.lon, 6), note) == (lat, lon, words)


@pytest.mark.parametrize(
    "text", ["Sharur", "Route 12, 34 km from Baku", "5 km south of Sharur", "Sharur City 2"]
)
def test_names_with_numbers_are_no_position_with_words(text: str) -> None:
    assert position_with_words(text) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("39°75′N 44°59′E near Sharur", "75 minutes"),
        ("39.55N 44.98E or 39.60N 45.01E", "holds 2 positions"),
    ],
)
def test_a_position_with_words_that_is_none_says_why(text: str, why: str) -> None:
    with pytest.raises(PositionError, match=why):
        position_with_words(text)


@settings(max_examples=150, deadline=None)
@given(
    LATITUDES,
    LONGITUDES,
    st.sampled_from(("dms", "dm", "decimal", "labels")),
    st.sampled_from(("{} (near Sharur)", "near Sharur: {}", "Sharur, {}", "{} - a field")),
)
def test_any_position_with_words_reads_as_find_positions_reads_it(
    lat: float, lon: float, notation: str, form: str
) -> None:
    """Whatever the notation and wherever the words, the position is the one
    `find_positions` reads in running text, and the words are what is left."""
    north, east = _hemisphere(lat, "lat"), _hemisphere(lon, "lon")
    if notation == "dms":
        written = f"{_dms(lat, ('°', '′', '″'))[0]}{north} {_dms(lon, ('°', '′', '″'))[0]}{east}"
    elif notation == "dm":
        written = f"{_dm(lat, ('°', '′'))[0]}{north} {_dm(lon, ('°', '′'))[0]}{east}"
    elif notation == "decimal":
        written = f"{abs(lat):.5f}{north} {abs(lon):.5f}{east}"
    else:
        written = f"lat: {lat:.5f}, lon: {lon:.5f}"
    text = form.format(written)
    position, words = position_with_words(text)
    [(_, _, found)] = find_positions(text)
    assert (position.lat, position.lon) == (found.lat, found.lon)
    assert words == form.replace("{}", "").strip(" ,:-()")
