"""The cache of executed notebooks (and of the input check) under build/cache/.

An entry is served only when its key matches, and the key covers everything that can change a notebook's
outputs: the notebook file's bytes (markdown too), the parameter values papermill injects into it, params.yaml
(`notebook.start` merges its defaults, the appendix quotes its comments), every file under data/raw and
data/reference (names and bytes), the package's source that a kernel can import or read (every file of the
package except the renderers' templates and stylesheet, which no kernel reads), the environment (Python,
requirements.lock, the installed versions of the key packages, the cpi package's bundled data) and
CACHE_FORMAT. Entries are written to a temporary file and moved into place, so a reader never sees half an
entry, and one that does not parse or whose digest does not match its content is ignored (and replaced).
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medical_coding_salaries.paths import DEFAULT_PARAMETERS, PACKAGE_DIR, ROOT, interrupts_held, write_temporary

# Raise when what an entry holds, or what its key covers, changes: every older entry is then a miss.
CACHE_FORMAT = 1
# Temporary files older than this are leftovers of a killed build (Cache.prune).
LEFTOVER_SECONDS = 86400
CACHE = ROOT / "build" / "cache"
# Package files that only the build's renderers read (never a kernel): editing them starts no kernel.
RENDERER_ONLY = ("build/templates/", "present/styles/report.css")
# Entries kept per notebook: enough to go back and forth between a few parameter sets.
KEPT_PER_NOTEBOOK = 8
REQUIREMENTS = ROOT / "requirements.lock"


def digest(parts: Iterable[bytes]) -> str:
    """SHA-256 of length-prefixed parts, so that no two different sequences of parts give one digest."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def files_digest(files: Iterable[tuple[str, Path]]) -> str:
    """Digest of (name, bytes) pairs, in the order given."""
    return digest(part for name, path in files for part in (name.encode("utf-8"), path.read_bytes()))


def data_digest(data: Path) -> str:
    """Every file under data/raw and data/reference, dotfiles included, by name and bytes."""
    files = sorted(
        (path.relative_to(data).as_posix(), path)
        for folder in ("raw", "reference")
        for path in (data / folder).rglob("*")
        if path.is_file()
    )
    return files_digest(files)


def package_files(package: Path = PACKAGE_DIR, renderers: bool = False) -> list[tuple[str, Path]]:
    """The package's files a kernel can import or read: all but the renderers' templates and stylesheet, which
    `renderers` adds (every file that can change the report: the build record's)."""
    files = []
    for path in package.rglob("*"):
        name = path.relative_to(package).as_posix()
        if not path.is_file() or "__pycache__" in path.parts or name.endswith((".pyc", ".tmp")):
            continue
        if not renderers and any(name == skipped or name.startswith(skipped) for skipped in RENDERER_ONLY):
            continue
        files.append((name, path))
    return sorted(files)


def environment_digest() -> str:
    """Python, the pinned requirements, the installed versions of the packages that compute the report, and
    the cpi package's bundled data."""
    from importlib import metadata
    from importlib.util import find_spec

    from medical_coding_salaries.packages import KEY_PACKAGES

    parts = [sys.version.encode(), sys.executable.encode()]
    parts.append(REQUIREMENTS.read_bytes() if REQUIREMENTS.is_file() else b"")
    for name in KEY_PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing".encode())
    spec = find_spec("cpi")
    database = Path(spec.origin).parent / "cpi.db" if spec is not None and spec.origin else None
    # cpi.db is 60 MB: its size and modification time (cpi.update() or a reinstall changes them) stand for it.
    if database is not None and database.is_file():
        parts.append(f"cpi.db {database.stat().st_size} {database.stat().st_mtime_ns}".encode())
    else:
        parts.append(b"no cpi.db")
    return digest(parts)


def declared_names(notebook: dict[str, Any]) -> list[str]:
    """The names the notebook's `parameters` cell assigns, as papermill reads them (a unit test compares)."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            names = []
            for statement in ast.parse(source).body:
                if isinstance(statement, ast.Assign):
                    targets = statement.targets
                else:
                    targets = [getattr(statement, "target", None)]
                names.extend(target.id for target in targets if isinstance(target, ast.Name))
            return names
    return []


@dataclass(frozen=True)
class Inputs:
    """What every key shares: the data, params.yaml, the package's source and the environment."""

    data: str
    params_yaml: str
    source: str
    environment: str

    @classmethod
    def of(cls, data: Path, params_yaml: Path = DEFAULT_PARAMETERS, package: Path = PACKAGE_DIR) -> Inputs:
        return cls(
            data_digest(data),
            files_digest([("params.yaml", params_yaml)]),
            files_digest(package_files(package)),
            environment_digest(),
        )

    def parts(self) -> list[bytes]:
        return [str(CACHE_FORMAT).encode(), self.data.encode(), self.params_yaml.encode(), self.source.encode()] + [
            self.environment.encode()
        ]


