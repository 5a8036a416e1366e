"""The documentation site (mkdocs.yml, docs/): every page is in the navigation, it builds with
`mkdocs build --strict` (broken links, missing pages and anchors are errors), nothing in it
points outside the repository, and the command-line reference is the parser's own help."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from geo import paths

DOCS = paths.ROOT / "docs"
CONFIG = paths.ROOT / "mkdocs.yml"


def _nav_pages(node: Any) -> list[str]:
    """Every page file named anywhere in mkdocs.yml's `nav`."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return []


def _config() -> dict[str, Any]:
    # mkdocs.yml may hold `!!python/name:` tags for extensions; none is needed to read the nav.
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_every_page_is_in_the_nav_and_every_nav_entry_is_a_page() -> None:
    pages = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    nav = _nav_pages(_config()["nav"])
    assert sorted(pages - set(nav)) == [], "add these pages to mkdocs.yml's nav"
    assert sorted(set(nav) - pages) == [], "the nav names pages that do not exist"
    assert len(nav) == len(set(nav)), "a page is in the nav twice"


def _documents() -> list[Path]:
    return [paths.ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def test_no_document_points_outside_the_repository() -> None:
    """The team's shared folder and this machine's paths are not in a reader's clone."""
    outside = re.compile(r"\.\./shared|/work/")
    found = [
        f"{path.relative_to(paths.ROOT)}:{number}: {line.strip()}"
        for path in _documents()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert found == []


def test_every_relative_link_of_the_readme_leads_to_a_file() -> None:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)
    assert targets, "the README links to its pages"
    assert [t for t in targets if not (paths.ROOT / t).exists()] == []


def test_the_cli_reference_is_every_verb_s_help() -> None:
    sys.path.insert(0, str(paths.ROOT / "tools"))
    try:
        from docs_hooks import MARKER, cli_reference, on_page_markdown
    finally:
        sys.path.remove(str(paths.ROOT / "tools"))
    from geo.cli import build_parser

    page = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert MARKER in page
    text = on_page_markdown(page, page=None)
    assert text == page.replace(MARKER, cli_reference())
    (verbs,) = (a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    sections = re.findall(r"^## (\S+)$", text, re.M)
    assert sections == list(verbs.choices)
    assert all(f"usage: python -m geo {section} " in text for section in sections)


def test_the_site_builds_strict(tmp_path: Path) -> None:
    """What CI's `mkdocs build --strict` does: any warning (a broken link, a page outside the
    nav, a missing anchor) fails the build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(paths.ROOT)}
    command = ["build", "--strict", "--quiet", "--config-file", str(CONFIG)]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *command, "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
        cwd=paths.ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "reference" / "cli" / "index.html").exists()
