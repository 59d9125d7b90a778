"""Sections' findings over the robustness grid kept between builds, in the build's cache (build/cache/).

A build that changes one parameter (say `city_baseline`) computes the grid again, but most sections never read
that parameter: their findings for each cleaned table are the ones the previous build computed. They are kept
under a key that covers every input of the notebooks' cache keys (the data, params.yaml, the package's source,
the environment, the cache format; `build.cache.Inputs`), so a changed input file or source file is never served
an old result; within a key, the memo matches each section's findings to the parameter values it read. Entries
are the cache's: written atomically, and one that is damaged is ignored (the sections are computed again).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from medical_coding_salaries.sections.sweep_runs import SectionMemo


@dataclass(frozen=True)
class MemoStore:
    """Where the memo of part `part` of `parts` is kept: the cache folder and the inputs' key; `read`: false when
    the build was told not to take anything from the cache (it still refreshes it)."""

    folder: str
    key: str
    read: bool = True

    @staticmethod
    def name(part: int, parts: int) -> str:
        return f"robustness-sections-{part}-of-{parts}"

    def load(self, part: int, parts: int) -> SectionMemo:
        """The memo an earlier build kept for this part, or an empty one (none kept, damaged, or not to be read)."""
        from medical_coding_salaries.build.cache import Cache

        records = Cache(Path(self.folder)).get(self.name(part, parts), self.key) if self.read else None
        try:
            return SectionMemo.from_records(records) if isinstance(records, list) else SectionMemo()
        except (KeyError, TypeError, ValueError):
            return SectionMemo()

    def save(self, memo: SectionMemo, part: int, parts: int) -> None:
        """Keep `memo` for the next build (atomically; a memo that does not survive JSON unchanged is not kept)."""
        from medical_coding_salaries.build.cache import Cache

        try:
            records = json.loads(json.dumps(memo.records()))
            unchanged = SectionMemo.from_records(records).entries == memo.entries
        except (TypeError, ValueError):
            return
        if unchanged:
            Cache(Path(self.folder)).put(self.name(part, parts), self.key, records)
