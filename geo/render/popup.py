"""What a feature's popup, tooltip and details panel say, with every value HTML-escaped.

Values are escaped here, once, in Python; the browser only concatenates the escaped pieces
(`geo_map.js` builds popups lazily from `popup_columns`, the app's details panel from
`popup_html`). Links are made only for http(s) URLs and open with rel="noopener noreferrer".

The columns are dictionary-encoded (each distinct value escaped and sent once) so that 100,000
features cost little more than their distinct names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from geo import periods
from geo.escape import HTML_SPECIAL
from geo.escape import html as escape_html
from geo.ledger import Registry, report_labels
from geo.schema import GEO_PRECISION
from geo.style import combination_codes

# (label, column key) in display order; rows with an empty value are left out.
ROWS: tuple[tuple[str, str], ...] = (
    ("Date", "date"),
    ("Type", "type"),
    ("Actor 1", "actor1"),
    ("Actor 2", "actor2"),
    ("Claim status", "claim"),
    ("Claimed by", "claimed_by"),
    ("Denied by", "denied_by"),
    ("Corroboration", "corroboration"),
    ("Figures", "figures"),
    ("Reports", "reports"),
    ("Where", "where"),
    ("Location", "precision"),
    ("Fatalities", "fatalities"),
    ("Notes", "notes"),
    ("Review", "review"),
    ("Evidence", "evidence"),
    ("Id", "id"),
)

# The rows of the app's compact popups (the details panel beside the map shows every row).
COMPACT_ROWS: tuple[str, ...] = ("date", "type", "claim", "review")


def escape(value: object) -> str:
    """The HTML-escaped text of a value (geo.escape.html); missing values become the empty
    string."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return escape_html(value)


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None (so `javascript:`,
    `data:` and relative URLs never become links)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if any(ord(ch) < 32 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def source_item_html(source_id: str, sources: pd.DataFrame) -> str:
    """One `<li>` for a source: outlet, title, date, and a link when its URL is http(s)."""
    if source_id not in sources.index:
        return f"<li>{escape(source_id)} <em>(not in sources.csv)</em></li>"
    row = sources.loc[source_id]
    parts = [f"<b>{escape(row.get('outlet'))}</b>"]
    title = escape(row.get("title"))
    if title:
        parts.append(f"“{title}”")
    published = row.get("published")
    if not isinstance(published, str) and pd.isna(published):
        # A source the desk added without a date reads as NaT, a `date` whose strftime fails
        # (the whole map page stopped on it once that source's feature was accepted).
        published = None
    elif isinstance(published, pd.Timestamp | date):
        published = published.strftime("%Y-%m-%d")
    published = escape(published)
    if published:
        parts.append(f"({published})")
    url = safe_url(row.get("url"))
    if url is not None:
        parts.append(
            f'<a href="{escape_html(url)}" target="_blank" rel="noopener noreferrer">link</a>'
        )
    return "<li>" + " ".join(parts) + "</li>"


Maker = Callable[..., str]


def _factorized(gdf: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes (-1 for missing) and distinct values of a column (all missing when absent)."""
    if column not in gdf:
        return np.full(len(gdf), -1, dtype=np.int64), np.zeros(0, dtype=object)
    values = gdf[column]
    if values.dtype == object:  # list properties (evidence): tuples, which factorize can hash
        values = values.map(lambda v: tuple(v) if isinstance(v, list) else v)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


def _derived(gdf: pd.DataFrame, columns: tuple[str, ...], make: Maker) -> dict[str, Any]:
    """An encoded popup column computed by `make` from the raw values of `columns` (None for
    missing), called once per distinct combination; the result is escaped."""
    parts = [_factorized(gdf, c) for c in columns]
    if make is _text:  # one plain column: its distinct values, stripped, and "" for missing
        codes, uniques = parts[0]
        texts = pd.Series(uniques, dtype=object).astype("string").str.strip().fillna("")
        labels = [*texts.tolist(), ""]
        escaped = escape_all(labels)
        if len(uniques) == len(codes):  # every value distinct: codes are 0..n-1 in order
            return {"v": escaped[:-1]}
        return {"v": escaped, "c": np.where(codes < 0, len(uniques), codes).astype(np.int32)}
    codes, first = combination_codes(parts)
    labels = [
        make(*(uniques[c[row]] if c[row] >= 0 else None for c, uniques in parts)) for row in first
    ]
    escaped = escape_all(labels)
    if len(escaped) == len(codes):  # every value distinct: codes are 0..n-1 in order
        return {"v": escaped}
    return {"v": escaped, "c": codes.astype(np.int32)}


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _iso(value: object) -> str:
    if value is None:
        return ""
    stamp = pd.Timestamp(value)
    return "" if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


def _type(event_type: object, sub_type: object, layer: object, kind: object) -> str:
    if event_type is not None:
        return _text(event_type) + (f": {_text(sub_type)}" if sub_type is not None else "")
    return " ".join(t for t in (_text(layer), _text(kind).replace("_", " ")) if t)


def _precision(geo_precision: object, uncertainty_km: object) -> str:
    words = GEO_PRECISION.get(int(geo_precision), "") if geo_precision is not None else ""
    radius = ""
    if uncertainty_km is not None and not pd.isna(uncertainty_km):
        radius = f"within {float(uncertainty_km):g} km"
    return ", ".join(t for t in (words, radius) if t)


def _where(location: object, admin1: object, country: object) -> str:
    """ "Rasht, Gilan, Iran": each level once, although `location` often repeats the province
    ("Rasht, Gilan") or the country that the other properties hold (compared ignoring case)."""
    parts = [p.strip() for t in map(_text, (location, admin1, country)) for p in t.split(",")]
    kept: dict[str, str] = {}
    for part in parts:
        if part and part.casefold() not in kept:
            kept[part.casefold()] = part
    return ", ".join(kept.values())


def _review(review: object) -> str:
    return "draft (not yet reviewed)" if review == "draft" else _text(review)


def _evidence(evidence: object) -> str:
    """Where in the article a proposal comes from: its character offsets, as written."""
    spans = [str(s) for s in evidence or ()] if isinstance(evidence, list | tuple) else []
    if not spans:
        return ""
    return "characters " + ", ".join(spans) + " of the article"


COLUMNS: dict[str, tuple[tuple[str, ...], Maker]] = {
    "name": (("name",), _text),
    "id": (("id",), _text),
    "date": (("event_date", "time_precision", "end_date"), periods.label),
    "type": (("event_type", "sub_event_type", "layer", "kind"), _type),
    "actor1": (("actor1",), _text),
    "actor2": (("actor2",), _text),
    "claim": (("claim_status",), _text),
    "claimed_by": (("claimed_by",), _text),
    "denied_by": (("denied_by",), _text),
    "where": (("location", "admin1", "country"), _where),
    "precision": (("geo_precision", "uncertainty_km"), _precision),
    "fatalities": (("fatalities",), _text),
    "notes": (("notes",), _text),
    "review": (("review",), _review),
    "evidence": (("evidence",), _evidence),
    "corroboration": (("corroboration_label",), _text),
    "figures": (("figures_label",), _text),
    "reports": (("reports_label",), _text),
}


def escape_all(values: list[str]) -> list[str]:
    """geo.escape.html of each string, calling it only for the strings that need it."""
    texts = pd.Series(values, dtype="string")
    special = texts.str.contains(HTML_SPECIAL.pattern, regex=True)
    special = special.fillna(False).to_numpy(dtype=bool)
    result = texts.fillna("").tolist()
    for k in np.flatnonzero(special):
        result[k] = escape_html(result[k])
    return result


def _source_sets(gdf: pd.DataFrame) -> tuple[np.ndarray, list[list[str]]]:
    """A code per row for its list of source ids, and the distinct lists (vectorised: the
    lists are exploded into a matrix of id codes whose distinct rows are the sets)."""
    if "sources" not in gdf or len(gdf) == 0:
        return np.zeros(len(gdf), dtype=np.int64), [[]]
    exploded = gdf["sources"].reset_index(drop=True).explode()
    exploded = exploded[exploded.notna()]
    id_codes, ids = pd.factorize(exploded.astype(str))
    slot = exploded.groupby(level=0).cumcount().to_numpy()
    width = int(slot.max()) + 1 if len(slot) else 1
    matrix = np.full((len(gdf), width), -1, dtype=np.int64)
    matrix[exploded.index.to_numpy(), slot] = id_codes
    parts = [(matrix[:, k], ids) for k in range(width)]
    codes, first = combination_codes(parts)
    sets = [[str(ids[c]) for c in matrix[row] if c >= 0] for row in first]
    return codes, sets


def popup_columns(gdf: pd.DataFrame, sources: pd.DataFrame) -> dict[str, Any]:
    """The popup data of every row of `gdf`, escaped and dictionary-encoded:
    {"rows": ROWS, "cols": {key: encoded}, "sources": {"v": <li> html per source,
    "sets": [[source index, ...], ...], "c": set code per row}}."""
    if "reports" in gdf and "reports_label" not in gdf:
        gdf = report_labels(gdf, Registry.of(sources))
    columns = {key: _derived(gdf, cols, make) for key, (cols, make) in COLUMNS.items()}
    set_codes, sets = _source_sets(gdf)
    source_ids = list(dict.fromkeys(s for ids in sets for s in ids))
    position = {sid: k for k, sid in enumerate(source_ids)}
    return {
        "rows": [list(pair) for pair in ROWS],
        "cols": columns,
        "sources": {
            "v": [source_item_html(sid, sources) for sid in source_ids],
            "sets": [[position[s] for s in ids] for ids in sets],
            "c": set_codes.astype(np.int32),
        },
    }


def _value(column: Mapping[str, Any], row: int) -> str:
    return column["v"][column["c"][row]] if "c" in column else column["v"][row]


def assemble(features: Mapping[str, Any], row: int) -> str:
    """The popup HTML of one row; the same layout geo_map.js's popupHtml() builds."""
    cols = features["cols"]
    parts = [
        f'<div class="geo-popup"><div class="geo-popup-title">{_value(cols["name"], row)}'
        "</div><table>"
    ]
    for label, key in features["rows"]:
        value = _value(cols[key], row)
        if value:
            parts.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    parts.append("</table>")
    sources = features["sources"]
    items = [sources["v"][s] for s in sources["sets"][sources["c"][row]]]
    if items:
        parts.append('<div class="geo-popup-sources">Sources</div><ol>' + "".join(items) + "</ol>")
    parts.append("</div>")
    return "".join(parts)


def popup_html(feature: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The popup HTML of the first row of `feature` (a one-row frame)."""
    return assemble(popup_columns(feature.iloc[:1], sources), 0)
