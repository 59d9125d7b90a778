"""The shared engine: notebooks on several kernels, each failure named by its notebook."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat
import pytest

from medical_coding_salaries.build import engine
from medical_coding_salaries.build.engine import NotebookError, run_shared
from medical_coding_salaries.errors import BuildInputError


@pytest.fixture(params=[True, False], ids=["forked", "own-program"], autouse=True)
def kernel_start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Every test runs with kernels forked from the fork server and with kernels started as programs of their own
    (MEDICAL_CODING_SALARIES_FORK=0, and systems without fork)."""
    monkeypatch.setattr(engine, "FORK", request.param)
    return request.param


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


def test_a_build_stopped_as_its_kernels_start_leaves_no_connection_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The connection files (each holds the key that signs a kernel's messages) are written to the temporary folder:
    # the check fails as soon as the first kernel answers, while the second may not have started yet.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    paths = [write_notebook(tmp_path, "01_n.ipynb", "1")]
    check = "from medical_coding_salaries.errors import BuildInputError\nraise BuildInputError('bad input')"
    with pytest.raises(BuildInputError, match="^bad input$"):
        run_shared(paths, {}, check, kernels=2)
    assert list(scratch.iterdir()) == []


def test_kernels_are_separate_processes_in_this_build_s_environment_and_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_start: bool
) -> None:
    # Two notebooks side by side on two kernels: each reports its process, its parent, its environment and folder.
    # Each waits until the other has started (a kernel starts working as soon as it is ready: left alone, the first
    # could run both before the second is).
    monkeypatch.setenv("MEDICAL_CODING_SALARIES_TEST_MARK", "set by the build")
    probe = (
        "import os, time, pathlib\n"
        "pathlib.Path({mine!r}).touch()\n"
        "deadline = time.monotonic() + 60\n"
        "while not pathlib.Path({other!r}).exists() and time.monotonic() < deadline:\n"
        "    time.sleep(0.01)\n"
        "(os.getpid(), os.getppid(), os.environ.get('MEDICAL_CODING_SALARIES_TEST_MARK'), os.getcwd())"
    )
    started = [str(tmp_path / f"started-{n}") for n in range(2)]
    paths = [
        write_notebook(tmp_path, f"{n:02d}_probe.ipynb", probe.format(mine=started[n], other=started[1 - n]))
        for n in range(2)
    ]
    _, executed = run_shared(paths, {}, None, kernels=2)
    reports = [eval(notebook.cells[0].outputs[0]["data"]["text/plain"]) for notebook in executed]
    assert len({pid for pid, *_ in reports}) == 2
    for _, parent, mark, folder in reports:
        # A forked kernel is the fork server's child; otherwise this process started it.
        assert (parent != os.getpid()) == kernel_start
        assert mark == "set by the build" and folder == str(Path.cwd())


def test_a_fork_server_started_ahead_is_used_or_ended(tmp_path: Path, kernel_start: bool) -> None:
    paths = [write_notebook(tmp_path, "01_n.ipynb", "import os; os.getppid()")]
    engine.prestart()
    started = list(engine._PRESTARTED)
    assert len(started) == (1 if kernel_start else 0)
    _, executed = run_shared(paths, {}, None, kernels=1)
    if kernel_start:  # the kernel was the server's child, and the server is gone with the build's kernels
        assert engine._PRESTARTED == []
        assert int(executed[0].cells[0].outputs[0]["data"]["text/plain"]) == started[0].process.pid
        assert started[0].process.poll() is not None
    engine.prestart()
    unused = list(engine._PRESTARTED)
    engine.discard_prestarted()  # every notebook came from the cache: the server ends unused
    assert engine._PRESTARTED == [] and all(server.process.poll() is not None for server in unused)


