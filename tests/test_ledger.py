"""geo.ledger: claim status, claimants, figure ranges and corroboration derived from reports."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from geo.ledger import (
    Registry,
    claimants,
    corroboration,
    derive_claim_status,
    figure_ranges,
    independent_origins,
    ledger,
    original,
    outlets,
)
from geo.schema import STANCES

OUTLET = {"a": "Outlet A", "b": "Outlet B", "c": "Outlet C", "d": "Outlet D", "a2": "Outlet A"}


def r(source: str, stance: str = "relays", claimant: str = "", **figures: object) -> dict:
    return {"source": source, "stance": stance, "claimant": claimant, "figures": figures}


def test_relays_of_one_claimant_are_one_origin_however_spelt() -> None:
    reports = [r("a", claimant="Azerbaijan MFA"), r("b", claimant="azerbaijan  mfa")]
    assert independent_origins(reports, {}) == 1
    assert outlets(reports, OUTLET) == 2


def test_a_republication_is_its_original() -> None:
    republished = {"c": "b", "b": "a"}
    assert original("c", republished) == "a"
    reports = [r("a", "asserts"), r("c", "asserts"), r("d", "asserts")]
    assert independent_origins(reports, republished) == 2


def test_a_republication_loop_ends() -> None:
    assert original("a", {"a": "b", "b": "a"}) in ("a", "b")


def test_denials_are_not_confirmation() -> None:
    reports = [r("a", claimant="MoD"), r("b", "denies", "General Staff")]
    assert independent_origins(reports, {}) == 1
    assert claimants(reports) == (["MoD"], ["General Staff"])


def test_outlets_counts_names_not_ids() -> None:
    assert outlets([r("a"), r("a2")], OUTLET) == 1


def test_claim_status_rules() -> None:
    assert derive_claim_status([], {}) is None
    assert derive_claim_status([r("a", "asserts")], {}) == "unverified"
    assert derive_claim_status([r("a", claimant="MoD"), r("b", claimant="MoD")], {}) == "claimed"
    assert derive_claim_status([r("a", claimant="MoD"), r("b", "asserts")], {}) == "confirmed"
    assert derive_claim_status([r("a", "asserts"), r("a2", "asserts")], {"a2": "a"}) == (
        "unverified"
    )
    assert derive_claim_status([r("a", claimant="MoD"), r("b", "disputes", "X")], {}) == (
        "disputed"
    )
    assert derive_claim_status([r("b", "denies", "X")], {}) == "disputed"


def test_figure_range_keeps_who_gives_which() -> None:
    reports = [
        r("a", claimant="MFA", injured=2, drones=2),
        r("b", claimant="MFA", injured=2),
        r("c", "asserts", injured=4, drones=[2, 4]),
    ]
    by_name = {f.name: f for f in figure_ranges(reports)}
    injured = by_name["injured"]
    assert (injured.low, injured.high) == (2, 4)
    assert injured.by == ((2, ("a", "b")), (4, ("c",)))
    assert injured.text() == "injured: 2–4 by source (2: a, b; 4: c)"
    assert by_name["drones"].as_json() == {
        "low": 2,
        "high": 4,
        "by": [{"value": 2, "sources": ["a"]}, {"value": [2, 4], "sources": ["c"]}],
    }


def test_ledger_and_corroboration_agree() -> None:
    sources = pd.DataFrame(
        {
            "outlet": ["Outlet A", "Outlet B"],
            "published": pd.to_datetime(["2026-03-05", "2026-03-06"]),
            "republished_from": ["", ""],
        },
        index=pd.Index(["a", "b"], name="id"),
    )
    registry = Registry.of(sources)
    reports = [r("a", claimant="MFA", injured=2), r("b", "denies", "General Staff")]
    feature = {
        "id": "inc",
        "properties": {"name": "x", "claim_status": "disputed", "reports": reports},
    }
    result = ledger(feature, registry)
    assert result["outlets"] == 2 and result["independent_origins"] == 1
    assert result["reports"][0]["published"] == "2026-03-05"
    assert result["reports"][1]["stance"] == "denies"
    frame = gpd.GeoDataFrame(
        {"id": ["inc", "site"], "reports": [reports, []]}, geometry=[None, None]
    )
    out = corroboration(frame, registry)
    assert out["independent_origins"].tolist() == [1, 0]
    assert out["derived_claim_status"].tolist()[0] == "disputed"
    assert pd.isna(out["derived_claim_status"].tolist()[1])
    assert out["figure_ranges"].tolist() == ["injured: 2 (a)", ""]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(OUTLET)),
            st.sampled_from(list(STANCES)),
            st.sampled_from(["", "MFA", "MoD"]),
        ),
        max_size=8,
    )
)
def test_origins_never_exceed_confirming_reports(rows: list[tuple[str, str, str]]) -> None:
    reports = [r(s, stance, claimant) for s, stance, claimant in rows]
    confirming = [x for x in reports if x["stance"] in ("asserts", "relays")]
    assert independent_origins(reports, {}) <= len(confirming)
    assert outlets(reports, OUTLET) <= len(reports)
