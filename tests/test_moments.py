"""symq.moments: every derived moment system against QuTiP, textbook models, the paper's matrices.

The independent check: for a derived system ``d/dt v = A v + b`` with ``v_i = <w_i> = Tr(w_i rho)``,
``(A v + b)_i`` must equal ``Tr(w_i L[rho])`` with the Liouvillian ``L`` built by QuTiP from the
model's numeric matrices, for random parameters and random full-rank density matrices. Bosons
use a Fock cutoff N and states supported on n <= K, where every operator involved is exact
(see ``SYSTEMS``).
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import symq
from symq.algebra import numeric_coefficient, space, to_sparse
from symq.errors import ClosureError, ModelError
from symq.testing import assert_matrix_close, density_matrices

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

s, g, kappa, w0, gamma, Omega, n_th, U = sp.symbols("s g kappa omega_0 gamma Omega n_th U", positive=True)

# -- the paper's qubit dimer (unbalanced-gain-loss-qubits.md, Eqs. 1-2) ----------------------------
q1, q2 = symq.qubits("1 2")
H_DIMER = w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1)
DIMER = symq.Lindblad(H_DIMER, jumps=[(s * kappa, q1.dag()), (kappa, q2)])
DIMER_FIRST = DIMER.moments([q1, q2])
DIMER_SECOND = DIMER.moments([q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()])

# -- a 4-qubit chain with alternating gain and loss -----------------------------------------------
ws = sp.symbols("omega_1:5", positive=True)
qc = symq.qubits("1 2 3 4")
H_CHAIN = sum((ws[i] * qc[i].dag() * qc[i] for i in range(4)), sp.S.Zero) + g * sum(
    (qc[i].dag() * qc[i + 1] + qc[i + 1].dag() * qc[i] for i in range(3)), sp.S.Zero
)
CHAIN = symq.Lindblad(H_CHAIN, [(s * kappa, qc[i].dag()) if i % 2 == 0 else (kappa, qc[i]) for i in range(4)])
CHAIN_FIRST = CHAIN.moments(list(qc))
CHAIN_SECOND = CHAIN.moments([qc[0].dag() * qc[0]], max_size=100)

# -- the bosonic dimer ------------------------------------------------------------------------------
a1, a2 = symq.bosons("1 2")
BDIMER = symq.Lindblad(w0 * (a1.dag() * a1 + a2.dag() * a2) + g * (a1.dag() * a2 + a2.dag() * a1),
                       [(s * kappa, a1.dag()), (kappa, a2)])
BDIMER_FIRST = BDIMER.moments([a1, a2])
BDIMER_SECOND = BDIMER.moments([a1.dag() * a1])

# -- textbook (a): damped harmonic oscillator in a thermal bath -------------------------------------
a = symq.bosons("a")
THERMAL = symq.Lindblad(w0 * a.dag() * a, [(kappa * (n_th + 1), a), (kappa * n_th, a.dag())])
THERMAL_MOMENTS = THERMAL.moments([a, a.dag() * a])

# -- textbook (b): optical Bloch equations of a resonantly driven damped two-level atom -------------
e = symq.qubits("e")
BLOCH = symq.Lindblad(Omega / 2 * (e + e.dag()), [(gamma, e)])
BLOCH_MOMENTS = BLOCH.moments([e, e.dag(), e.dag() * e])

# -- a spin-1 dimer with gain and loss (spin-lattices-gain-loss.md) -----------------------------------
sa, sb = symq.spins("a b", 1)
SPIN_DIMER = symq.Lindblad(g * (sa.plus * sb.minus + sb.plus * sa.minus) + w0 * (sa.z + sb.z),
                           [(s * kappa, sa.plus), (kappa, sb.minus)])
SPIN_FIRST = SPIN_DIMER.moments([sa.minus, sb.minus])

# name: (system, model, {boson: cutoff}, K = highest Fock state of the random states)
# Every Liouvillian term moves a boson by at most one quantum, and the basis words have degree
# <= 2, so with states on n <= K = N - 3 every truncated matrix acts exactly where it is used.
SYSTEMS = {
    "qubit dimer, first moments": (DIMER_FIRST, DIMER, {}, None),
    "qubit dimer, second moments": (DIMER_SECOND, DIMER, {}, None),
    "4-qubit chain, first moments": (CHAIN_FIRST, CHAIN, {}, None),
    "4-qubit chain, second moments": (CHAIN_SECOND, CHAIN, {}, None),
    "bosonic dimer, first moments": (BDIMER_FIRST, BDIMER, {a1: 6, a2: 6}, 3),
    "bosonic dimer, second moments": (BDIMER_SECOND, BDIMER, {a1: 6, a2: 6}, 3),
    "thermal oscillator": (THERMAL_MOMENTS, THERMAL, {a: 8}, 5),
    "optical Bloch equations": (BLOCH_MOMENTS, BLOCH, {}, None),
    "spin-1 dimer, first moments": (SPIN_FIRST, SPIN_DIMER, {}, None),
}

# Every entry of A v + b is a sum of at most ~70 products of O(1) moments with parameters <= 5:
# rounding is ~1e-14 of that scale, so 1e-10 relative to it leaves a wide margin.
RTOL = 1e-10
PARAM = st.floats(0.05, 5.0)


def qutip_liouvillian(model, sp_, values):
    """QuTiP's Liouvillian with collapse operators sqrt(rate) L (diagonal channels)."""
    dims = [list(sp_.dims)] * 2
    H = qutip.Qobj(to_sparse(model.H, sp_, values), dims=dims)
    c_ops = []
    for ch in model.channels:
        assert ch.left == ch.right, "these models have diagonal channels only"
        rate = numeric_coefficient(ch.rate, values)
        c_ops.append(np.sqrt(rate.real) * qutip.Qobj(to_sparse(ch.left, sp_, values), dims=dims))
    return qutip.liouvillian(H, c_ops)


