"""The README and the reference pages say what the code says, so the docs cannot drift: the
property and report tables are geo/schema.py's, the exit statuses are the enum, the README's
map of the code names every module, and the README stays a front page (at most 250 lines)."""

from __future__ import annotations

import re

from geo import paths
from geo.schema import PROPERTIES

README = paths.ROOT / "README.md"
DOCS = paths.ROOT / "docs"
ROW = re.compile(
    r"^\| `(?P<name>[a-z_0-9]+)` \| (?P<type>\w+) \| (?P<required>[^|]+) \| (?P<text>.+) \|$"
)
README_MAX_LINES = 250


def _table(text: str, header: str) -> str:
    """The rows of the Markdown table whose header line is `header`."""
    return text.split(header, 1)[1].split("\n\n", 1)[0]


def _text(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def test_every_property_is_documented_as_the_schema_defines_it() -> None:
    table = _table(_text("reference/properties.md"), "| property | type | required in | meaning |")
    rows = {m["name"]: m.groupdict() for m in map(ROW.match, table.splitlines()) if m}
    assert list(rows) == [spec.name for spec in PROPERTIES]
    for spec in PROPERTIES:
        row = rows[spec.name]
        assert row["type"] == spec.type, spec.name
        assert row["required"].strip() == (", ".join(spec.required_in) or "—"), spec.name
        assert row["text"].strip() == spec.description, spec.name


def test_every_report_field_is_documented_as_the_schema_defines_it() -> None:
    from geo.schema import REPORT_FIELDS

    table = _table(_text("guide/reports.md"), "| field | type | required | meaning |")
    rows = {m["name"]: m.groupdict() for m in map(ROW.match, table.splitlines()) if m}
    assert list(rows) == [field.name for field in REPORT_FIELDS]
    for field in REPORT_FIELDS:
        assert rows[field.name]["type"] == field.type, field.name
        assert rows[field.name]["required"].strip() == ("yes" if field.required else "—")
        assert rows[field.name]["text"].strip() == field.description, field.name


def test_the_exit_status_table_is_the_enum() -> None:
    from geo.problems import ExitStatus

    table = _table(_text("reference/exit-status.md"), "| status | meaning |")
    documented = [int(m[1]) for m in re.finditer(r"^\| (\d+) \|", table, re.M)]
    assert documented == [status.value for status in ExitStatus]


def test_the_two_commands_and_the_quick_one_are_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    assert "python3 tasks.py app" in text and "python3 tasks.py test" in text
    assert "python3 tasks.py quick" in text
    assert "python3 tasks.py test" in (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"pytest {' '.join(tasks_quick())}" in text  # what `quick` runs, as the README says


def tasks_quick() -> list[str]:
    """The pytest arguments of `python3 tasks.py quick`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("tasks", paths.ROOT / "tasks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [f'"{arg}"' if " " in arg else arg for arg in module.QUICK]


def test_the_readme_is_a_front_page() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines: move detail to docs/"


def _code_map() -> dict[str, str]:
    """The README's map of the code: each row's first cell (a path) to the whole row."""
    text = README.read_text(encoding="utf-8")
    table = _table(text, "| module | its one job |")
    return {m[1]: line for line in table.splitlines() if (m := re.match(r"^\| `([^`]+)` \|", line))}


def test_the_readme_map_names_every_module() -> None:
    """A module at the top of geo/ has a row of its own; a wing has a row (`geo/WING/`) that
    names each of its modules (`name.py`), so a module added without a word fails here."""
    rows = _code_map()
    missing = []
    for path in sorted([*(paths.ROOT / "geo").rglob("*.py"), paths.ROOT / "app.py"]):
        relative = path.relative_to(paths.ROOT)
        folder = relative.parent.as_posix()
        if folder in (".", "geo"):
            if relative.as_posix() not in rows and relative.name != "__init__.py":
                missing.append(relative.as_posix())
        elif f"{folder}/" not in rows or (
            path.name != "__init__.py" and f"`{path.name}`" not in rows[f"{folder}/"]
        ):
            missing.append(relative.as_posix())
    assert missing == [], "add these to the README's map of the code"


def test_the_readme_map_names_no_module_that_is_gone() -> None:
    rows = _code_map()
    gone = [path for path in rows if not (paths.ROOT / path).exists()]
    for folder, row in rows.items():
        if folder.endswith("/"):
            cell = row.split("|")[2]
            names = re.findall(r"`([\w.]+\.py)`", cell)
            gone += [
                f"{folder}{name}" for name in names if not (paths.ROOT / folder / name).exists()
            ]
    assert gone == []
