"""The summary's binary ILP (highspy): optimal on small programs checked by enumeration, the same choices as
scipy's milp (the same HiGHS release), and no solution when none is feasible."""

from __future__ import annotations

import itertools
import os
import random

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

from newsweave.summarize.ilp import solve_binary


def _random_program(rng: random.Random, n: int, m: int) -> tuple[np.ndarray, csr_matrix, np.ndarray]:
    cost = np.array([rng.uniform(-5, 1) for _ in range(n)])
    a = np.array([[rng.choice([0.0, 0.0, 1.0, -1.0, float(rng.randint(1, 9))]) for _ in range(n)]
                  for _ in range(m)])
    upper = np.array([rng.uniform(0, 10) for _ in range(m)])
    return cost, csr_matrix(a), upper


def _best_by_enumeration(cost: np.ndarray, a: csr_matrix, upper: np.ndarray) -> float | None:
    dense = a.toarray()
    best = None
    for bits in itertools.product((0.0, 1.0), repeat=len(cost)):
        x = np.array(bits)
        if np.all(dense @ x <= upper + 1e-9):
            value = float(cost @ x)
            best = value if best is None else min(best, value)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_optimal_on_small_programs(seed: int) -> None:
    rng = random.Random(seed)
    cost, a, upper = _random_program(rng, rng.randint(2, 9), rng.randint(1, 6))
    sol = solve_binary(cost, a, upper, time_limit=10.0)
    best = _best_by_enumeration(cost, a, upper)
    assert best is not None  # x = 0 is feasible: every upper bound is >= 0
    assert sol.x is not None
    x = sol.x > 0.5
    assert np.all(a.toarray() @ x <= upper + 1e-6)
    assert float(cost @ x) == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("seed", range(10))
def test_same_choice_as_scipy_milp(seed: int) -> None:
    rng = random.Random(100 + seed)
    cost, a, upper = _random_program(rng, 30, 20)
    ours = solve_binary(cost, a, upper, time_limit=10.0)
    theirs = milp(cost, constraints=LinearConstraint(a, -np.inf, upper), integrality=np.ones(len(cost)),
                  bounds=Bounds(0, 1), options={"time_limit": 10.0, "presolve": True})
    assert ours.x is not None and theirs.x is not None
    assert list(ours.x > 0.5) == list(theirs.x > 0.5)


def test_infeasible_program_gives_no_solution() -> None:
    # x0 + x1 <= -1 has no solution in {0, 1}
    sol = solve_binary(np.array([1.0, 1.0]), csr_matrix(np.array([[1.0, 1.0]])), np.array([-1.0]), 5.0)
    assert sol.x is None
    assert "nfeasible" in sol.message


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError, match="shapes differ"):
        solve_binary(np.zeros(3), csr_matrix(np.zeros((2, 2))), np.zeros(2), 1.0)


def test_non_finite_input_is_refused() -> None:
    a = csr_matrix(np.array([[1.0, 1.0]]))
    with pytest.raises(ValueError, match="finite"):
        solve_binary(np.array([np.nan, 1.0]), a, np.array([1.0]), 1.0)
    with pytest.raises(ValueError, match="finite"):
        solve_binary(np.array([1.0, 1.0]), csr_matrix(np.array([[np.nan, 1.0]])), np.array([1.0]), 1.0)


@pytest.mark.parametrize("limit", [0.0, 1e-4])
def test_a_time_limit_gives_what_milp_gives(limit: float) -> None:
    """Stopped early, both give no solution or a feasible one of the same value (the best found so far)."""
    rng = random.Random(7)
    cost, a, upper = _random_program(rng, 60, 40)
    ours = solve_binary(cost, a, upper, time_limit=limit)
    theirs = milp(cost, constraints=LinearConstraint(a, -np.inf, upper), integrality=np.ones(len(cost)),
                  bounds=Bounds(0, 1), options={"time_limit": limit, "presolve": True})
    assert (ours.x is None) == (theirs.x is None)
    if ours.x is not None and theirs.x is not None:
        assert np.all(a.toarray() @ (ours.x > 0.5) <= upper + 1e-6)
        assert float(cost @ (ours.x > 0.5)) == pytest.approx(float(cost @ (theirs.x > 0.5)), abs=1e-6)


def test_what_native_code_prints_during_a_solve_goes_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    """HiGHS 1.12 sometimes prints a debug line from C++; a digest printed on standard output must not get it."""
    import ctypes

    from newsweave.summarize.ilp import solver_stdout_to_stderr

    libc = ctypes.CDLL(None)
    with solver_stdout_to_stderr():
        libc.printf(b"native line\n")  # buffered by the C library, as HiGHS's printf is
        os.write(1, b"raw line\n")
    print("after", flush=True)
    out, err = capfd.readouterr()
    assert "native line" in err and "raw line" in err
    assert out == "after\n"


def test_a_solve_runs_inside_the_redirection(monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import contextmanager

    from newsweave.summarize import ilp

    entered: list[bool] = []

    @contextmanager
    def recording():  # type: ignore[no-untyped-def]
        entered.append(True)
        yield

    monkeypatch.setattr(ilp, "solver_stdout_to_stderr", recording)
    sol = ilp.solve_binary(np.array([-1.0, -2.0]), csr_matrix(np.array([[1.0, 1.0]])), np.array([1.0]), 5.0)
    assert entered == [True] and sol.x is not None and list(sol.x.round()) == [0.0, 1.0]