def low_fock_support(sp_, K):
    """Indices of basis states with every boson occupation <= K."""
    grids = np.meshgrid(*[np.arange(d) for d in sp_.dims], indexing="ij")
    ok = np.ones(sp_.dim, dtype=bool)
    for site, grid in zip(sp_.sites, grids):
        if isinstance(site.kind, symq.algebra.Boson):
            ok &= grid.ravel() <= K
    return np.flatnonzero(ok)


@functools.cache
def prepared(name):
    """The space, the basis words' matrices and lambdified (A, b) of a system (built once per run)."""
    system, model, cutoffs, _ = SYSTEMS[name]
    sp_ = space(model.sites, cutoffs=cutoffs)
    words = [to_sparse(w, sp_) for w in system.basis]
    params = sorted(system.parameters, key=str)
    fA, fb = sp.lambdify(params, system.A, "numpy"), sp.lambdify(params, system.b, "numpy")

    def numeric(values):
        args = [values[p] for p in params]
        return np.asarray(fA(*args), dtype=complex), np.asarray(fb(*args), dtype=complex).ravel()

    return sp_, words, numeric


@pytest.mark.parametrize("name", list(SYSTEMS))
@given(data=st.data())
def test_moment_equations_match_qutip(name, data):
    _, model, _, K = SYSTEMS[name]
    sp_, words, numeric = prepared(name)
    values = {p: data.draw(PARAM, str(p)) for p in sorted(model.parameters, key=str)}
    support = None if K is None else low_fock_support(sp_, K)
    rho = data.draw(density_matrices(sp_.dim, support=support), "rho")
    dims = [list(sp_.dims)] * 2
    drho = qutip.vector_to_operator(
        qutip_liouvillian(model, sp_, values) @ qutip.operator_to_vector(qutip.Qobj(rho, dims=dims))
    ).full()
    v = np.array([(w @ rho).trace() for w in words])
    expected = np.array([(w @ drho).trace() for w in words])
    A, b = numeric(values)
    scale = 1 + np.abs(A) @ np.abs(v) + np.abs(b)
    assert_matrix_close(A @ v + b, expected, rtol=0, atol=RTOL * scale.max(), what=f"A v + b for {name}")


def test_system_sizes():
    sizes = {name: len(sysm) for name, (sysm, *_) in SYSTEMS.items()}
    assert sizes == {
        "qubit dimer, first moments": 4,
        "qubit dimer, second moments": 4,
        "4-qubit chain, first moments": 56,
        "4-qubit chain, second moments": 68,
        "bosonic dimer, first moments": 2,
        "bosonic dimer, second moments": 4,
        "thermal oscillator": 2,
        "optical Bloch equations": 3,
        "spin-1 dimer, first moments": 16,
    }


# ---------------------------------------------------------------------------------------------
# textbook models with their known results written out
# ---------------------------------------------------------------------------------------------

def test_thermal_oscillator():
    """d<a>/dt = (-i w - kappa/2) <a>,  d<n>/dt = -kappa <n> + kappa n_th;  steady state <n> = n_th."""
    m = THERMAL_MOMENTS
    assert m.basis == (a, a.dag() * a)
    assert m.A == sp.Matrix([[-sp.I * w0 - kappa / 2, 0], [0, -kappa]])
    assert m.b == sp.Matrix([0, kappa * n_th])
    steady = m.A.LUsolve(-m.b).applyfunc(sp.simplify)
    assert steady == sp.Matrix([0, n_th])