def notebook_values(notebook: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The parameter values the notebook receives: those its parameters cell declares."""
    declared = set(declared_names(notebook))
    return {name: value for name, value in values.items() if name in declared}


def notebook_key(path: Path, values: dict[str, Any], inputs: Inputs) -> str:
    """The key of one notebook's executed version."""
    content = path.read_bytes()
    received = notebook_values(json.loads(content), values)
    return digest(
        [b"notebook", *inputs.parts(), path.name.encode(), content, json.dumps(received, sort_keys=True).encode()]
    )


# The parameters the input check reads (build.inputs.check_inputs): the rule and factor it cleans the tables
# with, and the two years it looks up in CPI-U. The build validated every parameter before; a unit test checks
# that the others do not change the check's result.
CHECK_PARAMETERS = ("range_point", "open_top_factor", "dollar_year", "undated_reference_year")


def check_key(values: dict[str, Any], inputs: Inputs) -> str:
    """The key of the input check's result: the inputs and the parameters the check reads (so that a build that
    changes another parameter, say city_baseline, need not check the inputs again in a kernel)."""
    relevant = {name: values[name] for name in CHECK_PARAMETERS}
    return digest([b"check", *inputs.parts(), json.dumps(relevant, sort_keys=True).encode()])


def sections_key(inputs: Inputs) -> str:
    """The key of the robustness grid's sections' findings kept between builds (sections.sweep_store): every
    input but the parameter values, which the memo matches finding by finding."""
    return digest([b"robustness-sections", *inputs.parts()])


class Cache:
    """Entries in `folder`: `<name>.<key>.json`, each holding its key, its name, the digest of its content and
    the content (a notebook or the input check's result)."""

    def __init__(self, folder: Path = CACHE) -> None:
        self.folder = folder
        self.pending: list[tuple[str, str, Any]] = []

    def put_later(self, name: str, key: str, content: Any) -> None:
        """Store `content` when `flush` is called: a build stores its executed notebooks while Typst lays out the
        PDF, not between the last notebook and the PDF's start."""
        self.pending.append((name, key, content))

    def flush(self) -> None:
        """Store what `put_later` was given."""
        while self.pending:
            self.put(*self.pending.pop(0))

    def path(self, name: str, key: str) -> Path:
        return self.folder / f"{name}.{key}.json"

    def get(self, name: str, key: str) -> Any | None:
        """The content stored under `key`, or None when there is none or the entry is damaged in any way."""
        try:
            entry = json.loads(self.path(name, key).read_bytes())
            content = entry["content"]
            valid = (
                entry["format"] == CACHE_FORMAT
                and entry["key"] == key
                and entry["name"] == name
                and entry["digest"] == content_digest(content)
            )
        except (OSError, ValueError, TypeError, KeyError, RecursionError):  # RecursionError: JSON nested too deep
            return None
        return content if valid else None

    def put(self, name: str, key: str, content: Any) -> None:
        """Store `content` atomically; a cache that cannot be written is no reason to fail a build."""
        entry = {"format": CACHE_FORMAT, "key": key, "name": name, "digest": content_digest(content)}
        entry["content"] = content
        data = json.dumps(entry).encode("utf-8")
        try:
            with interrupts_held():  # no temporary file left behind by an interrupt between two statements
                temporary = write_temporary(self.path(name, key), data)
                try:
                    os.replace(temporary, self.path(name, key))
                finally:
                    temporary.unlink(missing_ok=True)
            self.prune(name)
        except OSError:
            pass

    def prune(self, name: str, kept: int = KEPT_PER_NOTEBOOK) -> None:
        """Keep the `kept` newest entries of `name` (and no leftover temporary files older than a day)."""
        entries = sorted(self.folder.glob(f"{name}.*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[kept:]:
            old.unlink(missing_ok=True)
        # What a build killed while writing an entry left (a day old: not another build's, writing now).
        for leftover in self.folder.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < time.time() - LEFTOVER_SECONDS:
                    leftover.unlink()

    def touch(self, name: str, key: str) -> None:
        """Mark an entry as used now, so that pruning keeps the entries in use."""
        with contextlib.suppress(OSError):
            os.utime(self.path(name, key))


def content_digest(content: Any) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
