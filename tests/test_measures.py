"""symq.measures: exact measures of the dimer's steady state against QuTiP, conventions, the paper's claims.

Tolerances (absolute; every quantity is O(1) or smaller):
* 1e-10 for purity, entropies, populations, EPR, current, g2: polynomial in rho's entries, and
  QuTiP's steady state is exact to ~1e-15 (see test_steady).
* negativity: 1e-12 against ``qutip.negativity(..., method="eigenvalues")`` (measured worst 1e-16);
  1e-7 against QuTiP's default ``"tracenorm"`` route, which takes ``sqrtm(rho^T^dag rho^T)``: at
  the SCP that matrix is singular and ``sqrtm`` keeps only half the digits, sqrt(eps) ~ 1.5e-8
  (measured 1.3e-8 at s = g/kappa = 1; 3e-10 at random points).
* concurrence: 1e-7, both QuTiP's and symq's numeric Wootters take square roots of eigenvalues
  that vanish for an X state (noise eps -> sqrt(eps) ~ 1.5e-8; measured worst 1.5e-12 at
  random points).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

import symq
from symq import measures as M
from symq.algebra import space
from symq.errors import NumericsError
from symq.steady import steady_state

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

TOL = 1e-10
s, g, kappa, w0 = sp.symbols("s g kappa omega_0", positive=True)
q1, q2 = symq.qubits("1 2")
DIMER = symq.Lindblad(w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1),
                      jumps=[(s * kappa, q1.dag()), (kappa, q2)])
RHO = steady_state(DIMER)
D = 4 * g**2 + s * kappa**2

EXACT = {
    "n1": M.populations(RHO, q1, q2)[0],
    "n2": M.populations(RHO, q1, q2)[1],
    "imbalance": M.imbalance(RHO, q1, q2),
    "current": M.excitation_current(RHO, DIMER, q1, q2),
    "epr": M.epr(RHO, q1, q2),
    "purity": M.purity(RHO),
    "linear_entropy": M.linear_entropy(RHO),
    "concurrence": M.concurrence(RHO),
    "negativity": M.negativity(RHO),
    "log_negativity": M.negativity(RHO, logarithmic=True),
    "g2_cross": M.g2_cross(RHO, q1, q2),
    "g2_1": M.g2(RHO, q1, space=DIMER),
    "g2_2": M.g2(RHO, q2, space=DIMER),
}
NUMERIC = {k: sp.lambdify((s, g, kappa), v, "numpy") for k, v in EXACT.items()}


def log_uniform(lo, hi):
    return st.floats(np.log10(lo), np.log10(hi)).map(lambda x: 10.0**x)


PARAMS = st.tuples(log_uniform(0.05, 20), log_uniform(1e-3, 1e2), log_uniform(1e-2, 1e2), st.floats(0, 10))


def qutip_state(sv, gv, kv, wv):
    """The dimer built directly in QuTiP (destroy(2) per qubit, tensor order 1, 2) and its steady state."""
    sm, eye = qutip.destroy(2), qutip.qeye(2)
    s1, s2 = qutip.tensor(sm, eye), qutip.tensor(eye, sm)
    H = wv * (s1.dag() * s1 + s2.dag() * s2) + gv * (s1.dag() * s2 + s2.dag() * s1)
    return qutip.steadystate(H, [np.sqrt(sv * kv) * s1.dag(), np.sqrt(kv) * s2]), s1, s2


# -- exact forms ----------------------------------------------------------------------------------
def test_dimer_closed_forms():
    """The derived closed forms (by hand from the exact state), compact."""
    cf = {
        "n1": s * (4 * g**2 + (s + 1) * kappa**2) / (D * (s + 1)),
        "n2": 4 * g**2 * s / (D * (s + 1)),
        "imbalance": (s + 1) * kappa**2 / (8 * g**2 + (s + 1) * kappa**2),
        "current": 4 * g**2 * kappa * s / (D * (s + 1)),
        "epr": (2 * g * kappa * s / (D * (s + 1))) ** 2,
        "purity": (16 * g**2 * (s**2 * (1 + s) ** 2 * kappa**2 + (1 + s**2) ** 2 * g**2) + s**2 * (1 + s) ** 4 * kappa**4)
        / ((1 + s) ** 4 * D**2),
        "g2_cross": D / (4 * g**2 + (s + 1) * kappa**2),
    }
    for name, expr in cf.items():
        assert sp.cancel(EXACT[name] - expr) == 0, name
    assert sp.cancel(EXACT["linear_entropy"] - sp.Rational(4, 3) * (1 - cf["purity"])) == 0
    assert EXACT["g2_1"] == 0 and EXACT["g2_2"] == 0  # two-level systems cannot emit twice at once
    conc = 4 * g * s * ((s + 1) * kappa - 2 * g) / (D * (s + 1) ** 2)
    (arg,) = [a for a in EXACT["concurrence"].args if a != 0]
    assert isinstance(EXACT["concurrence"], sp.Max) and sp.cancel(arg - conc) == 0
    neg = 2 * g * ((s + 1) * sp.sqrt((s - 1) ** 2 * g**2 + s**2 * kappa**2) - (s**2 + 1) * g) / (D * (s + 1) ** 2)
    (arg,) = [a for a in EXACT["negativity"].args if a != 0]
    assert sp.simplify(arg - neg) == 0
    assert EXACT["log_negativity"] == sp.log(2 * EXACT["negativity"] + 1, 2)


def test_paper_equations_as_claims():
    """Downing & Fox's printed Eqs. 9, 10, 14, 15, 16, 19, 20 against the derivation (all agree)."""
    printed = {
        "imbalance": (s + 1) * kappa**2 / (8 * g**2 + (s + 1) * kappa**2),                         # Eq. 9
        "g2_cross": (4 * g**2 + s * kappa**2) / (4 * g**2 + (s + 1) * kappa**2),                   # Eq. 14
        "epr": (s / (s + 1) * 2 * g * kappa / (4 * g**2 + s * kappa**2)) ** 2,                      # Eq. 15
        "linear_entropy": sp.Rational(32, 3) * s / (s + 1) ** 4 * (g / (4 * g**2 + s * kappa**2)) ** 2
        * ((1 + s**2) * (1 + s) ** 2 * kappa**2 + 8 * (s**2 + s + 1) * g**2),                       # Eq. 16
        "purity": (16 * g**2 * (s**2 * (1 + s) ** 2 * kappa**2 + (1 + s**2) ** 2 * g**2) + s**2 * (1 + s) ** 4 * kappa**4)
        / ((1 + s) ** 4 * (4 * g**2 + s * kappa**2) ** 2),                                          # Eq. 19
    }
    for name, expr in printed.items():
        assert sp.cancel(EXACT[name] - expr) == 0, name
    # Eq. 10 is omega_0 times the excitation current (an energy current)
    eq10 = s / (s + 1) * 4 * g**2 * kappa / (4 * g**2 + s * kappa**2) * w0
    assert sp.cancel(w0 * EXACT["current"] - eq10) == 0
    # Eq. 20: the same branch, with the Heaviside step at the concurrence's zero
    eq20_branch = 2 * g / (4 * g**2 + s * kappa**2) * (sp.sqrt((s - 1) ** 2 * g**2 + s**2 * kappa**2)
                                                       - (s**2 + 1) / (s + 1) * g) / (s + 1)
    (arg,) = [a for a in EXACT["negativity"].args if a != 0]
    assert sp.simplify(arg - eq20_branch) == 0


