"""Positions as people write them: the one reader of a position written as text, which a
feature's `location` (`geo geocode`), `geo lookup` and article text (`geo extract`) all call.

Notations read (either order when hemispheres are written; latitude first when not):
- decimal degrees: `39.55, 44.983333`, `39.55N 44.98E`, `44.98°E, 39.55°N`, `N39.55 E44.98`,
  `-39.55 -44.98`;
- degrees and decimal minutes: `39°33.5′N 44°59.2′E`;
- degrees, minutes and seconds: `39°32'40"N 44°58'15"E`, `39 32 40 N 44 58 15 E`,
  `39d32m40sN 44d58m15sE`, `39º 32′ 40″ N`, `39:32:40N 44:58:15E`.
Marks: degrees `° º ˚ d deg`, minutes `′ ' ’ ‘ ´ m min`, seconds `″ " ” “ '' ′′ s sec`, or
colons; hemispheres as letters before or after (a dot after is allowed), as English words
(`39.55 North`) or as Russian's abbreviations (`39°33′ с. ш. 44°59′ в. д.`); labels
(`lat: 39.55, lon: 44.98`, `Longitude=44.98 Latitude=39.55`) say the order as hemispheres do;
a pair may be in brackets; a minus may be `-` or `−`; a decimal comma is read when the pair
has no other reading (`39,55 N 44,98 E`).

Neither library the project could lean on reads all of these correctly: geopy's
`Point.from_string` reads `39 33 N 44 59 E` as latitude 44, longitude 59 without a word and
refuses longitude first; pygeodesy's `parseDMS` reads one axis but accepts 75 minutes and does
not split a pair. So the notation is read here, and the tests compare the result with geopy's
on the notations geopy reads right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DECIMAL_PLACES = 6  # what a feature's coordinates keep: about 0.1 m


class PositionError(ValueError):
    """Text written as a position (only numbers, marks, hemispheres and separators) that
    cannot be one: its words say why (75 minutes, latitude 95, two latitudes)."""


@dataclass(frozen=True)
class Position:
    """A position read from text: degrees, latitude north and longitude east positive.
    `notation` names what was written ("decimal degrees", "degrees and minutes", "degrees,
    minutes and seconds"); `explicit` is whether each half carries a hemisphere or a degree
    mark (so that running text cannot mistake two plain numbers for a position); `ordered`
    is whether a hemisphere or a label says which half is the latitude (without one, the
    pair is read latitude first, and may have been meant the other way round)."""

    lat: float
    lon: float
    notation: str
    explicit: bool
    ordered: bool = True

    @property
    def coordinates(self) -> list[float]:
        """GeoJSON's [longitude, latitude], rounded to DECIMAL_PLACES."""
        return [round(self.lon, DECIMAL_PLACES), round(self.lat, DECIMAL_PLACES)]

    def decimal(self) -> str:
        """`39.55, 44.983333`: latitude, longitude in decimal degrees, as a user may write it."""
        return f"{_trim(self.lat)}, {_trim(self.lon)}"


def _trim(value: float) -> str:
    return f"{round(value, DECIMAL_PLACES):.{DECIMAL_PLACES}f}".rstrip("0").rstrip(".")


# --- reading one string ---------------------------------------------------------------------

# Every spelling of a mark, as one of ° ' " (longest first: two primes are a seconds mark).
_MARKS = (
    ("′′", '"'),
    ("’’", '"'),
    ("''", '"'),
    ("″", '"'),
    ("”", '"'),
    ("“", '"'),
    ("′", "'"),
    ("’", "'"),
    ("‘", "'"),
    ("´", "'"),
    ("º", "°"),
    ("˚", "°"),
    ("−", "-"),
)
# Marks written as letters or words right after a number ("39d33m40s", "39 deg 33 min").
_WORD_MARKS = re.compile(
    r"(?<=\d)\s*(?:(?P<deg>deg(?:rees?)?\b|d(?![a-z]))|(?P<min>min(?:utes?)?\b|m(?![a-z]))"
    r"|(?P<sec>sec(?:onds?)?\b|s(?![a-z])))"
)
# Degrees, minutes and seconds written with colons, as a GPS unit or a spreadsheet does.
_COLONS = re.compile(r"(?<![\d:])(\d{1,3}):(\d{1,2}(?:\.\d+)?)(?::(\d{1,2}(?:\.\d+)?))?(?![\d:])")
# Hemispheres written as words: English, and Russian's abbreviations (с. ш. = northern
# latitude, в. д. = eastern longitude). Not the Romance or German initials: their O is west
# in French, Spanish and Italian and east in German.
_HEMISPHERE_WORDS = (
    (re.compile(r"\bnorth\b", re.IGNORECASE), "N"),
    (re.compile(r"\bsouth\b", re.IGNORECASE), "S"),
    (re.compile(r"\beast\b", re.IGNORECASE), "E"),
    (re.compile(r"\bwest\b", re.IGNORECASE), "W"),
    (re.compile(r"с\.?\s?ш\.?"), "N"),
    (re.compile(r"ю\.?\s?ш\.?"), "S"),
    (re.compile(r"в\.?\s?д\.?"), "E"),
    (re.compile(r"з\.?\s?д\.?"), "W"),
)
_HEMISPHERE_DOT = re.compile(r"(?<=\b[NSEW])\.(?=\s|[,;/]|$)")
_TOKEN = re.compile(
    r"\s*(?:(?P<label>(?i:lat(?:itude)?|lng|lon(?:g(?:itude)?)?)\b\s*[:=]?)"
    r"|(?P<number>[-+]?\d+(?:\.\d+)?)|(?P<mark>[°'\"])|(?P<hemisphere>[NSEW])"
    r"|(?P<separator>[,;/])|(?P<other>\S))"
)
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_SLOT_OF_MARK = {"°": 0, "'": 1, '"': 2}
_NOTATIONS = ("decimal degrees", "degrees and minutes", "degrees, minutes and seconds")


@dataclass
class _Axis:
    """One half of a pair as written: its numbers with their marks, and its hemisphere."""

    parts: list[tuple[str, str]]  # (number as written, mark or "")
    prefix: str = ""
    suffix: str = ""
    label: str = ""  # "lat" or "lon" when written before it ("lat: 39.55")

    @property
    def hemisphere(self) -> str:
        return self.prefix or self.suffix


def _normalized(text: str) -> str:
    text = text.strip()
    if text[:1] + text[-1:] in ("()", "[]"):  # "(39.55, 44.98)" as a program prints a pair
        text = text[1:-1]
    for spelling, mark in _MARKS:
        text = text.replace(spelling, mark)

    def mark(match: re.Match[str]) -> str:
        return "°" if match["deg"] else "'" if match["min"] else '"'

    text = _WORD_MARKS.sub(mark, text)
    text = _COLONS.sub(_colon_marks, text)
    for pattern, letter in _HEMISPHERE_WORDS:
        text = pattern.sub(letter, text)
    return _HEMISPHERE_DOT.sub("", text)


def _colon_marks(match: re.Match[str]) -> str:
    """`39:33:40` as `39°33'40"` (a GPS unit's and a spreadsheet's way of writing it)."""
    seconds = f'{match[3]}"' if match[3] else ""
    return f"{match[1]}°{match[2]}'{seconds}"


def _axes(text: str) -> list[_Axis] | None:
    """The halves of a normalized text, or None when it holds anything but numbers, marks,
    hemisphere letters and separators (a place name). Raises PositionError for a mark with
    no number before it or a hemisphere standing alone."""
    tokens = [(m.lastgroup, m.group(m.lastgroup or "")) for m in _TOKEN.finditer(text)]
    if not tokens or any(kind == "other" for kind, _ in tokens):
        return None
    numbers = sum(kind == "number" for kind, _ in tokens)
    if not numbers or (numbers == 1 and not any(kind == "mark" for kind, _ in tokens)):
        return None  # no number, or one bare number: a road ("E-40"), a name's number
    axes: list[_Axis] = []
    current = _Axis([])

    def close() -> None:
        nonlocal current
        if current.parts:
            axes.append(current)
        elif current.prefix:
            raise PositionError(f"the hemisphere {current.prefix} has no number after it")
        current = _Axis([])

    for index, (kind, value) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else (None, "")
        if kind == "number":
            mark = following[1] if following[0] == "mark" else ""
            last = current.parts[-1] if current.parts else None
            # A new half begins with degrees, with a sign, after seconds, or with a bare
            # number after a fraction (minutes after a fraction are reported, not split off).
            if last is not None and (
                mark == "°"
                or value[0] in "+-"
                or last[1] == '"'
                or ("." in last[0] and mark not in ("'", '"'))
            ):
                close()
            current.parts.append((value, mark))
        elif kind == "label":
            if current.parts:
                close()
            current.label = "lon" if value[:2].lower() in ("lo", "ln") else "lat"
        elif kind == "mark":
            previous = tokens[index - 1] if index else (None, "")
            if previous[0] != "number":
                raise PositionError(f"the mark {value} has no number before it")
        elif kind == "hemisphere":
            if not current.parts:
                if current.prefix:
                    raise PositionError(f"two hemispheres in a row: {current.prefix} {value}")
                current.prefix = value
            elif current.prefix:
                close()
                current.prefix = value
            else:
                current.suffix = value
                close()
        else:  # a separator
            if not current.parts and not axes:
                return None
            close()
    close()
    return axes


def _degrees(axis: _Axis, written: str) -> tuple[float, int]:
    """The axis's value in degrees (signed by its sign or hemisphere) and how many parts it
    has (1 degrees, 2 with minutes, 3 with seconds). Raises PositionError for parts out of
    order, a fraction before the last part, 60 minutes or more, a sign and a hemisphere."""
    slots: list[int] = []
    for _, mark in axis.parts:
        slot = _SLOT_OF_MARK[mark] if mark else (slots[-1] + 1 if slots else 0)
        if (slots and slot <= slots[-1]) or slot > 2:
            raise PositionError(f"{written!r}: its degrees, minutes and seconds are out of order")
        slots.append(slot)
    if slots[0] != 0:
        raise PositionError(f"{written!r}: minutes or seconds with no degrees before them")
    values = [float(number) for number, _ in axis.parts]
    if any("." in number for number, _ in axis.parts[:-1]):
        raise PositionError(
            f"{written!r}: only the last of degrees, minutes, seconds may have a fraction"
        )
    signs = [number[0] for number, _ in axis.parts if number[0] in "+-"]
    if signs and (len(signs) > 1 or axis.parts[0][0][0] not in "+-"):
        raise PositionError(f"{written!r}: a sign may only stand before the degrees")
    if signs and axis.hemisphere:
        raise PositionError(
            f"{written!r}: both a sign and a hemisphere ({axis.hemisphere}); write one of them"
        )
    magnitude = abs(values[0])
    for slot, value in zip(slots[1:], values[1:], strict=True):
        if value >= 60:
            unit = "minutes" if slot == 1 else "seconds"
            raise PositionError(f"{written!r}: {value:g} {unit} (there are 60 in a degree)")
        magnitude += value / (60 if slot == 1 else 3600)
    negative = signs == ["-"] or axis.hemisphere in ("S", "W")
    return (-magnitude if negative else magnitude), slots[-1] + 1


def parse_position(text: str) -> Position | None:
    """The position `text` is written as, or None when it is not written as one (it holds a
    word: a place name). Raises PositionError when it is made only of numbers, marks,
    hemispheres and separators but is no position; its message says why."""
    normalized = _normalized(text)
    axes = _axes(normalized)
    if axes is not None and len(axes) != 2 and _DECIMAL_COMMA.search(normalized):
        axes = _axes(_DECIMAL_COMMA.sub(".", normalized))  # "39,55 N 44,98 E"
    if axes is None:
        return None
    if len(axes) != 2:
        raise PositionError(
            f"{text.strip()!r} looks like coordinates but holds {len(axes)} value(s), not a "
            "latitude and a longitude"
        )
    first, second = axes
    kinds = [_kind(axis, text.strip()) for axis in axes]
    if kinds[0] and kinds[0] == kinds[1]:
        word = "latitudes (N or S)" if kinds[0] == "lat" else "longitudes (E or W)"
        raise PositionError(f"{text.strip()!r}: both halves are {word}")
    if kinds[0] == "lon" or kinds[1] == "lat":
        first, second = second, first
    lat, lat_parts = _degrees(first, text.strip())
    lon, lon_parts = _degrees(second, text.strip())
    if not -90 <= lat <= 90:
        hint = ""
        if not any(kinds) and -90 <= lon <= 90:
            hint = "; if it is written longitude first, add the hemispheres (39.55N 44.98E)"
        raise PositionError(f"{text.strip()!r}: latitude {lat:g} is beyond ±90{hint}")
    if not -180 <= lon <= 180:
        raise PositionError(f"{text.strip()!r}: longitude {lon:g} is beyond ±180")
    explicit = all(axis.hemisphere or axis.label or axis.parts[0][1] == "°" for axis in axes)
    notation = _NOTATIONS[max(lat_parts, lon_parts) - 1]
    return Position(lat, lon, notation, explicit, ordered=any(kinds))


def _kind(axis: _Axis, written: str) -> str:
    """ "lat" or "lon" as its hemisphere or label says, else "". Raises PositionError when
    they disagree ("lat 44.98E")."""
    by_hemisphere = {"N": "lat", "S": "lat", "E": "lon", "W": "lon"}.get(axis.hemisphere, "")
    if by_hemisphere and axis.label and by_hemisphere != axis.label:
        raise PositionError(
            f"{written!r}: a {axis.label} label on a value marked {axis.hemisphere}"
        )
    return by_hemisphere or axis.label


# --- finding positions in running text ------------------------------------------------------

_NUM = r"[-+−]?\d{1,3}(?:[.,]\d+)?"
_DEG = r"(?:\s?(?:[°º˚]|deg\b|d(?=\s?\d)))"
_MIN = r"(?:\s?\d{1,2}(?:[.,]\d+)?\s?(?:[′'’‘´]|min\b|m\b|m(?=\s?\d)))"
_SEC = r"(?:\s?\d{1,2}(?:[.,]\d+)?\s?(?:″|\"|”|“|''|’’|′′|sec\b|s\b))"
_HEMISPHERE_AFTER = r"(?:\s?(?:[NSEW]\b|[сю]\.\s?ш\.|[вз]\.\s?д\.))"  # N, с. ш.
# "lat: 39.55", "Longitude = 44.98": the label names the axis, as `parse_position` reads it.
_LABEL = r"(?:(?i:lat(?:itude)?|lng|lon(?:g(?:itude)?)?)\s?[:=]?\s?)"
# "39:33:00N" (a GPS unit's) and "39 33 N": degrees and minutes (and seconds) written with
# colons or blanks only, when a hemisphere follows (in running text "12:30, 14:45" are times).
_COLON_FORM = r"\d{1,3}:\d{1,2}(?:[.,]\d+)?(?::\d{1,2}(?:[.,]\d+)?)?(?=\s?[NSEW]\b)"
_SPACED = r"\d{1,3}(?:\s\d{1,2}(?:[.,]\d+)?){1,2}(?=\s?[NSEW]\b)"
_AXIS = (
    rf"{_LABEL}?(?:\b[NSEW]\s?)?(?:{_COLON_FORM}|{_SPACED}|{_NUM}{_DEG}?{_MIN}?{_SEC}?)"
    rf"{_HEMISPHERE_AFTER}?"
)
_PAIR = re.compile(rf"(?<![\w.]){_AXIS}\s?[,;/]?\s?{_AXIS}(?![\w°º˚′″'\"])")


def find_positions(text: str) -> list[tuple[int, int, Position]]:
    """Positions written in running text, as (start, end, position) in text order: only those
    whose two halves each carry a hemisphere or a degree mark (`39°33′N 44°59′E`, `39.55N
    44.98E`), never two plain numbers ("4, 6"), and never what cannot be a position (75
    minutes, latitude 95)."""
    found = []
    for match in _PAIR.finditer(text):
        span = match.group().rstrip(" ,;/")
        try:
            position = parse_position(span)
        except PositionError:
            continue
        if position is not None and position.explicit:
            found.append((match.start(), match.start() + len(span), position))
    return found


# --- a position with words around it --------------------------------------------------------

# Two plain numbers with fractions ("39.55, 44.98"): a position in a short field even without
# hemispheres or marks, beside words ("39.55, 44.98 near Sharur"); "Route 12, 34 km" is none.
_PLAIN_DECIMALS = re.compile(r"\(?\s*[-+−]?\d{1,3}\.\d+\s*[,;/ ]\s*[-+−]?\d{1,3}\.\d+\s*\)?")
# What is left around a position once it is taken out: brackets, separators and blanks.
_LEFTOVER_EDGES = " \t\n,;:/()[]{}-–—·|"


def position_with_words(text: str) -> tuple[Position, str] | None:
    """The position a short text (a feature's `location`, a lookup) is written as, alone or
    with words before or after it, and those words: "39°33′N 44°59′E (near Sharur)" ->
    (39.55, 44.983333; "near Sharur"). None when it holds no position (a place name). The
    position is read by `parse_position` in any of its notations; beside words, a pair needs
    a hemisphere, a degree mark or a label on each half, or a fraction in both numbers
    ("39.55, 44.98 near Sharur"). Raises PositionError when the text is written as
    coordinates but is no position, or holds two positions."""
    whole = parse_position(text)
    if whole is not None:
        return whole, ""
    found: list[tuple[int, int, Position]] = []
    refused: PositionError | None = None
    for match in _PAIR.finditer(text):
        span = match.group().rstrip(" ,;/")
        try:
            position = parse_position(span)
        except PositionError as error:
            refused = refused or error
            continue
        if position is not None and (position.explicit or _PLAIN_DECIMALS.fullmatch(span)):
            found.append((match.start(), match.start() + len(span), position))
    if len(found) > 1:
        raise PositionError(
            f"{text.strip()!r} holds {len(found)} positions; write one in a location"
        )
    if not found:
        if refused is not None:
            raise refused
        return None
    start, end, position = found[0]
    before, after = text[:start].strip(_LEFTOVER_EDGES), text[end:].strip(_LEFTOVER_EDGES)
    words = " ".join(f"{before} {after}".split())
    return position, words
