"""Draw geo.style's FeatureStyles with matplotlib, for the map and its legend alike, so a
legend swatch is drawn by the same code as the features it explains.

geo.style sizes are CSS pixels; matplotlib works in points (1 px = 0.75 pt). Dash patterns
are absolute lengths, so callers draw inside `STATIC_RC` (dashes not scaled by line width).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontProperties
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from geo.style import HALO, FeatureStyle

PT_PER_PX = 0.75
GLYPH_SHARE = 0.62  # the icon's size inside a site's square
# As the app draws them (geo/render/geo_map.js): a ring of the radius when known, else of one
# marker diameter; never smaller than 0.9 diameters; 12 % fill, dashed 5-4 px outline.
HALO_UNKNOWN_RADIUS = HALO.unknown_radius  # geo.style owns the halo's look
HALO_MIN_RADIUS = HALO.min_radius


def points(px: float) -> float:
    return px * PT_PER_PX


def linestyle(style: FeatureStyle) -> object:
    """A matplotlib linestyle for the style's dash (solid when it has none)."""
    if not style.dash:
        return "solid"
    return (0.0, tuple(points(d) for d in style.dash))


def rgba(color: str, opacity: float) -> tuple[float, float, float, float]:
    return to_rgba(color, opacity)


@cache
def _font_awesome() -> FontProperties:
    import xstatic.pkg.font_awesome as font_awesome

    return FontProperties(fname=f"{font_awesome.BASE_DIR}/webfonts/fa-solid-900.ttf")


@cache
def glyph_marker(codepoint: str) -> MarkerStyle:
    """A Font Awesome glyph as a vector marker (stays a shape in SVG and PDF), centred."""
    path = TextPath((0, 0), codepoint, size=1, prop=_font_awesome())
    vertices = path.vertices
    centre = (vertices.min(axis=0) + vertices.max(axis=0)) / 2
    centred = Path(vertices - centre, path.codes)
    return MarkerStyle(centred.transformed(Affine2D()))


def draw_markers(
    ax: Axes, xs: np.ndarray, ys: np.ndarray, style: FeatureStyle, z: float, gid: str | None = None
) -> None:
    """Point features: an incident's shape, or a site's square with its icon. `gid` names
    the markers' group in an SVG (`<g id="...">`), so readers and tests can find them."""
    size = points(style.size)
    ax.scatter(
        xs,
        ys,
        s=size**2,
        marker=style.mpl_marker,
        facecolors=[rgba(style.fill_color, style.fill_opacity)],
        edgecolors=[rgba(style.color, style.stroke_opacity)],
        linewidths=points(style.stroke_width),
        linestyles=[linestyle(style)],
        zorder=z,
        gid=gid,
    )
    if style.icon_codepoint:
        ax.scatter(
            xs,
            ys,
            s=(size * GLYPH_SHARE) ** 2,
            marker=glyph_marker(style.icon_codepoint),
            facecolors=[rgba(style.color, 1.0)],
            edgecolors="none",
            linewidths=0,
            zorder=z + 0.01,
        )


def draw_fixed_halos(
    ax: Axes, xs: np.ndarray, ys: np.ndarray, style: FeatureStyle, radius: float, z: float
) -> None:
    """Dashed rings of a fixed on-page size: `radius` in marker diameters."""
    ax.scatter(
        xs,
        ys,
        s=(points(style.size) * radius * 2) ** 2,
        marker="o",
        facecolors=[rgba(style.color, HALO.fill_opacity)],
        edgecolors=[rgba(style.color, HALO.stroke_opacity)],
        linewidths=points(HALO.width_px),
        linestyles=[(0.0, tuple(points(d) for d in HALO.dash))],
        zorder=z,
    )


def halo_kwargs(style: FeatureStyle) -> dict[str, object]:
    """How an uncertainty ring of known radius is drawn (a polygon in map units)."""
    return {
        "facecolor": rgba(style.color, HALO.fill_opacity),
        "edgecolor": rgba(style.color, HALO.stroke_opacity),
        "linewidth": points(HALO.width_px),
        "linestyle": (0.0, tuple(points(d) for d in HALO.dash)),
    }


def line_kwargs(style: FeatureStyle) -> dict[str, object]:
    return {
        "color": rgba(style.color, style.stroke_opacity),
        "linewidth": points(style.stroke_width),
        "linestyle": linestyle(style),
    }


def polygon_kwargs(style: FeatureStyle) -> dict[str, object]:
    return {
        "facecolor": rgba(style.fill_color, style.fill_opacity),
        "edgecolor": rgba(style.color, style.stroke_opacity),
        "linewidth": points(style.stroke_width),
        "linestyle": linestyle(style),
    }