def test_which_current_is_eq_10():
    """Eq. 10 / omega_0 equals the coherent current i g <s1^dag s2 - s2^dag s1>, the loss flux
    kappa <n2> and the gain flux s kappa <s1 s1^dag> (continuity), not s kappa <n1>."""
    sp_ = space([q1, q2])
    eq10 = s / (s + 1) * 4 * g**2 * kappa / (4 * g**2 + s * kappa**2)
    coherent = M.expect(sp.I * g * (q1.dag() * q2 - q2.dag() * q1), RHO, sp_)
    loss = kappa * M.expect(q2.dag() * q2, RHO, sp_)
    gain = s * kappa * M.expect(q1 * q1.dag(), RHO, sp_)
    naive = s * kappa * M.expect(q1.dag() * q1, RHO, sp_)
    for flux in (coherent, loss, gain, EXACT["current"]):
        assert sp.cancel(flux - eq10) == 0
    assert sp.cancel(naive - eq10) != 0
    assert M.expect(g * (q1.dag() * q2 + q2.dag() * q1), RHO, sp_) == 0  # the coupling energy vanishes


SQRT_EPS_TOL = 1e-7  # see the module docstring


@given(PARAMS)
@example((1.0, 1.0, 1.0, 0.0))  # at the SCP g = (s + 1) kappa / 2: singular partial transpose
@example((0.5, 0.75, 1.0, 1.0))  # the s = 1/2 SCP (Fig. 5's 3/4; Fig. 4c's caption says 1/2)
def test_exact_measures_equal_qutip_numerics(p):
    sv, r, kv, wv = p
    gv = r * kv
    ss, s1, s2 = qutip_state(sv, gv, kv, wv)
    ex = {k: complex(f(sv, gv, kv)) for k, f in NUMERIC.items()}
    n1, n2 = qutip.expect(s1.dag() * s1, ss), qutip.expect(s2.dag() * s2, ss)
    n12 = qutip.expect(s1.dag() * s1 * s2.dag() * s2, ss)
    ref = {
        "n1": n1, "n2": n2, "imbalance": (n1 - n2) / (n1 + n2),
        "current": (1j * gv * qutip.expect(s1.dag() * s2 - s2.dag() * s1, ss)).real,
        "epr": n1 * n2 - n12,
        "purity": (ss * ss).tr().real,
        "linear_entropy": 4 / 3 * qutip.entropy_linear(ss),
        "g2_cross": qutip.expect(s1.dag() * s2.dag() * s2 * s1, ss) / (n1 * n2),
        "g2_1": qutip.expect(s1.dag() * s1.dag() * s1 * s1, ss) / n1**2,
        "g2_2": qutip.expect(s2.dag() * s2.dag() * s2 * s2, ss) / n2**2,
    }
    for name, value in ref.items():
        assert abs(ex[name] - value) < TOL * max(1.0, abs(value)), name
    for subsys in (0, 1):
        assert abs(ex["negativity"] - qutip.negativity(ss, subsys, method="eigenvalues")) < 1e-12
    assert abs(ex["negativity"] - qutip.negativity(ss, 1)) < SQRT_EPS_TOL
    assert abs(ex["log_negativity"] - qutip.negativity(ss, 1, logarithmic=True)) < SQRT_EPS_TOL
    assert abs(ex["concurrence"] - qutip.concurrence(ss)) < SQRT_EPS_TOL
    # the numeric measures of symq on the QuTiP state (same names, dispatch on type)
    assert abs(M.concurrence(ss) - ex["concurrence"]) < SQRT_EPS_TOL
    assert abs(M.negativity(ss) - ex["negativity"]) < 1e-12
    assert abs(M.purity(ss) - ex["purity"]) < TOL
    assert abs(M.linear_entropy(ss.full()) - ex["linear_entropy"]) < TOL
    assert abs(M.von_neumann_entropy(ss) - qutip.entropy_vn(ss)) < TOL
    assert abs(M.epr(ss, q1, q2) - ex["epr"]) < TOL
    assert abs(M.excitation_current(ss, DIMER, q1, q2, values={g: gv}) - ex["current"]) < TOL * max(1.0, kv)
    assert abs(M.g2_cross(ss.full(), q1, q2) - ex["g2_cross"]) < TOL


