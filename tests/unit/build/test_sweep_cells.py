"""The build's cells that share the robustness grid between kernels: which notebooks need it, and valid code."""

from __future__ import annotations

import ast

from medical_coding_salaries.build import sweep_cells
from medical_coding_salaries.paths import NOTEBOOKS


def test_the_notebooks_that_compute_the_grid_are_the_ones_said_to_need_it():
    needing = {path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if sweep_cells.uses_sweep(path.read_text())}
    assert needing == {"00_summary.ipynb", "09_robustness.ipynb", "99_appendix.ipynb"}


def test_the_cells_are_python_that_names_the_parameters_and_the_files():
    values = {"city_baseline": "New York City", "open_top_factor": 1.5, "regional_prices": False}
    part = sweep_cells.part_cell(values, 1, 2, "/tmp/scratch dir/part-1.pickle")
    remember = sweep_cells.remember_cell(values, ["/tmp/a.pickle", "/tmp/b.pickle"])
    for code in (part, remember):
        ast.parse(code)
        assert "'city_baseline': 'New York City'" in code and "'regional_prices': False" in code
    assert "save_part(" in part and ", 1, 2, '/tmp/scratch dir/part-1.pickle', None)" in part
    assert "remember_parts(" in remember and "['/tmp/a.pickle', '/tmp/b.pickle']" in remember


def test_the_part_cell_hands_the_kernel_where_sections_are_kept():
    part = sweep_cells.part_cell({"range_point": "low"}, 0, 2, "/tmp/p.pickle", ("/cache dir", "abc", False))
    ast.parse(part)
    assert "_MemoStore('/cache dir', 'abc', False))" in part
    assert sweep_cells.part_cell({}, 0, 1, "/tmp/p.pickle").endswith(", None)")
