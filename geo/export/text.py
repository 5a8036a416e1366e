"""Text on a report map in any script: names written right to left kept whole, lines wrapped
without losing that, and characters the map's font cannot draw replaced and counted.

Shaping and ordering: matplotlib (3.11 and later) lays out every string with libraqm, which
joins Arabic letters and orders right-to-left runs by the Unicode bidirectional algorithm,
in PNG and PDF; an SVG keeps the text as text and the viewer does the same. What neither can
guess is where a name ends: in 'Outlet, “<Persian title>”, 6 Mar 2026' the algorithm takes
the quote, comma and 6 into the Persian run and prints the date split around it. So every
name written into a longer line is wrapped in a first-strong isolate (U+2068 ... U+2069,
Unicode's own mark for "this text has its own direction") by `isolate`, and `wrap` closes
and reopens an isolate that a line break cuts.

Glyphs: the static maps use DejaVu Sans (shipped with matplotlib, so a map looks the same on
every machine). It covers Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic; a
character it lacks (Chinese, Devanagari, ...) would print as an empty box with a warning.
`Glyphs` replaces each by U+FFFD and counts them, so the export can say how many; an SVG
keeps them as text for the viewer's fonts to draw.
"""

from __future__ import annotations

import textwrap
import unicodedata
from functools import cache

FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate
REPLACEMENT = "\ufffd"
RTL_CLASSES = frozenset({"R", "AL"})


def has_rtl(text: str) -> bool:
    """True when `text` holds a letter written right to left (Hebrew, Arabic, Persian...)."""
    return any(unicodedata.bidirectional(char) in RTL_CLASSES for char in text)


def isolate(text: str) -> str:
    """`text` as a directional isolate when it holds right-to-left letters (else unchanged),
    so the punctuation and numbers written around it keep their place."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters (textwrap's count), each line
    closing the isolates it opens and reopening those a break cut; [""] for no text."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    balanced, still_open = [], 0
    for line in lines:
        opened = still_open
        depth = opened
        for char in line:
            if char == FSI:
                depth += 1
            elif char == PDI and depth:
                depth -= 1
        balanced.append(FSI * opened + line + PDI * depth)
        still_open = depth
    return balanced


@cache
def _covered(bold: bool) -> frozenset[int]:
    """The code points DejaVu Sans (bold or regular, as matplotlib ships it) has glyphs for."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(
        font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal"),
        fallback_to_default=False,
    )
    return frozenset(FT2Font(path).get_charmap())


class Glyphs:
    """Replaces what the map's font cannot draw by U+FFFD, counting each (`replaced`).
    Format and control characters (isolates, joiners, line breaks) are laid out, not drawn,
    and are kept, but other control characters (a name holding a backspace) are replaced
    too. With `replace` False (SVG: the viewer draws the text with its own fonts) every
    printable character is kept."""

    def __init__(self, replace: bool = True) -> None:
        self.replace = replace
        self.replaced = 0
        self.replaced_in = 0  # frames of a series that had a character replaced

    def __call__(self, text: str, bold: bool = False) -> str:
        covered = _covered(bold)
        out = []
        for char in text:
            kind = unicodedata.category(char)
            if kind == "Cc" and char != "\n":
                out.append(REPLACEMENT)  # a control character is no text (nor valid XML)
                self.replaced += 1
            elif not self.replace or ord(char) in covered or kind in ("Cc", "Cf"):
                out.append(char)
            else:
                out.append(REPLACEMENT)
                self.replaced += 1
        return "".join(out)


def replaced_text(count: int, frames: tuple[int, int] | None = None) -> str:
    """What an export says about the characters `Glyphs` replaced; for a series, `frames` is
    (frames that had one replaced, all frames)."""
    noun = "character" if count == 1 else "characters"
    where = f" (over {frames[0]} of the {frames[1]} frames)" if frames else ""
    return (
        f"{count} {noun} of the text{where} cannot be drawn (control characters, or no glyph "
        f"in the map's font DejaVu Sans) and are drawn as {REPLACEMENT}"
    )
