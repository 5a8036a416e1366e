"""Many viewers on one server: time-to-map per page, and what idle pages cost the server.

    .venv/bin/python bench/viewers_bench.py [--pages 10] [--idle 60] [--port 8512]
                                            [--data data/incidents.geojson]

Starts the app (`streamlit run app.py`, loopback only, the project's .streamlit/config.toml)
on the data file, then opens `--pages` headless Chromium pages at once (Debian's Chromium
driven by Playwright; every request off the machine is blocked) and prints, per page, the
seconds from navigation until the map has drawn its features (geo_map.js's `data-geo-ready`
in the map's frame). Then the pages stay open, untouched, for `--idle` seconds while the
server's CPU time (user + system, from /proc) is sampled: printed as the share of one core.
Memory is the server's resident set size after the pages drew and at the end.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness import CHROMIUM, CHROMIUM_ARGS, is_local, streamlit_command  # noqa: E402

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, in seconds (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(port: int, data: Path) -> subprocess.Popen:
    env = {**os.environ, "GEO_INCIDENTS": str(data)}
    process = subprocess.Popen(
        streamlit_command(port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("streamlit did not start")


async def open_pages(url: str, count: int, timeout_s: float, idle_s: float, pid: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

        async def only_local(route) -> None:
            if is_local(route.request.url):
                await route.continue_()
            else:
                await route.abort()

        async def one(k: int) -> float | None:
            context = await browser.new_context(viewport={"width": 1280, "height": 720})
            page = await context.new_page()
            await page.route("**/*", only_local)
            start = time.monotonic()
            try:
                await page.goto(url, timeout=timeout_s * 1000, wait_until="commit")
                ready = page.frame_locator(MAP_FRAME).locator("[data-geo-ready]")
                await ready.wait_for(timeout=timeout_s * 1000)
            except Exception:
                return None
            return time.monotonic() - start

        times = await asyncio.gather(*(one(k) for k in range(count)))
        await asyncio.sleep(3)  # the pages' last messages (map view, component values) settle
        drawn_rss = rss_mb(pid)
        before, t0 = cpu_seconds(pid), time.monotonic()
        await asyncio.sleep(idle_s)
        idle_cpu = (cpu_seconds(pid) - before) / (time.monotonic() - t0)
        end_rss = rss_mb(pid)
        await browser.close()
    return {"times": times, "idle_core_share": idle_cpu, "rss_drawn": drawn_rss, "rss_end": end_rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle measurement")
    parser.add_argument("--port", type=int, default=8512)
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds per page")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "incidents.geojson")
    args = parser.parse_args()
    process = start_server(args.port, args.data.resolve())
    try:
        started_rss = rss_mb(process.pid)
        cpu_start = cpu_seconds(process.pid)
        url = f"http://127.0.0.1:{args.port}/"
        result = asyncio.run(open_pages(url, args.pages, args.timeout, args.idle, process.pid))
        total_cpu = cpu_seconds(process.pid) - cpu_start
    finally:
        process.terminate()
        process.wait(timeout=30)
    times = result["times"]
    drawn = [t for t in times if t is not None]
    for k, t in enumerate(times):
        print(f"page {k + 1:2d}: " + (f"map drawn after {t:.1f} s" if t else "NO MAP"))
    print(f"{len(drawn)} of {len(times)} pages drew the map", end="")
    if drawn:
        print(f"; slowest {max(drawn):.1f} s, median {sorted(drawn)[len(drawn) // 2]:.1f} s")
    print(
        f"server while {len(times)} pages sat idle for {args.idle:.0f} s: "
        f"{100 * result['idle_core_share']:.1f} % of one core"
    )
    print(
        f"server memory (RSS): {started_rss:.0f} MB at start, {result['rss_drawn']:.0f} MB "
        f"with the pages drawn, {result['rss_end']:.0f} MB at the end; "
        f"CPU over the whole run {total_cpu:.1f} s"
    )
    figures = {
        "pages": len(times),
        "drawn": len(drawn),
        "time_to_map_s": [round(t, 2) if t else None for t in times],
        "idle_seconds": args.idle,
        "idle_core_percent": round(100 * result["idle_core_share"], 2),
        "rss_mb": {
            "start": round(started_rss),
            "drawn": round(result["rss_drawn"]),
            "end": round(result["rss_end"]),
        },
        "cpu_s_total": round(total_cpu, 1),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
