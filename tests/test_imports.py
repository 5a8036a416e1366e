"""Who may import whom, read from the source (ast): the UI framework stays in its wing, the
ground floor stands on nothing above it, and no two modules need each other to load."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from geo import paths

GEO = paths.ROOT / "geo"
# app.py and the app's wing are the only places that know Streamlit: everything else is tested
# without it, and a face other than the app (CLI, exports) never loads it.
STREAMLIT_ALLOWED = ("app.py", "geo/app/")
# Modules every wing stands on; they import only each other (and libraries).
GROUND_FLOOR = (
    "geo.paths",
    "geo.problems",
    "geo.sniff",
    "geo.jsonpos",
    "geo.files",
    "geo.periods",
    "geo.schema",
    "geo.words",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(paths.ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The modules `path` imports (absolute names), at its top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _sources() -> list[Path]:
    return sorted([*GEO.rglob("*.py"), paths.ROOT / "app.py"])


def _geo_modules() -> dict[str, Path]:
    return {_module_name(path): path for path in GEO.rglob("*.py")}


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(paths.ROOT)))
def test_only_the_app_imports_streamlit(path: Path) -> None:
    shown = str(path.relative_to(paths.ROOT))
    uses = {
        name for name in _imports(path) if name.split(".")[0] in ("streamlit", "streamlit_folium")
    }
    assert not uses or shown.startswith(STREAMLIT_ALLOWED), f"{shown} imports {sorted(uses)}"


def _on_ground_floor(name: str) -> bool:
    return any(name == floor or name.startswith(floor + ".") for floor in GROUND_FLOOR)


def test_the_ground_floor_imports_only_the_ground_floor() -> None:
    modules = _geo_modules()
    above = {
        name: sorted(
            imported
            for imported in _imports(path)
            if imported in modules and not _on_ground_floor(imported)
        )
        for name, path in modules.items()
        if _on_ground_floor(name)
    }
    assert {name: found for name, found in above.items() if found} == {}


def test_no_two_modules_need_each_other_to_load() -> None:
    """No cycle of imports, even through an import inside a function (the way files.py and
    validate/jsonpos.py needed each other): a cycle means two modules hold one idea between
    them, and at load time which one comes first decides whether the other finds its names."""
    modules = _geo_modules()
    graph = {
        name: {imported for imported in _imports(path) if imported in modules}
        for name, path in modules.items()
    }
    # A package's own __init__ is loaded before its modules; importing the package from one of
    # its modules is no cycle of the kind above.
    for name in graph:
        graph[name] = {other for other in graph[name] if not name.startswith(other + ".")}
    cycles = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycles.append([*trail[trail.index(other) :], other])
            elif other not in state:
                visit(other, [*trail, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@cache
def _top_level_names(path: Path) -> set[str]:
    """The names a module defines at its top: functions, classes, assignments, imports."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def test_every_import_of_the_project_names_a_module_it_has() -> None:
    """After a module moves, an import of its old name, even one inside a function that no
    test reaches, fails here rather than in a user's hands: `import geo.x.y` and `from geo.x
    import y` need the module geo.x.y, or the module geo.x defining y."""
    modules = _geo_modules()

    def exists(name: str) -> bool:
        parent, _, last = name.rpartition(".")
        return name in modules or (parent in modules and last in _top_level_names(modules[parent]))

    missing = {
        str(path.relative_to(paths.ROOT)): sorted(
            name for name in _imports(path) if name.startswith("geo.") and not exists(name)
        )
        for path in _sources()
    }
    assert {shown: names for shown, names in missing.items() if names} == {}
