"""The build's entry points start light: each `make report` starts three Python processes (the parameters check,
the lock, the build), and every module they import before their work begins is paid for on every build."""

import json
import subprocess
import sys

import pytest

# Seconds each: the scientific stack, and nbformat, whose schema validator can pull in rfc3987_syntax (which
# compiles a grammar on import) unless the build has set it aside first.
HEAVY = ("pandas", "matplotlib", "scipy", "nbformat", "jsonschema", "rfc3987_syntax", "nbconvert", "typst")


def imported_after(module: str) -> set[str]:
    """The heavy modules a fresh interpreter holds after importing `module`."""
    code = f"import json, sys, {module}; print(json.dumps(sorted(set(sys.modules) & set({list(HEAVY)!r}))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout))


@pytest.mark.parametrize(
    "module",
    [
        "medical_coding_salaries.build.cli",
        "medical_coding_salaries.parameters",
        "medical_coding_salaries.build.lock",
        "medical_coding_salaries.build.forkserver",
    ],
)
def test_entry_points_import_no_heavy_module(module: str) -> None:
    assert imported_after(module) == set()


def test_the_build_command_starts_its_fork_server_before_importing_the_build() -> None:
    """`python -m medical_coding_salaries.build` imports only build.forkserver (the standard library) before the
    server starts; build.cli and the rest come after."""
    code = (
        "import json, sys, medical_coding_salaries.build.__main__; "
        "print(json.dumps(sorted(name for name in sys.modules if name.startswith('medical_coding_salaries'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [
        "medical_coding_salaries",
        "medical_coding_salaries.build",
        "medical_coding_salaries.build.__main__",
        "medical_coding_salaries.build.forkserver",
        "medical_coding_salaries.errors",
    ]


@pytest.mark.parametrize(
    ("argv", "kernels"),
    [
        ([], True),
        (["--params", "my.yml", "--engine", "shared"], True),
        (["--engine", "papermill"], False),
        (["--engine=papermill", "--no-cache"], False),
        (["--help"], False),
    ],
)
def test_the_fork_server_is_started_only_for_a_build_in_kernels(argv: list[str], kernels: bool) -> None:
    from medical_coding_salaries.build.__main__ import uses_kernels

    assert uses_kernels(argv) == kernels


def test_the_first_kernel_is_forked_before_matplotlib_is_imported() -> None:
    """The fork server forks the kernel that checks the inputs (and computes the robustness grid's findings) as
    soon as it has imported build.forkserver.PRELOADED; matplotlib, a third of a second, comes after (CHARTS)."""
    from medical_coding_salaries.build.forkserver import CHARTS, PRELOADED

    assert imported_after(", ".join(PRELOADED)) == {"pandas"}
    assert "matplotlib" in imported_after(", ".join(CHARTS))
