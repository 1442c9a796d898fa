"""symq.spectral: characteristic polynomials, discriminants and exceptional points, checked numerically.

At every derived EP locus, at random values of the other parameters, the numpy (double precision)
matrix must have the coalescing eigenvalue clusters symq reports, with fewer eigenvectors than
eigenvalues (nullity of H - lambda) and an ill-conditioned eigenvector matrix; a relative shift of
1e-2 off the locus must split the clusters into well-separated, diagonalisable eigenvalues.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st

import symq
from symq.errors import ModelError
from symq.testing import assert_matrix_close

s, g, kappa, w0, gamma, Omega = sp.symbols("s g kappa omega_0 gamma Omega", positive=True)

# the paper's qubit dimer (unbalanced-gain-loss-qubits.md, Eqs. 1-2) and its bosonic version
q1, q2 = symq.qubits("1 2")
DIMER = symq.Lindblad(w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1),
                      jumps=[(s * kappa, q1.dag()), (kappa, q2)])
DIMER_FIRST = DIMER.moments([q1, q2])
DIMER_SECOND = DIMER.moments([q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()])
a1, a2 = symq.bosons("1 2")
BDIMER = symq.Lindblad(w0 * (a1.dag() * a1 + a2.dag() * a2) + g * (a1.dag() * a2 + a2.dag() * a1),
                       [(s * kappa, a1.dag()), (kappa, a2)])
BDIMER_FIRST = BDIMER.moments([a1, a2])
BDIMER_SECOND = BDIMER.moments([a1.dag() * a1])
# optical Bloch equations: H = Omega/2 (sigma + sigma^dag), decay gamma
e = symq.qubits("e")
BLOCH_MOMENTS = symq.Lindblad(Omega / 2 * (e + e.dag()), [(gamma, e)]).moments([e, e.dag(), e.dag() * e])

SYSTEMS = {
    "qubit dimer, first moments": DIMER_FIRST,
    "qubit dimer, second moments": DIMER_SECOND,
    "bosonic dimer, first moments": BDIMER_FIRST,
    "bosonic dimer, second moments": BDIMER_SECOND,
    "optical Bloch equations": BLOCH_MOMENTS,
}
EP_COUNTS = {
    "qubit dimer, first moments": 4,
    "qubit dimer, second moments": 2,
    "bosonic dimer, first moments": 1,
    "bosonic dimer, second moments": 1,
}


@functools.cache
def eps_of(name):
    return symq.exceptional_points(SYSTEMS[name], solve_for=g)


@functools.cache
def distinct_eigenvalues(name):
    """Number of distinct eigenvalues away from EPs: degree of the square-free characteristic polynomial."""
    return symq.characteristic_polynomial(SYSTEMS[name]).sqf_part().degree()


def same(a, b) -> bool:
    return sp.simplify(a - b) == 0


# ---------------------------------------------------------------------------------------------
# the derived loci, compared with the paper's Eqs. (3b), (3c), (18a)
# ---------------------------------------------------------------------------------------------

def test_type_I_loci_of_the_qubit_dimer():
    """Eq. (3b): g = sqrt(s) (sqrt2 +- 1) kappa / 2, one EP2 each, for every s. symq finds two more
    loci, g = kappa |1 - s^2| / (4 sqrt(s^2 - 6 s + 1)) for s < 3 - 2 sqrt2 or s > 3 + 2 sqrt2, where
    two pairs of eigenvalues coalesce at once (two EP2s); they are checked numerically below."""
    eps = eps_of("qubit dimer, first moments")
    assert len(eps) == EP_COUNTS["qubit dimer, first moments"]
    unconditional = [ep for ep in eps if ep.condition == sp.true]
    for sign in (1, -1):
        expected = sp.sqrt(s) * (sp.sqrt(2) + sign) * kappa / 2
        (ep,) = [ep for ep in unconditional if same(ep.value, expected)]
        assert (ep.order, ep.multiplicity, ep.blocks, ep.count) == (2, 2, (2,), 1)
        assert ep.geometric == 1 and ep.locus == sp.Eq(g, ep.value)
    extra = [ep for ep in eps if ep.condition != sp.true]
    assert len(extra) == 2
    for ep in extra:
        assert (ep.order, ep.multiplicity, ep.blocks, ep.count) == (2, 2, (2,), 2)
        assert same(ep.value**2, kappa**2 * (1 - s**2) ** 2 / (16 * (s**2 - 6 * s + 1)))
    domains = {ep.condition.as_set() for ep in extra}
    assert domains == {sp.Interval.open(-sp.oo, 3 - 2 * sp.sqrt(2)), sp.Interval.open(3 + 2 * sp.sqrt(2), sp.oo)}


def test_type_II_locus_of_the_qubit_dimer():
    """Eq. (3c): g = |s - 1| kappa / 4; all four eigenvalues meet there, Jordan blocks (3, 1)."""
    eps = eps_of("qubit dimer, second moments")
    assert len(eps) == EP_COUNTS["qubit dimer, second moments"]
    by_domain = {ep.condition.as_set(): ep for ep in eps}
    assert same(by_domain[sp.Interval.open(1, sp.oo)].value, (s - 1) * kappa / 4)
    assert same(by_domain[sp.Interval.open(-sp.oo, 1)].value, (1 - s) * kappa / 4)
    for ep in eps:
        assert (ep.order, ep.multiplicity, ep.blocks, ep.count) == (3, 4, (3, 1), 1)


def test_bosonic_dimer_locus():
    """Eq. (18a): g = (s + 1) kappa / 4 for the first (EP2) and the second moments (EP3 + 1)."""
    (first,) = eps_of("bosonic dimer, first moments")
    assert same(first.value, (s + 1) * kappa / 4) and first.condition == sp.true
    assert (first.order, first.multiplicity, first.blocks) == (2, 2, (2,))
    (second,) = eps_of("bosonic dimer, second moments")
    assert same(second.value, (s + 1) * kappa / 4)
    assert (second.order, second.multiplicity, second.blocks) == (3, 4, (3, 1))


def test_discriminant_vanishes_on_every_locus():
    for name in EP_COUNTS:
        disc = symq.discriminant(SYSTEMS[name])
        for ep in eps_of(name):
            assert same(ep.factor.subs(g, ep.value), 0)
            assert sp.rem(sp.Poly(disc, g), sp.Poly(ep.factor, g)).is_zero


def test_discriminants_in_closed_form():
    """Monic discriminants prod_{i<j} (mu_i - mu_j)^2 over the distinct eigenvalues of H = i A."""
    disc_b = (4 * g) ** 2 / 4 - (s + 1) ** 2 * kappa**2 / 4  # (H11 - H22)^2 + 4 H12 H21 = 4 g^2 - (s+1)^2 kappa^2/4
    assert sp.expand(symq.discriminant(BDIMER_FIRST) - disc_b) == 0
    disc_obe = Omega**4 * (16 * Omega**2 - gamma**2) / 4
    assert sp.expand(symq.discriminant(BLOCH_MOMENTS) - disc_obe) == 0


# ---------------------------------------------------------------------------------------------
# numerical verification of every locus
# ---------------------------------------------------------------------------------------------

def log_uniform(lo: float, hi: float):
    return st.floats(np.log10(lo), np.log10(hi)).map(lambda x: 10.0**x)


def spread(M: np.ndarray) -> float:
    """Scale of the eigenvalue differences: the largest entry of M - (tr M / n) 1."""
    n = len(M)
    return float(np.abs(M - np.trace(M) / n * np.eye(n)).max())


def clusters(ev, tol: float) -> list[list]:
    """Single-linkage groups of eigenvalues closer than tol."""
    groups: list[list] = []
    for e in ev:
        near = [grp for grp in groups if min(abs(e - x) for x in grp) < tol]
        merged = [e] + [x for grp in near for x in grp]
        groups = [grp for grp in groups if all(grp is not m for m in near)] + [merged]
    return groups


def numeric_H(system, values) -> np.ndarray:
    A, _ = system.numeric(values)
    return 1j * A


def s_range(ep) -> tuple[float, float]:
    """Values of s in [0.03, 20] where the locus exists, 10% away from its edges (g -> 0 or infinity)."""
    lo, hi = 0.03, 20.0
    if ep.condition != sp.true:
        (x,) = ep.condition.free_symbols
        assert x == s
        dom = ep.condition.as_set()
        lo, hi = max(lo, 1.1 * float(dom.inf)), min(hi, float(dom.sup) / 1.1)
    assert lo < hi
    return lo, hi


EP_CASES = [(name, k) for name, n in EP_COUNTS.items() for k in range(n)]


@pytest.mark.parametrize("name, k", EP_CASES, ids=[f"{n}-{k}" for n, k in EP_CASES])
@given(data=st.data())
def test_exceptional_points_numerically(name, k, data):
    system, ep = SYSTEMS[name], eps_of(name)[k]
    others = sorted(system.parameters - {g}, key=str)
    values = {p: data.draw(log_uniform(0.1, 10), str(p)) for p in others if p != s}
    values[s] = data.draw(log_uniform(*s_range(ep)), "s")
    g0 = float(ep.value.subs(values))
    assert g0 > 0
    n = len(system)

    # -- at the locus: coalescing, defective clusters -------------------------------------------------
    M = numeric_H(system, {**values, g: g0})
    scale = spread(M)
    ev, V = np.linalg.eig(M)
    # an EP of order k splits in double precision by ~eps^(1/k) * scale: 1.5e-8 (EP2), 6e-6 (EP3)
    coalesced = [c for c in clusters(ev, 1e-4 * scale) if len(c) > 1]
    assert sorted(len(c) for c in coalesced) == [ep.multiplicity] * ep.count
    for c in coalesced:
        sv = np.linalg.svd(M - np.mean(c) * np.eye(n), compute_uv=False)
        # null singular values are rounding-level (< 1e-12 scale); the others are >= 1e-2 scale here
        nullity = int(np.sum(sv < 1e-7 * scale))
        assert nullity == ep.geometric < len(c)
    # coalescing eigenvectors: cond(V) ~ 1/sqrt(eps) ~ 1e8 at an EP2 (more at an EP3)
    assert np.linalg.cond(V) > 1e6

    # -- 1e-2 off the locus: distinct, diagonalisable --------------------------------------------------
    for shift in (1 + 1e-2, 1 - 1e-2):
        M = numeric_H(system, {**values, g: g0 * shift})
        scale = spread(M)
        ev, V = np.linalg.eig(M)
        # permanent (diabolic) degeneracies agree to rounding, ~1e-14 scale; split EP branches
        # are >= ~sqrt(1e-2) * 1e-2 scale apart
        groups = clusters(ev, 1e-6 * scale)
        assert len(groups) == distinct_eigenvalues(name)
        centres = [np.mean(c) for c in groups]
        assert min(abs(a - b) for a, b in itertools.combinations(centres, 2)) > 1e-3 * scale
        # diagonalisable with a well-conditioned eigenbasis (measured ~1e2 at this distance)
        assert np.linalg.cond(V) < 1e5


# ---------------------------------------------------------------------------------------------
# characteristic polynomial and discriminant against numpy
# ---------------------------------------------------------------------------------------------

@functools.cache
def charpoly_functions(name):
    system = SYSTEMS[name]
    params = sorted(system.parameters, key=str)
    p = symq.characteristic_polynomial(system)
    return params, sp.lambdify(params, p.all_coeffs(), "numpy"), sp.lambdify(params, symq.discriminant(system), "numpy")


@pytest.mark.parametrize("name", list(SYSTEMS))
@given(data=st.data())
def test_characteristic_polynomial_and_discriminant_match_numpy(name, data):
    system = SYSTEMS[name]
    params, coeffs, disc = charpoly_functions(name)
    values = {p: data.draw(log_uniform(0.1, 10), str(p)) for p in params}
    H = numeric_H(system, values)
    norm = 1 + np.abs(H).max()
    got = np.array(coeffs(*[values[p] for p in params]), dtype=complex)
    expected = np.poly(H)
    # the coefficient of lambda^(n-k) is a sum of k-fold eigenvalue products, O(norm^k); np.poly
    # builds it from eigenvalues accurate to ~1e-14 norm
    tol = 1e-10 * norm ** np.arange(len(expected))
    assert_matrix_close(got, expected, rtol=0, atol=tol, what=f"charpoly coefficients of {name}")
    ev = np.linalg.eigvals(H)
    distinct = [np.mean(c) for c in clusters(ev, 1e-6 * spread(H))]  # permanent degeneracies agree to ~1e-14
    assume(len(distinct) == distinct_eigenvalues(name))  # not at an accidental coincidence
    product = np.prod([(a - b) ** 2 for a, b in itertools.combinations(distinct, 2)])
    m = len(distinct)
    # m(m-1) factors, each eigenvalue difference accurate to ~1e-13 of norm: 1e-8 relative to norm^(m(m-1))
    assert_matrix_close(complex(disc(*[values[p] for p in params])), product, rtol=1e-8,
                        atol=1e-8 * norm ** (m * (m - 1)), what=f"discriminant of {name}")


# ---------------------------------------------------------------------------------------------
# analytic reference matrices and errors
# ---------------------------------------------------------------------------------------------

def test_companion_matrix_has_an_EP3():
    """lambda^3 = g - kappa: a single Jordan block of size 3 at g = kappa."""
    M = sp.Matrix([[0, 1, 0], [0, 0, 1], [g - kappa, 0, 0]])
    (ep,) = symq.exceptional_points(M, solve_for=g)
    assert ep.value == kappa and (ep.order, ep.multiplicity, ep.blocks) == (3, 3, (3,))
    for _, lams in ep.checked_at:
        assert np.allclose(lams, [0], atol=1e-12)  # the coalesced eigenvalue is exactly 0 (40-digit check)


def test_diabolic_point_is_not_an_EP():
    M = sp.Matrix([[g, 0], [0, kappa]])
    assert symq.discriminant(M) == (g - kappa) ** 2
    assert symq.exceptional_points(M, solve_for=g) == []


def test_matrix_input_equals_system_input():
    from_matrix = symq.exceptional_points(BDIMER_FIRST.matrix(), solve_for=g)
    assert [(ep.value, ep.blocks) for ep in from_matrix] == [(ep.value, ep.blocks) for ep in eps_of("bosonic dimer, first moments")]
    assert symq.characteristic_polynomial(BDIMER_FIRST.matrix()) == symq.characteristic_polynomial(BDIMER_FIRST)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: symq.exceptional_points(DIMER_FIRST, solve_for=gamma), "expected solve_for to be one of the matrix parameters"),
        (lambda: symq.exceptional_points(DIMER_FIRST, solve_for="g"), "expected solve_for to be one of the matrix parameters"),
        (lambda: symq.exceptional_points(DIMER_FIRST, solve_for=g * s), "expected solve_for to be one of the matrix parameters"),
        (lambda: symq.exceptional_points(BLOCH_MOMENTS, solve_for=g), "expected solve_for to be one of the matrix parameters"),
        (lambda: symq.characteristic_polynomial(sp.Matrix([[1, 2, 3], [4, 5, 6]])), "expected a square matrix"),
        (lambda: symq.discriminant(np.eye(2)), "expected a MomentSystem or a square sympy Matrix"),
    ],
)
def test_spectral_errors(make, message):
    with pytest.raises(ModelError, match=message):
        make()
