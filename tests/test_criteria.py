"""geo.criteria: one table of filter criteria, read by the View's masks, the URL state, the
CLI and every message that names a criterion."""

from __future__ import annotations

import dataclasses

from geo import criteria, urlstate
from geo.cli import build_parser
from geo.view import View


def test_every_view_field_belongs_to_exactly_one_criterion():
    fields = [f for c in criteria.CRITERIA for f in c.fields]
    assert sorted(fields) == sorted(f.name for f in dataclasses.fields(View))


def test_every_cli_option_of_a_criterion_exists_on_export():
    export = build_parser()._subparsers._group_actions[0].choices["export"]
    options = {s for action in export._actions for s in action.option_strings}
    for criterion in criteria.CRITERIA:
        assert set(criterion.cli_options) <= options, criterion.name


def test_the_url_reads_the_table():
    keys = {k for c in criteria.CRITERIA for k in c.url_keys}
    assert set(urlstate.LIST_PARAMS) <= keys
    assert urlstate.LIST_PARAMS["claim"] == "claim_statuses"


def test_one_wording_of_what_hides_features():
    assert criteria.hidden_text({"claim_statuses": 2, "countries": 0, "dates": 1}) == (
        "claim status hides 2; date range hides 1"
    )
    assert criteria.hidden_text({"layers": 0}) == "no filter hides any"
