r"""Data is text: the one place that turns a value from the data, the sources registry or a URL
into text for a page, for each kind of page text. Every face calls these (app.py and geo/app
for Streamlit's Markdown, geo/render and geo/export for HTML); none escapes by hand.

Why: a value is read as markup where it lands unless it is escaped for that place. An outlet
named `![x](http://host/p.png)` in sources.csv, or `?source=![i](http://host/leak.png)` in a
shared link, was drawn by Streamlit's Markdown as an image, so every visitor's browser fetched
that address: a tracking pixel telling a stranger who looks at an unpublished investigation.
`<img src=x onerror=...>` in a popup would run script if HTML were not escaped.

- `markdown(value)`: for anything Streamlit renders as Markdown (st.markdown, st.caption,
  st.warning/error/info, widget labels and help, pills): every ASCII punctuation character
  that opens markup anywhere in a line is backslash-escaped (CommonMark §2.4: any ASCII
  punctuation may be), and a list or heading marker at the start, so links, images,
  emphasis, code, HTML, autolinks and Streamlit's `:icon:` / `$math$` read as the characters
  they are. A hyphen or point inside a value (a date, a domain) is left as it is.
- `html(value)`: for HTML (popups, the legend, the HTML export): `& < > " '` as entities, so a
  value is text inside an element or a quoted attribute.
- `html_in_markdown(fragment)`: an HTML fragment built with `html` that Streamlit's Markdown
  is given with HTML allowed (the details panel, the store's legend): Markdown still reads the
  text between the tags, so there the characters that open Markdown and line breaks become
  numeric character references, which the browser shows as the characters.
- `spreadsheet_cell(text)` / `spreadsheet_cell_read(text)`: a CSV cell written for people,
  which a spreadsheet would run as a formula when it starts with `=`, `+`, `-`, `@`, a tab or
  a carriage return (OWASP, "CSV Injection"), is written with a `'` before it, so the
  spreadsheet shows it as text; a number (`-12.5`) is left a number. The reader of the
  project's own CSV takes exactly that `'` off again, so an export read back is the same data.
- `server_paths_hidden(text, folders)`: what a visitor may read of a message that names files:
  the server's folders are left out (a path is shown relative to the data folder).
"""

from __future__ import annotations

import html as _html
import os
import re
from collections.abc import Iterable
from pathlib import Path

# ASCII punctuation that opens markup anywhere in a line in CommonMark, GitHub's extensions or
# Streamlit's own (`$math$`; a colon only where it opens `:material/x:`, `:smile:` or
# `:red[...]`, or a web address that GitHub's Markdown would make a link of, so
# "source=x: not in the data" reads as written); `&` too, or `&lt;` would show
# as `<`.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$&]|:(?=[\w/+-]+[:\[]|//))")
# What opens a block only at the start of a line: a list item (`- `, `+ `, `1. `, `1) `), a
# thematic break or setext line (`---`, `===`).
_LEADING_MARKER = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def markdown(value: object) -> str:
    """`value` as text for Streamlit's Markdown: what it says, never a link, image or markup.
    Line breaks become spaces (a value is one phrase in a sentence; a blank line would start a
    new block)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"[\r\n]+", " ", str(value)))
    leading = _LEADING_MARKER.match(text)
    if leading is None:
        return text
    spaces, marker = leading.groups()
    if marker.isdigit():  # escape the point or parenthesis after the number
        cut = leading.end()
        return text[:cut] + "\\" + text[cut:]
    return spaces + "\\" + text[len(spaces) :]


HTML_SPECIAL = re.compile(r"[&<>\"']")  # the characters html() replaces


def html(value: object) -> str:
    """`value` as text for HTML, inside an element or a quoted attribute."""
    return _html.escape(str(value), quote=True)


# What html_in_markdown() replaces in the text between tags: Markdown's openers, and line
# breaks (a blank line ends an HTML block, and Markdown reads what follows as Markdown).
_MARKDOWN_IN_TEXT = str.maketrans({char: f"&#{ord(char)};" for char in "![]()*_`~:$|\\#\r\n"})
# Values inside a tag are html()-escaped (no raw < or >); a character reference html() wrote
# (&#x27; for an apostrophe, &amp;) is kept whole: translating its '#' showed "&#x27;" as text.
_TAG_OR_REFERENCE = re.compile(r"(<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")


def html_in_markdown(fragment: str) -> str:
    """`fragment` (HTML whose values went through `html`) safe to give st.markdown with HTML
    allowed: the text between its tags has no character Markdown would read as markup, and the
    character references in it stay references."""
    parts = _TAG_OR_REFERENCE.split(fragment)
    parts[::2] = [text.translate(_MARKDOWN_IN_TEXT) for text in parts[::2]]
    return "".join(parts)


# A cell a spreadsheet reads as a formula: one of OWASP's starting characters, after any number
# of the apostrophes this module adds (so that a value that itself starts with "'=" survives
# the round trip: it is written "''=" and read back "'=").
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_cell(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text and never runs: a leading `'` when it
    starts like a formula (see _FORMULA), unless it is a plain number."""
    if _FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


_FORMULA_STARTS = frozenset("'=+-@\t\r")


def spreadsheet_cells(texts: list[str]) -> list[str]:
    """`spreadsheet_cell` of each text (a column at a time: most cells start with none of the
    characters that matter and are passed as they are)."""
    return [spreadsheet_cell(t) if t[:1] in _FORMULA_STARTS else t for t in texts]


def spreadsheet_cell_read(cell: str) -> str:
    """The value `spreadsheet_cell` wrote as `cell`: its added `'` taken off."""
    if cell.startswith("'") and _FORMULA.match(cell) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell


def server_paths_hidden(text: str, folders: Iterable[Path | str]) -> str:
    """`text` without the server's `folders` (absolute, and as their real paths): a file in one
    is named relative to it, so a visitor reads `incidents.geojson:12:5: ...` and never where
    the server keeps its data. Longer folders are taken first (a data folder inside the
    project)."""
    names: set[str] = set()
    for folder in folders:
        for form in (str(Path(folder).absolute()), os.path.realpath(folder)):
            if form not in ("/", ""):
                names.add(form.rstrip("/"))
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name + "/", "").replace(name, ".")
    return text
