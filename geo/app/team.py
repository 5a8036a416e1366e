"""Who is using the app, and what they may do: local use (no team.toml roles) has no login
and the local person (git's user.name or the OS user) may do everything; team mode (a
`[roles]` table in team.toml, geo.review.team) asks for Streamlit's own OpenID Connect login
(`st.login`, configured in .streamlit/secrets.toml; docs/review.md) and gives the person the
role the roles file names for their e-mail or one of their groups. Nobody without a role
gets further than the login page.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo import escape
from geo.review.people import local_user
from geo.review.team import Actor, read_team

GROUPS_CLAIM = "groups"  # the ID token's claim that lists a person's groups, when it has one


def current_actor(incidents: Path) -> Actor:
    """The person at this session and their role; in team mode, shows the login page (and
    stops the script) until someone with a role has logged in."""
    team = read_team(incidents)
    if not team.team_mode:
        return Actor(local_user(incidents.parent), "admin")
    user = st.user
    if not user.is_logged_in:
        st.title("Incident map")
        st.write("This map is shared by a team: log in to see it.")
        st.button("Log in", on_click=st.login, type="primary", key="login")
        st.stop()
    email = str(user.get("email") or "")
    groups = user.get(GROUPS_CLAIM) or ()
    role = team.role_of(email, tuple(str(g) for g in groups))
    if role is None:
        st.error(f"{escape.markdown(email)} has no role on this map; ask its admin for one.")
        st.button("Log out", on_click=st.logout, key="logout")
        st.stop()
    return Actor(email, role)


def account_box(actor: Actor, incidents: Path) -> None:
    """Who is logged in, with a log-out button (team mode only)."""
    if not read_team(incidents).team_mode:
        return
    with st.sidebar:
        st.caption(f"{escape.markdown(actor.who)} · {actor.role}")
        st.button("Log out", on_click=st.logout, key="logout")
