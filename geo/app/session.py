"""The served Streamlit session, from outside a script run: rerun it when a data file changes
(through the one process-wide watcher, geo.watch.FileWatcher)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from geo.watch import FileWatcher


def rerun_session_on_change(watcher: FileWatcher, files: Iterable[str | Path]) -> bool:
    """Subscribe the Streamlit session running this script: a change to `files` reruns it
    (as Streamlit's own "run on save" does, through the session's request_rerun). Returns
    False outside a served session (bare mode, AppTest), where nothing is subscribed.

    Streamlit has no public call for "rerun that session"; this reaches the session through
    the runtime's session manager, and unsubscribes a session that has gone."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None or not Runtime.exists():
        return False
    session_id = context.session_id
    manager = getattr(Runtime.instance(), "_session_mgr", None)
    if not hasattr(manager, "get_active_session_info"):  # AppTest's stand-in runtime
        return False

    def rerun() -> None:
        info = manager.get_active_session_info(session_id)
        if info is None:
            watcher.unsubscribe(session_id)
        else:
            info.session.request_rerun(None)

    watcher.subscribe(session_id, files, rerun)
    return True
