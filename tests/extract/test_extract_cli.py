"""`python -m geo extract`: the draft validates, bad input gets a message, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo import paths
from geo.cli import main
from geo.validate import check_file

SEED = "002_4fd4b21db6d95b8a.txt"


def test_a_seed_article_gives_a_valid_draft(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(paths.SOURCES, tmp_path / "sources.csv")  # the validator's registry
    out = tmp_path / "draft.geojson"
    assert main(["extract", str(seeds_dir / SEED), "--out", str(out)]) == 0
    assert "proposed incident" in capsys.readouterr().err

    document, problems = check_file(out)
    assert document is not None
    assert [p.format() for p in problems if p.severity == "error"] == []
    features = document["features"]
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    for feature in features:
        props = feature["properties"]
        assert props["review"] == "draft"
        assert props["sources"] == ["jamestown-2026-03-12"]  # found by seed_file
        for span in props["evidence"]:
            start, end = map(int, span.split("-"))
            assert 0 <= start < end <= len(text)
    incidents = [f for f in features if f["properties"]["layer"] == "incident"]
    airport = next(f for f in incidents if "Airport" in f["properties"]["location"])
    assert airport["properties"]["event_date"] == "2026-03-05"
    assert airport["properties"]["geo_source"] == "sites:nakhchivan-airport"


def test_published_option_overrides_and_stdout_is_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(paths.SOURCES, tmp_path / "sources.csv")  # its row gets the text's SHA-256
    article = tmp_path / "note.txt"
    article.write_text("Drones struck Tabriz in Iran on Thursday.\r\n", encoding="utf-8")
    code = main(
        ["extract", str(article), "--published", "2026-03-09", "--source", "wsws-2026-03-09"]
    )
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    incident = next(f for f in document["features"] if f["properties"]["layer"] == "incident")
    assert incident["properties"]["event_date"] == "2026-03-05"
    assert incident["properties"]["location"] == "Tabriz"
    assert incident["properties"]["evidence"] == ["0-41"]


@pytest.mark.parametrize(
    ("content", "args", "code", "words"),
    [
        (b"Tabriz \xe7a va", [], 2, "note.txt:1:8: error: not UTF-8"),
        (b"Tabriz.", ["--source", "no-such-source"], 1, "no source with id"),
        (b"Tabriz.", ["--published", "5 March"], 1, ""),
    ],
)
def test_bad_input_gets_a_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    args: list[str],
    code: int,
    words: str,
) -> None:
    article = tmp_path / "note.txt"
    article.write_bytes(content)
    assert main(["extract", str(article), *args]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
