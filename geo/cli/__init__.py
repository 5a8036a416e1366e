"""The command line: every module in this package not starting with "_" is one verb of
`python -m geo`.

A verb module defines `add_parser(subparsers)`, which adds its sub-parser and sets
`func=run` on it; `run(args) -> int` returns the exit status. New verbs need no edit here.
`main` is the one place that turns a user's error into a message and an exit status
(geo.problems.ExitStatus): a `UserError` prints its lines, an `OSError` nobody caught
names its path, a closed output pipe ends quietly; none ever prints a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import pkgutil
import sys

from geo.problems import ExitStatus, UserError


class _Parser(argparse.ArgumentParser):
    """The top parser; an option a verb does not know is refused by that verb's parser, so the
    message shows the verb's usage ("python -m geo export: error: unrecognized arguments:
    --data") and the nearest option it has, not the usage of `python -m geo` itself."""

    verbs: dict[str, argparse.ArgumentParser]

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            verb = self.verbs.get(getattr(parsed, "verb", None) or "", self)
            # Compared without dashes, which every option shares ("--data" is not near "--to").
            options = {o.lstrip("-"): o for action in verb._actions for o in action.option_strings}
            near = [
                f"{word} (did you mean {options[match[0]]}?)" if match else word
                for word in extra
                for match in [
                    difflib.get_close_matches(word.split("=")[0].lstrip("-"), list(options), n=1)
                    if word.startswith("-")
                    else []
                ]
            ]
            verb.error(f"unrecognized arguments: {' '.join(near)}")
        return parsed


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m geo",
        description="Incident maps: validate, format, geocode, export.",
        epilog="Exit status of every verb: 0 done, 1 something to fix (bad data or option, a "
        "--check difference), 2 a file that cannot be read or written, 130 interrupted, 141 "
        "the output's reader stopped reading.",
    )
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}").add_parser(subparsers)
    parser.verbs = subparsers.choices
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        # --help exits 0; a usage error has already printed its message.
        return ExitStatus.OK if exit_.code in (0, None) else ExitStatus.FAILED
    try:
        return int(args.func(args))
    except UserError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return error.status
    except BrokenPipeError:
        # `python -m geo validate | head`: the reader has what it wanted; nothing to say, and
        # standard output is pointed at /dev/null so the final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitStatus.PIPE_CLOSED
    except OSError as error:
        from geo.files import os_error_message

        where = error.filename if error.filename is not None else args.verb
        print(os_error_message(error, where, "read or write"), file=sys.stderr)
        return ExitStatus.UNREADABLE
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
