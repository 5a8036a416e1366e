"""Reports in an incident file: each problem names the file, line, incident and report."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.problems import Problem
from geo.schema import SOURCE_COLUMNS
from geo.validate import check_text
from tests.validate.test_incident_checks import INCIDENT

GOOD = {
    "source": "src-a",
    "stance": "relays",
    "claimant": "Azerbaijan MFA",
    "figures": {"injured": 2},
}


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.csv"
    row = {"id": "src-a", "outlet": "An outlet", "published": "2026-03-09"}
    row["published_precision"] = "1"
    lines = [",".join(SOURCE_COLUMNS), ",".join(row.get(c, "") for c in SOURCE_COLUMNS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(sources: Path, *reports: object, status: str = "claimed") -> tuple[str, list[Problem]]:
    feature = copy.deepcopy(INCIDENT)
    feature["properties"]["reports"] = list(reports)
    feature["properties"]["claim_status"] = status
    text = json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=2)
    _, problems = check_text(text, str(sources.parent / "f.geojson"))
    return text, problems


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_good_report_passes(sources: Path) -> None:
    assert _check(sources, GOOD)[1] == []


@pytest.mark.parametrize(
    ("change", "needle", "words"),
    [
        ({"source": "src-b"}, '"src-b"', 'unknown source "src-b"'),
        ({"stance": "confirms"}, '"confirms"', 'unknown stance "confirms"'),
        ({"figures": {"injured": -2}}, "-2", "'injured': -2 is negative"),
        ({"figures": {"injured": 2.5}}, "2.5", "2.5 is not a whole number"),
        ({"figures": {"injured": [4, 2]}}, "[\n", "low above its high"),
        ({"figures": {"injured": "two"}}, '"two"', "not a string"),
        ({"figures": {"injured": "2"}}, '"2"', "write the number without quotes: 2"),
        ({"figures": {"injured": "2-4"}}, '"2-4"', "write a range as [2, 4]"),
        ({"figures": {"Shot down": 1}}, '"Shot down"', 'write "shot_down"'),
        ({"stance": None}, '"stance"', "missing stance"),
        ({"published": "5 March"}, '"5 March"', "not a date"),
    ],
)
def test_a_bad_report_is_named_with_its_line(
    sources: Path,
    change: dict,
    needle: str,
    words: str,
) -> None:
    report = {**GOOD, **change}
    text, problems = _check(sources, GOOD | {"claimant": "Other"}, report)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, [p.format() for p in problems]
    error = errors[0]
    assert error.feature_id == "inc-1" and error.property == "reports"
    assert "report 2 (src-" in error.message and words.replace("not a string", "") in error.message
    second = text.index('"claimant": "Other"')  # the bad report comes after this one
    assert error.line == text[: text.index(needle, second)].count("\n") + 1
    assert error.format().startswith(f"{sources.parent / 'f.geojson'}:{error.line}:")


def test_one_report_per_source_and_claimant(sources: Path) -> None:
    _, problems = _check(sources, GOOD, GOOD | {"claimant": "azerbaijan MFA"})
    assert any("already has a report" in p.message for p in problems)


def test_a_hand_set_status_the_reports_contradict_is_a_warning(sources: Path) -> None:
    denial = {"source": "src-a", "stance": "denies", "claimant": "Iran General Staff"}
    text, problems = _check(sources, GOOD, denial, status="confirmed")
    (warning,) = problems
    assert warning.severity == "warning" and warning.property == "claim_status"
    assert warning.feature_id == "inc-1" and warning.line == _line_of(text, '"confirmed"')
    assert 'support "disputed"' in warning.message and "report 2 (src-a) denies" in warning.message
    assert _check(sources, GOOD, denial, status="disputed")[1] == []


def test_a_claimant_spelt_two_close_ways_is_a_warning(sources: Path) -> None:
    variant = GOOD | {"claimant": "Azerbaijani  MFA", "figures": {}}
    ministry = GOOD | {"claimant": "Azerbaijan MoD"}
    text, problems = _check(sources, GOOD, GOOD | {"claimant": "x"}, ministry, variant)
    warnings = [p for p in problems if "looks like" in p.message]
    assert len(warnings) == 1, [p.format() for p in problems]
    (warning,) = warnings
    assert warning.severity == "warning" and warning.feature_id == "inc-1"
    assert 'report 4: claimant "Azerbaijani  MFA" looks like "Azerbaijan MFA"' in warning.message
    assert warning.line == text[: text.index('"Azerbaijani  MFA"')].count("\n") + 1


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
REPORT = st.dictionaries(
    st.sampled_from(["source", "stance", "claimant", "figures", "published", "evidence", "x"]),
    JSON | st.sampled_from(["src-a", "relays", "denies"]),
    max_size=6,
)


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports=st.lists(REPORT | JSON, max_size=4))
def test_any_hand_edit_of_reports_gives_messages_not_a_traceback(
    sources: Path, reports: list
) -> None:
    _, problems = _check(sources, *reports)
    for problem in problems:
        assert problem.line >= 1 and problem.feature_id == "inc-1"


def test_evidence_must_lie_in_the_archived_text(sources: Path) -> None:
    archive = sources.parent / "archive"
    archive.mkdir()
    (archive / "src-a.txt").write_text("Nahçıvan: 20 characters", encoding="utf-8")
    inside, past = GOOD | {"evidence": ["0-8"]}, GOOD | {"claimant": "x", "evidence": ["5-40"]}
    _, problems = _check(sources, inside, past, status="confirmed")
    assert len(problems) == 1, [p.format() for p in problems]
    error = problems[0]
    assert "ends past the archived text of src-a (23 characters)" in error.message


def test_a_cited_source_without_a_report_is_a_warning(sources: Path) -> None:
    with sources.open("a", encoding="utf-8") as stream:
        stream.write("src-b,Another outlet,,,2026-03-09,1,,,,\n")
    feature = copy.deepcopy(INCIDENT)
    feature["properties"]["sources"] = ["src-a", "src-b"]
    feature["properties"]["claim_status"] = "claimed"
    feature["properties"]["reports"] = [GOOD]
    text = json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=2)
    _, problems = check_text(text, str(sources.parent / "f.geojson"))
    (warning,) = problems
    assert warning.severity == "warning" and warning.property == "sources"
    assert '"src-b" is cited but gives no report' in warning.message
    assert warning.line == text[: text.index('"src-b"')].count("\n") + 1
    del feature["properties"]["reports"]  # no reports at all: nothing to say
    text = json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=2)
    assert check_text(text, str(sources.parent / "f.geojson"))[1] == []
