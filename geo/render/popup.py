"""What a feature's popup, tooltip and details panel say, with every value HTML-escaped.

Values are escaped here, once, in Python; the browser only concatenates the escaped pieces
(`geo_map.js` builds popups lazily from `popup_columns`, the app's details panel from
`popup_html`). Links are made only for http(s) URLs and open with rel="noopener noreferrer".

The columns are dictionary-encoded (each distinct value escaped and sent once) so that 100,000
features cost little more than their distinct names.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from geo.schema import GEO_PRECISION, TIME_PRECISION

# (label, column key) in display order; rows with an empty value are left out.
ROWS: tuple[tuple[str, str], ...] = (
    ("Date", "date"),
    ("Type", "type"),
    ("Actor 1", "actor1"),
    ("Actor 2", "actor2"),
    ("Claim status", "claim"),
    ("Claimed by", "claimed_by"),
    ("Denied by", "denied_by"),
    ("Where", "where"),
    ("Location", "precision"),
    ("Fatalities", "fatalities"),
    ("Notes", "notes"),
    ("Review", "review"),
    ("Id", "id"),
)

PRECISION_WORDS: dict[int, str] = {1: "", 2: "known to the week", 3: "known to the month"}


def escape(value: object) -> str:
    """The HTML-escaped text of a value; missing values become the empty string."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


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
    published = escape(row.get("published"))
    if published:
        parts.append(f"({published})")
    url = safe_url(row.get("url"))
    if url is not None:
        parts.append(
            f'<a href="{html.escape(url, quote=True)}" target="_blank" '
            'rel="noopener noreferrer">link</a>'
        )
    return "<li>" + " ".join(parts) + "</li>"


def _strings(gdf: pd.DataFrame, column: str) -> pd.Series:
    if column not in gdf:
        return pd.Series("", index=gdf.index, dtype=object)
    values = gdf[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    return values.astype("string").fillna("").str.strip().astype(object)


def _iso(values: pd.Series) -> pd.Series:
    dates = pd.to_datetime(values, errors="coerce")
    return dates.dt.strftime("%Y-%m-%d").fillna("")


def date_labels(gdf: pd.DataFrame) -> pd.Series:
    """'2026-03-05', '2026-03-05 to 2026-03-07', '2026-03 (known to the month)', ..."""
    if "event_date" not in gdf:
        return pd.Series("", index=gdf.index, dtype=object)
    start = _iso(gdf["event_date"])
    end = _iso(gdf["end_date"]) if "end_date" in gdf else pd.Series("", index=gdf.index)
    precision = (
        pd.to_numeric(gdf["time_precision"], errors="coerce").fillna(1).astype(int)
        if "time_precision" in gdf
        else pd.Series(1, index=gdf.index)
    )
    keys = pd.MultiIndex.from_arrays([start, end, precision])
    codes, uniques = pd.factorize(keys)
    labels = []
    for first, last, prec in uniques:
        if not first:
            labels.append("")
            continue
        text = first[:7] if prec == 3 else first
        if last and last != first:
            text += " to " + (last[:7] if prec == 3 else last)
        word = PRECISION_WORDS.get(int(prec), TIME_PRECISION.get(int(prec), ""))
        labels.append(f"{text} ({word})" if word else text)
    return pd.Series(np.asarray(labels, dtype=object)[codes], index=gdf.index)


def text_columns(gdf: pd.DataFrame) -> dict[str, pd.Series]:
    """The unescaped display text of each popup row, one Series per key of ROWS plus name."""
    event_type = _strings(gdf, "event_type")
    sub_type = _strings(gdf, "sub_event_type")
    kind = _strings(gdf, "kind").str.replace("_", " ")
    layer = _strings(gdf, "layer")
    type_text = event_type.where(sub_type == "", event_type + ": " + sub_type)
    type_text = type_text.where(type_text != "", (layer + " " + kind).str.strip())
    precision = pd.to_numeric(gdf.get("geo_precision"), errors="coerce")
    precision_text = precision.map(GEO_PRECISION).fillna("").astype(object)
    radius = pd.to_numeric(gdf.get("uncertainty_km"), errors="coerce")
    radius_text = radius.map(lambda km: f"within {km:g} km", na_action="ignore").fillna("")
    columns = {
        "name": _strings(gdf, "name"),
        "id": _strings(gdf, "id"),
        "date": date_labels(gdf),
        "type": type_text,
        "actor1": _strings(gdf, "actor1"),
        "actor2": _strings(gdf, "actor2"),
        "claim": _strings(gdf, "claim_status"),
        "claimed_by": _strings(gdf, "claimed_by"),
        "denied_by": _strings(gdf, "denied_by"),
        "precision": _combine(precision_text, radius_text),
        "fatalities": _strings(gdf, "fatalities"),
        "notes": _strings(gdf, "notes"),
        "review": _strings(gdf, "review").replace({"draft": "draft (not yet reviewed)"}),
    }
    where = pd.concat(
        [_strings(gdf, "location"), _strings(gdf, "admin1"), _strings(gdf, "country")], axis=1
    )
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(where))
    labels = [", ".join(dict.fromkeys(v for v in combo if v)) for combo in uniques]
    columns["where"] = pd.Series(np.asarray(labels, dtype=object)[codes], index=gdf.index)
    return columns


def _combine(first: pd.Series, second: pd.Series) -> pd.Series:
    both = (first != "") & (second != "")
    return (first + np.where(both, ", ", "") + second).astype(object)


def _encode(values: pd.Series) -> dict[str, Any]:
    """Dictionary-encode escaped strings: {"v": distinct values, "c": codes}, or {"v": values}
    when every value is distinct."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    escaped = [html.escape(str(u), quote=True) for u in uniques]
    if len(uniques) == len(values):
        return {"v": escaped}
    return {"v": escaped, "c": codes.astype(np.int32)}


def popup_columns(gdf: pd.DataFrame, sources: pd.DataFrame) -> dict[str, Any]:
    """The popup data of every row of `gdf`, escaped and dictionary-encoded:
    {"rows": ROWS, "cols": {key: encoded}, "sources": {"v": <li> html per source,
    "sets": [[source index, ...], ...], "c": set code per row}}."""
    columns = {key: _encode(series) for key, series in text_columns(gdf).items()}
    if "sources" in gdf:
        keys = gdf["sources"].map(
            lambda ids: tuple(ids) if isinstance(ids, list | tuple | np.ndarray) else ()
        )
    else:
        keys = pd.Series([()] * len(gdf), index=gdf.index, dtype=object)
    set_codes, sets = pd.factorize(keys.to_numpy(dtype=object))
    source_ids = list(dict.fromkeys(str(s) for ids in sets for s in ids))
    position = {sid: k for k, sid in enumerate(source_ids)}
    return {
        "rows": [list(pair) for pair in ROWS],
        "cols": columns,
        "sources": {
            "v": [source_item_html(sid, sources) for sid in source_ids],
            "sets": [[position[str(s)] for s in ids] for ids in sets],
            "c": set_codes.astype(np.int32),
        },
    }


def _value(column: Mapping[str, Any], row: int) -> str:
    return column["v"][column["c"][row]] if "c" in column else column["v"][row]


def assemble(features: Mapping[str, Any], row: int) -> str:
    """The popup HTML of one row; the same layout geo_map.js's popupHtml() builds."""
    cols = features["cols"]
    parts = [f'<div class="geo-popup"><div class="geo-popup-title">{_value(cols["name"], row)}'
             "</div><table>"]
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
