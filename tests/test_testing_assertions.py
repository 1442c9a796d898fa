"""symq.testing.assertions: formula vs QuTiP steady-state comparisons, and their failures."""

import numpy as np
import pytest
import sympy as sp

from symq.errors import SymqError
from symq.formulas import unbalanced_dimer as F
from symq.models import get
from symq.testing import (
    MEASURES,
    assert_formula_matches_steady_state,
    formula_values,
    steady_state_values,
)

SPEC = get("unbalanced_dimer")
Q1, Q2 = SPEC.ops["sigma_1"], SPEC.ops["sigma_2"]
POINTS = [
    {"s": 1.0, "g": 0.3, "kappa": 1.0, "omega_0": 2.0},
    {"s": 0.5, "g": 0.05, "kappa": 2.0, "omega_0": 1.0},
    {"s": 4.0, "g": 7.0, "kappa": 0.5, "omega_0": 0.3},
]


def test_generated_formulas_pass_with_named_measures_and_operators():
    # 1e-8 relative; concurrence from QuTiP keeps ~1e-8 absolute (square roots of small eigenvalues)
    assert assert_formula_matches_steady_state(F.purity, SPEC, "purity", POINTS, rtol=1e-8, atol=1e-14) <= 1
    assert assert_formula_matches_steady_state(F.concurrence, "unbalanced_dimer", "concurrence", POINTS, rtol=1e-8, atol=2e-8) <= 1
    assert assert_formula_matches_steady_state(F.population_2, SPEC.model, Q2.dag() * Q2, POINTS, rtol=1e-8, atol=1e-14) <= 1


def test_fails_on_a_deliberately_wrong_formula():
    def wrong_purity(s, g, kappa):  # the correct one with kappa -> 1.01 kappa
        return F.purity(s, g, 1.01 * kappa)

    with pytest.raises(AssertionError) as err:
        assert_formula_matches_steady_state(wrong_purity, SPEC, "purity", POINTS, rtol=1e-8, atol=1e-14)
    msg = str(err.value)
    assert "wrong_purity" in msg and "'g': 0.3" in msg and "'s': 1.0" in msg
    assert f"formula {float(wrong_purity(1.0, 0.3, 1.0))!r}" in msg
    reported = float(msg.split(", steady state ")[1].split(" ")[0])  # the reference value is named too
    assert reported == pytest.approx(float(F.purity(1.0, 0.3, 1.0)), rel=1e-10)


def test_fails_when_the_quantity_is_a_different_observable():
    with pytest.raises(AssertionError, match="population_1 != <σ_2†σ_2>"):
        assert_formula_matches_steady_state(F.population_1, SPEC, Q2.dag() * Q2, POINTS[:1], rtol=1e-3, atol=1e-3)


def test_nan_is_a_failure():
    with pytest.raises(AssertionError, match="nan"):
        assert_formula_matches_steady_state(lambda s, g, kappa: np.nan, SPEC, "purity", POINTS[:1], rtol=1, atol=1)


def test_callable_quantity_and_values_helpers():
    def imbalance(rho):
        import qutip

        n1 = qutip.expect(qutip.tensor(qutip.num(2), qutip.qeye(2)), rho)
        n2 = qutip.expect(qutip.tensor(qutip.qeye(2), qutip.num(2)), rho)
        return (n1 - n2) / (n1 + n2)

    ref = steady_state_values(SPEC, imbalance, POINTS)
    got = formula_values(F.imbalance, POINTS)
    np.testing.assert_allclose(got, ref, rtol=1e-9)
    # linear entropy normalised by d/(d-1) = 4/3 for two qubits, as in the generated formula
    np.testing.assert_allclose(
        steady_state_values(SPEC, "linear_entropy", POINTS), formula_values(F.linear_entropy, POINTS), rtol=1e-9
    )
    assert set(MEASURES) >= {"purity", "linear_entropy", "von_neumann_entropy", "concurrence", "negativity"}


def test_points_may_use_symbols_as_keys():
    s, g, kappa, w0 = (SPEC.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    pt = {s: 2.0, g: sp.Rational(1, 2), kappa: 1.0, w0: 1.0}
    assert assert_formula_matches_steady_state(F.epr, SPEC, lambda rho: _epr(rho), [pt], rtol=1e-8, atol=1e-14) <= 1


def _epr(rho):
    import qutip

    n1, n2 = qutip.num(2), qutip.num(2)
    N1, N2 = qutip.tensor(n1, qutip.qeye(2)), qutip.tensor(qutip.qeye(2), n2)
    return qutip.expect(N1, rho) * qutip.expect(N2, rho) - qutip.expect(N1 * N2, rho)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(quantity="entanglement"), "expected one of"),
        (dict(points=[{"s": 1.0, "g": 0.3, "kappa": 1.0}]), "missing \\['omega_0'\\]"),
        (dict(points=[]), "at least one parameter point"),
        (dict(rtol=0.0, atol=0.0), "not both zero"),
        (dict(model=42), "expected a Lindblad model"),
        (dict(model="no_such_model"), "unbalanced_dimer"),
    ],
)
def test_bad_input_raises_symq_errors(kwargs, match):
    args = dict(formula=F.purity, model=SPEC, quantity="purity", points=POINTS[:1], rtol=1e-8, atol=1e-12)
    args.update(kwargs)
    with pytest.raises(SymqError, match=match):
        assert_formula_matches_steady_state(**args)


def test_formula_arguments_must_be_in_the_point():
    with pytest.raises(SymqError, match="needs \\['tau'\\]"):
        formula_values(lambda s, tau: s, POINTS[:1])
