"""The README's property table says what geo/schema.py says, so the docs cannot drift."""

from __future__ import annotations

import re

from geo import paths
from geo.schema import PROPERTIES

ROW = re.compile(
    r"^\| `(?P<name>[a-z_0-9]+)` \| (?P<type>\w+) \| (?P<required>[^|]+) \| (?P<text>.+) \|$"
)


def readme_rows() -> dict[str, dict[str, str]]:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| property | type | required in | meaning |", 1)[1].split("\n\n", 1)[0]
    return {m["name"]: m.groupdict() for m in map(ROW.match, table.splitlines()) if m}


def test_every_property_is_documented_as_the_schema_defines_it() -> None:
    rows = readme_rows()
    assert list(rows) == [spec.name for spec in PROPERTIES]
    for spec in PROPERTIES:
        row = rows[spec.name]
        assert row["type"] == spec.type, spec.name
        assert row["required"].strip() == (", ".join(spec.required_in) or "—"), spec.name
        assert row["text"].strip() == spec.description, spec.name


def test_the_two_commands_are_in_the_readme() -> None:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 tasks.py app" in text and "python3 tasks.py test" in text
    assert "python3 tasks.py test" in (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_report_field_is_documented_as_the_schema_defines_it() -> None:
    from geo.schema import REPORT_FIELDS

    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| field | type | required | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = {m["name"]: m.groupdict() for m in map(ROW.match, table.splitlines()) if m}
    assert list(rows) == [field.name for field in REPORT_FIELDS]
    for field in REPORT_FIELDS:
        assert rows[field.name]["type"] == field.type, field.name
        assert rows[field.name]["required"].strip() == ("yes" if field.required else "—")
        assert rows[field.name]["text"].strip() == field.description, field.name


def test_the_exit_status_table_is_the_enum() -> None:
    from geo.problems import ExitStatus

    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| status | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = [int(m[1]) for m in re.finditer(r"^\| (\d+) \|", table, re.M)]
    assert documented == [status.value for status in ExitStatus]
