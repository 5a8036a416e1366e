"""A project's team settings: `team.toml` beside its incident file (GEO_TEAM names another).

    sign_off = true            # an accepted draft waits for a second person's approval

    [roles]                    # team mode: who may do what (by e-mail, or "group:NAME")
    "ada@example.org" = "admin"
    "ben@example.org" = "reviewer"
    "group:newsroom" = "editor"
    "*" = "viewer"             # anyone else who can log in

Without the file: local use, no sign-off, no roles (the one local person may do everything).
With a `[roles]` table, the app runs in team mode (a login is required, see docs/review.md);
`sign_off` is then on unless the file says `sign_off = false`.

Roles, each allowed what the ones before it are:
- viewer: sees the map;
- editor: adds articles, accepts, edits, moves and rejects drafts (with sign-off on, an
  acceptance waits for a reviewer);
- reviewer: approves or refuses what another person accepted;
- admin: everything, including merging without sign-off when the setting is off.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from geo.problems import UserError

TEAM_NAME = "team.toml"
ENV_VAR = "GEO_TEAM"
ROLES: tuple[str, ...] = ("viewer", "editor", "reviewer", "admin")
# What each change needs, at least.
NEEDS: dict[str, str] = {
    "view": "viewer",
    "add-article": "editor",
    "accept": "editor",
    "reject": "editor",
    "edit": "editor",
    "approve": "reviewer",
    "refuse": "reviewer",
}
GROUP_PREFIX = "group:"
ANYONE = "*"


@dataclass(frozen=True)
class Team:
    """The settings read: `path` (None without a file), `sign_off`, `roles` {e-mail or
    "group:NAME" or "*": role}."""

    path: Path | None = None
    sign_off: bool = False
    roles: dict[str, str] = field(default_factory=dict)

    @property
    def team_mode(self) -> bool:
        return bool(self.roles)

    def role_of(self, email: str | None, groups: tuple[str, ...] = ()) -> str | None:
        """The highest role the person has (by e-mail, then by any of their groups, then
        "*"); None when the roles name them nowhere (they may not even view)."""
        found = []
        if email and email.casefold() in self._folded:
            found.append(self._folded[email.casefold()])
        for group in groups:
            key = (GROUP_PREFIX + group).casefold()
            if key in self._folded:
                found.append(self._folded[key])
        if not found and ANYONE in self.roles:
            found.append(self.roles[ANYONE])
        return max(found, key=ROLES.index) if found else None

    @property
    def _folded(self) -> dict[str, str]:
        return {k.casefold(): v for k, v in self.roles.items()}


def may(role: str | None, action: str) -> bool:
    """Whether `role` may make the change `action` (NEEDS); no role may do nothing."""
    if role is None or role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(NEEDS[action])


def team_path(incidents: Path | str) -> Path:
    named = os.environ.get(ENV_VAR)
    return Path(named) if named else Path(incidents).parent / TEAM_NAME


def read_team(incidents: Path | str) -> Team:
    """The team settings of the project whose incident file is `incidents`; Team() when
    there is no file. UserError naming the file and what is wrong (bad TOML, unknown role)."""
    path = team_path(incidents)
    if not path.is_file():
        if os.environ.get(ENV_VAR):
            raise UserError(f"{path}: error: {ENV_VAR} names a file that does not exist")
        return Team()
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(f"{path}: error: cannot read the team settings: {error}") from None
    roles = settings.get("roles", {})
    if not isinstance(roles, dict):
        raise UserError(f"{path}: error: [roles] must be a table of e-mail = role")
    for who, role in roles.items():
        if role not in ROLES:
            raise UserError(
                f"{path}: error: {who} has the role {role!r}; roles are {', '.join(ROLES)}"
            )
    sign_off = settings.get("sign_off", bool(roles))
    if not isinstance(sign_off, bool):
        raise UserError(f"{path}: error: sign_off must be true or false")
    return Team(path, sign_off, dict(roles))


@dataclass(frozen=True)
class Actor:
    """Who is making a change and the role they have: locally the local person (git's
    user.name or the OS user) with every right; in team mode the logged-in person's e-mail
    and the role the roles file gives them."""

    who: str
    role: str | None

    def may(self, action: str) -> bool:
        return may(self.role, action)


class NotAllowed(UserError):
    """A change the person's role does not allow (refused by the server, whatever the page
    showed)."""


def require(actor: Actor, action: str) -> None:
    """Raise NotAllowed unless `actor` may make the change `action`."""
    if not actor.may(action):
        raise NotAllowed(
            f"error: {actor.who} ({actor.role or 'no role'}) may not {action.replace('-', ' ')}: "
            f"that needs the role {NEEDS[action]} or above"
        )
