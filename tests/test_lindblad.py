"""symq.lindblad: conventions, collective rate matrices, the adjoint generator against QuTiP, no-jump
Hamiltonian, U(1) charges and every ModelError case."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import symq
from symq.algebra import numeric_coefficient, space, to_dense, to_sparse
from symq.errors import ModelError
from symq.lindblad import Channel
from symq.testing import assert_matrix_close, density_matrices, operators

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

s, g, kappa, w0, gamma = sp.symbols("s g kappa omega_0 gamma", positive=True)
q1, q2 = symq.qubits("1 2")
H_DIMER = w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1)
DIMER = symq.Lindblad(H_DIMER, jumps=[(s * kappa, q1.dag()), (kappa, q2)])

# Expectation values of O(1) operators in a trace-1 state, rates and frequencies <= 5: every
# entry is a sum of O(10) terms of size <= O(10); 1e-10 of the term scale is far above rounding.
RTOL = 1e-10
PARAM = st.floats(0.05, 5.0)


def qutip_liouvillian(model, sp_, values):
    """The Schrodinger-picture Liouvillian built by QuTiP from numeric matrices.

    A collective block ``gamma_jk`` is diagonalised, ``gamma = U diag(lam) U^dag``, into the
    collapse operators ``sqrt(lam_m) sum_j U_jm L_j``.
    """
    dims = [list(sp_.dims)] * 2
    H = qutip.Qobj(to_sparse(model.H, sp_, values), dims=dims)
    ops = []
    for ch in model.channels:
        for o in (ch.left, ch.right):
            if o not in ops:
                ops.append(o)
    G = np.zeros((len(ops), len(ops)), dtype=complex)
    for ch in model.channels:
        G[ops.index(ch.left), ops.index(ch.right)] += numeric_coefficient(ch.rate, values)
    lam, U = np.linalg.eigh(G)
    mats = [to_sparse(o, sp_, values) for o in ops]
    c_ops = []
    for m in range(len(ops)):
        if lam[m] > 1e-14 * max(1.0, np.abs(lam).max()):  # zero modes of gamma carry no dissipation
            L = sum(U[j, m] * mats[j] for j in range(len(ops)))
            c_ops.append(np.sqrt(lam[m]) * qutip.Qobj(L, dims=dims))
    return qutip.liouvillian(H, c_ops)


def d_rho(model, sp_, values, rho):
    L = qutip_liouvillian(model, sp_, values)
    r = qutip.Qobj(rho, dims=[list(sp_.dims)] * 2)
    return qutip.vector_to_operator(L @ qutip.operator_to_vector(r)).full()


def assert_adjoint_matches(model, O, sp_, values, rho, what):
    """Tr(L^dag[O] rho) (symq) against Tr(O L[rho]) (QuTiP)."""
    lhs = np.trace(to_dense(model.adjoint(O), sp_, values) @ rho)
    rhs = np.trace(to_dense(O, sp_, values) @ d_rho(model, sp_, values, rho))
    # both sides are sums of (entry of O) x (rate or frequency) x (entry of rho <= 1) terms
    scale = 1 + np.abs(to_dense(O, sp_, values)).max() * max(abs(numeric_coefficient(v, values)) for v in values)
    assert_matrix_close(lhs, rhs, rtol=RTOL, atol=RTOL * scale, what=what)


# ---------------------------------------------------------------------------------------------
# structure
# ---------------------------------------------------------------------------------------------

def test_model_structure():
    assert [x.name for x in DIMER.sites] == ["1", "2"]
    assert DIMER.parameters == {s, g, kappa, w0}
    assert DIMER.jumps == [(s * kappa, q1.dag()), (kappa, q2)]
    assert DIMER.channels == (Channel(s * kappa, q1.dag(), q1.dag()), Channel(kappa, q2, q2))
    assert DIMER.H == H_DIMER
    assert DIMER.check_operator(q1 * q2) == q1 * q2
    assert "Lindblad(H=" in repr(DIMER)


def test_adjoint_formula_for_the_dimer():
    """d<sigma_1>/dt = (-i w0 - s kappa/2) <sigma_1> - i g <sigma_2> + 2 i g <sigma_1^dag sigma_1 sigma_2>."""
    expected = (-sp.I * w0 - s * kappa / 2) * q1 - sp.I * g * q2 + 2 * sp.I * g * q1.dag() * q1 * q2
    assert DIMER.heisenberg(q1) == expected
    assert DIMER.heisenberg(q2.dag() * q2) == -kappa * q2.dag() * q2 + sp.I * g * (q1.dag() * q2 - q2.dag() * q1)


# ---------------------------------------------------------------------------------------------
# conventions
# ---------------------------------------------------------------------------------------------

def test_convention_2L_doubles_rates():
    m2 = symq.Lindblad(H_DIMER, jumps=[(s * kappa, q1.dag()), (kappa, q2)], convention="2L")
    m1 = symq.Lindblad(H_DIMER, jumps=[(2 * s * kappa, q1.dag()), (2 * kappa, q2)])
    assert [c.rate for c in m2.channels] == [2 * s * kappa, 2 * kappa]
    for O in (q1, q2.dag() * q2, q1.dag() * q2):
        assert m2.adjoint(O) == m1.adjoint(O)


def test_rate_matrix_diagonal_equals_jump_list():
    m = symq.Lindblad.from_rate_matrix(H_DIMER, [q1.dag(), q2], sp.diag(s * kappa, kappa))
    assert m.channels == DIMER.channels
    assert m.jumps == DIMER.jumps
    for O in (q1, q2, q1.dag() * q1 * q2, q1 * q2.dag()):
        assert m.adjoint(O) == DIMER.adjoint(O)


def test_rate_matrix_collective_channels():
    G = sp.Matrix([[gamma, gamma], [gamma, gamma]])
    m = symq.Lindblad.from_rate_matrix(0, [q1, q2], G)
    assert len(m.channels) == 4 and m.jumps == [(gamma, q1), (gamma, q2)]
    # sum_jk gamma_jk (L_k^dag O L_j - 1/2 {L_k^dag L_j, O}) is the single jump L = sigma_1 + sigma_2
    single = symq.Lindblad(0, jumps=[(gamma, q1 + q2)])
    for O in (q1, q1.dag() * q2, q1.dag() * q1 * q2.dag() * q2):
        assert m.adjoint(O) == single.adjoint(O)


@pytest.mark.parametrize(
    "G, message",
    [
        (sp.Matrix([[gamma, sp.I * gamma], [sp.I * gamma, gamma]]), "expected a Hermitian rate matrix"),
        (sp.Matrix([[gamma, 1], [2, gamma]]), "expected a Hermitian rate matrix"),
        (sp.Matrix([[gamma, 2 * gamma], [2 * gamma, gamma]]), "not positive semidefinite"),
        (sp.Matrix([[1, 0], [0, -1]]), "not positive semidefinite"),
        (sp.Matrix([[0, 1], [1, 0]]), "not positive semidefinite"),
        (sp.Matrix([[gamma, 0], [0, sp.Symbol("x", real=True)]]), "expected non-negative diagonal rates"),
        (sp.Matrix([[gamma]]), "expected a 2x2 rate matrix"),
    ],
)
def test_rate_matrix_must_be_hermitian_psd(G, message):
    with pytest.raises(ModelError, match=message):
        symq.Lindblad.from_rate_matrix(0, [q1, q2], G)


def test_rate_matrix_psd_checks_every_principal_minor():
    """Leading minors 0, 0, 0 but eigenvalues -1, 0, 1: only a non-leading minor reveals it."""
    q3 = symq.qubits("3")
    with pytest.raises(ModelError, match=r"principal minor on rows \[1, 2\] = -1"):
        symq.Lindblad.from_rate_matrix(0, [q1, q2, q3], sp.Matrix([[0, 0, 0], [0, 0, 1], [0, 1, 0]]))


def test_rate_matrix_hermitian_complex_is_accepted():
    G = sp.Matrix([[2 * gamma, sp.I * gamma], [-sp.I * gamma, gamma]])
    m = symq.Lindblad.from_rate_matrix(0, [q1, q2], G)
    assert {c.rate for c in m.channels} == {2 * gamma, gamma, sp.I * gamma, -sp.I * gamma}


# ---------------------------------------------------------------------------------------------
# the adjoint generator against QuTiP (random operators, random states, random parameters)
# ---------------------------------------------------------------------------------------------

t3 = symq.transitions("x", 3)
spin = symq.spins("m", 1)
a = symq.bosons("c")
MODELS = {
    "qubit dimer": (DIMER, [q1, q2], {}),
    "3-level ladder + spin-1, collective decay": (
        symq.Lindblad.from_rate_matrix(
            w0 * (t3[1, 1] + 2 * t3[2, 2]) + g * (t3[1, 0] * spin.minus + t3[0, 1] * spin.plus) + kappa * spin.z,
            [t3[0, 1], t3[1, 2], spin.minus],
            sp.Matrix([[gamma, gamma, 0], [gamma, 2 * gamma, 0], [0, 0, s]]),
        ),
        [t3[0, 1], spin],
        {},
    ),
    "driven damped boson": (symq.Lindblad(w0 * a.dag() * a + g * (a + a.dag()), [(kappa, a), (s, a.dag())]), [a], {a: 8}),
}


@pytest.mark.parametrize("name", sorted(MODELS))
@given(data=st.data())
def test_adjoint_matches_qutip(name, data):
    model, sites, cutoffs = MODELS[name]
    values = {p: data.draw(PARAM, str(p)) for p in sorted(model.parameters, key=str)}
    sp_ = space(model.sites, cutoffs=cutoffs)
    O = data.draw(operators(sites, max_terms=2, max_length=2, max_power=1), "O")
    if cutoffs:  # boson: a state on n <= 3, an operator of degree <= 2 and jumps of degree 1 stay below n = 8
        rho = data.draw(density_matrices(sp_.dim, support=range(4)), "rho")
    else:
        rho = data.draw(density_matrices(sp_.dim), "rho")
    assert_adjoint_matches(model, O, sp_, values, rho, what=f"Tr(L^dag[O] rho) for {name}")


@given(data=st.data())
def test_no_jump_hamiltonian_generates_the_conditional_evolution(data):
    """L[rho] = -i (H_eff rho - rho H_eff^dag) + sum_jk gamma_jk L_j rho L_k^dag, numerically."""
    model = symq.Lindblad.from_rate_matrix(
        H_DIMER, [q1.dag(), q2, q1], sp.Matrix([[s * kappa, 0, 0], [0, kappa, gamma], [0, gamma, gamma]])
    )
    values = {p: data.draw(PARAM, str(p)) for p in sorted(model.parameters, key=str)}
    values[kappa] = values[gamma] + data.draw(PARAM, "kappa - gamma")  # gamma PSD: kappa >= gamma
    sp_ = space(model.sites)
    rho = data.draw(density_matrices(sp_.dim), "rho")
    Heff = to_dense(model.no_jump_hamiltonian(), sp_, values)
    jumps = sum(
        numeric_coefficient(c.rate, values) * to_dense(c.left, sp_, values) @ rho @ to_dense(c.right, sp_, values).conj().T
        for c in model.channels
    )
    expected = -1j * (Heff @ rho - rho @ Heff.conj().T) + jumps
    # entries of L[rho] are sums of rate x |rho| terms with rates <= 50 (s kappa): rounding ~1e-14
    assert_matrix_close(d_rho(model, sp_, values, rho), expected, rtol=RTOL, atol=RTOL * 50, what="L[rho]")


def test_no_jump_hamiltonian_formula():
    expected = H_DIMER - sp.I / 2 * (s * kappa * q1 * q1.dag() + kappa * q2.dag() * q2)
    assert DIMER.no_jump_hamiltonian() == expected
    assert DIMER.no_jump_hamiltonian() == H_DIMER - sp.I * s * kappa / 2 + sp.I * s * kappa / 2 * q1.dag() * q1 - sp.I * kappa / 2 * q2.dag() * q2
    G = sp.Matrix([[gamma, gamma], [gamma, gamma]])
    coll = symq.Lindblad.from_rate_matrix(0, [q1, q2], G)
    assert coll.no_jump_hamiltonian() == -sp.I * gamma / 2 * (q1 + q2).dag() * (q1 + q2)


# ---------------------------------------------------------------------------------------------
# U(1) symmetry
# ---------------------------------------------------------------------------------------------

def test_u1_charges():
    assert DIMER.u1_charges() == {"H": 0, "jumps": (1, -1)}
    driven = symq.Lindblad(H_DIMER + g * (q1 + q1.dag()), jumps=[(kappa, q2)])
    assert driven.u1_charges() is None
    dephased = symq.Lindblad(H_DIMER, jumps=[(kappa, q2.dag() * q2), (gamma, q1 + q1.dag())])
    assert dephased.u1_charges() is None
    coll = symq.Lindblad.from_rate_matrix(0, [q1, q2], sp.Matrix([[gamma, gamma], [gamma, gamma]]))
    assert coll.u1_charges() == {"H": 0, "jumps": (-1, -1, -1, -1)}
    mixed = symq.Lindblad.from_rate_matrix(0, [q1, q2.dag()], sp.Matrix([[gamma, gamma], [gamma, gamma]]))
    assert mixed.u1_charges() is None


# ---------------------------------------------------------------------------------------------
# every ModelError case
# ---------------------------------------------------------------------------------------------

x = sp.Symbol("x")  # no assumptions: not known to be non-negative


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: symq.Lindblad(q1, jumps=[]), "expected a Hermitian Hamiltonian"),
        (lambda: symq.Lindblad(sp.I * g * (q1.dag() * q2 + q2.dag() * q1), jumps=[]), "expected a Hermitian Hamiltonian"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(x, q1)]), "non-negative by its assumptions"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(sp.Symbol("r", real=True), q1)]), "non-negative by its assumptions"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(-1, q1)]), "got -1 which is negative"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(-kappa, q1)]), "which is negative"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(sp.I, q1)]), "non-negative by its assumptions"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(q1, kappa)]), r"expected \(rate, operator\) in that order"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[q1]), r"expected a pair \(rate, operator\)"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(kappa, q1, q2)]), r"expected a pair \(rate, operator\)"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(kappa, q1 * q1)]), "the jump operator is zero"),
        (lambda: symq.Lindblad(H_DIMER, jumps=[(kappa, q1 - q1)]), "the jump operator is zero"),
        (lambda: symq.Lindblad(H_DIMER, convention="half"), "expected convention 'standard' or '2L'"),
        (lambda: DIMER.heisenberg(symq.qubits("3")), r"heisenberg: acts on sites \['3'\] which are not in the model"),
        (lambda: DIMER.heisenberg(q1 * symq.bosons("b")), r"acts on sites \['b'\]"),
        (lambda: DIMER.check_operator(symq.spins("z", 1).z, "observable"), "observable: acts on sites"),
    ],
)
def test_model_errors(make, message):
    with pytest.raises(ModelError, match=message):
        make()


def test_foreign_objects_are_rejected_with_symq_errors():
    with pytest.raises(symq.SymqError, match="Lindblad: Hamiltonian H: expected a symq operator"):
        symq.Lindblad("H", jumps=[])
    with pytest.raises(symq.SymqError, match=r"Lindblad jumps\[0\] operator: expected a symq operator"):
        symq.Lindblad(H_DIMER, jumps=[(kappa, "sigma")])
