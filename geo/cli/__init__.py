"""The command line: every module in this package is one verb of `python -m geo`.

A verb module defines `add_parser(subparsers)`, which adds its sub-parser and sets
`func=run` on it; `run(args) -> int` returns the exit code. New verbs need no edit here.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo", description="Incident maps: validate, format, geocode, export."
    )
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}").add_parser(subparsers)
    return parser


USAGE_ERROR = 1  # argparse's own code is 2, which `validate` keeps for "file unreadable"


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        # --help exits 0; a usage error has already printed its message.
        return 0 if exit_.code in (0, None) else USAGE_ERROR
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