def test_optical_bloch_equations():
    """H = Omega/2 (sigma + sigma^dag), decay gamma:
    d<sigma>/dt   = -gamma/2 <sigma> + i Omega <sigma^dag sigma> - i Omega/2,
    d<sigma^dag sigma>/dt = i Omega/2 (<sigma> - <sigma^dag>) - gamma <sigma^dag sigma>,
    steady state <sigma^dag sigma> = Omega^2 / (gamma^2 + 2 Omega^2), <sigma> = -i Omega gamma / (gamma^2 + 2 Omega^2).
    """
    m = BLOCH_MOMENTS
    assert m.basis == (e, e.dag(), e.dag() * e)
    I = sp.I
    assert m.A == sp.Matrix([
        [-gamma / 2, 0, I * Omega],
        [0, -gamma / 2, -I * Omega],
        [I * Omega / 2, -I * Omega / 2, -gamma],
    ])
    assert m.b == sp.Matrix([-I * Omega / 2, I * Omega / 2, 0])
    steady = m.A.LUsolve(-m.b).applyfunc(sp.factor)
    D = gamma**2 + 2 * Omega**2
    assert sp.simplify(steady[2] - Omega**2 / D) == 0
    assert sp.simplify(steady[0] + I * Omega * gamma / D) == 0
    assert sp.simplify(steady[1] - I * Omega * gamma / D) == 0


def test_optical_bloch_spectrum_and_exceptional_point():
    """The eigenvalues of A are -gamma/2 (the decoupled <sigma> + <sigma^dag>) and
    -3 gamma/4 +- sqrt(gamma^2/16 - Omega^2): an EP2 at Omega = gamma/4 (with H = Omega (sigma + sigma^dag)
    instead, the same EP sits at Omega = gamma/8)."""
    lam = sp.Symbol("lambda")
    charpoly = sp.factor((lam * sp.eye(3) - BLOCH_MOMENTS.A).det())
    expected = (lam + gamma / 2) * ((lam + 3 * gamma / 4) ** 2 - (gamma**2 / 16 - Omega**2))
    assert sp.expand(charpoly - expected) == 0
    eps = symq.exceptional_points(BLOCH_MOMENTS, solve_for=Omega)
    assert [(ep.value, ep.order, ep.blocks) for ep in eps] == [(gamma / 4, 2, (2,))]
    # H = i A has the eigenvalue i(-3 gamma/4) twice there
    for vals, lams in eps[0].checked_at:
        assert np.allclose(lams, [1j * (-3 * float(vals[gamma]) / 4)], rtol=1e-12)  # 40-digit EP eigenvalue
    # the other convention: H = Omega (sigma + sigma^dag) moves the EP to gamma/8
    doubled = symq.Lindblad(Omega * (e + e.dag()), [(gamma, e)]).moments([e, e.dag(), e.dag() * e])
    assert [ep.value for ep in symq.exceptional_points(doubled, solve_for=Omega)] == [gamma / 8]


def test_bosonic_dimer_first_moments():
    I = sp.I
    assert BDIMER_FIRST.basis == (a1, a2)
    assert BDIMER_FIRST.A == sp.Matrix([[-I * w0 + s * kappa / 2, -I * g], [-I * g, -I * w0 - kappa / 2]])
    assert BDIMER_FIRST.b == sp.zeros(2, 1)


# ---------------------------------------------------------------------------------------------
# the paper's printed matrices, Eqs. (5) and (7) of unbalanced-gain-loss-qubits.md
# ---------------------------------------------------------------------------------------------

def test_paper_eq5_first_moment_matrix():
    """psi = (<s1>, <s2>, <s1^dag s1 s2>, <s1 s2^dag s2>), i d/dt psi = H psi: the derivation agrees with Eq. (5)."""
    I = sp.I
    eq5 = sp.Matrix([
        [w0 - I * s * kappa / 2, g, -2 * g, 0],
        [g, w0 - I * kappa / 2, 0, -2 * g],
        [0, I * s * kappa, w0 - I * kappa * (s + sp.Rational(1, 2)), -g],
        [0, 0, -g, w0 - I * kappa * (1 + s / 2)],
    ])
    assert DIMER_FIRST.basis == (q1, q2, q1.dag() * q1 * q2, q1 * q2.dag() * q2)
    assert (DIMER_FIRST.matrix() - eq5).expand() == sp.zeros(4, 4)
    assert DIMER_FIRST.drive() == sp.zeros(4, 1)


def test_paper_eq6_eq7_second_moment_matrix():
    """Psi = (<s1^dag s1>, <s2^dag s2>, <s1^dag s2>, <s1 s2^dag>), i d/dt Psi = M Psi + P: agrees with Eqs. (6), (7)."""
    I = sp.I
    eq7 = sp.Matrix([
        [-I * s * kappa, 0, g, -g],
        [0, -I * kappa, -g, g],
        [g, -g, -I * (1 + s) / 2 * kappa, 0],
        [-g, g, 0, -I * (1 + s) / 2 * kappa],
    ])
    P = sp.Matrix([I * s * kappa, 0, 0, 0])
    assert DIMER_SECOND.basis == (q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag())
    assert (DIMER_SECOND.matrix() - eq7).expand() == sp.zeros(4, 4)
    assert (DIMER_SECOND.drive() - P).expand() == sp.zeros(4, 1)


