"""Conditional (no-jump) moment systems and the reachable-subspace reduction of dynamics.solve."""

import numpy as np
import pytest
import qutip as qt
import scipy.linalg as sla
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import symq
from symq.algebra import Op
from symq.dynamics import solve
from symq.lindblad import Lindblad

g, k1, k2, p = sp.symbols("g kappa_1 kappa_2 p", positive=True)
q1, q2 = symq.qubits("1 2")
MODEL = Lindblad(g * (q1.dag() * q2 + q2.dag() * q1), jumps=[(k1, q1), (k2, q2), (p, q1.dag())])


def qutip_no_jump(vals, O, psi0, t):
    """Tr(O rho~(t)), rho~ = e^{-i H_eff t} rho0 e^{i H_eff^dag t}, written directly in QuTiP."""
    s1, s2 = qt.tensor(qt.destroy(2), qt.qeye(2)), qt.tensor(qt.qeye(2), qt.destroy(2))
    c = [np.sqrt(vals[k1]) * s1, np.sqrt(vals[k2]) * s2, np.sqrt(vals[p]) * s1.dag()]
    Heff = vals[g] * (s1.dag() * s2 + s2.dag() * s1) - 0.5j * sum(x.dag() * x for x in c)
    U = sla.expm(-1j * Heff.full() * t)
    rho = U @ qt.ket2dm(psi0).full() @ U.conj().T
    return np.trace(O(s1, s2).full() @ rho)


@settings(max_examples=20, deadline=None)
@given(gv=st.floats(0.1, 3.0), a=st.floats(0.1, 3.0), b=st.floats(0.1, 3.0), c=st.floats(0.0, 1.0), t=st.floats(0.0, 3.0))
def test_no_jump_moments_match_the_conditional_evolution(gv, a, b, c, t):
    vals = {g: gv, k1: a, k2: b, p: c}
    system = MODEL.moments([Op.scalar(1), q1.dag() * q2], no_jump=True)
    assert system.b.is_zero_matrix and Op.scalar(1) in system.basis
    A, _ = system.numeric(vals)
    psi0 = qt.tensor(qt.basis(2, 0), qt.basis(2, 1))  # qubit 2 excited
    v0 = np.array([qutip_no_jump(vals, _numeric_op(o), psi0, 0.0) for o in system.basis])
    v = sla.expm(A * t) @ v0
    ref = np.array([qutip_no_jump(vals, _numeric_op(o), psi0, t) for o in system.basis])
    # exact exponentials on both sides
    assert v == pytest.approx(ref, abs=1e-10)


def _numeric_op(o):
    def build(s1, s2):
        M = symq.algebra.to_sparse(o, symq.algebra.space([q1, q2])).toarray()
        return qt.Qobj(M, dims=[[2, 2], [2, 2]])

    return build


def test_no_jump_survival_decays_and_unconditional_trace_is_conserved():
    vals = {g: 0.7, k1: 1.0, k2: 0.5, p: 0.2}
    cond = MODEL.moments([Op.scalar(1)], no_jump=True)
    A, _ = cond.numeric(vals)
    assert np.all(np.linalg.eigvals(A).real < 0)  # the postselection probability decays
    with pytest.raises(symq.errors.ModelError, match="identity"):
        MODEL.moments([Op.scalar(1)])  # the identity is not a variable of the trace-preserving hierarchy


def test_solve_drops_unreachable_moments():
    t = sp.Symbol("t", positive=True)
    model = Lindblad(MODEL.H, jumps=[(k1, q1), (k2, q2)])
    both = q1.dag() * q1 * q2.dag() * q2  # closed on itself, zero initially: never reached
    system = model.moments([q1.dag() * q2, both])
    init = {o: 0 for o in system.basis}
    init[q2.dag() * q2] = 1
    ev = solve(system, t, init, regime="underdamped")
    assert len(ev.expressions) == len(system.basis) and ev[both] == 0
    assert len(ev.modes) < len(system.basis)  # the unreachable decay -(k1 + k2) is not a mode
    vals = {g: 1.3, k1: 0.4, k2: 0.9}
    A, b = system.numeric(vals)
    v0 = np.array([float(init[o]) for o in system.basis])
    # d/dt v = A v + b: augment with the constant to exponentiate
    n = len(v0)
    Aug = np.zeros((n + 1, n + 1), dtype=complex)
    Aug[:n, :n], Aug[:n, n] = A, b
    for tv in (0.3, 1.7):
        ref = (sla.expm(Aug * tv) @ np.append(v0, 1.0))[:n]
        assert ev.evaluate(vals, tv) == pytest.approx(ref, abs=1e-12)
