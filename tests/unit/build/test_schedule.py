"""The order in which the kernels take the notebooks: the longest first, by how long they took when last run, or
else by what their code does."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medical_coding_salaries.build import engine
from medical_coding_salaries.paths import NOTEBOOKS


def notebook(*sources: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])


def test_charts_tables_and_the_grid_count_toward_a_notebook_s_cost():
    assert engine.estimated_cost(notebook("x = 1")) == 0
    assert engine.estimated_cost(notebook("show.figure(chart(a), 'k', 'c')", "show.table(t, 'k', 'c')")) == (
        engine.CHART_COST + engine.TABLE_COST
    )
    assert engine.estimated_cost(notebook("spread = robustness.sweep(params)")) == engine.GRID_COST
    # Markdown costs nothing, whatever it says.
    text = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("show.figure(")])
    assert engine.estimated_cost(text) == 0


def test_the_longest_notebooks_of_the_report_go_first():
    costs = {path.name: engine.estimated_cost(nbformat.read(path, as_version=4)) for path in NOTEBOOKS.glob("*.ipynb")}
    ranked = sorted(costs, key=lambda name: -costs[name])
    assert ranked[0] == "91_evidence.ipynb"  # two charts and twenty-odd tables: more than any other
    assert costs["07_official.ipynb"] > costs["05_distribution.ipynb"]
    # Gathering the robustness grid costs a kernel about as much as a chart: a notebook that needs it is not left
    # to the end, where one kernel would run it alone (0.3 s, against 0.08 s for the cleaning appendix's tables).
    assert costs["09_robustness.ipynb"] > costs["90_cleaning.ipynb"]


def test_measured_seconds_decide_the_order_when_every_notebook_has_them():
    notebooks = {
        Path("a.ipynb"): notebook("show.figure(chart(a), 'k', 'c')"),  # estimated the longest
        Path("b.ipynb"): notebook("x = 1"),
        Path("c.ipynb"): notebook("show.table(t, 'k', 'c')"),
    }
    order = [path.name for path, _ in engine.longest_first(notebooks, {"a.ipynb": 0.1, "b.ipynb": 0.9, "c.ipynb": 0.5})]
    assert order == ["b.ipynb", "c.ipynb", "a.ipynb"]
    # One notebook never run (new, or renamed): the estimate orders them all, measured seconds being another unit.
    order = [path.name for path, _ in engine.longest_first(notebooks, {"a.ipynb": 0.1, "b.ipynb": 0.9})]
    assert order == ["a.ipynb", "c.ipynb", "b.ipynb"]


class Grid:
    """The part of sweep_cells.GridShare that picking a notebook reads."""

    def __init__(self, complete: bool, gatherer: int | None) -> None:
        self.is_complete, self.gatherer = complete, gatherer

    def complete(self) -> bool:
        return self.is_complete

    def gathered_in(self, kernel: int) -> bool:
        return self.gatherer in (None, kernel)


@pytest.mark.parametrize(
    ("needs", "complete", "gatherer", "kernel", "expected"),
    [
        ([True, False], False, None, 0, 1),  # the grid is not complete: the first notebook that does not need it
        ([True, False], True, None, 0, 0),  # complete, gathered nowhere yet: the longest
        ([True, False], True, 0, 0, 0),  # gathered in this kernel
        ([True, False], True, 1, 0, 1),  # gathered in the other kernel: it takes the notebooks that need the grid
        ([True, True], True, 1, 0, 0),  # ... unless nothing else is left: no kernel waits while it can work
        ([True, True], False, None, 0, 0),  # nothing can run yet: it waits for the grid with the longest
    ],
)
def test_notebooks_needing_the_grid_go_to_the_kernel_that_gathered_it(needs, complete, gatherer, kernel, expected):
    assert engine.next_notebook(needs, Grid(complete, gatherer), kernel) == expected


def test_the_first_kernel_to_take_a_notebook_needing_the_grid_gathers_it():
    import asyncio

    from medical_coding_salaries.build.sweep_cells import GridShare

    async def claims() -> list[bool]:
        grid = GridShare({}, "/nowhere", run_cell=None)  # type: ignore[arg-type]
        before = [grid.gathered_in(0), grid.gathered_in(1)]
        grid.claim(1)
        grid.claim(0)
        return [*before, grid.gathered_in(0), grid.gathered_in(1)]

    assert asyncio.run(claims()) == [True, True, False, True]
