"""The shared engine: notebooks on several kernels, each failure named by its notebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medical_coding_salaries.build.engine import NotebookError, run_shared
from medical_coding_salaries.errors import BuildInputError


def write_notebook(folder: Path, name: str, *sources: str) -> Path:
    path = folder / name
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources]), path)
    return path


def test_each_notebook_sees_only_its_own_names_and_results_keep_their_order(tmp_path: Path) -> None:
    # Four notebooks on two kernels: without the reset, a kernel's second notebook would see `leftover`.
    paths = [
        write_notebook(tmp_path, f"{n:02d}_n.ipynb", "'leftover' in globals()", f"leftover = {n}") for n in range(4)
    ]
    printed, executed = run_shared(paths, {}, "print('checked')", kernels=2)
    assert printed == "checked\n"
    assert [notebook.cells[0].outputs[0]["data"]["text/plain"] for notebook in executed] == ["False"] * 4
    assert [notebook.cells[1].source for notebook in executed] == [f"leftover = {n}" for n in range(4)]


def test_a_failing_cell_names_its_notebook(tmp_path: Path) -> None:
    paths = [write_notebook(tmp_path, "01_fine.ipynb", "1"), write_notebook(tmp_path, "02_broken.ipynb", "1 / 0")]
    with pytest.raises(NotebookError, match=r"02_broken\.ipynb: a cell failed: ZeroDivisionError"):
        run_shared(paths, {}, "print('checked')", kernels=2)


def test_bad_input_found_by_the_check_stops_before_any_notebook(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    paths = [write_notebook(tmp_path, "01_n.ipynb", f"open({str(marker)!r}, 'w').close()")]
    check = (
        "from medical_coding_salaries.errors import RawDataError\nraise RawDataError('03_cities.csv, row 2: no amount')"
    )
    with pytest.raises(BuildInputError, match=r"^03_cities\.csv, row 2: no amount$"):
        run_shared(paths, {}, check, kernels=2)
    assert not marker.exists()
