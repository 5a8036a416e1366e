"""The filter criteria, once: each one's name (the key of geo.view.masks and hidden_counts),
the words the user reads, the View fields it reads, its URL parameters (geo.urlstate) and its
`geo export` options. The app's status line, the export's "nothing matches" message and the
captions say a criterion in these words, so every face says "claim status hides 2"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    name: str  # key of geo.view.masks / hidden_counts
    label: str  # what the user reads
    fields: tuple[str, ...]  # the View fields it reads
    url_keys: tuple[str, ...]  # query parameters (geo.urlstate)
    cli_options: tuple[str, ...]  # `geo export` options


CRITERIA: tuple[Criterion, ...] = (
    Criterion("dates", "date range", ("date_from", "date_to"), ("from", "to"), ("--from", "--to")),
    Criterion("sources", "sources", ("sources",), ("source",), ("--source",)),
    Criterion("event_types", "event type", ("event_types",), ("type",), ("--type",)),
    Criterion("countries", "country", ("countries",), ("country",), ("--country",)),
    Criterion("claim_statuses", "claim status", ("claim_statuses",), ("claim",), ("--status",)),
    Criterion("layers", "layers", ("layers",), ("layer",), ("--layer",)),
    Criterion("bbox", "box", ("bbox",), (), ("--bbox",)),
    Criterion(
        "min_origins", "independent origins", ("min_origins",), ("origins",), ("--min-origins",)
    ),
    Criterion(
        "reports",
        "claimant and stance",
        ("claimants", "stances"),
        ("claimant", "stance"),
        ("--claimant", "--stance"),
    ),
)
BY_NAME: dict[str, Criterion] = {criterion.name: criterion for criterion in CRITERIA}


def hidden_text(hidden: Mapping[str, int]) -> str:
    """'claim status hides 2; country hides 1' from geo.view.hidden_counts (criteria that hide
    nothing left out); 'no filter hides any' when none hides a feature."""
    parts = [f"{BY_NAME[name].label} hides {count}" for name, count in hidden.items() if count]
    return "; ".join(parts) or "no filter hides any"


def nothing_matches_text(total: int, hidden: Mapping[str, int]) -> str:
    """What every face says when the filters select nothing: 'no feature matches the
    selection (46 in the file; country hides 46)' (`export` adds what to do; the app writes
    it on the map)."""
    return f"no feature matches the selection ({total} in the file; {hidden_text(hidden)})"
