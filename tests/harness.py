"""How the tests and the benches drive this machine's browser and the app, in one place:
Debian's Chromium with the flags the project's browser checks use, a filter that lets through
only what is on the machine, and the command that starts the app on a loopback port.

The benches import it too (`bench/*.py` put the project root on `sys.path`), so a bench figure
and a browser test are measured in the same browser, started the same way."""

from __future__ import annotations

import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What a page may load: the app on loopback, local files and inline data. Everything else
# (tile servers, CDNs, fonts) is aborted, as on a machine with no network.
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "file:", "data:", "blob:")


def is_local(url: str) -> bool:
    """Whether a page may load `url` (see LOCAL_PREFIXES)."""
    return url.startswith(LOCAL_PREFIXES)


def block_off_machine(page) -> None:
    """Make a Playwright page (or context) abort every request that is not `is_local`: the
    tests never touch the network."""
    page.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())


def streamlit_command(port: int, *options: str) -> list[str]:
    """The command that serves app.py on 127.0.0.1:`port` with no browser opened, then
    `options` (more `--server.*` settings); run it from the project root."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        *options,
    ]
