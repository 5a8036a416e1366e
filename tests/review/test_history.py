"""The history log (geo/review/history.py): one record per feature a save changes, with who,
what and why; the chain of hashes checked against the file; a hand edit shown as one, and
described feature by feature at the next save; a save that never reached the file undone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import files
from geo.canonical import dumps
from geo.cli import main
from geo.review import history


def _feature(feature_id: str, **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": feature_id,
        "properties": {"layer": "site", "name": feature_id, **props},
        "geometry": {"type": "Point", "coordinates": [45.0, 39.0]},
    }


def _doc(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    path = tmp_path / "incidents.geojson"
    path.write_text(dumps(_doc(_feature("a"), _feature("b"))), encoding="utf-8")
    return path


def test_changes_names_what_changed_and_only_that() -> None:
    old = _doc(_feature("a", kind="port"), _feature("b"), _feature("gone"))
    moved = _feature("b")
    moved["geometry"] = {"type": "Point", "coordinates": [46.0, 40.0]}
    new = _doc(_feature("a", kind="airport"), moved, _feature("new"))
    found = {c.feature: c for c in history.changes(old, new)}
    assert found["a"].before == {"properties": {"kind": "port"}}
    assert found["a"].after == {"properties": {"kind": "airport"}}
    assert found["b"].before == {"geometry": old["features"][1]["geometry"]}
    assert found["gone"].after is None and found["gone"].before["id"] == "gone"
    assert found["new"].before is None and found["new"].after["id"] == "new"
    assert history.changes(old, old) == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from("abcdef"), unique=True),
    st.lists(st.sampled_from("abcdef"), unique=True),
    st.integers(0, 3),
)
def test_changes_of_any_two_versions_account_for_every_feature(old_ids, new_ids, edits):
    old = _doc(*(_feature(i) for i in old_ids))
    edited = {"notes": "x" * edits} if edits else {}
    new = _doc(*(_feature(i, **(edited if i in old_ids else {})) for i in new_ids))
    found = {c.feature: c for c in history.changes(old, new)}
    for i in set(old_ids) | set(new_ids):
        changed = (i in old_ids) != (i in new_ids) or (edits and i in old_ids)
        assert (i in found) == bool(changed), (i, found)


def test_a_save_logs_who_what_why_and_the_hash(data: Path) -> None:
    before = history.file_sha256(data)
    new = _doc(_feature("a", kind="port"), _feature("b"))
    token = files.token_of(data.read_bytes())
    records = history.save(
        data, dumps(new), action="merge", who="Ada", reason="checked", expect=token
    )
    assert [r["feature"] for r in records] == ["a"]
    record = records[0]
    assert record["who"] == "Ada" and record["action"] == "merge" and record["reason"] == "checked"
    assert record["after"] == {"properties": {"kind": "port"}}
    assert record["sha256_before"] == before
    assert record["sha256"] == history.file_sha256(data)
    assert history.log_path(data).name == "incidents.history.jsonl"
    lines = history.log_path(data).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records
    assert history.audit(data).consistent and history.audit(data).notes == []


def test_a_stale_version_is_refused_and_nothing_is_written(data: Path) -> None:
    read = files.token_of(data.read_bytes())
    history.save(data, dumps(_doc(_feature("a", kind="port"))), action="edit", who="Ada")
    after_first = data.read_bytes()
    with pytest.raises(files.ChangedOnDisk, match="changed on disk since it was read"):
        history.save(
            data,
            dumps(_doc(_feature("a", kind="city"))),
            action="edit",
            who="Ben",
            expect=read,
        )
    assert data.read_bytes() == after_first
    assert [r["who"] for r in history.audit(data).records] == ["Ada", "Ada"]


def test_a_hand_edit_shows_as_one_and_is_described_at_the_next_save(data: Path) -> None:
    history.save(
        data, dumps(_doc(_feature("a", kind="port"), _feature("b"))), action="m", who="Ada"
    )
    hand = json.loads(data.read_text(encoding="utf-8"))
    hand["features"][1]["properties"]["notes"] = "typed in an editor"
    data.write_text(json.dumps(hand), encoding="utf-8")
    audit = history.audit(data)
    assert not audit.consistent
    assert any("changed outside the tools since" in note for note in audit.notes)
    assert not any("damaged" in note for note in audit.notes)

    history.save(data, dumps(hand), action="fmt", who="Ben")
    outside = [r for r in history.audit(data).records if r["action"] == "outside-edit"]
    assert [(r["feature"], r["who"]) for r in outside] == [("b", history.OUTSIDE)]
    assert outside[0]["after"] == {"properties": {"notes": "typed in an editor"}}
    assert history.audit(data).consistent
    assert [r["action"] for r in history.feature_history(data, "b")] == ["outside-edit"]


def test_geo_history_prints_a_features_changes_and_the_hand_edit(data: Path, capsys) -> None:
    history.save(
        data,
        dumps(_doc(_feature("a", kind="port"), _feature("b"))),
        action="merge",
        who="Ada",
        reason="from the Star article",
    )
    data.write_text(data.read_text(encoding="utf-8").replace('"port"', '"airport"'))
    assert main(["history", "a", "--file", str(data)]) == 1  # the file was edited by hand
    out = capsys.readouterr().out
    assert "Ada  merge  a: from the Star article" in out
    assert 'kind: null -> "port"' in out
    assert "changed outside the tools since" in out


def test_an_unfinished_save_is_no_change_and_the_next_save_drops_it(data: Path) -> None:
    """Killed between the log's append and the file's replacement: the log ends with records
    the file never got. They are reported as an interrupted save, not a hand edit, and go."""
    original = data.read_bytes()
    history.save(data, dumps(_doc(_feature("a", kind="port"))), action="merge", who="Ada")
    data.write_bytes(original)  # as if the replace had not happened...
    history._shadow_path(data).write_bytes(original)  # ...nor the copy after it
    audit = history.audit(data)
    assert audit.consistent and len(audit.unfinished) == 2  # a changed, b removed
    assert any("interrupted" in note for note in audit.notes)
    history.save(data, dumps(_doc(_feature("c"))), action="merge", who="Ben")
    records = history.audit(data).records
    assert {r["who"] for r in records} == {"Ben"} and history.audit(data).consistent


def test_a_torn_last_line_is_ignored_and_cut_at_the_next_save(data: Path) -> None:
    history.save(data, dumps(_doc(_feature("a", kind="port"))), action="merge", who="Ada")
    with open(history.log_path(data), "ab") as log:
        log.write(b'{"time": "2026')
    audit = history.audit(data)
    assert audit.consistent and any("cut short" in n for n in audit.notes)
    history.save(data, dumps(_doc(_feature("a", kind="city"))), action="edit", who="Ben")
    text = history.log_path(data).read_text(encoding="utf-8")
    assert '{"time": "2026\n' not in text and text.endswith("\n")
    assert history.audit(data).notes == []


def test_a_failed_write_leaves_neither_the_change_nor_its_record(data: Path, monkeypatch) -> None:
    before, log_before = data.read_bytes(), history.log_path(data)
    assert not log_before.exists()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(files.FileError):
        history.save(data, dumps(_doc()), action="merge", who="Ada")
    assert data.read_bytes() == before
    assert history.log_path(data).read_bytes() == b""


def test_decisions_without_a_change_keep_the_chain(data: Path) -> None:
    history.save(
        data,
        None,
        action="reject",
        who="Ada",
        reason="not an event",
        decisions=[history.Decision("draft-x", "reject")],
    )
    history.save(data, dumps(_doc(_feature("a"))), action="merge", who="Ada")
    audit = history.audit(data)
    assert audit.consistent and audit.notes == []
    assert [r["action"] for r in audit.records] == ["reject", "merge"]


def test_fmt_and_geocode_log_their_rewrite_drafts_are_not_logged(tmp_path: Path) -> None:
    data = tmp_path / "incidents.geojson"
    data.write_text(json.dumps(_doc(_feature("a"))), encoding="utf-8")  # not canonical
    assert main(["fmt", str(data)]) == 0
    (record,) = history.audit(data).records
    assert record["action"] == "fmt" and record["feature"] is None
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "x.geojson"
    draft.write_text(json.dumps(_doc(_feature("a"))), encoding="utf-8")
    assert main(["fmt", str(draft)]) == 0
    assert not history.log_path(draft).exists()
