"""symq.steady: exact steady states (U(1)-sector and full Liouvillian) against QuTiP and closed forms.

Tolerances: QuTiP's ``steadystate`` (direct sparse LU) reproduces the exact dimer state to ~1e-15
relative over the whole hypothesis range (measured: worst 8e-16 over 300 random points), so 1e-8
relative (Frobenius norm) leaves seven orders of margin for other machines' BLAS/LU pivoting
while still catching any wrong matrix element (an error in a rate or a sign is O(1)).
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import symq
from symq.algebra import space, to_dense
from symq.errors import ModelError, NumericsError
from symq.steady import (
    SlowSolveWarning,
    exact_matrix,
    moment_steady_state,
    steady_state,
)

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

RTOL = 1e-8  # see the module docstring

s, g, kappa, w0, gamma, Omega, Delta = sp.symbols("s g kappa omega_0 gamma Omega Delta", positive=True)
q1, q2 = symq.qubits("1 2")
DIMER = symq.Lindblad(w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1),
                      jumps=[(s * kappa, q1.dag()), (kappa, q2)])
RHO = steady_state(DIMER)
RHO_NUM = sp.lambdify((s, g, kappa), RHO, "numpy")


def qutip_dimer(sv, gv, kv, wv):
    """The paper's dimer built directly in QuTiP: destroy(2) per qubit, tensor order (1, 2)."""
    sm, eye = qutip.destroy(2), qutip.qeye(2)
    s1, s2 = qutip.tensor(sm, eye), qutip.tensor(eye, sm)
    H = wv * (s1.dag() * s1 + s2.dag() * s2) + gv * (s1.dag() * s2 + s2.dag() * s1)
    return H, [np.sqrt(sv * kv) * s1.dag(), np.sqrt(kv) * s2]


def log_uniform(lo, hi):
    return st.floats(np.log10(lo), np.log10(hi)).map(lambda x: 10.0**x)


PARAMS = st.tuples(log_uniform(0.05, 20), log_uniform(1e-3, 1e2), log_uniform(1e-2, 1e2), st.floats(0, 10))


def rel_err(a, b) -> float:
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)) / np.linalg.norm(np.asarray(b)))


def qutip_of(model, values, cutoffs=None):
    """QuTiP steady state of a symq model through symq's own matrices (for models without a
    hand-written QuTiP twin; the matrices themselves are pinned to QuTiP in test_algebra)."""
    sp_ = space(list(model.sites), cutoffs=cutoffs, values=values)
    dims = [list(sp_.dims)] * 2
    H = qutip.Qobj(to_dense(model.H, sp_, values), dims=dims)
    c_ops = [np.sqrt(float(sp.N(ch.rate.xreplace(values)))) * qutip.Qobj(to_dense(ch.left, sp_, values), dims=dims)
             for ch in model.channels]
    return qutip.steadystate(H, c_ops).full()


# -- the paper's dimer -----------------------------------------------------------------------------
def test_dimer_closed_form():
    """Derived by hand from L[rho] = 0 in the zero-charge sector (basis |n1 n2>, level 0 = ground)."""
    D = (4 * g**2 + s * kappa**2) * (s + 1) ** 2
    expected = sp.zeros(4, 4)
    expected[0, 0] = 4 * g**2 / D
    expected[1, 1] = 4 * g**2 * s / D                       # |01>: qubit 2 excited
    expected[2, 2] = s * (4 * g**2 + kappa**2 * (s + 1) ** 2) / D
    expected[3, 3] = 4 * g**2 * s**2 / D
    expected[1, 2] = -2 * sp.I * g * kappa * s * (s + 1) / D  # <sigma_1^dag sigma_2> = rho[1, 2]
    expected[2, 1] = -expected[1, 2]
    assert (RHO - expected).applyfunc(sp.cancel) == sp.zeros(4, 4)
    assert RHO.free_symbols == {s, g, kappa}  # omega_0 drops out of the zero-charge sector
    assert sp.cancel(RHO.trace()) == 1


def test_dimer_is_fast_and_factored():
    t0 = time.perf_counter()
    rho = steady_state(DIMER)
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0, f"exact dimer steady state took {elapsed:.2f} s (measured ~0.05 s)"
    assert rho[2, 1] == 2 * sp.I * g * kappa * s / ((4 * g**2 + kappa**2 * s) * (s + 1))  # factored, as printed
    assert DIMER.steady_state() == rho


@given(PARAMS)
def test_dimer_matches_qutip(p):
    sv, r, kv, wv = p
    gv = r * kv
    expected = qutip.steadystate(*qutip_dimer(sv, gv, kv, wv)).full()
    assert rel_err(np.array(RHO_NUM(sv, gv, kv), dtype=complex), expected) < RTOL


