"""The robustness grid, computed once per build in parts across the kernels instead of once in every kernel that
runs a notebook needing it: the build's own cells (never a notebook's, which must not write files) pickle each
kernel's part into the build's scratch folder, and then load every part into each kernel that runs such a notebook.

A kernel that was handed the grid serves it from `robustness.sweep`'s memo, whose key (the parameters, the input
files and their modification times) the parts must match; otherwise the notebook computes the grid itself. This
module only writes code: it is imported by the build's process, which never imports pandas.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

RunCell = Callable[[Any, str], Awaitable[None]]
# Where the sections' findings are kept between builds: (cache folder, key of the inputs, whether to read).
Store = tuple[str, str, bool]

# The package's calls that compute the grid (robustness.sweep, and the summary's two functions built on it).
SWEEP_CALLS = ("robustness.sweep(", "summary.findings_document(", "summary.robustness_summary(")
_IMPORTS = (
    "from medical_coding_salaries.parameters import load as _load, validate as _validate\n"
    "from medical_coding_salaries.sections import robustness as _robustness\n"
)


def uses_sweep(code: str) -> bool:
    """Whether notebook code (a cell's source, or a notebook file's text) computes the robustness grid."""
    return any(call in code for call in SWEEP_CALLS)


def notebook_parameters(values: dict[str, Any]) -> str:
    """Code for the parameters a notebook that declares `values` works with: params.yaml's defaults under them,
    as `notebook.start` builds them."""
    return f"_validate({{**_load().as_dict(), **{values!r}}})"


def part_cell(values: dict[str, Any], part: int, parts: int, path: str, store: Store | None = None) -> str:
    """The cell that computes part `part` of `parts` of the grid and pickles it to `path`; with `store` (the
    cache folder, the key of the inputs, whether to read), sections' findings are kept between builds."""
    kept = "None" if store is None else f"_MemoStore{store!r}"
    return (
        _IMPORTS
        + "from medical_coding_salaries.sections.sweep_store import MemoStore as _MemoStore\n"
        + f"_robustness.save_part({notebook_parameters(values)}, {part}, {parts}, {path!r}, {kept})"
    )


def remember_cell(values: dict[str, Any], paths: list[str]) -> str:
    """The cell that loads every part into the kernel's memo of sweeps."""
    return _IMPORTS + f"_robustness.remember_parts({notebook_parameters(values)}, {paths!r})"


# The grid in six parts, one per cleaned table (3 range points x 2 open-top factors, 3 years each): a part is
# then all the reuse the sections' memo can find, and a kernel free before the others takes the next part.
PARTS = 6


class GridShare:
    """One build's kernels computing the grid part by part, whichever kernel is free taking the next, and loading
    the whole grid before their first notebook that needs it; those notebooks go, where they can, to the kernel
    that took the first of them (engine.next_notebook), which has their findings in its memo by then.

    `run_cell(client, code)` runs a build cell in a kernel (an awaitable that raises on failure)."""

    def __init__(
        self, values: dict[str, Any], folder: str, run_cell: RunCell, store: Store | None = None, parts: int = PARTS
    ) -> None:
        self.values, self.run_cell, self.store = values, run_cell, store
        self.paths = [f"{folder}/robustness-part-{part}.pickle" for part in range(parts)]
        self.waiting = list(range(parts))
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.finished = 0
        self.loaded: set[int] = set()
        self.gatherer: int | None = None  # the kernel that takes the first notebook needing the grid

    def gathered_in(self, kernel: int) -> bool:
        """Whether `kernel` is where the notebooks needing the grid should run: the first kernel that took one
        (or any kernel, before one has). The first such notebook in a kernel computes every finding and their
        spread over the grid, about 0.4 s; the next ones find them in its memo (0.02 to 0.08 s)."""
        return self.gatherer in (None, kernel)

    def claim(self, kernel: int) -> None:
        """Note that `kernel` takes a notebook needing the grid."""
        if self.gatherer is None:
            self.gatherer = kernel

    def complete(self) -> bool:
        return self.done.done()

    async def compute_next(self, client: Any) -> bool:
        """Compute the next part not yet taken in the kernel of `client`; False when every part is taken."""
        if not self.waiting:
            return False
        part = self.waiting.pop(0)
        await self.run_cell(client, part_cell(self.values, part, len(self.paths), self.paths[part], self.store))
        self.finished += 1
        if self.finished == len(self.paths):
            self.done.set_result(None)
        return True

    async def ready(self, kernel: int, client: Any) -> None:
        """Before a kernel's first notebook that needs the grid: wait until every part is computed (by any
        kernel), then load them all into it."""
        if kernel not in self.loaded:
            await asyncio.shield(self.done)
            await self.run_cell(client, remember_cell(self.values, self.paths))
            self.loaded.add(kernel)
