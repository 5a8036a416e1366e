"""MkDocs hook (mkdocs.yml `hooks:`): the command-line reference page is written at build time
from the parser itself, so it says what `python -m geo VERB --help` says and cannot drift.

docs/reference/cli.md holds the page's prose and the marker line `<!-- cli-help -->`, which is
replaced by the help of `python -m geo` and of every verb, one section each, in the order
`python -m geo --help` lists them."""

from __future__ import annotations

import argparse
import os
from typing import Any

MARKER = "<!-- cli-help -->"
WIDTH = "100"  # columns argparse wraps to (it reads COLUMNS), so the page is the same anywhere


def cli_reference() -> str:
    """Markdown: `python -m geo --help`, then each verb's `--help` under a heading of its own."""
    from geo.cli import build_parser

    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        parser = build_parser()
        (verbs,) = (
            action
            for action in parser._actions  # argparse keeps no public list of sub-parsers
            if isinstance(action, argparse._SubParsersAction)
        )
        parts = ["## python -m geo", "", "```text", parser.format_help().rstrip(), "```"]
        for name, sub in verbs.choices.items():
            parts += ["", f"## {name}", "", "```text", sub.format_help().rstrip(), "```"]
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """MkDocs event: fill the marker of the CLI reference page; other pages pass through."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, cli_reference())
