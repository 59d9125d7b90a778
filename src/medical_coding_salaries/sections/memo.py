"""The sections' pure helpers computed once per process for each content of their arguments.

A kernel runs a notebook's cells, the robustness grid's eighteen combinations and several notebooks: the same
helper (the experience levels of one cleaned table, the official trend in one year's dollars) is asked for again
and again with equal arguments. `remembered` keeps each result by the content of the arguments (a DataFrame or
Series by a digest of its pickled bytes, anything else by its value) and by the state of the input files, and
hands out a copy of a DataFrame, Series, list or dict, so that a caller changing what it got changes nothing kept.
Arguments must be hashable or pandas objects: Parameters are never passed (hashing a recording copy would note
every field as read, sweep_runs), only the values a helper needs.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import pickle
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

import pandas as pd

P = ParamSpec("P")
R = TypeVar("R")

_RESULTS: dict[tuple, Any] = {}


def content_key(value: Any) -> Hashable:
    """What identifies an argument's content: a digest of a pandas object's pickled bytes, else the value."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return (type(value).__name__, hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).digest())
    hash(value)  # anything else must be hashable: a TypeError here names the helper's misuse
    return value


def inputs_state() -> tuple:
    """The input files' state (paths.input_state, of the data folder in use now): a helper may read reference
    data itself."""
    from medical_coding_salaries import paths

    return paths.input_state(paths.DATA)


def fresh(value: R) -> R:
    """A copy of a kept result that its caller may change: pandas objects and containers are copied."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy()
    if isinstance(value, list | dict | set):
        return copy.deepcopy(value)
    return value


def remembered(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, computed once per process for each content of its arguments and state of the input files."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (
            function.__module__,
            function.__qualname__,
            tuple(content_key(value) for value in args),
            tuple(sorted((name, content_key(value)) for name, value in kwargs.items())),
            inputs_state(),
        )
        if key not in _RESULTS:
            _RESULTS[key] = function(*args, **kwargs)
        return fresh(_RESULTS[key])

    return wrapper
