"""The app is private by default and shows visitors no server detail: it listens on 127.0.0.1
unless told otherwise, shows no traceback (details go to the server's log), names no absolute
path of the server, and a value from the data or the URL reaches Streamlit's Markdown as text
(an image or link written into one is never drawn, so nothing is fetched from elsewhere)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo import paths, urlstate
from tests.app import fixtures
from tests.test_fuzz_verbs import VALUES

pytestmark = pytest.mark.slow  # serves the app, or runs it whole (AppTest)

APP = str(paths.ROOT / "app.py")
HOSTILE_OUTLET = "![x](http://192.0.2.9/p.png) <img src=x onerror=alert(1)> :red[red]"
HOSTILE_SOURCE = "![i](http://192.0.2.9/leak.png)"


def _app(dataset: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset))
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _page_text(app: AppTest) -> str:
    """Every text the page gives Streamlit to draw (Markdown bodies, labels, helps, code)."""
    texts = [e.value for e in (*app.markdown, *app.caption, *app.code)]
    texts += [e.value for e in (*app.warning, *app.error, *app.info)]
    texts += [str(e.label) for e in app.checkbox] + [str(e.help) for e in app.multiselect]
    return "\n".join(texts)


def test_the_shipped_settings_bind_loopback_and_hide_error_details() -> None:
    settings = tomllib.loads((paths.ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["server"]["address"] == "127.0.0.1"
    assert settings["client"]["showErrorDetails"] == "none"


def _other_address() -> str | None:
    """This machine's address on its default route (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_started_as_the_docs_say_the_app_answers_on_loopback_only() -> None:
    """`streamlit run app.py` with the project's settings (what `tasks.py app` runs): the
    health check answers on 127.0.0.1 and the machine's network address is refused."""
    other = _other_address()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
        cwd=paths.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start")
        if other is None:
            pytest.skip("this machine has no address but loopback to try")
        with pytest.raises(OSError):
            socket.create_connection((other, port), timeout=2).close()
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_an_infinite_longitude_is_named_not_a_traceback(dataset_path, monkeypatch):
    app = _app(dataset_path, monkeypatch, lat="45", lon="inf", zoom="5")
    assert "is not a map view" in " ".join(w.value for w in app.warning)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.sampled_from([*urlstate.PARAMS, "status", "feature"]), VALUES.map(str), max_size=4
    )
)
def test_any_url_gives_a_page_with_no_traceback_nor_server_folder(
    dataset_path, monkeypatch, params
):
    """The whole page for a link with any values (a handful per run: each runs the app): no
    exception reaches the page (_app) and no text on it names the server's folders."""
    text = _page_text(_app(dataset_path, monkeypatch, **params))
    assert str(dataset_path.parent) not in text and str(paths.ROOT) not in text


def test_the_validation_box_names_no_server_folder(dataset_path, monkeypatch):
    dataset_path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    app = _app(dataset_path, monkeypatch)
    text = _page_text(app)
    assert "incidents.geojson" in text and "does not validate" in text
    assert str(dataset_path.parent) not in text and str(paths.ROOT) not in text


def test_a_url_value_is_text_in_the_warning(dataset_path, monkeypatch):
    app = _app(dataset_path, monkeypatch, source=HOSTILE_SOURCE)
    warning = " ".join(w.value for w in app.warning)
    assert "\\!\\[i\\]\\(http\\://192.0.2.9/leak.png\\)" in warning
    assert HOSTILE_SOURCE not in warning


def test_a_registry_value_is_text_in_labels_and_chips(tmp_path, monkeypatch):
    dataset = fixtures.write_dataset(tmp_path / "data")
    registry = dataset.parent / "sources.csv"
    registry.write_text(
        registry.read_text().replace("Alpha News", f'"{HOSTILE_OUTLET}"'), encoding="utf-8"
    )
    app = _app(dataset, monkeypatch, source="src-alpha")
    app.session_state["list_source"] = True
    app.run()
    text = _page_text(app) + " ".join(str(p.options) for p in app.get("pills"))
    for line in text.splitlines():
        assert not re.search(r"(?<!\\)(!\[x\]|<img|:red\[)", line), line
    assert "\\!\\[x\\]\\(http\\://192.0.2.9/p.png\\)" in text


def test_the_details_panel_is_text_inside_markdown() -> None:
    """The details panel is HTML given to st.markdown: the text between its tags carries no
    character Markdown would read, a blank line in a value included."""
    from geo.escape import html, html_in_markdown

    image, paragraphs = html("![x](http://h/p.png)"), html("a\n\nb")
    fragment = html_in_markdown(f"<b>{image}</b><i>{paragraphs}</i>")
    assert fragment == ("<b>&#33;&#91;x&#93;&#40;http&#58;//h/p.png&#41;</b><i>a&#10;&#10;b</i>")
    assert os.linesep not in fragment


@pytest.mark.parametrize("value", ["Iran's", 'the "moderate" line', "R&D", "a < b > c", "#1 ' & #"])
def test_a_value_html_escaped_reads_as_itself_in_the_details_panel(value: str) -> None:
    """An apostrophe, a quote, an ampersand or angle brackets html() turned into character
    references stay references for the browser, so the panel shows the value, not '&#x27;'."""
    import html as html_lib

    from geo.escape import html, html_in_markdown

    fragment = html_in_markdown(f"<b>{html(value)}</b>")
    text = re.sub(r"<[^>]*>", "", fragment)
    assert html_lib.unescape(text) == value
