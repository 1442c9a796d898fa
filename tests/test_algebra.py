"""symq.algebra: algebraic laws, canonical form, every operator kind against its matrices, printing, errors.

Property tests draw random operators (sums of products of site generators with small Gaussian-
rational coefficients) from ``symq.testing``. Matrices are compared with ``to_dense`` products:
exactly representable kinds (qubits, N-level systems, numeric spins) on their full space, bosons
on the Fock states where a cutoff N is exact for the degree involved (n <= N - 1 - degree).
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import symq
from symq.algebra import Op, numeric_coefficient, space, to_dense
from symq.errors import AlgebraError
from symq.testing import (
    assert_matrix_close,
    boson_degree,
    coefficients,
    density_matrices,
    generators,
    operators,
    words,
)

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

# Matrix products are sums of a few products of entries (square roots for spins): double-precision
# rounding stays below 1e-12 of the scale |A| |B| of the summed terms (see ``scale``).
ATOL = 1e-12


def scale(*mats) -> float:
    """Largest entry of |M1| |M2| ...: the size of the terms summed in the product M1 M2 ..."""
    out = np.abs(mats[0])
    for m in mats[1:]:
        out = out @ np.abs(m)
    return max(1.0, float(out.max()))


def term_scale(op: Op, sp_, values=None) -> float:
    """sum_w |c_w| max|M_w|: the size of the terms ``to_dense`` sums (coefficients polynomial in S
    can be large and cancel)."""
    return max(1.0, sum(abs(numeric_coefficient(c, values)) * np.abs(to_dense(Op({w: 1}), sp_, values)).max()
                        for w, c in op.terms.items()))

S = sp.Symbol("S", positive=True)
x, y = sp.symbols("x y")  # coefficients without assumptions: conjugates must stay symbolic

QUBITS = symq.qubits("1 2")
LEVELS = (symq.transitions("t", 3), symq.qubits("q"))
SPIN_HALF, SPIN_ONE, SPIN_3HALF = symq.spins("h", sp.Rational(1, 2)), symq.spins("o", 1), symq.spins("w", sp.Rational(3, 2))
BOSONS = symq.bosons("1 2")
SPIN_SYM = symq.spins("a b", S)
MIXED = (symq.qubits("q"), symq.transitions("t", 3), symq.bosons("b"), symq.spins("s", 1), SPIN_SYM[0])

EXACT_GROUPS = {
    "qubits": QUBITS,
    "levels": LEVELS,
    "spin-1/2": (SPIN_HALF, symq.qubits("q")),
    "spin-1": (SPIN_ONE,),
    "spin-3/2": (SPIN_3HALF, SPIN_HALF),
}
ALL_GROUPS = {**EXACT_GROUPS, "bosons": BOSONS, "mixed": MIXED, "spin-S": SPIN_SYM}


def ops(group, **kw):
    return operators(ALL_GROUPS[group], **kw)


# ---------------------------------------------------------------------------------------------
# algebraic laws (symbolic, every kind, symbolic coefficients included)
# ---------------------------------------------------------------------------------------------

LAW_OPS = st.sampled_from(sorted(ALL_GROUPS)).flatmap(
    lambda gname: st.tuples(*[operators(ALL_GROUPS[gname], max_terms=2, max_length=2, symbols=(x,))] * 3)
)


@given(LAW_OPS)
def test_associativity(abc):
    a, b, c = abc
    assert (a * b) * c == a * (b * c)


@given(LAW_OPS)
def test_distributivity(abc):
    a, b, c = abc
    assert a * (b + c) == a * b + a * c
    assert (a + b) * c == a * c + b * c


@given(LAW_OPS)
def test_adjoint_of_product_and_involution(abc):
    a, b, _ = abc
    assert (a * b).dag() == b.dag() * a.dag()
    assert a.dag().dag() == a
    assert (a + b).dag() == a.dag() + b.dag()


@given(LAW_OPS)
def test_commutator_antisymmetry_and_jacobi(abc):
    a, b, c = abc
    assert symq.comm(a, b) == -symq.comm(b, a)
    jacobi = symq.comm(a, symq.comm(b, c)) + symq.comm(b, symq.comm(c, a)) + symq.comm(c, symq.comm(a, b))
    assert jacobi.is_zero


@given(LAW_OPS)
def test_canonical_form_is_idempotent_and_equal_ops_hash_equal(abc):
    a, b, c = abc
    for o in (a, a * b, symq.comm(a, c)):
        rebuilt = Op(dict(o.terms))
        assert rebuilt == o and hash(rebuilt) == hash(o)
        assert rebuilt.terms == o.terms
    # the same operator reached by different routes hashes equal
    lhs, rhs = a * (b + c), a * c + a * b
    assert lhs == rhs and hash(lhs) == hash(rhs)
    assert len({lhs, rhs}) == 1


@given(LAW_OPS)
def test_scalar_identity_and_zero(abc):
    a, _, _ = abc
    assert a * 1 == a and 1 * a == a and a + 0 == a
    assert (a - a).is_zero and (0 * a).is_zero and str(a - a) == "0"
    assert a * Op.scalar(2) == 2 * a == a + a


# ---------------------------------------------------------------------------------------------
# every kind against its matrices
# ---------------------------------------------------------------------------------------------

def test_elementary_matrices_follow_qutip_conventions():
    q = QUBITS[0]
    assert_matrix_close(to_dense(q, space([q])), qutip.destroy(2).full(), rtol=0, atol=ATOL, what="qubit sigma")
    b = BOSONS[0]
    assert_matrix_close(to_dense(b, space([b], cutoffs={b: 5})), qutip.destroy(5).full(), rtol=0, atol=ATOL, what="boson a")
    for spin, val in ((SPIN_HALF, 0.5), (SPIN_ONE, 1), (SPIN_3HALF, 1.5)):
        sp_ = space([spin])
        for op, name in ((spin.plus, "+"), (spin.minus, "-"), (spin.z, "z"), (spin.x, "x"), (spin.y, "y")):
            assert_matrix_close(to_dense(op, sp_), qutip.jmat(val, name).full(), rtol=0, atol=ATOL, what=f"spin {val} S{name}")
    sa = SPIN_SYM[0]
    assert_matrix_close(to_dense(sa.plus, space([sa], values={S: 2}), values={S: 2}), qutip.jmat(2, "+").full(),
                        rtol=0, atol=ATOL, what="symbolic spin at S = 2")
    t = LEVELS[0]
    sp_ = space([t[0, 1]])
    for i, j in itertools.product(range(3), repeat=2):
        assert_matrix_close(to_dense(t[i, j], sp_), qutip.basis(3, i).full() @ qutip.basis(3, j).dag().full(),
                            rtol=0, atol=ATOL, what=f"transition |{i}><{j}|")


def test_tensor_order_is_sorted_by_site_name():
    q2, q1 = QUBITS[1], QUBITS[0]
    sp_ = space([q2, q1])
    assert [s.name for s in sp_.sites] == ["1", "2"] and sp_.dims == (2, 2)
    expected = qutip.tensor(qutip.destroy(2), qutip.qeye(2)).full()
    assert_matrix_close(to_dense(q1, sp_), expected, rtol=0, atol=ATOL, what="sigma_1 on 1 (x) 2")


@pytest.mark.parametrize("group", sorted(EXACT_GROUPS))
@given(data=st.data())
def test_products_match_matrices_exactly(group, data):
    a = data.draw(ops(group), "a")
    b = data.draw(ops(group), "b")
    sp_ = space([s.site for s in EXACT_GROUPS[group]])
    A, B = to_dense(a, sp_), to_dense(b, sp_)
    tol = ATOL * (scale(A, B) + scale(B, A))
    assert_matrix_close(to_dense(a * b, sp_), A @ B, rtol=0, atol=tol, what="a*b")
    assert_matrix_close(to_dense(symq.comm(a, b), sp_), A @ B - B @ A, rtol=0, atol=tol, what="[a, b]")
    assert_matrix_close(to_dense(symq.anticomm(a, b), sp_), A @ B + B @ A, rtol=0, atol=tol, what="{a, b}")
    assert_matrix_close(to_dense(a.dag(), sp_), A.conj().T, rtol=0, atol=ATOL * scale(A), what="a^dag")
    assert_matrix_close(to_dense(a**2, sp_), A @ A, rtol=0, atol=ATOL * scale(A, A), what="a**2")


@pytest.mark.parametrize("group", ["spin-1/2", "spin-1", "spin-3/2", "levels"])
@given(data=st.data())
def test_equal_matrices_mean_equal_operators(group, data):
    """Numeric spins and N-level systems are reduced by their minimal polynomials: the canonical
    form is unique, so an operator whose matrix vanishes is the zero operator."""
    a = data.draw(words(EXACT_GROUPS[group], max_length=5), "a")
    sp_ = space([s.site for s in EXACT_GROUPS[group]])
    A = to_dense(a, sp_)
    assert a.is_zero == (not np.any(np.abs(A) > ATOL))


def _low_fock_columns(sp_, cutoff: int, degree: int) -> np.ndarray:
    """Basis states with every boson occupation n <= cutoff - 1 - degree (truncation exact there)."""
    grids = np.meshgrid(*[np.arange(d) for d in sp_.dims], indexing="ij")
    ok = np.ones(sp_.dim, dtype=bool)
    for s, grid in zip(sp_.sites, grids):
        if isinstance(s.kind, symq.algebra.Boson):
            ok &= grid.ravel() <= cutoff - 1 - degree
    return np.flatnonzero(ok)


@pytest.mark.parametrize("group, max_power, cutoff", [("bosons", 2, 9), ("mixed", 1, 6)])
@given(data=st.data())
def test_boson_products_match_matrices_below_cutoff(group, max_power, cutoff, data):
    sites = ALL_GROUPS[group]
    a = data.draw(ops(group, max_length=2, max_power=max_power), "a")
    b = data.draw(ops(group, max_length=2, max_power=max_power), "b")
    d = boson_degree(a) + boson_degree(b)
    values = {S: sp.Rational(3, 2)}
    bos = [s.site for s in sites if isinstance(s.site.kind, symq.algebra.Boson)]
    sp_ = space([s.site for s in sites], cutoffs={s: cutoff for s in bos}, values=values)
    cols = _low_fock_columns(sp_, cutoff, d)
    assert cols.size  # d <= 2 * max_length * max_power <= cutoff - 1: the vacuum column is exact
    A, B = to_dense(a, sp_, values), to_dense(b, sp_, values)
    AB, BA = A @ B[:, cols], B @ A[:, cols]
    tol = ATOL * (scale(A, B) + scale(B, A))
    assert_matrix_close(to_dense(a * b, sp_, values)[:, cols], AB, rtol=0, atol=tol, what="a*b")
    assert_matrix_close(to_dense(symq.comm(a, b), sp_, values)[:, cols], AB - BA, rtol=0, atol=tol, what="[a, b]")


def _mono(site_op, m):
    return Op({((site_op.site, m),): sp.S.One})


def test_every_small_boson_monomial_product_matches_matrices():
    """a^{dag m} a^n * a^{dag p} a^q for m, n, p, q <= 2, on the Fock states exact at cutoff 10."""
    b = BOSONS[0]
    sp_ = space([b], cutoffs={b: 10})
    monos = [(m, n) for m in range(3) for n in range(3) if (m, n) != (0, 0)]
    for x1, x2 in itertools.product(monos, repeat=2):
        o1, o2 = _mono(b, x1), _mono(b, x2)
        cols = np.arange(10 - sum(x1) - sum(x2))  # n <= N - 1 - degree
        M1, M2 = to_dense(o1, sp_), to_dense(o2, sp_)
        assert_matrix_close(to_dense(o1 * o2, sp_)[:, cols], (M1 @ M2)[:, cols], rtol=0, atol=ATOL * scale(M1, M2),
                            what=f"{o1} * {o2}")


@pytest.mark.parametrize("spin", [SPIN_HALF, SPIN_ONE, SPIN_3HALF, SPIN_SYM[0]], ids=["1/2", "1", "3/2", "S=2"])
def test_every_small_spin_monomial_product_matches_matrices(spin):
    """Normal-ordered S+^m Sz^k S-^n (m n = 0, exponents <= 2) against QuTiP's jmat, and all their
    pairwise products (which contain every S_- ... S_+ reordering up to second order)."""
    vals = {S: 2}
    sp_ = space([spin], values=vals)
    j = (sp_.dims[0] - 1) / 2
    P, Z, M = (qutip.jmat(j, c).full() for c in "+z-")
    mats = {}
    for m, k, n in itertools.product(range(3), repeat=3):
        if m * n:
            continue
        o = spin.plus**m * spin.z**k * spin.minus**n
        expected = np.linalg.matrix_power(P, m) @ np.linalg.matrix_power(Z, k) @ np.linalg.matrix_power(M, n)
        assert_matrix_close(to_dense(o, sp_, vals), expected, rtol=0, atol=ATOL * scale(expected), what=f"S+^{m} Sz^{k} S-^{n}")
        mats[o] = expected
    for (o1, m1), (o2, m2) in itertools.product(mats.items(), repeat=2):
        prod = o1 * o2
        tol = ATOL * (scale(m1, m2) + term_scale(prod, sp_, vals))
        assert_matrix_close(to_dense(prod, sp_, vals), m1 @ m2, rtol=0, atol=tol, what=f"({o1}) * ({o2})")


def test_boson_canonical_commutation_relation():
    a = BOSONS[0]
    assert symq.comm(a, a.dag()) == 1
    assert a * a.dag() == a.dag() * a + 1
    assert symq.comm(a, (a.dag()) ** 3) == 3 * a.dag() ** 2
    assert symq.comm(BOSONS[0], BOSONS[1].dag()).is_zero


def test_qubit_relations():
    q = QUBITS[0]
    assert (q * q).is_zero
    assert symq.anticomm(q, q.dag()) == 1
    assert q * q.dag() == 1 - q.dag() * q
    assert q.dag() * q * q.dag() * q == q.dag() * q
    assert QUBITS[0] * QUBITS[1] == QUBITS[1] * QUBITS[0]


def test_transition_relations():
    t = LEVELS[0]
    for i, j, k, l in itertools.product(range(3), repeat=4):
        assert t[i, j] * t[k, l] == (t[i, l] if j == k else 0)
    assert sum((t[i, i] for i in range(3)), Op()) == 1


# ---------------------------------------------------------------------------------------------
# spin with a symbolic length S
# ---------------------------------------------------------------------------------------------

def test_symbolic_spin_relations():
    sa = SPIN_SYM[0]
    assert symq.comm(sa.plus, sa.minus) == 2 * sa.z
    assert symq.comm(sa.z, sa.plus) == sa.plus
    assert symq.comm(sa.z, sa.minus) == -sa.minus
    assert sa.plus * sa.minus + sa.z**2 - sa.z == S * (S + 1)
    assert sa.x**2 + sa.y**2 + sa.z**2 == S * (S + 1)
    assert symq.comm(sa.x, sa.y) == sp.I * sa.z
    assert symq.comm(sa.minus, SPIN_SYM[1].plus).is_zero


@pytest.mark.parametrize("value", [1, sp.Rational(3, 2), 2], ids=str)
@given(data=st.data())
def test_symbolic_spin_agrees_with_matrices(value, data):
    a = data.draw(operators(SPIN_SYM, max_length=3), "a")
    b = data.draw(operators(SPIN_SYM, max_length=3), "b")
    vals = {S: value}
    sp_ = space(list(SPIN_SYM), values=vals)
    A, B = to_dense(a, sp_, vals), to_dense(b, sp_, vals)
    tol = ATOL * (scale(A, B) + scale(B, A) + term_scale(a * b, sp_, vals) + term_scale(b * a, sp_, vals))
    assert_matrix_close(to_dense(a * b, sp_, vals), A @ B, rtol=0, atol=tol, what=f"a*b at S={value}")
    assert_matrix_close(to_dense(symq.comm(a, b), sp_, vals), A @ B - B @ A, rtol=0, atol=tol,
                        what=f"[a, b] at S={value}")


@pytest.mark.parametrize("value", [sp.Rational(1, 2), 1, sp.Rational(3, 2)], ids=str)
def test_symbolic_spin_specialises_to_numeric_spin(value):
    """Products computed with symbolic S, then S = value, equal the same products for a numeric spin."""
    sa, sn = SPIN_SYM[0], symq.spins("a", value)
    pairs = [(sa.plus, sn.plus), (sa.minus, sn.minus), (sa.z, sn.z)]
    for (p1, n1), (p2, n2), (p3, n3) in itertools.product(pairs, repeat=3):
        sym, num = p1 * p2 * p3, n1 * n2 * n3
        vals = {S: value}
        sp_ = space([sn])
        expected = to_dense(num, sp_)
        sym_space = space([sa], values=vals)
        assert_matrix_close(to_dense(sym, sym_space, vals), expected, rtol=0,
                            atol=ATOL * (scale(expected) + term_scale(sym, sym_space, vals)), what=f"{sym} at S={value}")


# ---------------------------------------------------------------------------------------------
# inspection
# ---------------------------------------------------------------------------------------------

def test_charge_hermiticity_and_coefficients():
    q1, q2 = QUBITS
    assert (q1.dag() * q2).charge() == 0 and q1.dag().charge() == 1 and (q1 + q1.dag()).charge() is None
    assert (q1 + q1.dag()).is_hermitian() and not (sp.I * (q1 + q1.dag())).is_hermitian()
    o = 3 + 2 * q1.dag() * q1
    assert o.coeff() == 3 and o.coeff(q1.dag() * q1) == 2
    assert (q1 * x).free_symbols == {x}
    assert (x * q1).subs(x, 2) == 2 * q1
    parts = {str(m): c for c, m in (q1 + 5 * q2).split()}
    assert parts == {"σ_1": 1, "σ_2": 5}


# ---------------------------------------------------------------------------------------------
# printing (pinned exactly)
# ---------------------------------------------------------------------------------------------

def test_printing_is_pinned():
    q1, q2 = QUBITS
    a = BOSONS[0]
    sa = SPIN_SYM[0]
    t = LEVELS[0]
    g = sp.Symbol("g", positive=True)
    assert sp.latex(q1.dag() * q1 * q2) == r"\sigma_{1}^{\dagger} \sigma_{1} \sigma_{2}"
    assert str(q1.dag() * q1 * q2) == "σ_1†σ_1·σ_2"
    assert str(g * (q1.dag() * q2 + q2.dag() * q1)) == "g*σ_1·σ_2† + g*σ_1†·σ_2"
    assert sp.latex(g * (q1.dag() * q2 + q2.dag() * q1)) == r"g \sigma_{1} \sigma_{2}^{\dagger} + g \sigma_{1}^{\dagger} \sigma_{2}"
    assert str(a.dag() ** 2 * a**3) == "a_1†^2a_1^3"
    assert sp.latex(a.dag() ** 2 * a**3) == r"a_1^{\dagger 2} {a_1}^{3}"
    assert sp.latex(2 * a - sp.I / 3 * a.dag() * a + 1) == r"1 + 2 a_1 - \frac{i}{3} a_1^{\dagger} a_1"
    assert str(a * a.dag()) == "1 + a_1†a_1"
    assert str((1 + g) * q1 - q2) == "(g + 1)*σ_1 - σ_2"
    assert sp.latex((1 + g) * q1) == r"\left(g + 1\right) \sigma_{1}"
    assert str(sa.plus**2 * sa.z) == "S+_a^2·Sz_a"
    assert sp.latex(sa.plus * sa.z**2 * sa.plus) == (
        r"{S^{+}_{a}}^{2} + 2 {S^{+}_{a}}^{2} S^{z}_{a} + {S^{+}_{a}}^{2} {S^{z}_{a}}^{2}"
    )
    assert str(t[0, 0]) == "1 - σ_t^11 - σ_t^22"
    assert sp.latex(t[1, 2]) == r"\sigma_{t}^{12}"
    assert str(Op()) == "0" and sp.latex(Op()) == "0"
    assert (q1 + q2)._repr_latex_() == r"$\sigma_{1} + \sigma_{2}$"


# ---------------------------------------------------------------------------------------------
# bad input: every AlgebraError case
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: symq.qubits(1), "site names: expected a string"),
        (lambda: symq.bosons(["a", "b"]), "site names: expected a string"),
        (lambda: symq.qubits("   "), "site names: expected at least one name"),
        (lambda: symq.qubits("1 2 1"), "site names: expected distinct names"),
        (lambda: symq.spins("a", -1), "Spin: expected S a positive half-integer"),
        (lambda: symq.spins("a", sp.Rational(1, 3)), "Spin: expected S a positive half-integer"),
        (lambda: symq.spins("a", 0), "Spin: expected S a positive half-integer"),
        (lambda: symq.spins("a", sp.Symbol("S")), "Symbol with positive=True"),
        (lambda: symq.transitions("x", 1), "Levels: expected an integer number of levels >= 2"),
        (lambda: symq.transitions("x", 2.5), "Levels: expected an integer number of levels >= 2"),
        (lambda: symq.transitions("x", 3)[3, 0], "transition x: expected levels in 0..2"),
        (lambda: symq.transitions("x", 3)[0, -1], "transition x: expected levels in 0..2"),
        (lambda: symq.transitions("x", 3)[1], "transition: expected an index pair"),
        (lambda: symq.qubits("1") ** -1, "operator power: expected a non-negative integer"),
        (lambda: symq.bosons("1") ** sp.Rational(1, 2), "operator power: expected a non-negative integer"),
        (lambda: symq.qubits("1") / symq.qubits("2"), "operator division: expected a scalar divisor"),
        (lambda: 1 / symq.bosons("1"), "operator division: expected a scalar divisor"),
        (lambda: sp.Symbol("g") / symq.bosons("1"), "operator division: expected a scalar divisor"),
        (lambda: symq.qubits("1") * symq.bosons("1"), "two different sites share the name '1'"),
        (lambda: symq.bosons("x") * symq.spins("x", 1).z, "two different sites share the name 'x'"),
        (lambda: symq.spins("a", 1) * symq.spins("a", 2), "two different sites share the name 'a'"),
        (lambda: (symq.qubits("1") * symq.qubits("2")) * (symq.transitions("1", 2)[1, 0]),
         "two different sites share the name '1'"),
        (lambda: symq.algebra.as_op("sigma"), "operator: expected a symq operator or a scalar"),
        (lambda: (symq.qubits("1") + symq.qubits("2")).coeff(symq.qubits("1") + symq.qubits("2")),
         "coeff: expected a single operator word"),
    ],
)
def test_algebra_errors(make, message):
    with pytest.raises(AlgebraError, match=message.replace("(", r"\(").replace("+", r"\+")):
        make()


def test_sympy_integer_exponent_is_accepted():
    q, a = QUBITS[0], BOSONS[0]
    assert (q ** sp.Integer(2)).is_zero and a ** sp.Integer(2) == a * a and a**0 == 1


def test_non_operator_operands_are_not_coerced():
    with pytest.raises(TypeError):
        QUBITS[0] + "x"
    with pytest.raises(TypeError):
        QUBITS[0] * [1]
    assert (QUBITS[0] == "x") is False


@given(coefficients(symbols=(x,)), st.sampled_from(sorted(ALL_GROUPS)).flatmap(lambda g: words(ALL_GROUPS[g])))
def test_scalar_multiplication_commutes(c, w):
    assert c * w == w * c
    assert (c * w).dag() == sp.conjugate(c) * w.dag()


# ---------------------------------------------------------------------------------------------
# the public strategies of symq.testing
# ---------------------------------------------------------------------------------------------

@given(density_matrices(6, support=[0, 2, 3]))
def test_density_matrices_are_physical(rho):
    assert rho.shape == (6, 6)
    assert_matrix_close(rho, rho.conj().T, rtol=0, atol=1e-15, what="rho - rho^dag")  # exact symmetrisation
    assert abs(np.trace(rho) - 1) < 1e-14  # one division by the trace
    block = rho[np.ix_([0, 2, 3], [0, 2, 3])]
    assert np.linalg.eigvalsh(block).min() > 0  # Ginibre: full rank on the support almost surely
    assert not np.any(np.delete(np.delete(rho, [0, 2, 3], 0), [0, 2, 3], 1))


def test_generators_of_each_kind():
    assert len(generators(QUBITS[0])) == 4  # |0><0|, sigma, sigma^dag, sigma^dag sigma
    assert generators(QUBITS[0])[0] == QUBITS[0] * QUBITS[0].dag()
    assert len(generators(LEVELS[0])) == 9
    assert set(generators(BOSONS[0], max_power=2)) == {BOSONS[0], BOSONS[0].dag(), BOSONS[0] ** 2, BOSONS[0].dag() ** 2}
    assert set(generators(SPIN_ONE)) == {SPIN_ONE.plus, SPIN_ONE.minus, SPIN_ONE.z}
    assert generators(LEVELS[0][1, 2]) == generators(LEVELS[0])  # any operator on one site names it
    with pytest.raises(symq.SymqError, match="symq.testing: expected a site operator"):
        generators(QUBITS[0] * QUBITS[1])


@given(operators(MIXED, hermitian=True))
def test_hermitian_operators_strategy(o):
    assert o.is_hermitian()


def test_assert_matrix_close_names_what_differs():
    assert_matrix_close(np.eye(2), np.eye(2) + 1e-13, rtol=0, atol=1e-12, what="ok")
    with pytest.raises(AssertionError, match=r"A: entries differ beyond atol=1e-12, rtol=0; worst at \(1, 0\)"):
        assert_matrix_close(np.array([[1, 0], [1e-3, 1]]), np.eye(2), rtol=0, atol=1e-12, what="A")
    with pytest.raises(AssertionError, match=r"B: expected shape \(2, 2\), got \(3,\)"):
        assert_matrix_close(np.zeros(3), np.eye(2), rtol=0, atol=1, what="B")
