"""The cache's key: each kind of input invalidates exactly the entries it should; damaged entries are misses.

No kernel runs here: keys are computed before and after a change in scratch copies of data/, the notebooks,
params.yaml and the package."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import papermill
import pytest

from medical_coding_salaries import parameters
from medical_coding_salaries.build.cache import (
    Cache,
    Inputs,
    check_key,
    declared_names,
    notebook_key,
    package_files,
    sections_key,
)
from medical_coding_salaries.build.execute import notebook_paths
from medical_coding_salaries.paths import DEFAULT_PARAMETERS, PACKAGE_DIR

from conftest import copy_data

ALL = {path.name for path in notebook_paths()}


class Scratch:
    """Copies of data/, the notebooks and params.yaml, the package (the project's own, or a copy where a test
    changes it), and the keys computed from them."""

    def __init__(self, folder: Path, package: Path = PACKAGE_DIR) -> None:
        self.data = copy_data(folder)
        self.notebooks = folder / "notebooks"
        self.notebooks.mkdir()
        for path in notebook_paths():
            shutil.copy2(path, self.notebooks / path.name)
        self.params_yaml = folder / "params.yaml"
        shutil.copy2(DEFAULT_PARAMETERS, self.params_yaml)
        self.package = package

    def keys(self, **overrides) -> dict[str, str]:
        values = {**parameters.load().as_dict(), **overrides}
        inputs = Inputs.of(self.data, self.params_yaml, self.package)
        keys = {path.name: notebook_key(path, values, inputs) for path in sorted(self.notebooks.glob("*.ipynb"))}
        keys["check"] = check_key(values, inputs)
        # The robustness grid's sections' findings kept between builds: every input but the parameter values.
        keys["sections"] = sections_key(inputs)
        return keys


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path)


@pytest.fixture
def scratch_package(tmp_path: Path) -> Scratch:
    """A Scratch with a copy of the package too: only for the tests that change it (each copy is some 70 files to
    write and, sessions later, to delete)."""
    package = tmp_path / "package"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    return Scratch(tmp_path, package)


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_same_inputs_give_the_same_keys(scratch: Scratch) -> None:
    assert scratch.keys() == scratch.keys()
    assert len(set(scratch.keys().values())) == len(ALL) + 2


def test_a_raw_amount_invalidates_every_notebook_and_the_check(scratch: Scratch) -> None:
    before = scratch.keys()
    replace_in(scratch.data / "raw/06_job_titles_median.csv", "$63,061", "$63,062")
    assert changed(before, scratch.keys()) == ALL | {"check", "sections"}


def test_a_reference_value_invalidates_every_notebook_and_the_check(scratch: Scratch) -> None:
    before = scratch.keys()
    path = scratch.data / "reference/oews_medical_records_specialists.csv"
    path.write_bytes(path.read_bytes().replace(b"1", b"2", 1))
    assert changed(before, scratch.keys()) == ALL | {"check", "sections"}


def test_an_added_data_file_invalidates_everything(scratch: Scratch) -> None:
    before = scratch.keys()
    (scratch.data / "reference/extra.csv").write_text("a\n")
    assert changed(before, scratch.keys()) == ALL | {"check", "sections"}


@pytest.mark.parametrize("name", ["sections/city.py", "present/styles/report.mplstyle"])
def test_a_package_source_file_or_the_chart_style_invalidates_everything(scratch_package: Scratch, name: str) -> None:
    before = scratch_package.keys()
    with (scratch_package.package / name).open("a", encoding="utf-8") as file:
        file.write("\n# an edit\n")
    assert changed(before, scratch_package.keys()) == ALL | {"check", "sections"}


@pytest.mark.parametrize(
    "name",
    [
        "build/templates/report/report.typ",
        "build/templates/report/index.html.j2",
        "build/templates/report/front_matter.html.j2",
        "build/templates/report/conf.json",
        "present/styles/report.css",
    ],
)
def test_a_template_or_the_stylesheet_invalidates_nothing(scratch_package: Scratch, name: str) -> None:
    before = scratch_package.keys()
    with (scratch_package.package / name).open("a", encoding="utf-8") as file:
        file.write("\n")
    assert changed(before, scratch_package.keys()) == set()


def test_the_templates_are_not_in_the_key_and_every_module_is() -> None:
    names = {name for name, _ in package_files()}
    assert not any(name.startswith("build/templates/") or name.endswith(".css") for name in names)
    assert {"notebook.py", "present/show.py", "present/styles/report.mplstyle", "build/inputs.py"} <= names
    assert {path.relative_to(PACKAGE_DIR).as_posix() for path in PACKAGE_DIR.rglob("*.py")} <= names


def test_a_notebook_cell_invalidates_that_notebook_only(scratch: Scratch) -> None:
    before = scratch.keys()
    path = scratch.notebooks / "03_city.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    markdown = next(cell for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    markdown["source"] = [*markdown["source"], " An added sentence."]
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    assert changed(before, scratch.keys()) == {"03_city.ipynb"}


def test_params_yaml_invalidates_everything(scratch: Scratch) -> None:
    before = scratch.keys()
    replace_in(scratch.params_yaml, "# Paper size of the PDF", "# The paper size of the PDF")
    assert changed(before, scratch.keys()) == ALL | {"check", "sections"}


def test_a_parameter_value_invalidates_the_notebooks_that_receive_it(scratch: Scratch) -> None:
    before = scratch.keys()
    assert changed(before, scratch.keys(city_baseline="Chicago")) == {
        "00_summary.ipynb",
        "03_city.ipynb",
        "09_robustness.ipynb",  # every finding over the grid, the city baseline's among them
        "99_appendix.ipynb",  # the same, for the full robustness table, and the parameters used
    }  # not the input check, nor the supporting tables: they read no city baseline
    assert changed(before, scratch.keys(range_point="low")) == ALL - {"03_city.ipynb", "04_certification.ipynb"} | {
        "check"
    }


def test_paper_size_invalidates_nothing(scratch: Scratch) -> None:
    assert changed(scratch.keys(), scratch.keys(paper_size="a4")) == set()


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.name)
def test_declared_names_are_papermills_and_exclude_layout_only_parameters(path: Path) -> None:
    names = declared_names(json.loads(path.read_text(encoding="utf-8")))
    assert names == list(papermill.inspect_notebook(str(path)))
    assert not set(names) & set(parameters.LAYOUT_ONLY)


KEY = "0" * 64
NOTEBOOK = {"cells": [{"cell_type": "markdown", "source": "# Title", "metadata": {}}], "metadata": {}, "nbformat": 4}


def test_an_entry_round_trips_and_a_changed_key_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("01_clean.ipynb", KEY, NOTEBOOK)
    assert cache.get("01_clean.ipynb", KEY) == NOTEBOOK
    assert cache.get("01_clean.ipynb", "1" * 64) is None
    assert cache.get("02_experience.ipynb", KEY) is None
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_entry_put_later_is_stored_on_flush(tmp_path: Path) -> None:
    """A build stores its executed notebooks while Typst works (cli), not as the last notebook ends."""
    cache = Cache(tmp_path)
    cache.put_later("01_clean.ipynb", KEY, NOTEBOOK)
    assert cache.get("01_clean.ipynb", KEY) is None
    cache.flush()
    assert cache.get("01_clean.ipynb", KEY) == NOTEBOOK
    assert cache.pending == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"\xff\xfe not utf-8",
        lambda data: b"[1, 2, 3]",
        lambda data: json.dumps({"format": 1, "key": KEY, "name": "01_clean.ipynb"}).encode(),
        lambda data: data.replace(b"# Title", b"# Tilte"),
    ],
    ids=["truncated", "empty", "not text", "other JSON", "no content", "content changed"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path: Path, damage) -> None:
    cache = Cache(tmp_path)
    cache.put("01_clean.ipynb", KEY, NOTEBOOK)
    path = cache.path("01_clean.ipynb", KEY)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get("01_clean.ipynb", KEY) is None
    cache.put("01_clean.ipynb", KEY, NOTEBOOK)
    assert cache.get("01_clean.ipynb", KEY) == NOTEBOOK


def test_writers_at_once_leave_a_whole_entry(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    big = {**NOTEBOOK, "metadata": {"padding": "x" * 2_000_000}}
    writers = [threading.Thread(target=cache.put, args=("05_distribution.ipynb", KEY, big)) for _ in range(4)]
    seen = []
    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):
        seen.append(cache.get("05_distribution.ipynb", KEY))
    for writer in writers:
        writer.join()
    assert all(entry in (None, big) for entry in seen)
    assert cache.get("05_distribution.ipynb", KEY) == big
    assert not list(tmp_path.glob(".*.tmp"))


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    for number in range(12):
        cache.put("03_city.ipynb", f"{number:064d}", NOTEBOOK)
    assert len(list(tmp_path.glob("03_city.ipynb.*.json"))) <= 8


def test_the_check_s_key_covers_the_parameters_it_reads_and_its_result_depends_on_no_other(scratch: Scratch) -> None:
    from medical_coding_salaries.build.cache import CHECK_PARAMETERS
    from medical_coding_salaries.build.inputs import check_inputs

    before = scratch.keys()
    for name, value in [("range_point", "low"), ("open_top_factor", 1.5), ("dollar_year", 2022)]:
        assert "check" in changed(before, scratch.keys(**{name: value})), name
    assert "check" in changed(before, scratch.keys(undated_reference_year=2020))
    defaults = parameters.load().as_dict()
    others = {
        "city_baseline": "Houston",
        "credential_baseline": "CCS",
        "regional_prices": False,
        "paper_size": "a4",
        "profile_level": "senior",
        "profile_city": "Chicago",
        "profile_credential": "CPC",
    }
    assert set(others) | set(CHECK_PARAMETERS) == set(defaults)
    assert changed(before, scratch.keys(**others)) & {"check"} == set()
    data = str(scratch.data)
    assert check_inputs({**defaults, **others}, data, "x") == check_inputs(defaults, data, "x")


# Calls whose result depends on every content parameter: a notebook making one must receive them all, or it shows
# params.yaml's value of those it does not declare (the appendix once showed the default pay band profile).
EVERY_PARAMETER_CALLS = ("summary.all_findings(", "appendix.parameter_table(", "robustness.sweep(")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.name)
def test_a_notebook_stating_every_finding_declares_every_parameter(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    if any(call in code for call in EVERY_PARAMETER_CALLS):
        content = [name for name in parameters.NAMES if name not in parameters.LAYOUT_ONLY]
        assert sorted(declared_names(notebook)) == sorted(content)


def test_an_entry_nested_too_deep_for_json_is_ignored(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("notebook-seconds", "notebook-seconds", {"00_summary.ipynb": 1.0})
    cache.path("notebook-seconds", "notebook-seconds").write_text("[" * 100_000 + "]" * 100_000)
    assert cache.get("notebook-seconds", "notebook-seconds") is None


def test_pruning_sweeps_temporary_files_a_killed_build_left_and_keeps_fresh_ones(tmp_path: Path) -> None:
    import os
    import time

    from medical_coding_salaries.build.cache import LEFTOVER_SECONDS, Cache

    store = Cache(tmp_path)
    old, fresh = tmp_path / ".03_city.ipynb.abc.json.x1.tmp", tmp_path / ".03_city.ipynb.def.json.x2.tmp"
    for path in (old, fresh):
        path.write_text("{")
    then = time.time() - LEFTOVER_SECONDS - 60
    os.utime(old, (then, then))
    store.put("03_city.ipynb", "k" * 64, {"cells": []})
    assert not old.exists() and fresh.exists()  # a fresh one may be another build's, writing now
    assert store.get("03_city.ipynb", "k" * 64) == {"cells": []}