def test_moment_steady_state_matches_exact_state():
    second = DIMER.moments([q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()])
    fixed = moment_steady_state(second)
    sp_ = space([q1, q2])
    for op, value in fixed.items():
        exact = sum((RHO * exact_matrix(op, sp_)).diagonal())
        assert sp.cancel(value - exact) == 0, op
    assert fixed[q2.dag() * q2] == 4 * g**2 * s / ((4 * g**2 + kappa**2 * s) * (s + 1))


def test_moment_steady_state_rejects_singular_systems():
    free = symq.Lindblad(g * (q1.dag() * q2 + q2.dag() * q1))  # no dissipation: populations conserved
    with pytest.raises(ModelError, match="moment_steady_state: expected an invertible"):
        moment_steady_state(free.moments([q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()]))
    with pytest.raises(ModelError, match="expected a MomentSystem"):
        moment_steady_state(RHO)


# -- other models ----------------------------------------------------------------------------------
def test_driven_two_level_atom():
    """No U(1) symmetry (coherent drive): full 4x4 Liouvillian. Textbook resonance-fluorescence
    result: rho_ee = Omega^2/(Delta^2 + 2 Omega^2 + gamma^2/4), rho_ge = -Omega (2 Delta - i gamma)/(...)."""
    e = symq.qubits("e")
    model = symq.Lindblad(Delta * e.dag() * e + Omega * (e + e.dag()), jumps=[(gamma, e)])
    assert model.u1_charges() is None
    rho = steady_state(model)
    den = 4 * Delta**2 + 8 * Omega**2 + gamma**2
    assert sp.cancel(rho[1, 1] - 4 * Omega**2 / den) == 0
    assert sp.cancel(rho[0, 1] + 2 * Omega * (2 * Delta - sp.I * gamma) / den) == 0
    vals = {Delta: 0.3, Omega: 0.7, gamma: 1.1}
    assert rel_err(np.array(rho.xreplace(vals).evalf(), dtype=complex), qutip_of(model, vals)) < RTOL


def test_three_level_system_without_symmetry():
    """A pumped ladder 0 -> 1 -> 2 with a direct 2 -> 0 decay; 9 unknowns, five symbols."""
    t = symq.transitions("x", 3)
    model = symq.Lindblad(Omega * (t[1, 0] + t[0, 1]) + g * (t[2, 1] + t[1, 2]),
                          jumps=[(gamma, t[0, 1]), (kappa, t[1, 2]), (s, t[0, 2])])
    rho = steady_state(model)
    assert sp.cancel(rho.trace()) == 1
    assert (rho - rho.H).applyfunc(sp.cancel) == sp.zeros(3, 3)
    for vals in ({Omega: 0.7, g: 0.4, gamma: 1.1, kappa: 0.5, s: 0.2}, {Omega: 3.0, g: 0.01, gamma: 0.1, kappa: 2.0, s: 5.0}):
        assert rel_err(np.array(rho.xreplace(vals).evalf(), dtype=complex), qutip_of(model, vals)) < RTOL


def test_spin_one_dimer_with_gain_and_loss():
    """Spin-1 dimer (sqrt(2) ladder elements kept exact), 19-element zero-charge sector."""
    a, b = symq.spins("a b", 1)
    model = symq.Lindblad(g * (a.plus * b.minus + b.plus * a.minus), jumps=[(s * kappa, a.plus), (kappa, b.minus)])
    rho = steady_state(model)
    assert rho.shape == (9, 9) and sp.cancel(rho.trace()) == 1
    sa, sb = qutip.jmat(1, "+"), qutip.jmat(1, "-")
    eye = qutip.qeye(3)
    for sv, gv, kv in ((0.7, 0.4, 1.0), (3.0, 2.5, 0.2)):
        A, B = qutip.tensor(sa, eye), qutip.tensor(eye, sb)  # site "a" first (sorted by name)
        H = gv * (A * B + A.dag() * B.dag())
        expected = qutip.steadystate(H, [np.sqrt(sv * kv) * A, np.sqrt(kv) * B]).full()
        got = np.array(rho.xreplace({s: sv, g: gv, kappa: kv}).evalf(), dtype=complex)
        assert rel_err(got, expected) < RTOL


def test_symbolic_spin_length_needs_a_value():
    S = sp.Symbol("S", positive=True)
    a, b = symq.spins("a b", S)
    model = symq.Lindblad(g * (a.plus * b.minus + b.plus * a.minus), jumps=[(kappa, a.plus), (kappa, b.minus)])
    with pytest.raises(NumericsError, match="spin 'a' has symbolic length S"):
        steady_state(model)
    rho = steady_state(model, values={S: sp.Rational(1, 2)})
    assert rho.shape == (4, 4) and sp.cancel(rho.trace()) == 1


