"""`make lab`'s server: loopback only, lists the notebooks and offers the project's kernel."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from medical_coding_salaries.build.engine import KERNEL
from medical_coding_salaries.build.execute import notebook_paths
from medical_coding_salaries.paths import NOTEBOOKS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, token: str) -> object:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory):
    port, token = free_port(), secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={NOTEBOOKS}",
            f"--MappingKernelManager.default_kernel_name={KERNEL}",
            "--ServerApp.port_retries=0",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(f"{base}/api/status", token)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("JupyterLab did not start")
            time.sleep(0.2)
    yield base, token
    try:
        urllib.request.urlopen(
            urllib.request.Request(f"{base}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"}),
            timeout=5,
        )
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()


def test_notebooks_are_listed(lab_server: tuple[str, str]) -> None:
    base, token = lab_server
    listing = get(f"{base}/api/contents/", token)
    names = {item["name"] for item in listing["content"]}
    assert {path.name for path in notebook_paths()} <= names


def test_project_kernel_is_available_and_default(lab_server: tuple[str, str]) -> None:
    base, token = lab_server
    specs = get(f"{base}/api/kernelspecs", token)
    assert KERNEL in specs["kernelspecs"]
    assert specs["default"] == KERNEL
    argv0 = Path(specs["kernelspecs"][KERNEL]["spec"]["argv"][0])
    assert argv0.parent == Path(sys.executable).parent or argv0.name.startswith("python")


def test_token_is_required(lab_server: tuple[str, str]) -> None:
    base, _ = lab_server
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(f"{base}/api/contents/", "wrong-token")
    assert refused.value.code == 403
