"""Map incidents, sites and routes named in news reports, with their sources and uncertainty.

`geo.load_incidents(path)` is the way in for code; `python -m geo <verb>` for people. The
loader is imported on first use, so `import geo` (and every `python -m geo` verb that does not
load data) stays free of geopandas' import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.load import load_incidents

__all__ = ["load_incidents"]


def __getattr__(name: str) -> Any:
    if name == "load_incidents":
        from geo.load import load_incidents

        return load_incidents
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