def test_a_kernel_that_dies_is_named_by_its_notebook(tmp_path: Path) -> None:
    paths = [write_notebook(tmp_path, "01_dies.ipynb", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")]
    with pytest.raises(NotebookError, match=r"^01_dies\.ipynb: its kernel stopped while running it"):
        run_shared(paths, {}, None, kernels=1)


def test_kernels_start_as_programs_of_their_own_if_the_fork_server_is_gone(tmp_path: Path, kernel_start: bool) -> None:
    if not kernel_start:
        pytest.skip("only kernels forked from a server can lose it")
    engine.prestart()
    server = engine._PRESTARTED[0]
    server.process.kill()
    server.process.wait()
    paths = [write_notebook(tmp_path, "01_n.ipynb", "import os; os.getppid() == int(os.environ['JPY_PARENT_PID'])")]
    _, executed = run_shared(paths, {}, None, kernels=1)
    assert executed[0].cells[0].outputs[0]["data"]["text/plain"] == "True"  # started by this process


def test_the_kernels_keep_no_history_on_disk(tmp_path: Path) -> None:
    # A build's cells never reach the user's IPython history database (~/.ipython).
    probe = "get_ipython().history_manager.enabled"
    _, executed = run_shared([write_notebook(tmp_path, "01_history.ipynb", probe)], {}, None, kernels=1)
    assert executed[0].cells[0].outputs[0]["data"]["text/plain"] == "False"


def test_the_kernels_answer_each_cell_without_a_pause_or_a_second_compile(tmp_path: Path) -> None:
    # ipykernel sleeps half a millisecond before each reply, and IPython compiles each cell once more to look for a
    # top-level await: neither is needed by the build's client or notebooks.
    probe = "(get_ipython().kernel._execute_sleep, get_ipython().autoawait)"
    _, executed = run_shared([write_notebook(tmp_path, "01_pause.ipynb", probe)], {}, None, kernels=1)
    assert executed[0].cells[0].outputs[0]["data"]["text/plain"] == "(0.0, False)"


GOOD_CELL = '{"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": null}'


def notebook_json(*cells: str) -> bytes:
    return ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [' + ", ".join(cells) + "]}").encode()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "not a Jupyter notebook (not JSON: Expecting value: line 1 column 1 (char 0))"),
        (b'{"cells": [', "not a Jupyter notebook (not JSON: "),
        (b"\xff\xfe", "not a Jupyter notebook (not JSON: "),
        (b"[]", 'not a Jupyter notebook (expected a JSON object with "nbformat": 4, an "nbformat_minor", "metadata"'),
        (b'{"nbformat": 3, "metadata": {}, "cells": []}', "not a Jupyter notebook (expected a JSON object"),
        (b'{"nbformat": 4, "cells": []}', "not a Jupyter notebook (expected a JSON object"),
        (notebook_json('{"cell_type": "code"}'), "cell 1 is not a notebook cell (expected a source of text)"),
        (notebook_json(GOOD_CELL, "3"), "cell 2 is not a notebook cell (expected a cell_type, one of code, markdown"),
        (notebook_json('{"cell_type": "markdown", "metadata": {}, "source": [1, 2]}'), "cell 1 is not a notebook cell"),
        (notebook_json('{"cell_type": "markdown", "source": "x"}'), "cell 1 is not a notebook cell (expected its meta"),
        (
            notebook_json('{"cell_type": "code", "metadata": {}, "source": "x", "outputs": "bad"}'),
            "cell 1 is not a notebook cell (expected a list of outputs, each with an output_type)",
        ),
        (b'{"nbformat": 4, "metadata": {}, "cells": []}', "not a Jupyter notebook (expected a JSON object"),
        (b'{"nbformat": 4, "nbformat_minor": "five", "metadata": {}, "cells": []}', "not a Jupyter notebook"),
        (b"[" * 100_000 + b"]" * 100_000, "not a Jupyter notebook (JSON nested too deeply)"),
        (
            notebook_json('{"cell_type": "code", "metadata": {"tags": 5}, "source": "x", "outputs": []}'),
            "cell 1 is not a notebook cell (expected its tags as a list of text)",
        ),
        (
            notebook_json(
                '{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "x = (", "outputs": []}'
            ),
            "its parameters cell is not valid Python (",
        ),
        (notebook_json(GOOD_CELL, '{"cell_type": "markdown", "metadata": {}, "source": ["# A\\n", "b"]}'), None),
    ],
)
def test_a_file_that_is_not_a_notebook_is_named_with_its_problem(tmp_path, content: bytes, problem) -> None:
    from medical_coding_salaries.build.execute import notebook_problem

    path = tmp_path / "01_x.ipynb"
    path.write_bytes(content)
    found = notebook_problem(path)
    assert found == problem if problem is None else found.startswith(problem), found


def test_every_committed_notebook_is_one() -> None:
    from medical_coding_salaries.build.execute import notebook_paths, notebook_problem

    assert [notebook_problem(path) for path in notebook_paths()] == [None] * len(notebook_paths())


def test_what_nbformat_rejects_after_the_shape_check_is_one_line(tmp_path, monkeypatch) -> None:
    path = tmp_path / "05_x.ipynb"
    path.write_bytes(notebook_json(GOOD_CELL))

    def reject(*_args, **_kwargs):
        raise nbformat.ValidationError("'outputs' is a required property\n\nFailed validating ...")

    monkeypatch.setattr(nbformat, "read", reject)
    with pytest.raises(BuildInputError) as raised:
        engine.prepare(path, {})
    assert str(raised.value) == (
        f"{path}: not a valid notebook ('outputs' is a required property); restore it from git, or remove it"
    )


def test_a_kernelspec_that_is_not_a_mapping_is_one_line(tmp_path) -> None:
    """papermill reads the kernelspec to find the parameters cell's language: a string there made it fail."""
    import json

    from medical_coding_salaries.paths import NOTEBOOKS

    notebook = json.loads((NOTEBOOKS / "02_experience.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["kernelspec"] = "python3"
    path = tmp_path / "02_experience.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(BuildInputError, match=r"02_experience.ipynb: not a valid notebook \('str' object has no"):
        engine.prepare(path, {"range_point": "low"})
