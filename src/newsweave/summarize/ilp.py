"""A binary integer linear program solved exactly by HiGHS, through ``highspy``.

``scipy.optimize.milp`` runs the same solver, but importing ``scipy.optimize`` costs ~0.3 s of every run's
start-up (it imports all of scipy.optimize, linalg and fft) against ~0.01 s for ``highspy``. The model is
passed as ``milp`` passes it (columns, no console log, presolve on, a time limit), and ``highspy`` is pinned to
the HiGHS release scipy bundles, so the selections are the ones ``milp`` made.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Solution:
    x: np.ndarray | None
    """The variables' values, or None when no feasible solution was found in time."""
    message: str


_REDIRECT = threading.Lock()
"""One redirection at a time: two overlapping ones could restore file descriptor 1 out of order."""


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    """The process's C library, loaded once (None where there is none to load: nothing of ours is buffered)."""
    try:
        return ctypes.CDLL(None)
    except Exception:  # noqa: BLE001 - any platform without dlopen(NULL)
        return None


def _flush_c_stdio() -> None:
    with suppress(Exception):  # a C library without fflush: nothing to flush
        if (libc := _libc()) is not None:
            libc.fflush(None)


@contextmanager
def solver_stdout_to_stderr() -> Iterator[None]:
    """While inside, what native code prints to the process's standard output goes to standard error.

    HiGHS 1.12 prints "HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();" from C++ at
    times whatever its log options say (ERGO-Code/HiGHS#2783); on standard output it would land inside a digest
    printed there (Markdown or JSON). The C library's buffers are flushed on the way in and out, so nothing meant
    for either side ends on the other. Process-wide while it lasts (solves are serialised by a lock): another
    thread's print to standard output in that time goes to standard error too (`serve` writes none)."""
    with _REDIRECT:
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
            saved = os.dup(1)
        except (OSError, ValueError, AttributeError):  # no standard output to guard
            yield
            return
        try:
            _flush_c_stdio()
            with suppress(OSError):  # no standard error (closed): standard output stays as it is
                os.dup2(2, 1)
            yield
        finally:
            try:
                _flush_c_stdio()
            finally:
                os.dup2(saved, 1)
                os.close(saved)


def solve_binary(cost: np.ndarray, a: csr_matrix, upper: np.ndarray, time_limit: float) -> Solution:
    """Minimise ``cost @ x`` over ``x`` in {0, 1}^n subject to ``a @ x <= upper``. Within ``time_limit``
    seconds the best feasible solution found so far is returned (as ``milp`` does)."""
    import highspy

    n_rows, n_cols = a.shape
    if cost.shape != (n_cols,) or upper.shape != (n_rows,):
        raise ValueError(f"shapes differ: cost {cost.shape}, a {a.shape}, upper {upper.shape}")
    if not (np.all(np.isfinite(cost)) and np.all(np.isfinite(a.data)) and np.all(np.isfinite(upper))):
        raise ValueError("the program has a cost, coefficient or bound that is not a finite number")
    cols = a.tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.a_matrix_.num_col_ = n_cols
    lp.a_matrix_.num_row_ = n_rows
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.col_cost_ = np.asarray(cost, dtype=np.float64)
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = np.asarray(upper, dtype=np.float64)
    lp.a_matrix_.start_ = cols.indptr
    lp.a_matrix_.index_ = cols.indices
    lp.a_matrix_.value_ = cols.data.astype(np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    h = highspy.Highs()
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("presolve", "on")
    h.setOptionValue("time_limit", float(time_limit))
    with solver_stdout_to_stderr():
        failed = h.passModel(lp) == highspy.HighsStatus.kError or h.run() == highspy.HighsStatus.kError
    if failed:
        return Solution(None, h.modelStatusToString(h.getModelStatus()))
    status = h.getModelStatus()
    stopped = status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kIterationLimit,
                         highspy.HighsModelStatus.kSolutionLimit)
    found = status == highspy.HighsModelStatus.kOptimal or (
        stopped and h.getInfo().objective_function_value != highspy.kHighsInf)
    message = h.modelStatusToString(status)
    return Solution(np.asarray(h.getSolution().col_value) if found else None, message)
