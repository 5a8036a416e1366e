"""Team mode (geo/app/team.py, geo/review/team.py): Streamlit's own OpenID Connect login
against a real provider on 127.0.0.1 (oidc-provider-mock), the roles file deciding who sees
the desk, and the server refusing a change a role may not make."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from geo import paths
from geo.problems import UserError
from geo.review.team import Actor, NotAllowed, Team, may, read_team, require
from tests.harness import streamlit_command

ROLES = """
sign_off = true

[roles]
"ada@example.org" = "admin"
"ben@example.org" = "reviewer"
"group:newsroom" = "editor"
"vic@example.org" = "viewer"
"""


def test_roles_by_email_group_and_anyone(tmp_path: Path) -> None:
    (tmp_path / "team.toml").write_text(ROLES + '"*" = "viewer"\n', encoding="utf-8")
    team = read_team(tmp_path / "incidents.geojson")
    assert team.team_mode and team.sign_off
    assert team.role_of("ADA@example.org") == "admin"  # e-mail addresses compare folded
    assert team.role_of("eve@example.org", ("newsroom",)) == "editor"
    assert team.role_of("ben@example.org", ("newsroom",)) == "reviewer"  # the higher one
    assert team.role_of("stranger@example.org") == "viewer"
    assert Team(roles={"a@b": "admin"}).role_of("stranger@example.org") is None


def test_the_server_refuses_what_a_role_may_not_do() -> None:
    assert may("editor", "accept") and not may("editor", "approve")
    assert not may("viewer", "accept") and not may(None, "view")
    require(Actor("ben@example.org", "reviewer"), "approve")
    with pytest.raises(NotAllowed, match=r"vic@example.org \(viewer\) may not accept"):
        require(Actor("vic@example.org", "viewer"), "accept")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[roles]\n"a@b.org" = "boss"\n', "has the role 'boss'"),
        ("sign_off = 'yes'\n", "sign_off must be true or false"),
        ("[roles\n", "cannot read the team settings"),
    ],
)
def test_a_wrong_team_file_is_named(tmp_path: Path, text: str, words: str) -> None:
    (tmp_path / "team.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=words):
        read_team(tmp_path / "incidents.geojson")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _team_app(data: Path, secrets: Path) -> Iterator[str]:
    port = _free_port()
    secrets.write_text(
        secrets.read_text(encoding="utf-8").replace("APP_PORT", str(port)), encoding="utf-8"
    )
    process = subprocess.Popen(
        streamlit_command(
            port, "--server.fileWatcherType", "none", "--secrets.files", str(secrets)
        ),
        cwd=paths.ROOT,
        env={**os.environ, "GEO_INCIDENTS": str(data)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _log_in(page, url: str, email: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Log in").click(timeout=120_000)
    page.locator("input[name=sub]").last.fill(email, timeout=60_000)
    page.get_by_role("button", name="Authorize").click()


@pytest.mark.browser
def test_a_real_login_gives_each_person_their_role(browser, tmp_path, artifacts_dir):
    from oidc_provider_mock import User, run_server_in_thread

    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("archive", "*.jsonl"))
    (data / "team.toml").write_text(ROLES, encoding="utf-8")
    users = [User(sub=m, claims={"email": m}) for m in ("ada@example.org", "vic@example.org")]
    with run_server_in_thread(user_claims=users) as provider:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            'redirect_uri = "http://127.0.0.1:APP_PORT/oauth2callback"\n'
            'cookie_secret = "a-test-secret-of-no-value"\n'
            'client_id = "incident-map"\n'
            'client_secret = "any"\n'
            f'server_metadata_url = "http://127.0.0.1:{provider.server_port}'
            '/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        with _team_app(data / "incidents.geojson", secrets) as url:
            for email, sees_desk in (("vic@example.org", False), ("ada@example.org", True)):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                        else route.abort()
                    ),
                )
                _log_in(page, url, email)
                page.get_by_text(f"{email} ·").wait_for(timeout=120_000)  # the sidebar's box
                page.wait_for_timeout(3000)  # the navigation is drawn with the page
                nav = page.locator("[data-testid=stSidebarNav]")  # absent with one page
                pages = nav.inner_text() if nav.count() else ""
                assert ("Review desk" in pages) == sees_desk
                if not sees_desk:  # not even by its address
                    page.goto(f"{url}/desk")
                    page.get_by_text(f"{email} ·").wait_for(timeout=120_000)
                    assert page.get_by_text("Add an article").count() == 0
                else:
                    page.goto(f"{url}/desk")
                    page.get_by_text("Add an article").first.wait_for(timeout=120_000)
                    page.get_by_text("role: admin").first.wait_for()
                page.screenshot(path=str(artifacts_dir / f"team-{email.split('@')[0]}.png"))
                context.close()
