"""The HTML report in a real browser (headless Chromium, where installed): same content, nothing fetched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium's own background traffic (updates, accounts, time): not requests made by the page.
BROWSER_HOSTS = re.compile(r"(^|\.)(google|googleapis|gstatic|gvt1)\.com$")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package 'chromium')")


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run([CHROMIUM, *flags, *arguments], capture_output=True, text=True, timeout=90)


def test_browser_shows_the_report_and_fetches_nothing(built: Path, tmp_path: Path) -> None:
    page = (built / "medical-coding-salaries.html").as_uri()
    net_log = tmp_path / "net.json"
    result = chromium(tmp_path, f"--log-net-log={net_log}", "--dump-dom", page)
    dom = result.stdout
    assert '<span class="section-number">1</span>Executive summary' in dom
    assert len(re.findall(r'<img[^>]*class="chart"', dom)) == 7 and dom.count('<figure class="captioned table"') > 20
    requested = {
        urlparse(url) for url in re.findall(r'"url":"([^"]+)"', net_log.read_text(encoding="utf-8", errors="replace"))
    }
    fetched = sorted(
        url.geturl()
        for url in requested
        if url.scheme in ("http", "https", "ws", "wss") and not BROWSER_HOSTS.search(url.hostname or "")
    )
    assert fetched == [], fetched