# -- conventions ------------------------------------------------------------------------------------
def bell(i, j):
    v = np.zeros(4)
    v[i] = v[j] = 1 / np.sqrt(2)
    return np.outer(v, v)


def test_conventions_on_reference_states():
    for i, j in ((0, 3), (1, 2)):  # (|00> + |11>)/sqrt2 and (|01> + |10>)/sqrt2
        rho = bell(i, j)
        assert M.concurrence(rho) == pytest.approx(1, abs=1e-12)
        assert M.negativity(rho) == pytest.approx(0.5, abs=1e-12)  # sum of |negative eigenvalues|
        assert M.negativity(rho, logarithmic=True) == pytest.approx(1, abs=1e-12)
        exact = sp.zeros(4, 4)
        for a in (i, j):
            for b in (i, j):
                exact[a, b] = sp.Rational(1, 2)
        assert M.concurrence(exact) == 1 and M.negativity(exact) == sp.Rational(1, 2)
        assert M.purity(exact) == 1 and M.linear_entropy(exact) == 0
    mixed = sp.eye(4) / 4
    assert M.purity(mixed) == sp.Rational(1, 4)
    assert M.linear_entropy(mixed) == 1 and M.linear_entropy(mixed, normalized=False) == sp.Rational(3, 4)
    assert M.von_neumann_entropy(mixed, base=2) == pytest.approx(2)
    assert M.concurrence(mixed) == 0 and M.negativity(mixed) == 0


def test_numeric_concurrence_and_negativity_of_general_states():
    """Non-X states: symq's numeric Wootters and partial transpose against QuTiP."""
    rng = np.random.default_rng(7)
    for _ in range(20):
        rho = qutip.rand_dm([2, 2], seed=int(rng.integers(1 << 30)))
        assert M.concurrence(rho) == pytest.approx(qutip.concurrence(rho), abs=SQRT_EPS_TOL)
        for subsys in (0, 1):
            expected = qutip.negativity(rho, subsys, method="eigenvalues")
            assert M.negativity(rho, subsystem=subsys) == pytest.approx(expected, abs=1e-12)
            mask = [k == subsys for k in range(2)]
            assert np.allclose(M.partial_transpose(rho, subsystem=subsys), qutip.partial_transpose(rho, mask).full(), atol=1e-14)
    r3 = qutip.rand_dm([3, 2], seed=3)
    assert M.negativity(r3) == pytest.approx(qutip.negativity(r3, 1, method="eigenvalues"), abs=1e-12)


