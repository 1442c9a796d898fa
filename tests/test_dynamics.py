"""symq.dynamics.solve: closed-form v(t) of moment systems against scipy's expm, the papers' Eq. 8,
exceptional points (polynomial-times-exponential forms), regimes, frames and errors.

Reference route: ``v(t)`` is the first n entries of ``expm(t [[A, b], [0, 0]]) (v0, 1)``
(scipy, double precision, backward stable: error ~1e-15 ||e^{At}||). The closed forms are
evaluated with mpmath at 40 digits, so cancellations between terms near an exceptional point
(partial-fraction coefficients ~ 1/(distance to the EP)) cost nothing. Tolerance: 1e-10 relative
to ``1 + max|v(t)|``, i.e. well above the reference's own error for the O(1)-conditioned
matrices drawn here (rates and couplings in [0.1, 10], times up to a few decay times).
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm

import symq
from symq.dynamics import Evolution, solve
from symq.errors import ModelError
from symq.moments import MomentSystem

RTOL = 1e-10

s, g, kappa, w0, J = sp.symbols("s g kappa omega_0 J", positive=True)
t = sp.Symbol("t", positive=True)
q1, q2 = symq.qubits("1 2")
SECOND = [q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()]


def dimer(frequency=False):
    H = g * (q1.dag() * q2 + q2.dag() * q1)
    if frequency:
        H = H + w0 * (q1.dag() * q1 + q2.dag() * q2)
    return symq.Lindblad(H, jumps=[(s * kappa, q1.dag()), (kappa, q2)])


def reference(system: MomentSystem, values: dict, time: float, v0) -> np.ndarray:
    A, b = system.numeric(values)
    n = len(b)
    aug = np.zeros((n + 1, n + 1), complex)
    aug[:n, :n], aug[:n, n] = A, b
    return (expm(aug * time) @ np.r_[np.asarray(v0, complex), 1])[:n]


def evaluate(evolution: Evolution, values: dict, time: float) -> np.ndarray:
    """The closed form at ``values`` and ``time`` in 40-digit arithmetic."""
    symbols = sorted(set().union(*(e.free_symbols for e in evolution.expressions)) - {evolution.t}, key=str)
    f = sp.lambdify([*symbols, evolution.t], list(evolution.expressions), modules="mpmath")
    with mpmath.workdps(40):
        args = [mpmath.mpf(values[x]) for x in symbols] + [mpmath.mpf(time)]
        return np.array([complex(x) for x in f(*args)])


def assert_close(got, ref, what):
    err = np.max(np.abs(got - ref)) / (1 + np.max(np.abs(ref)))
    assert err < RTOL, f"{what}: relative error {err:.2e} > {RTOL:.0e}\n got {got}\n ref {ref}"


rates = st.floats(0.1, 10.0)


# ---------------------------------------------------------------------------------------------
# the paper's Eq. 8 (unbalanced-gain-loss-qubits.md), derived from symq's second moments
# ---------------------------------------------------------------------------------------------
def test_paper_eq8_populations_at_balanced_gain_loss():
    second = dimer().moments(SECOND)
    balanced = MomentSystem(second.basis, second.A.subs(s, 1), second.b.subs(s, 1))
    ev = solve(balanced, t, {SECOND[0]: 1, SECOND[1]: 0, SECOND[2]: 0, SECOND[3]: 0})
    # printed Eq. (8a), (8b): a claim to check, not an input
    osc = (2 * g**2 * sp.cos(2 * g * t) + kappa * g * sp.sin(2 * g * t)) / (kappa**2 + 4 * g**2) * sp.exp(-kappa * t)
    eq8a = (kappa**2 + 2 * g**2) / (kappa**2 + 4 * g**2) + osc
    eq8b = 2 * g**2 / (kappa**2 + 4 * g**2) - osc
    assert sp.simplify(ev[SECOND[0]] - eq8a) == 0
    assert sp.simplify(ev[SECOND[1]] - eq8b) == 0
    # the derivation is already in the physicists' form: one decay rate, cos/sin of 2 g t, no I
    assert not ev[SECOND[0]].has(sp.I) and ev[SECOND[0]].has(sp.cos(2 * g * t))
    forms = {m.form for m in ev.modes}
    assert forms == {"exponential", "underdamped"}


# ---------------------------------------------------------------------------------------------
# general s: the Piecewise closed form against expm
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def general_dimer():
    second = dimer().moments(SECOND)
    return second, solve(second, t, [1, 0, 0, 0])


@settings(max_examples=25)
@given(sv=rates, gv=rates, kv=rates, tau=st.floats(0.0, 4.0))
def test_unbalanced_dimer_second_moments_match_expm(general_dimer, sv, gv, kv, tau):
    second, ev = general_dimer
    vals = {s: sv, g: gv, kappa: kv}
    time = tau / kv
    assert_close(evaluate(ev, vals, time), reference(second, vals, time, [1, 0, 0, 0]), f"at {vals}, t={time}")


def test_unbalanced_dimer_modes_and_the_type_II_ep(general_dimer):
    _, ev = general_dimer
    quad = [m for m in ev.modes if m.discriminant is not None]
    assert len(quad) == 1 and quad[0].form == "piecewise"
    # W = 0 is the type-II moment EP of Eq. (3c), g = |s - 1| kappa / 4
    assert set(sp.solve(quad[0].discriminant, g)) == {kappa * (1 - s) / 4, kappa * (s - 1) / 4}


# ---------------------------------------------------------------------------------------------
# at an exceptional point: polynomial times exponential
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def at_ep():
    second = dimer().moments(SECOND)
    ep = MomentSystem(second.basis, second.A.xreplace({g: kappa * (1 - s) / 4}), second.b)
    return ep, solve(ep, t, [1, 0, 0, 0])


def test_type_II_ep_is_damped_algebraic(at_ep):
    _, ev = at_ep
    # at g = (1 - s) kappa / 4 the quadratic's double root meets the coherence decay rate:
    # a fourfold eigenvalue -kappa (1 + s)/2 with a Jordan chain (t^2 terms)
    (mode,) = [m for m in ev.modes if m.multiplicity > 1]
    assert mode.form == "exponential" and mode.multiplicity == 4
    assert sp.simplify(mode.eigenvalues[0] + kappa * (1 + s) / 2) == 0
    n1 = sp.expand(ev.expressions[0])
    assert n1.has(t**2) and not n1.has(sp.cos) and not n1.has(sp.sin)


@settings(max_examples=25)
@given(sv=st.floats(0.02, 0.98), kv=rates, tau=st.floats(0.0, 6.0))
def test_type_II_ep_matches_expm(at_ep, sv, kv, tau):
    ep, ev = at_ep
    vals = {s: sv, kappa: kv}
    assert_close(evaluate(ev, vals, tau / kv), reference(ep, vals, tau / kv, [1, 0, 0, 0]), f"EP at {vals}")


# a PT-symmetric boson dimer (gain kappa on a1, loss kappa on a2): EP at J = kappa/2
a1, a2 = symq.bosons("1 2")
PT = symq.Lindblad(J * (a1.dag() * a2 + a2.dag() * a1), jumps=[(kappa, a1.dag()), (kappa, a2)])


@pytest.mark.parametrize("coupling", [J, kappa / 2])
def test_pt_boson_dimer_first_moments_across_the_ep(coupling):
    first = PT.moments([a1, a2])
    system = MomentSystem(first.basis, first.A.xreplace({J: coupling}), first.b)
    x1, x2 = sp.symbols("x1 x2")
    ev = solve(system, t, [x1, x2])
    if coupling == J:
        assert {m.form for m in ev.modes} == {"exponential", "piecewise"}  # the factor z, the pair
    else:  # at the EP both eigenvalues vanish: z det(z - A) = z^3, a Jordan block
        assert [(m.form, m.multiplicity, m.eigenvalues) for m in ev.modes] == [("exponential", 3, (0,))]
    rng = np.random.default_rng(3)
    for _ in range(5):
        vals = {J: rng.uniform(0.1, 3), kappa: rng.uniform(0.1, 3), x1: rng.normal(), x2: rng.normal()}
        time = rng.uniform(0, 3)
        v0 = [vals[x1], vals[x2]]
        if coupling != J:
            vals.pop(J)
        assert_close(evaluate(ev, vals, time), reference(system, vals, time, v0), f"PT dimer at {vals}")
    if coupling != J:  # critical: (1 + kappa t/2) x1 - i kappa t/2 x2, no oscillation
        assert sp.simplify(ev.expressions[0] - ((1 + kappa * t / 2) * x1 - sp.I * kappa * t / 2 * x2)) == 0


# ---------------------------------------------------------------------------------------------
# regimes: assumptions and hints pick the real form
# ---------------------------------------------------------------------------------------------
def test_assumptions_and_regime_hint_pick_the_real_form(general_dimer):
    second, _ = general_dimer
    init = [1, 0, 0, 0]
    under = solve(second, t, init, assumptions=[g > (1 - s) * kappa / 4, s < 1])
    over = solve(second, t, init, assumptions=[g < (1 - s) * kappa / 4])
    forced = solve(second, t, init, regime="overdamped")
    def quad(ev):
        return next(m.form for m in ev.modes if m.discriminant is not None)

    assert quad(under) == "underdamped" and under.expressions[0].has(sp.cos) and not under.expressions[0].has(sp.Piecewise)
    assert quad(over) == "overdamped" and over.expressions[0].has(sp.cosh)
    assert quad(forced) == "overdamped"
    # each form agrees with the reference inside its regime
    for ev, vals in ((under, {s: 0.5, g: 0.4, kappa: 1.0}), (over, {s: 0.5, g: 0.05, kappa: 1.0})):
        assert_close(evaluate(ev, vals, 1.3), reference(second, vals, 1.3, init), f"{quad(ev)} at {vals}")


# ---------------------------------------------------------------------------------------------
# complex spectra, rotating frames, RootSum, conserved quantities, symbolic initial values
# ---------------------------------------------------------------------------------------------
def test_first_moments_with_a_common_frequency_factor_out_the_rotation():
    first = dimer(frequency=True).moments([q1, q2])
    x = sp.symbols("x0:4")
    ev = solve(first, t, list(x))
    # omega_0 only rotates: e^{-i omega_0 t} times a RootSum over the irreducible quartic
    assert all(e.has(sp.exp(-sp.I * w0 * t)) for e in ev.expressions)
    assert any(m.form == "rootsum" for m in ev.modes)
    vals = {s: sp.Rational(7, 10), g: sp.Rational(2, 5), kappa: sp.Rational(11, 10), w0: 2}
    v0 = [sp.Rational(3, 10) + sp.I / 10, -sp.I / 5, sp.Rational(1, 2), sp.Rational(1, 10)]
    got = ev.evaluate({**vals, **dict(zip(x, v0))}, sp.Rational(17, 10))
    assert_close(got, reference(first, vals, 1.7, [complex(v) for v in v0]), "first moments")
    at0 = ev.evaluate({**vals, **dict(zip(x, v0))}, 0)
    assert_close(at0, np.array([complex(v) for v in v0]), "v(0)")


def test_driven_damped_oscillator_complex_charpoly():
    a = symq.bosons("a")
    F, Delta = sp.symbols("F Delta", positive=True)
    model = symq.Lindblad(Delta * a.dag() * a + F * (a + a.dag()), jumps=[(kappa, a)])
    first = model.moments([a])
    ev = solve(first, t, [0])
    expected = -sp.I * F / (kappa / 2 + sp.I * Delta) * (1 - sp.exp(-(kappa / 2 + sp.I * Delta) * t))
    vals = {kappa: 0.7, Delta: 1.9, F: 0.3}
    assert_close(evaluate(ev, vals, 2.2), np.array([complex(expected.subs({**vals, t: 2.2}))]), "driven oscillator")
    assert_close(evaluate(ev, vals, 2.2), reference(first, vals, 2.2, [0]), "driven oscillator vs expm")


def test_singular_matrix_conserved_population():
    closed = symq.Lindblad(g * (q1.dag() * q2 + q2.dag() * q1))
    second = closed.moments(SECOND)
    ev = solve(second, t, [1, 0, 0, 0])
    assert sp.simplify(ev.expressions[0] - sp.cos(g * t) ** 2) == 0
    assert sp.simplify(ev.expressions[0] + ev.expressions[1] - 1) == 0


# ---------------------------------------------------------------------------------------------
# errors name what is wrong
# ---------------------------------------------------------------------------------------------
def test_errors():
    second = dimer().moments(SECOND)
    with pytest.raises(ModelError, match="expected a value for every basis operator"):
        solve(second, t, {SECOND[0]: 1})
    with pytest.raises(ModelError, match="vector of length 4"):
        solve(second, t, [1, 0])
    with pytest.raises(ModelError, match="regime"):
        solve(second, t, [1, 0, 0, 0], regime="critical")
    with pytest.raises(ModelError, match="time as a sympy Symbol"):
        solve(second, 1.0, [1, 0, 0, 0])
    with pytest.raises(ModelError, match="also a parameter"):
        solve(second, g, [1, 0, 0, 0])
    with pytest.raises(ModelError, match="strict relations"):
        solve(second, t, [1, 0, 0, 0], assumptions=[sp.Eq(g, kappa)])
    with pytest.raises(ModelError, match="expected a MomentSystem"):
        solve(second.A, t, [1, 0, 0, 0])


def test_radicals_in_the_matrix_are_generators():
    """Entries with sqrt(S) (e.g. unnormalised Holstein-Primakoff couplings) and sqrt(2)."""
    Sx = sp.Symbol("S", positive=True)
    A = sp.Matrix([[-kappa, sp.sqrt(2) * sp.sqrt(Sx)], [-sp.sqrt(2 * Sx), -kappa]])
    system = MomentSystem((q1, q2), A, sp.Matrix([1, 0]))
    ev = solve(system, t, [1, 0])
    assert [m.form for m in ev.modes] == ["exponential", "underdamped"]
    vals = {Sx: 2.3, kappa: 0.8}
    assert_close(evaluate(ev, vals, 1.7), reference(system, vals, 1.7, [1, 0]), "radical entries")
