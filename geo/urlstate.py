"""The shareable part of the page, to and from the URL's query string (pure functions).

Parameters (all optional; absent means "no filter" / "fit the data"):

    from, to            YYYY-MM-DD
    source, type, country, claim, layer, claimant, stance
                        the selected values, joined by "~" (a character none of them uses);
                        an empty value is no filter, and the page says so
    origins             the minimum number of independent origins (a whole number)
    lat, lon, zoom      the map view (finite numbers: lat -90..90, lon -180..180)
    basemap             offline (the default: the basemap that ships) | none | osm | local

Any other parameter is left out and named in `problems` (`?status=disputed` is not `claim`).

A parameter may be repeated (`?country=Iran&country=Azerbaijan`, as HTML forms and
`urlencode(doseq=True)` write lists): `from_params` takes each parameter's values in order
(`st.query_params.get_all`) and applies every value of a list parameter, as if joined by "~";
a repeated parameter that holds one value (a date, the view) keeps its last value and the page
names the others it left out. `to_params` gives one str per parameter, in the "~" form.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from geo.criteria import CRITERIA
from geo.view import View

LIST_SEPARATOR = "~"
# The criteria whose URL value is a list of values: parameter -> View field (geo.criteria).
LIST_PARAMS: dict[str, str] = {
    key: field
    for criterion in CRITERIA
    if criterion.name not in ("dates", "bbox", "min_origins")
    for key, field in zip(criterion.url_keys, criterion.fields, strict=True)
}
BASEMAPS = ("offline", "none", "osm", "local")
# Every parameter the page reads, in the order the docstring gives them.
PARAMS: tuple[str, ...] = ("from", "to", *LIST_PARAMS, "origins", "lat", "lon", "zoom", "basemap")
DEFAULT_BASEMAP = "offline"  # the basemap that ships (geo.render.basemap.SHIPPED)


@dataclass(frozen=True)
class MapView:
    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class PageState:
    view: View
    map_view: MapView | None = None
    basemap: str = DEFAULT_BASEMAP
    # What the URL said that could not be used, one sentence each ("from=2026-13-01 is not a
    # date (YYYY-MM-DD): left out"), for the page to report rather than drop silently.
    problems: tuple[str, ...] = ()


def parse_date(text: str | None) -> date | None:
    """A YYYY-MM-DD date, or None for an empty or unreadable one."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None  # a mangled link opens unfiltered rather than failing


def _number(text: str | None) -> float | None:
    """A finite number, or None: NaN and infinity are no place, zoom or count (an infinite
    longitude reached the map and failed the page)."""
    try:
        value = float(text) if text is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def from_params(given: Mapping[str, str | Sequence[str]]) -> PageState:
    """The page state a URL describes, from each parameter's value or values in URL order. An
    unreadable parameter is left out and named in `problems` (the page says so), and so is
    every value but the last of a repeated single-valued one; a repeated list parameter adds
    its values up; values a list does not know are the caller's to check."""
    problems: list[str] = []
    every = {
        key: [value] if isinstance(value, str) else list(value) for key, value in given.items()
    }
    params: dict[str, str] = {}
    for key, values in every.items():
        if not values:
            continue
        if key not in PARAMS:  # ?status=disputed opened the whole map without a word
            problems.append(_unknown_param(key, values[-1]))
            continue
        params[key] = values[-1]
        if key not in LIST_PARAMS and len(set(values)) > 1:
            dropped = ", ".join(f"{key}={v}" for v in values[:-1])
            problems.append(
                f"{key} is given {len(values)} times: {dropped} left out, {key}={values[-1]} "
                "used (a link holds one of it)"
            )
    for key in ("from", "to"):
        if params.get(key) and parse_date(params[key]) is None:
            problems.append(f"{key}={params[key]!r} is not a date (YYYY-MM-DD): left out")
    date_from, date_to = parse_date(params.get("from")), parse_date(params.get("to"))
    if date_from is not None and date_to is not None and date_from > date_to:
        # An empty map without a word looked like "nothing happened then".
        problems.append(
            f"from={date_from} is after to={date_to}: read as from {date_to} to {date_from}"
        )
        date_from, date_to = date_to, date_from
    min_origins = None
    if params.get("origins") is not None:
        number = _number(params["origins"])
        if number is None or not 0 <= number < 1e6 or number != int(number):
            problems.append(f"origins={params['origins']!r} is not a whole number: left out")
        elif number > 0:
            min_origins = int(number)
    lists: dict[str, frozenset[str]] = {}
    for key, field in LIST_PARAMS.items():
        if not every.get(key):
            continue
        values = frozenset(v for value in every[key] for v in value.split(LIST_SEPARATOR) if v)
        if values:
            lists[field] = values
        else:  # the page's lists cannot pick nothing: say that none is a filter here
            problems.append(f"{key}= names no value: not filtered by {key}")
    view = View(date_from=date_from, date_to=date_to, min_origins=min_origins, **lists)
    lat, lon, zoom = (_number(params.get(k)) for k in ("lat", "lon", "zoom"))
    map_view = None
    in_range = lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180
    if in_range and zoom is not None:
        map_view = MapView(lat, lon, int(min(max(zoom, 0), 18)))
    elif any(k in params for k in ("lat", "lon", "zoom")):
        shown = "&".join(f"{k}={params[k]}" for k in ("lat", "lon", "zoom") if k in params)
        problems.append(
            f"{shown} is not a map view (lat -90..90, lon -180..180, zoom): the map fits"
        )
    basemap = params.get("basemap", DEFAULT_BASEMAP)
    if basemap not in BASEMAPS:
        problems.append(
            f"basemap={basemap!r} is not one of {', '.join(BASEMAPS)}: {DEFAULT_BASEMAP} used"
        )
        basemap = DEFAULT_BASEMAP
    return PageState(view, map_view, basemap, tuple(problems))


def _unknown_param(key: str, value: str) -> str:
    """The sentence for a parameter the page does not read, with the nearest one it does."""
    near = difflib.get_close_matches(key.casefold(), PARAMS, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]}?" if near else ""
    return (
        f"{key}={value!r} is not a parameter of this page (it reads {', '.join(PARAMS)}): "
        f"left out{hint}"
    )


def to_params(state: PageState) -> dict[str, str]:
    """The query parameters of a page state, in a stable order; unset criteria are left out."""
    params: dict[str, str] = {}
    view = state.view
    if view.date_from is not None:
        params["from"] = view.date_from.isoformat()
    if view.date_to is not None:
        params["to"] = view.date_to.isoformat()
    for key, field in LIST_PARAMS.items():
        values = getattr(view, field)
        if values is not None:
            params[key] = LIST_SEPARATOR.join(sorted(values))
    if view.min_origins is not None:
        params["origins"] = str(view.min_origins)
    if state.map_view is not None:
        params["lat"] = f"{state.map_view.lat:.5f}"
        params["lon"] = f"{state.map_view.lon:.5f}"
        params["zoom"] = str(state.map_view.zoom)
    if state.basemap != DEFAULT_BASEMAP:
        params["basemap"] = state.basemap
    return params