def test_symbolic_partial_transpose_and_limits():
    x = sp.Symbol("x", positive=True)
    rho = sp.Matrix(4, 4, lambda a, b: sp.Symbol(f"r{a}{b}"))
    pt = M.partial_transpose(rho, subsystem=1)
    assert pt[0, 3] == rho[1, 2] and pt[1, 1] == rho[1, 1] and pt[2, 1] == rho[3, 0]
    assert M.partial_transpose(M.partial_transpose(rho, subsystem=0), subsystem=0) == rho
    with pytest.raises(NumericsError, match="exact form is implemented for X states"):
        M.concurrence(rho)
    with pytest.raises(NumericsError, match="blocks of size <= 2"):
        M.negativity(rho)
    with pytest.raises(NumericsError, match="expected a two-qubit state"):
        M.concurrence(np.eye(9) / 9, dims=(3, 3))
    with pytest.raises(NumericsError, match="numeric only"):
        M.von_neumann_entropy(sp.eye(2) * x)
    assert M.is_x_state(RHO) and not M.is_x_state(rho)


def test_expect_dispatch_and_space_inference():
    vals = {s: sp.Rational(1, 2), g: sp.Rational(1, 3), kappa: 1}
    exact = RHO.xreplace(vals)
    arr = np.array(exact.evalf(), dtype=complex)
    qobj = qutip.Qobj(arr, dims=[[2, 2], [2, 2]])
    op = q1.dag() * q2
    value = M.expect(op, exact)
    assert value == M.expect(op, RHO).xreplace(vals)
    assert M.expect(op, arr) == pytest.approx(complex(value), abs=1e-14)
    assert M.expect(op, qobj) == pytest.approx(complex(value), abs=1e-14)
    with pytest.raises(NumericsError, match="cannot infer the space of a 4x4 state from the operators' sites \\['1'\\]"):
        M.expect(q1.dag() * q1, RHO)
    assert M.expect(q1.dag() * q1, RHO, DIMER) == EXACT["n1"]


def test_measures_on_other_models():
    """Truncated-oscillator dimer (N = 3): boson cutoff read off the state; spin-1 populations."""
    a1, a2 = symq.bosons("1 2")
    model = symq.Lindblad(g * (a1.dag() * a2 + a2.dag() * a1), jumps=[(s * kappa, a1.dag()), (kappa, a2)])
    vals = {s: sp.Rational(1, 2), g: sp.Rational(1, 3), kappa: 1}
    rho = steady_state(model, cutoffs={a1: 3, a2: 3}, values=vals)
    arr = np.array(rho.evalf(), dtype=complex)
    a, eye = qutip.destroy(3), qutip.qeye(3)
    b1, b2 = qutip.tensor(a, eye), qutip.tensor(eye, a)
    q = qutip.Qobj(arr, dims=[[3, 3], [3, 3]])
    with pytest.raises(NumericsError, match="cannot infer the space of a 9x9 state"):  # 3x3? 9x1? ambiguous
        M.populations(rho, a1, a2)
    sp_ = space([a1, a2], cutoffs={a1: 3, a2: 3})
    n1, _ = M.populations(rho, a1, a2, space=sp_)
    assert float(n1) == pytest.approx(qutip.expect(b1.dag() * b1, q), abs=TOL)
    assert M.populations(q, a1, a2)[0] == pytest.approx(float(n1), abs=TOL)  # dims read from the Qobj
    with pytest.raises(NumericsError, match="the state has 2 subsystems"):
        M.populations(q, a1)
    assert float(M.g2(rho, a1, space=sp_)) == pytest.approx(
        qutip.expect(b1.dag() ** 2 * b1**2, q) / qutip.expect(b1.dag() * b1, q) ** 2, abs=TOL)
    assert M.negativity(q) == pytest.approx(qutip.negativity(q, 1, method="eigenvalues"), abs=1e-12)
    assert float(M.purity(rho)) == pytest.approx((q * q).tr().real, abs=TOL)
    assert M.excitation_current(arr, model, a1, a2, space=sp_, values=vals) == pytest.approx(
        (1j * 1 / 3 * qutip.expect(b1.dag() * b2 - b2.dag() * b1, q)).real, abs=TOL)
    sa, sb = symq.spins("a b", 1)
    spin = symq.Lindblad(g * (sa.plus * sb.minus + sb.plus * sa.minus), jumps=[(s * kappa, sa.plus), (kappa, sb.minus)])
    rho_s = steady_state(spin, values=vals)
    na, nb = M.populations(rho_s, sa, sb)  # <S_z + S>
    state = qutip.Qobj(np.array(rho_s.evalf(), dtype=complex), dims=[[3, 3]] * 2)
    za = qutip.expect(qutip.tensor(qutip.jmat(1, "z"), qutip.qeye(3)), state)
    assert float(na) == pytest.approx(za + 1, abs=TOL)
    assert sp.nsimplify(na + nb) == na + nb and 0 < float(nb) < 2
