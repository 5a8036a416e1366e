"""What every export takes besides the data: title, output size and resolution.

Sizes are read from the command line as `WIDTHxHEIGHT` with an optional unit (px, in, cm, mm);
pixels are turned into inches through the resolution, so `--size 2000x1400 --dpi 200` gives a
10 x 7 inch figure that saves as a 2000 x 1400 pixel PNG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DPI = 200
DEFAULT_SIZE = "2000x1400"
MIN_DPI, MAX_DPI = 50, 1200
MIN_INCHES, MAX_INCHES = 3.0, 60.0  # smaller leaves no room for the map; larger is a poster

INCHES_PER_UNIT: dict[str, float] = {"in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*(px|in|cm|mm)?\s*$")


class OptionError(ValueError):
    """An option value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ExportOptions:
    """Title, figure size in inches and resolution of a static map (data formats ignore the
    size and resolution). `title` None means the default title. `basemap_file`: a raster
    PMTiles or MBTiles file the HTML export inlines as its basemap (geo.render.basemap)."""

    title: str | None = None
    width_in: float = 10.0
    height_in: float = 7.0
    dpi: int = DEFAULT_DPI
    basemap_file: Path | None = None

    @property
    def pixels(self) -> tuple[int, int]:
        """The PNG's width and height in pixels."""
        return round(self.width_in * self.dpi), round(self.height_in * self.dpi)


def parse_size(text: str, dpi: int) -> tuple[float, float]:
    """`WIDTHxHEIGHT[px|in|cm|mm]` as inches (pixels by default, divided by `dpi`)."""
    match = _SIZE.match(text)
    if match is None:
        raise OptionError(
            f"--size {text!r}: expected WIDTHxHEIGHT with an optional unit px, in, cm or mm "
            "(e.g. 2000x1400 or 18x12cm)"
        )
    width, height, unit = float(match[1]), float(match[2]), match[3] or "px"
    factor = 1 / dpi if unit == "px" else INCHES_PER_UNIT[unit]
    width_in, height_in = width * factor, height * factor
    for side, inches in (("width", width_in), ("height", height_in)):
        if not MIN_INCHES <= inches <= MAX_INCHES:
            raise OptionError(
                f"--size {text!r}: the {side} is {inches:.2f} in at {dpi} dpi; it must lie "
                f"between {MIN_INCHES:g} and {MAX_INCHES:g} in"
            )
    return width_in, height_in


def make_options(title: str | None, size: str, dpi: int) -> ExportOptions:
    """Options from the command line's text, checked; raises OptionError."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise OptionError(f"--dpi {dpi}: must lie between {MIN_DPI} and {MAX_DPI}")
    width_in, height_in = parse_size(size, dpi)
    return ExportOptions(title=title, width_in=width_in, height_in=height_in, dpi=dpi)
