"""The build's cache of executed notebooks, through the build's command line: a cached build gives the same
bytes as an uncached one, a layout-only change starts no kernel, a damaged entry is re-executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from medical_coding_salaries.build.execute import notebook_paths

from conftest import copy_data, run_build, snapshot

NAMES = [path.name for path in notebook_paths()]


def ran(stderr: str) -> set[str]:
    return {name for name in NAMES if f"      ran {name}" in stderr}


def reused(stderr: str) -> set[str]:
    return {name for name in NAMES if f"      reused {name} (cache)" in stderr}


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The data, the cache and the report of a first build, which executes every notebook and fills the cache."""
    folder = tmp_path_factory.mktemp("cached")
    data, cache, out = copy_data(folder), folder / "cache", folder / "uncached"
    result = run_build("--out", str(out), "--cache", str(cache), data=data)
    assert result.returncode == 0, result.stderr
    assert ran(result.stderr) == set(NAMES) and not reused(result.stderr), result.stderr
    return data, cache, out


def test_a_cached_build_starts_no_kernel_and_gives_the_same_bytes(cached, tmp_path: Path) -> None:
    data, cache, uncached = cached
    result = run_build("--out", str(tmp_path / "report"), "--cache", str(cache), data=data)
    assert result.returncode == 0, result.stderr
    assert reused(result.stderr) == set(NAMES) and not ran(result.stderr), result.stderr
    assert "(cache)" in result.stderr.split("[2/5]")[1].splitlines()[0], "the input check ran"
    assert snapshot(tmp_path / "report") == snapshot(uncached)
    processed = data / "processed" / "salaries.csv"
    assert processed.read_bytes() == (uncached.parent / "data" / "processed" / "salaries.csv").read_bytes()


def test_paper_size_starts_no_kernel(cached, tmp_path: Path) -> None:
    data, cache, uncached = cached
    a4 = tmp_path / "a4.yml"
    a4.write_text("paper_size: a4\n")
    result = run_build("--params", str(a4), "--out", str(tmp_path / "report"), "--cache", str(cache), data=data)
    assert result.returncode == 0, result.stderr
    assert reused(result.stderr) == set(NAMES) and not ran(result.stderr), result.stderr
    width = PdfReader(tmp_path / "report" / "medical-coding-salaries.pdf").pages[0].mediabox.width
    assert round(float(width)) == 595  # A4: 210 mm


def test_a_damaged_entry_is_executed_again_and_the_others_reused(cached, tmp_path: Path) -> None:
    data, cache, uncached = cached
    [entry] = cache.glob("03_city.ipynb.*.json")
    entry.write_bytes(entry.read_bytes()[:1000])
    result = run_build("--out", str(tmp_path / "report"), "--cache", str(cache), data=data)
    assert result.returncode == 0, result.stderr
    assert ran(result.stderr) == {"03_city.ipynb"}, result.stderr
    assert reused(result.stderr) == set(NAMES) - {"03_city.ipynb"}, result.stderr
    assert snapshot(tmp_path / "report") == snapshot(uncached)
    assert len(list(cache.glob("03_city.ipynb.*.json"))) == 1


def test_no_cache_runs_every_notebook(cached, tmp_path: Path) -> None:
    data, cache, uncached = cached
    result = run_build("--out", str(tmp_path / "report"), "--cache", str(cache), "--no-cache", data=data)
    assert result.returncode == 0, result.stderr
    assert ran(result.stderr) == set(NAMES) and not reused(result.stderr), result.stderr
    assert snapshot(tmp_path / "report") == snapshot(uncached)
