"""The online path against a small fake Nominatim on 127.0.0.1: answers, the cache used on
the second call, a time-out and an HTTP error (each a clear message, nothing changed)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from geo.canonical import dumps
from geo.cli import main
from geo.geocoders.nominatim import CachedNominatim, OnlineGeocodingError

SHEKARABAD = {
    "place_id": 1,
    "osm_type": "node",
    "osm_id": 424242,
    "lat": "39.3000",
    "lon": "45.5000",
    "class": "place",
    "type": "village",
    "name": "Shekarabad",
    "display_name": "Shekarabad, Nakhchivan, Azerbaijan",
    "importance": 0.3,
    "address": {"village": "Shekarabad", "state": "Nakhchivan", "country": "Azerbaijan"},
}


class FakeNominatim(BaseHTTPRequestHandler):
    """/search?q=...: "slow ..." sleeps past the client's time-out, "broken ..." answers 500,
    anything mentioning Shekarabad finds it, the rest finds nothing."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        FakeNominatim.requests.append(query)
        if query.startswith("slow"):
            time.sleep(1.5)
        if query.startswith("broken"):
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal error")
            return
        body = json.dumps([SHEKARABAD] if "shekarabad" in query.lower() else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    FakeNominatim.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _client(server: str, cache: Path) -> CachedNominatim:
    return CachedNominatim(
        cache_path=cache, domain=server, scheme="http", timeout=0.5, min_delay_seconds=0
    )


def test_answer_then_cache(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "nominatim-cache.json"
    client = _client(server, cache)
    found = client.geocode("Shekarabad, Nakhchivan")
    assert found.raw["source"] == "nominatim:node/424242"
    assert (found.latitude, found.longitude) == (39.3, 45.5)
    assert found.raw["country"] == "Azerbaijan" and found.raw["kind"] == "village"
    assert client.requests == 1 and len(FakeNominatim.requests) == 1
    again = _client(server, cache).geocode("SHEKARABAD,  Nakhchivan")
    assert again.raw["source"] == found.raw["source"]
    assert len(FakeNominatim.requests) == 1  # answered from the cache file
    assert "shekarabad nakhchivan|" in json.loads(cache.read_text(encoding="utf-8"))


def test_no_answer_is_none_and_cached(server: str, tmp_path: Path) -> None:
    client = _client(server, tmp_path / "cache.json")
    assert client.geocode("Nowhere at all") is None
    assert client.geocode("Nowhere at all") is None
    assert len(FakeNominatim.requests) == 1


def test_timeout_is_a_clear_error_and_caches_nothing(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    with pytest.raises(
        OnlineGeocodingError, match=r"did not answer.*no answer within 0.5 s.*nothing was changed"
    ):
        _client(server, cache).geocode("slow village")
    assert not cache.exists()


def test_http_error_is_a_clear_error(server: str, tmp_path: Path) -> None:
    with pytest.raises(OnlineGeocodingError, match=rf"Nominatim at http://{server}.*500"):
        _client(server, tmp_path / "cache.json").geocode("broken village")


def _incidents(tmp_path: Path, location: str) -> Path:
    path = tmp_path / "incidents.geojson"
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "inc-x",
                "properties": {"layer": "incident", "name": "X", "location": location},
                "geometry": None,
            }
        ],
    }
    path.write_text(dumps(document), encoding="utf-8")
    return path


def _point_cli_at(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.geocoders.nominatim as nominatim

    original = nominatim.CachedNominatim.__init__

    def local(self: CachedNominatim, **kwargs: object) -> None:
        original(self, **{**kwargs, "domain": server, "scheme": "http", "timeout": 0.5})

    monkeypatch.setattr(nominatim.CachedNominatim, "__init__", local)


def test_geocode_online_fills_from_the_service(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point_cli_at(server, monkeypatch)
    path = _incidents(tmp_path, "Shekarabad, Nakhchivan")
    cache = tmp_path / "cache.json"
    assert main(["geocode", str(path), "--online", "--nominatim-cache", str(cache)]) == 0
    feature = json.loads(path.read_text(encoding="utf-8"))["features"][0]
    assert feature["properties"]["geo_source"] == "nominatim:node/424242"
    assert feature["geometry"]["coordinates"] == [45.5, 39.3]
    # --check finds the entry in the cache and agrees.
    assert main(["geocode", "--check", str(path), "--nominatim-cache", str(cache)]) == 0


def test_geocode_online_failure_changes_nothing(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _point_cli_at(server, monkeypatch)
    path = _incidents(tmp_path, "slow hamlet")
    before = path.read_bytes()
    cache = tmp_path / "cache.json"
    assert main(["geocode", str(path), "--online", "--nominatim-cache", str(cache)]) == 1
    assert "did not answer" in capsys.readouterr().err
    assert path.read_bytes() == before and not cache.exists()