def test_truncated_oscillator_dimer():
    """The paper's N-level (truncated oscillator) dimer, N = 3: Fock cutoffs as QuTiP destroy(3)."""
    a1, a2 = symq.bosons("1 2")
    model = symq.Lindblad(w0 * (a1.dag() * a1 + a2.dag() * a2) + g * (a1.dag() * a2 + a2.dag() * a1),
                          jumps=[(s * kappa, a1.dag()), (kappa, a2)])
    with pytest.raises(NumericsError, match=r"expected a Fock cutoff for every boson .* got none for \['1', '2'\]"):
        steady_state(model)
    rho = steady_state(model, cutoffs={a1: 3, a2: 3}, values={kappa: 1})
    assert sp.cancel(rho.trace()) == 1
    a, eye = qutip.destroy(3), qutip.qeye(3)
    b1, b2 = qutip.tensor(a, eye), qutip.tensor(eye, a)
    for sv, gv in ((0.5, 0.3), (2.0, 1.7)):
        H = 1.3 * (b1.dag() * b1 + b2.dag() * b2) + gv * (b1.dag() * b2 + b2.dag() * b1)
        expected = qutip.steadystate(H, [np.sqrt(sv) * b1.dag(), b2]).full()
        got = np.array(rho.xreplace({s: sv, g: gv}).evalf(), dtype=complex)
        assert rel_err(got, expected) < RTOL


def test_complex_parameters_and_phases():
    """A complex drive amplitude (no real assumption) is solved over QQ_I(parameters)."""
    e = symq.qubits("e")
    W = sp.Symbol("W")
    model = symq.Lindblad(W * e.dag() + sp.conjugate(W) * e, jumps=[(gamma, e)])
    rho = steady_state(model)
    vals = {W: 0.4 + 0.3j, gamma: 0.9}
    H = 0.4 * qutip.destroy(2).dag() + 0.3j * qutip.destroy(2).dag()
    H = H + H.dag()
    expected = qutip.steadystate(H, [np.sqrt(0.9) * qutip.destroy(2)]).full()
    assert rel_err(np.array(rho.subs(vals).evalf(), dtype=complex), expected) < RTOL
    # a phase exp(i phi) of a real parameter: real route with cos/sin generators
    phi = sp.Symbol("phi", positive=True)
    model = symq.Lindblad(Omega * (sp.exp(sp.I * phi) * e.dag() + sp.exp(-sp.I * phi) * e), jumps=[(gamma, e)])
    rho = steady_state(model)
    assert sp.cancel(rho[1, 1] - 4 * Omega**2 / (8 * Omega**2 + gamma**2)) == 0
    H = 0.4 * (np.exp(0.7j) * qutip.destroy(2).dag() + np.exp(-0.7j) * qutip.destroy(2))
    expected = qutip.steadystate(H, [np.sqrt(1.3) * qutip.destroy(2)]).full()
    got = np.array(rho.subs({phi: 0.7, gamma: 1.3, Omega: 0.4}).evalf(), dtype=complex)
    assert rel_err(got, expected) < RTOL


def test_degenerate_and_large_models():
    with pytest.raises(ModelError, match="expected a unique steady state"):
        steady_state(symq.Lindblad(g * (q1.dag() * q2 + q2.dag() * q1)))
    # no U(1) symmetry and dimension 10 > 8: warned, still solved (numeric values keep it quick)
    e = symq.qubits("e")
    t = symq.transitions("y", 5)
    H = Omega * (e + e.dag()) + g * (t[1, 0] + t[0, 1]) * (e + e.dag()) + Delta * t[2, 2]
    model = symq.Lindblad(H, jumps=[(gamma, e), (kappa, t[0, 1]), (kappa, t[1, 2]), (kappa, t[2, 3]), (kappa, t[3, 4])])
    vals = {Omega: sp.Rational(1, 2), g: sp.Rational(1, 3), Delta: 1, gamma: 1, kappa: sp.Rational(3, 2)}
    with pytest.warns(SlowSolveWarning, match="no U\\(1\\) symmetry"):
        rho = steady_state(model, values=vals)
    assert rho.free_symbols == set() and rho.trace() == 1
    assert rel_err(np.array(rho.evalf(), dtype=complex), qutip_of(model, vals)) < RTOL


@pytest.mark.parametrize("make", [
    lambda: (symq.bosons("b"), {"cut": 5}),
    lambda: (symq.spins("j", sp.Rational(3, 2)), {}),
    lambda: (symq.transitions("t", 4)[1, 3], {}),
])
def test_exact_matrix_equals_numeric_matrix(make):
    op, opts = make()
    words = [op, op.dag(), op.dag() * op, op * op.dag() * op, op.dag() * op.dag() * op]
    if hasattr(op, "z"):
        words += [op.z, op.plus * op.z * op.z]
    for w in words:
        sp_ = space([w], cutoffs={op: opts["cut"]} if "cut" in opts else None)
        exact = np.array(exact_matrix(w, sp_).evalf(), dtype=complex)
        assert np.allclose(exact, to_dense(w, sp_), rtol=0, atol=1e-13), str(w)