# ---------------------------------------------------------------------------------------------
# the MomentSystem object: order, reorder, conventions, errors
# ---------------------------------------------------------------------------------------------

def test_matrix_and_drive_conventions():
    m = DIMER_SECOND
    assert m.matrix() == (sp.I * m.A).expand()
    assert m.drive() == (sp.I * m.b).expand()
    assert m.parameters == {s, g, kappa}
    assert m.model is DIMER
    assert m.domain_matrix().to_Matrix() == m.A
    eqs = m.equations()
    assert len(eqs) == 4 and all(isinstance(eq, sp.Eq) for eq in eqs)


def test_user_fixed_order_and_reorder():
    order = [q1 * q2.dag() * q2, q2]
    fixed = DIMER.moments([q1, q2], order=order)
    assert fixed.basis == (q1 * q2.dag() * q2, q2, q1, q1.dag() * q1 * q2)
    perm = [3, 1, 0, 2]
    assert fixed.A == DIMER_FIRST.A.extract(perm, perm)
    assert fixed.b == DIMER_FIRST.b.extract(perm, [0])
    again = fixed.reorder([q1, q2, q1.dag() * q1 * q2])
    assert again.basis == DIMER_FIRST.basis and again.A == DIMER_FIRST.A
    assert DIMER_FIRST.index(q1.dag() * q1 * q2) == 2
    # reordering keeps the spectrum: same characteristic polynomial
    assert symq.characteristic_polynomial(fixed) == symq.characteristic_polynomial(DIMER_FIRST)


def test_seed_order_is_kept_and_duplicates_dropped():
    m = DIMER.moments([q2, q1, q2])
    assert m.basis[:2] == (q2, q1) and len(m) == 4


def test_kerr_oscillator_does_not_close():
    kerr = symq.Lindblad(w0 * a.dag() * a + U * a.dag() ** 2 * a**2, [(kappa, a)])
    with pytest.raises(ClosureError, match="did not close within max_size=5") as info:
        kerr.moments([a], max_size=5)
    frontier = info.value.frontier
    assert frontier and all(isinstance(o, symq.Op) and o.is_monomial for o in frontier)
    # the hierarchy climbs a^dag^k a^(k+1): every unexplored word keeps the seed's U(1) charge -1
    assert all(o.charge() == -1 for o in frontier)
    assert a.dag() ** 5 * a**6 in frontier
    with pytest.raises(ClosureError):
        kerr.moments([a], max_size=20)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: DIMER.moments([]), "expected at least one seed"),
        (lambda: DIMER.moments([q1 + q2]), "expected a single operator word"),
        (lambda: DIMER.moments([2 * q1 - 2 * q1 + 1]), "expected a single operator word"),
        (lambda: DIMER.moments([symq.qubits("7")]), r"moments seeds\[0\]: acts on sites \['7'\]"),
        (lambda: DIMER_FIRST.reorder([q1, q1]), "lists an operator twice"),
        (lambda: DIMER_FIRST.reorder([q1.dag()]), "is not in the basis"),
        (lambda: DIMER_FIRST.index(q1 + q2), "expected a single operator word"),
        (lambda: DIMER.moments([q1], order=[q1.dag() * q2]), "is not in the basis"),
    ],
)
def test_moment_errors(make, message):
    with pytest.raises(ModelError, match=message):
        make()


def test_foreign_seed_is_a_symq_error():
    with pytest.raises(symq.SymqError, match=r"moments seeds\[0\]: expected a symq operator"):
        DIMER.moments(["q1"])


@pytest.mark.parametrize("name", ["qubit dimer, second moments", "4-qubit chain, first moments"])
def test_numeric_evaluates_A_and_b(name):
    system = SYSTEMS[name][0]
    values = {p: sp.Rational(k + 2, 7) for k, p in enumerate(sorted(system.parameters, key=str))}
    A, b = system.numeric(values)
    # entries are low-degree polynomials of O(1) rationals: double rounding only
    assert_matrix_close(A, np.array(system.A.xreplace(values).evalf(), dtype=complex), rtol=1e-14, atol=1e-14, what="A")
    assert_matrix_close(b, np.array(system.b.xreplace(values).evalf(), dtype=complex).ravel(), rtol=1e-14, atol=1e-14, what="b")


def test_numeric_needs_every_parameter():
    with pytest.raises(symq.NumericsError, match="no numeric value given for"):
        DIMER_FIRST.numeric({s: 1, g: 0.3})
