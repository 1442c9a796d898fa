"""Quantum trajectories: MCWF against mesolve, postselection (Bell-state paper), entropy production
(thermal-limits paper), steady-state sampling (power-grid paper), reproducibility and checkpoints.

Statistical checks assert |trajectory mean - exact| < 4 standard errors reported by the code, at
every sample time and for every observable, with fixed seeds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings

import numpy as np
import pytest
import scipy.linalg as sla
import scipy.stats
import sympy as sp

import symq
from symq.algebra import to_sparse
from symq.errors import ModelError, NumericsError
from symq.numerics.trajectories import Options, mcwf, unravel
from symq.numerics.trajectories.entropy import entropy_production
from symq.numerics.trajectories.measures import concurrence_pure, negativity
from symq.numerics.trajectories.postselect import (
    conditional_master_equation,
    no_jump,
    postselect,
)
from symq.numerics.trajectories.steady import steady_state

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import qutip

NSIG = 4.0


def assert_within(mean, stderr, exact, nsig=NSIG):
    """|mean - exact| < nsig * stderr everywhere (complex: real and imaginary parts separately)."""
    mean, stderr, exact = np.asarray(mean), np.asarray(stderr), np.asarray(exact)
    parts = [(mean.real, stderr.real, exact.real)]
    if np.iscomplexobj(mean) or np.iscomplexobj(exact):
        parts.append((np.imag(mean), np.imag(stderr), np.imag(exact)))
    for m, s, e in parts:
        zero = s == 0  # e.g. t = 0, where every trajectory has the same value
        assert np.allclose(m[zero], e[zero], atol=1e-10)
        z = np.abs(m[~zero] - e[~zero]) / s[~zero]
        assert z.max(initial=0) < nsig, f"deviation {z.max():.2f} standard errors"


def qobj(mat, un):
    return qutip.Qobj(mat, dims=[list(un.space.dims)] * 2)


def mesolve(model, values, psi0, times, e_ops, cutoffs=None):
    un = unravel(model, values, cutoffs)
    ket = qutip.Qobj(psi0, dims=[list(un.space.dims), [1] * len(un.space.dims)])
    ops = [qobj(to_sparse(o, un.space, values), un) for o in e_ops]
    res = qutip.mesolve(qobj(un.H, un), ket, times, [qobj(c.op, un) for c in un.channels], e_ops=ops,
                        options={"atol": 1e-11, "rtol": 1e-9, "progress_bar": False})
    return [np.asarray(e) for e in res.expect]


# -- models ------------------------------------------------------------------------------------
s_, g_, kappa_ = sp.symbols("s g kappa", positive=True)


def gain_loss_qubits():
    q1, q2 = symq.qubits("1 2")
    model = symq.Lindblad(g_ * (q1.dag() * q2 + q2.dag() * q1), jumps=[(s_ * kappa_, q1.dag()), (kappa_, q2)])
    return model, (q1, q2), {s_: 0.5, g_: 1.0, kappa_: 1.0}


D1, D2, a_, A_, at_, At_ = sp.symbols("Delta_1 Delta_2 a A atilde Atilde", positive=True)


def bell_model():
    """Zou, Zhang & Tserkovnyak, Eqs. (3)-(7) without dephasing: H_S = Delta_1 n_1 + Delta_2 n_2 (up to a
    constant; paper's |up> = ground = level 0, its sigma^+ = our lowering sigma); the paper's
    L[rho] = sum h_nm (O_m^dag O_n rho + rho O_m^dag O_n - 2 O_n rho O_m^dag) with drho/dt = -L[rho]
    is symq's rate matrix gamma = 2h on (sigma_1, sigma_2) (decay a, A) and (sigma_1^dag, sigma_2^dag)
    (reverse processes atilde, Atilde)."""
    q1, q2 = symq.qubits("1 2")
    H = D1 * q1.dag() * q1 + D2 * q2.dag() * q2
    gamma = sp.Matrix([[2 * a_, 2 * A_, 0, 0], [2 * A_, 2 * a_, 0, 0], [0, 0, 2 * at_, 2 * At_], [0, 0, 2 * At_, 2 * at_]])
    return symq.Lindblad.from_rate_matrix(H, [q1, q2, q1.dag(), q2.dag()], gamma), (q1, q2)


def bell_values(delta, Gamma, frac=0.3, a_excess=1.2, at_excess=1.1, Delta=3.0):
    """Gamma = |A| + |Atilde| (the dissipative couplings), delta = (Delta_1 - Delta_2)/2."""
    A, At = (1 - frac) * Gamma, frac * Gamma
    return {D1: Delta + delta, D2: Delta - delta, A_: A, At_: At, a_: a_excess * A, at_: at_excess * At}


UP_DOWN = np.array([0, 1, 0, 0], complex)  # |up down>: qubit 1 ground, qubit 2 excited


g_grid, gi_, ge_, gam_ = sp.symbols("g Gamma_i Gamma_e gamma", positive=True)


def grid_model(levels, n0):
    """Huber & Rabl, Eq. (1)-(2) for N = 2, N_th = 0: H = -(g/2)(a1^dag a2 + h.c.), gain Gamma_i D[A_1^dag],
    loss Gamma_e D[A_2], damping gamma D[a_l], A = a/(1 + a^dag a/n0); oscillators truncated to `levels`."""
    t1, t2 = symq.transitions("1 2", levels)

    def lower(t, f):
        return symq.Op({((t.site, (k - 1, k)),): sp.Float(np.sqrt(k) * f(k - 1)) for k in range(1, levels)})

    a1, a2 = lower(t1, lambda n: 1.0), lower(t2, lambda n: 1.0)
    A1, A2 = lower(t1, lambda n: 1 / (1 + n / n0)), lower(t2, lambda n: 1 / (1 + n / n0))
    model = symq.Lindblad(-g_grid / 2 * (a1.dag() * a2 + a2.dag() * a1),
                          jumps=[(gi_, A1.dag()), (ge_, A2), (gam_, a1), (gam_, a2)])
    current = sp.I * g_grid / 2 * (a2.dag() * a1 - a1.dag() * a2)
    return model, (a1, a2), current


# -- MCWF against mesolve ------------------------------------------------------------------------
def test_mcwf_matches_mesolve_gain_loss_qubits():
    model, (q1, q2), v = gain_loss_qubits()
    psi0 = np.array([0, 1, 0, 0], complex)
    times = np.linspace(0, 4, 41)
    e_ops = [q1.dag() * q1, q2.dag() * q2, q1.dag() * q2]
    res = mcwf(model, v, psi0, times, ntraj=2000, e_ops=e_ops, seed=11, progress=False)
    exact = mesolve(model, v, psi0, times, e_ops)
    assert res.ntraj == 2000 and res.expect[0].dtype == float and np.iscomplexobj(res.expect[2])
    for m, s, e in zip(res.expect, res.stderr, exact):
        assert_within(m, s, e)


def test_mcwf_collective_channels_match_mesolve():
    """Bell-state model at finite temperature: two 2x2 collective blocks diagonalised into 4 jumps."""
    model, (q1, q2) = bell_model()
    v = bell_values(0.4, 1.0)
    times = np.linspace(0, 3, 31)
    e_ops = [q1.dag() * q1, q2.dag() * q2, q1.dag() * q2]
    res = mcwf(model, v, UP_DOWN, times, ntraj=2000, e_ops=e_ops, seed=5, progress=False)
    for m, s, e in zip(res.expect, res.stderr, mesolve(model, v, UP_DOWN, times, e_ops)):
        assert_within(m, s, e)


@pytest.mark.parametrize("kernel", ["dense", "sparse"])
def test_mcwf_oscillators_match_mesolve(kernel):
    model, (a1, a2), current = grid_model(6, 1.0)
    v = {g_grid: 1.0, gi_: 1.0, ge_: 2.0, gam_: 0.1}
    psi0 = np.zeros(36, complex)
    psi0[6] = 1  # |1, 0>
    times = np.linspace(0, 3, 16)
    e_ops = [a1.dag() * a1, a2.dag() * a2, current]
    res = mcwf(model, v, psi0, times, ntraj=600, e_ops=e_ops, seed=2, progress=False, options=Options(kernel=kernel))
    assert res.kernel == kernel
    for m, s, e in zip(res.expect, res.stderr, mesolve(model, v, psi0, times, e_ops)):
        assert_within(m, s, e)


def test_density_matrix_initial_state_is_sampled():
    model, (q1, q2), v = gain_loss_qubits()
    rho0 = np.diag([0.1, 0.5, 0.3, 0.1]).astype(complex)
    times = np.linspace(0, 2, 11)
    res = mcwf(model, v, rho0, times, ntraj=2000, e_ops=[q1.dag() * q1, q2.dag() * q2], seed=8, progress=False)
    un = unravel(model, v)
    exact = qutip.mesolve(qobj(un.H, un), qobj(rho0, un), times, [qobj(c.op, un) for c in un.channels],
                          e_ops=[qobj(to_sparse(o, un.space, v), un) for o in (q1.dag() * q1, q2.dag() * q2)],
                          options={"progress_bar": False}).expect
    for m, s, e in zip(res.expect, res.stderr, exact):
        assert_within(m, s, e)


def test_waiting_times_are_exact_not_euler():
    """Decay of one excited qubit with a single output step of length 20: the jump times must follow
    the exponential law exactly (a grid or Euler scheme would put them on the output grid)."""
    (q,) = (symq.qubits("q"),)
    kappa = sp.Symbol("kappa", positive=True)
    model = symq.Lindblad(0 * q.dag() * q, jumps=[(kappa, q)])
    res = mcwf(model, {kappa: 0.7}, np.array([0, 1], complex), [0.0, 20.0], ntraj=3000, seed=4,
               progress=False, record_jumps=True)
    first = np.array([j[0][0] for j in res.jumps if j])
    assert len(first) > 2990 and all(len(j) <= 1 for j in res.jumps)
    assert scipy.stats.kstest(first, scipy.stats.expon(scale=1 / 0.7).cdf, ).pvalue > 1e-3


def test_jump_records_and_counting():
    model, _, v = gain_loss_qubits()
    res = mcwf(model, v, np.array([0, 1, 0, 0], complex), np.linspace(0, 5, 6), ntraj=50, seed=3,
               progress=False, record_jumps=True)
    assert len(res.jumps) == 50 and len(res.channels) == 2
    for js in res.jumps:
        ts = [t for t, _ in js]
        assert ts == sorted(ts) and all(0 < t <= 5 for t in ts) and all(c in (0, 1) for _, c in js)


# -- unravelling ---------------------------------------------------------------------------------
def test_collective_rate_matrix_is_diagonalised():
    model, _ = bell_model()
    v = bell_values(0.3, 1.0)
    un = unravel(model, v)
    assert len(un.channels) == 4
    rates = sorted(c.rate for c in un.channels)
    A, At, a, at = v[A_], v[At_], v[a_], v[at_]
    assert np.allclose(rates, sorted([2 * (a + A), 2 * (a - A), 2 * (at + At), 2 * (at - At)]))
    # sum_m C_m rho C_m^dag reproduces the rate-matrix dissipator on a random rho
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    rho = X @ X.conj().T
    jumped = sum(c.op @ rho @ c.op.conj().T for c in un.channels)
    sp_ = un.space
    expected = np.zeros((4, 4), complex)
    for ch in model.channels:
        Lj, Lk = to_sparse(ch.left, sp_, v).toarray(), to_sparse(ch.right, sp_, v).toarray()
        expected += complex(ch.rate.subs(v)) * Lj @ rho @ Lk.conj().T
    assert np.allclose(jumped, expected)
    assert np.allclose(un.H_eff.toarray(), to_sparse(model.no_jump_hamiltonian(), sp_, v).toarray())


def test_zero_eigen_rate_is_dropped_and_dark_state_never_jumps():
    """|A| = a: the antisymmetric decay channel has rate 0 and the singlet is dark (Eq. 10)."""
    model, _ = bell_model()
    v = {D1: 1.0, D2: 1.0, A_: 1.0, a_: 1.0, At_: 0.0, at_: 0.0}
    un = unravel(model, v)
    assert len(un.channels) == 1
    singlet = np.array([0, 1, -1, 0], complex) / np.sqrt(2)
    res = mcwf(model, v, singlet, [0, 5], ntraj=20, seed=1, progress=False, record_jumps=True)
    assert all(not j for j in res.jumps)


# -- reproducibility ------------------------------------------------------------------------------
def test_seed_reproducible_and_independent_of_batching():
    model, (q1, q2), v = gain_loss_qubits()
    psi0 = np.array([0, 1, 0, 0], complex)
    times = np.linspace(0, 3, 16)
    e_ops = [q1.dag() * q1, q2.dag() * q2]
    kw = dict(ntraj=120, e_ops=e_ops, seed=21, progress=False, record_jumps=True)
    r1 = mcwf(model, v, psi0, times, **kw)
    r2 = mcwf(model, v, psi0, times, **kw)
    r3 = mcwf(model, v, psi0, times, **kw, options=Options(batch=7))
    r4 = mcwf(model, v, psi0, times, **dict(kw, seed=22))
    for i in range(2):
        assert np.array_equal(r1.expect[i], r2.expect[i]) and np.array_equal(r1.stderr[i], r2.stderr[i])
        assert np.allclose(r1.expect[i], r3.expect[i], rtol=0, atol=1e-12)
        assert not np.allclose(r1.expect[i], r4.expect[i])
    assert r1.jumps == r2.jumps
    assert [[c for _, c in j] for j in r1.jumps] == [[c for _, c in j] for j in r3.jumps]
    assert np.allclose([t for j in r1.jumps for t, _ in j], [t for j in r3.jumps for t, _ in j], rtol=1e-12)


# -- postselection: Bell states (Zou, Zhang & Tserkovnyak, Eqs. 11-15, Fig. 3) ---------------------
def test_no_jump_is_exact_expm():
    model, _ = bell_model()
    v = bell_values(1.3, 1.0)
    t = np.linspace(0, 2, 9)
    res = no_jump(model, v, UP_DOWN, t)
    Heff = unravel(model, v).H_eff.toarray()
    raw = np.array([sla.expm(-1j * Heff * tt) @ UP_DOWN for tt in t])
    surv = np.sum(np.abs(raw) ** 2, axis=1)
    assert np.allclose(res.survival, surv, rtol=1e-12, atol=0)
    assert np.allclose(res.states, raw / np.sqrt(surv)[:, None], atol=1e-12)
    sparse = no_jump(model, v, UP_DOWN, t, kernel="sparse")
    assert np.allclose(sparse.states, res.states, atol=1e-12) and np.allclose(sparse.survival, surv, rtol=1e-12)


@pytest.mark.parametrize("Gamma, frac", [(2.0, 0.0), (0.7, 0.4)])
def test_bell_pt_broken_concurrence_is_tanh(Gamma, frac):
    """delta = 0 (PT broken): C(t) = tanh(2 Gamma t) with Gamma = |A| + |Atilde| (paper, Fig. 3 red)."""
    model, _ = bell_model()
    t = np.linspace(0, 3 / Gamma, 31)
    res = no_jump(model, bell_values(0.0, Gamma, frac=frac), UP_DOWN, t)
    assert np.allclose(concurrence_pure(res.states), np.tanh(2 * Gamma * t), atol=1e-12)
    # Eq. (15): the state tends to |a> = (|ud> + e^{i phi}|du>)/sqrt 2, e^{i phi} = (-kappa + i delta)/Gamma = -1
    final = res.states[-1]
    assert abs(abs(np.vdot(np.array([0, 1, -1, 0]) / np.sqrt(2), final)) - 1) < 1e-4


def test_bell_exceptional_point_concurrence_is_algebraic():
    """delta = Gamma: C(t) = 2 Gamma t sqrt(1 + Gamma^2 t^2) / (1 + 2 Gamma^2 t^2) -> 1 algebraically."""
    model, _ = bell_model()
    G = 2.0
    t = np.linspace(0, 20, 81)
    res = no_jump(model, bell_values(G, G), UP_DOWN, t)
    closed = 2 * G * t * np.sqrt(1 + G**2 * t**2) / (1 + 2 * G**2 * t**2)
    assert np.allclose(concurrence_pure(res.states), closed, atol=1e-10)
    coalesced = np.array([0, 1, 1j, 0]) / np.sqrt(2)   # (|ud> + i|du>)/sqrt 2 in the paper's phase
    assert abs(abs(np.vdot(coalesced, res.states[-1])) - 1) < 2e-3


@pytest.mark.parametrize("eta", [1.25, 2.5, 4.0])
def test_bell_pt_exact_maximal_concurrence_erratum(eta):
    """PT exact (delta > Gamma): the maximum of C(t) from exact no-jump propagation is
    2 eta/(1 + eta^2) (derived: C = 2 sqrt(y(1+y))/(1+2y), y = Gamma^2 sin^2(omega t)/omega^2); the
    paper's printed C_max = sqrt(2 - 1/eta^2)/eta agrees only at the EP eta = 1."""
    model, _ = bell_model()
    G = 2.0
    delta = eta * G
    omega = np.sqrt(delta**2 - G**2)
    t = np.linspace(0, np.pi / omega, 2001)   # one period of the oscillation at frequency 2 omega
    C = concurrence_pure(no_jump(model, bell_values(delta, G), UP_DOWN, t).states)
    assert abs(C.max() - 2 * eta / (1 + eta**2)) < 1e-6
    assert abs(C.max() - np.sqrt(2 - 1 / eta**2) / eta) > 0.03
    y = G**2 * np.sin(omega * t) ** 2 / omega**2
    assert np.allclose(C, 2 * np.sqrt(y * (1 + y)) / (1 + 2 * y), atol=1e-10)


def test_concurrence_pure_matches_qutip():
    rng = np.random.default_rng(3)
    for _ in range(5):
        psi = rng.normal(size=4) + 1j * rng.normal(size=4)
        psi /= np.linalg.norm(psi)
        ref = qutip.concurrence(qutip.ket2dm(qutip.Qobj(psi, dims=[[2, 2], [1, 1]])))
        assert abs(concurrence_pure(psi) - ref) < 1e-7  # QuTiP's spin-flip eigenvalues lose half the digits


def test_postselect_on_all_channels_equals_no_jump():
    model, (q1, q2) = bell_model()
    v = bell_values(0.5, 1.0)
    t = np.linspace(0, 1.5, 16)
    e_ops = [q1.dag() * q1, q1.dag() * q2]
    exact = no_jump(model, v, UP_DOWN, t, e_ops=e_ops)
    res = postselect(model, v, UP_DOWN, t, channels=range(4), ntraj=3000, e_ops=e_ops, seed=9, progress=False)
    assert_within(res.accepted, res.accepted_stderr, exact.survival)
    assert np.all(np.diff(res.naccepted) <= 0)
    for m, s, e in zip(res.expect, res.stderr, exact.expect):
        keep = res.naccepted > 30
        assert_within(m[keep], s[keep], e[keep])


def test_postselect_on_subset_matches_conditional_master_equation():
    """No jump in the decay channels only; gain jumps still happen (finite temperature)."""
    model, (q1, q2) = bell_model()
    v = bell_values(0.3, 1.0, frac=0.4)
    un = unravel(model, v)
    decay = [k for k, c in enumerate(un.channels) if "σ_1†" not in c.label]
    assert len(decay) == 2
    t = np.linspace(0, 1.5, 16)
    e_ops = [q1.dag() * q1, q2.dag() * q2, q1.dag() * q2]
    psi0 = np.array([1, 0, 0, 0], complex)   # ground state: gain jumps are needed to do anything
    exact = conditional_master_equation(model, v, psi0, t, decay, e_ops=e_ops)
    res = postselect(model, v, psi0, t, channels=decay, ntraj=3000, e_ops=e_ops, seed=12, progress=False)
    assert_within(res.accepted, res.accepted_stderr, exact.probability)
    for m, s, e in zip(res.expect, res.stderr, exact.expect):
        assert_within(m, s, e)


def test_conditional_master_equation_limits():
    model, (q1, q2) = bell_model()
    v = bell_values(0.5, 1.0)
    t = np.linspace(0, 1, 6)
    allsel = conditional_master_equation(model, v, UP_DOWN, t, range(4), e_ops=[q1.dag() * q1])
    nj = no_jump(model, v, UP_DOWN, t, e_ops=[q1.dag() * q1])
    assert np.allclose(allsel.probability, nj.survival, rtol=1e-10) and np.allclose(allsel.expect[0], nj.expect[0], atol=1e-10)
    none = conditional_master_equation(model, v, UP_DOWN, t, [], e_ops=[q1.dag() * q1])
    assert np.allclose(none.probability, 1, atol=1e-10)
    assert np.allclose(none.expect[0], mesolve(model, v, UP_DOWN, t, [q1.dag() * q1])[0], atol=1e-7)


# -- entropy production (Tacchino et al., App. B and Eq. 6) ----------------------------------------
w0_, Gp_, GS_, GA_ = sp.symbols("omega_0 Gamma_p Gamma_S Gamma_A", positive=True)


def thermal_machine():
    """Eqs. (1)-(3): H0 = omega_0 (n1 + n2); (Gamma^+/2) D[J_i^dag] + (Gamma_i^-/2) D[J_i] with
    D[o] = 2 o rho o^dag - {o^dag o, rho} (symq rates Gamma^+, Gamma_i^-), J_S,A = c1 +- c2 on the
    qubits (the diamond G - S, A - E), Gamma^+/Gamma_i^- = exp(-beta_i) with beta_i in units of 1/omega_0."""
    c1, c2 = symq.qubits("1 2")
    JS, JA = c1 + c2, c1 - c2
    H0 = w0_ * (c1.dag() * c1 + c2.dag() * c2)
    model = symq.Lindblad(H0, jumps=[(Gp_, JS.dag()), (GS_, JS), (Gp_, JA.dag()), (GA_, JA)])
    return model, H0


@pytest.mark.parametrize("beta_S, beta_A", [(1.2, 0.3), (1.5, -1.0), (-0.5, 2.0)])
def test_entropy_production_rate_is_eq6(beta_S, beta_A):
    """Trajectory average of sum_jumps ln(gamma_k/gamma_k~) per unit time = -(beta_A Qdot_A + beta_S Qdot_S)/omega_0
    with the heat currents Qdot_i = Tr[H0 L_i(rho_ss)] of the exact steady state (qutip.steadystate);
    positive and negative effective temperatures; and <exp(-Delta S)> = 1 at short times."""
    model, _ = thermal_machine()
    w0 = 1.7
    v = {w0_: w0, Gp_: 1.0, GS_: np.exp(beta_S), GA_: np.exp(beta_A)}
    un = unravel(model, v)
    H = qobj(un.H, un)
    baths = {"S": [qobj(c.op, un) for c in un.channels[:2]], "A": [qobj(c.op, un) for c in un.channels[2:]]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = qutip.steadystate(H, baths["S"] + baths["A"])
    Q = {i: sum((H * qutip.lindblad_dissipator(c)(rho)).tr().real for c in cs) for i, cs in baths.items()}
    assert abs(Q["S"] + Q["A"]) < 1e-10
    eq6 = -(beta_A * Q["A"] + beta_S * Q["S"]) / w0
    t = np.linspace(0, 8, 17)
    res = entropy_production(model, v, rho.full(), t, ntraj=1500, seed=7, progress=False)
    assert np.allclose(res.weights, [-beta_S, beta_S, -beta_A, beta_A]) and res.reverse == (1, 0, 3, 2)
    assert abs(res.rate - eq6) < NSIG * res.rate_stderr
    assert eq6 >= 0
    # steady ensemble: the boundary term averages to zero, and the total obeys the fluctuation theorem
    assert_within(res.total[1:] / t[1:], res.total_stderr[1:] / t[1:], np.full(len(t) - 1, eq6))
    early = t <= 1.0
    assert_within(res.fluctuation[early], res.fluctuation_stderr[early], np.ones(early.sum()))


def test_entropy_pairing_requires_reverse_channels():
    model, _, v = gain_loss_qubits()
    with pytest.raises(NumericsError, match="reverse channel"):
        entropy_production(model, v, np.eye(4) / 4, [0, 1], ntraj=2, progress=False)


# -- steady state of the power grid (Huber & Rabl, Fig. 4, App. F) ---------------------------------
def grid_reference(model, v, current, un):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = qutip.steadystate(qobj(un.H, un), [qobj(c.op, un) for c in un.channels])
    J = qobj(to_sparse(current, un.space, v), un)
    mean, sq = qutip.expect(J, rho), qutip.expect(J * J, rho)
    return mean, sq, np.sqrt(sq - mean**2), negativity(rho.full(), un.space.dims)


def check_grid(n0, levels, t_end, ntraj, seed):
    model, _, current = grid_model(levels, n0)
    v = {g_grid: 1.0, gi_: 1.0, ge_: 2.0, gam_: 0.1}
    un = unravel(model, v)
    mean, sq, dJ, neg = grid_reference(model, v, current, un)
    psi0 = np.zeros(levels * levels, complex)
    psi0[0] = 1
    res = steady_state(un, v, psi0, t_burn=30.0, t_end=t_end, dt=0.5, ntraj=ntraj, e_ops=[current, current * current],
                       density=True, seed=seed, progress=False)
    assert_within(res.expect, res.stderr, [mean, sq])
    fluct = res.jackknife(lambda e, rho: np.sqrt(e[1].real - e[0].real ** 2))
    assert abs(fluct[0] - dJ) < NSIG * fluct[1]
    ent = res.jackknife(lambda e, rho: negativity(rho, res.dims))
    assert abs(ent[0] - neg) < NSIG * ent[1]
    assert abs(np.trace(res.rho) - 1) < 1e-12 and neg > 0


def test_power_grid_steady_state_n0_1():
    check_grid(1, 8, 330.0, 16, 1)


def test_power_grid_steady_state_n0_2():
    check_grid(2, 10, 330.0, 16, 2)


@pytest.mark.slow
def test_power_grid_steady_state_n0_5():
    check_grid(5, 14, 630.0, 16, 5)


# -- progress, checkpoints and resume --------------------------------------------------------------
def test_progress_bar_is_shown(capsys):
    model, (q1, _), v = gain_loss_qubits()
    mcwf(model, v, np.array([0, 1, 0, 0], complex), np.linspace(0, 1, 5), ntraj=10, e_ops=[q1.dag() * q1], seed=1)
    assert "trajectories" in capsys.readouterr().err


def _long_run_kwargs():
    model, (q1, q2), v = gain_loss_qubits()
    return dict(model=model, values=v, psi0=np.array([0, 1, 0, 0], complex), times=np.linspace(0, 4, 81),
                ntraj=400, e_ops=[q1.dag() * q1, q2.dag() * q2], seed=31, progress=False, record_jumps=True,
                options=Options(batch=64, checkpoint_every=0.0))


def _same(a, b):
    assert all(np.array_equal(x, y) for x, y in zip(a.expect, b.expect))
    assert all(np.array_equal(x, y) for x, y in zip(a.stderr, b.stderr))
    assert a.jumps == b.jumps


def test_resume_after_interruption_equals_uninterrupted(tmp_path, monkeypatch):
    from symq.numerics.trajectories import engine

    kw = _long_run_kwargs()
    reference = mcwf(**kw)
    calls = {"n": 0}
    original = engine.Batch.step

    def failing(self, h):
        calls["n"] += 1
        if calls["n"] == 250:   # inside the fourth batch of 64 trajectories (80 steps each)
            raise KeyboardInterrupt
        return original(self, h)

    path = tmp_path / "run.npz"
    monkeypatch.setattr(engine.Batch, "step", failing)
    with pytest.raises(KeyboardInterrupt):
        mcwf(**kw, checkpoint=path)
    monkeypatch.setattr(engine.Batch, "step", original)
    assert path.exists()
    kw["options"] = Options(batch=64, checkpoint_every=30.0)   # the interval is not part of the call's identity
    resumed = mcwf(**kw, checkpoint=path)
    _same(resumed, reference)
    again = mcwf(**kw, checkpoint=path)   # finished checkpoint: returned at once
    _same(again, reference)


def test_resume_after_killed_process_equals_uninterrupted(tmp_path):
    path = tmp_path / "killed.npz"
    script = textwrap.dedent(f"""
        import sys, warnings
        warnings.simplefilter("ignore")
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        import test_trajectories as T
        from symq.numerics.trajectories import mcwf
        kw = T._long_run_kwargs()
        kw.update(ntraj=1000, record_jumps=False)
        mcwf(**kw, checkpoint={str(path)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if path.exists():
                with np.load(path) as data:
                    if int(data["chunk"]) >= 2 and "batch_ids" in data.files:
                        break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    kw = _long_run_kwargs()
    kw.update(ntraj=1000, record_jumps=False, options=Options(batch=64, checkpoint_every=30.0))
    with np.load(path) as data:
        assert int(data["chunk"]) < 1000 // 64
    resumed = mcwf(**kw, checkpoint=path)
    reference = mcwf(**kw)
    _same(resumed, reference)


def test_checkpoint_from_another_call_is_refused(tmp_path):
    kw = _long_run_kwargs()
    kw["ntraj"] = 64
    path = tmp_path / "run.npz"
    mcwf(**kw, checkpoint=path)
    with pytest.raises(NumericsError, match="different seed"):
        mcwf(**dict(kw, seed=32), checkpoint=path)


# -- validation ------------------------------------------------------------------------------------
def test_errors_name_the_argument():
    model, (q1, _), v = gain_loss_qubits()
    psi0 = np.array([0, 1, 0, 0], complex)
    with pytest.raises(NumericsError, match="ntraj"):
        mcwf(model, v, psi0, [0, 1], ntraj=0)
    with pytest.raises(NumericsError, match="times"):
        mcwf(model, v, psi0, [1, 0], ntraj=1)
    with pytest.raises(NumericsError, match="psi0"):
        mcwf(model, v, np.ones(3), [0, 1], ntraj=1)
    with pytest.raises(NumericsError, match="no numeric value given for g"):
        mcwf(model, {s_: 1, kappa_: 1}, psi0, [0, 1], ntraj=1)
    (b,) = (symq.bosons("b"),)
    with pytest.raises(ModelError, match="not in the model"):
        mcwf(model, v, psi0, [0, 1], ntraj=1, e_ops=[b])
    with pytest.raises(NumericsError, match="channels"):
        postselect(model, v, psi0, [0, 1], channels=[7], ntraj=1)
    with pytest.raises(NumericsError, match="options.kernel"):
        Options(kernel="euler")
