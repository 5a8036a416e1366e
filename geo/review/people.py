"""Who is making a change: the name every record of the history log carries.

Local use has no login: the person is git's `user.name` of the folder the data lives in (what
the person already signs commits with), else the operating system's user. Team mode (the
app behind a login) passes the logged-in e-mail instead; nothing here is asked then.
"""

from __future__ import annotations

import getpass
import subprocess
from pathlib import Path

GIT_TIMEOUT_S = 5


def local_user(folder: Path | str | None = None) -> str:
    """git's user.name as seen from `folder` (default: the working folder), else the OS user
    (getpass: LOGNAME, USER, LNAME, USERNAME, then the password database), else "unknown"."""
    try:
        found = subprocess.run(
            ["git", "config", "user.name"],
            cwd=str(folder) if folder is not None and Path(folder).is_dir() else None,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
        name = " ".join(found.stdout.split())
        if found.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass  # no git on this machine: the OS user names the person
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"
