"""Exact sector numerics (symq.numerics.exact) against QuTiP, dense eigenvalues and closed forms.

Tolerances: steady states and expectation values 1e-9 (absolute, entries of rho); eigenvalues
1e-8 relative to the spectral scale; correlation functions 1e-8 (QuTiP's ODE solver run at
atol 1e-12); closed forms of the qubit dimer (Eqs. 19, 20 of Downing & Fox) 1e-12.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sps
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from threadpoolctl import threadpool_limits

import symq
import symq.numerics as num
from symq.errors import NumericsError, TruncationError
from symq.numerics.exact import (
    SectorBuilder,
    build,
    correlation_2op,
    correlation_3op,
    estimate_lu_bytes,
    g1,
    g2,
    liouvillian,
    liouvillian_ep,
    liouvillian_spectrum,
    power_spectrum,
    solve_steady_state,
    to_qutip,
)
from symq.numerics.exact._qutip import qutip
from symq.numerics.exact.reproductions import (
    kerr_point,
    negativity,
    oscillator_dimer_gaussian,
    oscillator_dimer_model,
    purity,
    spin_dimer,
    unbalanced_dimer_truncated,
)

s, g, kappa, w0 = sp.symbols("s g kappa omega_0", positive=True)


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """Dense references (QuTiP, numpy) with one BLAS thread: a loaded 2-core machine is much faster so."""
    with threadpool_limits(1):
        yield


QOPTS = {"atol": 1e-12, "rtol": 1e-10}


# -- random models ------------------------------------------------------------------------------
def _site(kind, name, size):
    """(lowering operator, number-like operator, cutoffs) of a site of the given kind."""
    if kind == "qubit":
        q = symq.qubits(name)
        return q, q.dag() * q, {}
    if kind == "boson":
        a = symq.bosons(name)
        return a, a.dag() * a, {a: size}
    S = symq.spins(name, sp.Rational(size - 1, 2))
    return S, S.z, {}


@st.composite
def models(draw, u1=True):
    """Two sites (qubit / boson / spin) with hopping, gain on the first and loss on the second."""
    kinds = [draw(st.sampled_from(["qubit", "boson", "spin"])) for _ in range(2)]
    sizes = [draw(st.integers(2, 4)) for _ in range(2)]
    (l1, n1, c1), (l2, n2, c2) = (_site(k, nm, d) for k, nm, d in zip(kinds, ("x", "y"), sizes))
    p = [draw(st.floats(0.1, 2.0)) for _ in range(7)]
    H = p[0] * n1 + p[1] * n2 + p[2] * (l1.dag() * l2 + l2.dag() * l1) + p[3] * n1 * n2
    if not u1:
        H = H + p[6] * (l1 + l1.dag())
    jumps = [(p[4], l1.dag()), (p[5], l2), (0.3, n1)]
    if draw(st.booleans()):
        jumps.append((0.2, l1))
    return symq.Lindblad(H, jumps=jumps), {**c1, **c2}


def _qutip_liouvillian(model, cutoffs):
    H, c_ops = to_qutip(model, {}, cutoffs=cutoffs)
    return qutip.liouvillian(H, c_ops), H, c_ops


# -- building -------------------------------------------------------------------------------------
@given(st.one_of(models(), models(u1=False)))
def test_liouvillian_equals_qutip(mc):
    model, cut = mc
    Lq, _, _ = _qutip_liouvillian(model, cut)
    L = liouvillian(model, {}, cutoffs=cut)
    assert abs(L - Lq.data.as_scipy()).max() < 1e-12


@given(models())
def test_sector_blocks_are_slices_of_the_full_liouvillian(mc):
    model, cut = mc
    numm = build(model, {}, cutoffs=cut)
    L = liouvillian(numm).tocsr()
    b = SectorBuilder(numm)
    total = 0
    for q in b.charges:
        sec = b.sector(q)
        idx = sec.full_index
        assert abs(b.matrix(sec) - L[idx][:, idx]).max() < 1e-13
        # nothing leaks out of the sector
        assert abs(L[:, idx]).sum() == pytest.approx(abs(L[idx][:, idx]).sum(), rel=1e-13)
        total += sec.size
    assert total == numm.dim**2


def test_collective_channel_to_qutip_diagonalises_the_rate_matrix():
    q1, q2 = symq.qubits("1 2")
    gam = sp.Matrix([[1, sp.Rational(1, 2)], [sp.Rational(1, 2), 1]])
    model = symq.Lindblad.from_rate_matrix(g * (q1.dag() * q2 + q2.dag() * q1), [q1, q2], gam)
    vals = {g: 0.4}
    H, c_ops = to_qutip(model, vals)
    assert len(c_ops) == 2
    assert abs(liouvillian(model, vals) - qutip.liouvillian(H, c_ops).data.as_scipy()).max() < 1e-13


def test_values_are_checked():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    with pytest.raises(NumericsError, match="no numeric value given for kappa"):
        build(model, {s_: 1, g_: 1}, cutoffs={a1: 3, a2: 3})
    with pytest.raises(NumericsError, match="cutoff"):
        build(model, {s_: 1, g_: 1, k_: 1}, cutoffs={a1: 3})


# -- steady states --------------------------------------------------------------------------------
@settings(max_examples=25)
@given(models(), st.booleans())
def test_steady_state_equals_qutip(mc, real):
    model, cut = mc
    _, H, c_ops = _qutip_liouvillian(model, cut)
    ref = qutip.steadystate(H, c_ops).full()
    res = solve_steady_state(model, {}, cutoffs=cut, real=real, on_truncation="ignore")
    rho = res.rho.full()
    assert res.rho.dims == H.dims
    assert np.abs(rho - ref).max() < 1e-9
    assert res.residual < 1e-10
    for op in (H, *c_ops):
        assert abs(qutip.expect(op.dag() * op, res.rho) - qutip.expect(op.dag() * op, qutip.Qobj(ref, dims=H.dims))) < 1e-9


@settings(max_examples=10)
@given(models(u1=False))
def test_steady_state_without_u1_symmetry_uses_the_full_liouvillian(mc):
    model, cut = mc
    assert model.u1_charges() is None
    _, H, c_ops = _qutip_liouvillian(model, cut)
    res = solve_steady_state(model, {}, cutoffs=cut, on_truncation="ignore")
    assert res.sector_size == res.liouvillian_size
    assert np.abs(res.rho.full() - qutip.steadystate(H, c_ops).full()).max() < 1e-9


def test_entry_point_returns_qobj_in_space_order():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    vals = {s_: 0.5, g_: 1.0, k_: 1.0}
    rho = num.steady_state(model, vals, cutoffs={a1: 4, a2: 3}, on_truncation="ignore")
    assert isinstance(rho, qutip.Qobj) and rho.dims == [[4, 3], [4, 3]]
    H, c_ops = to_qutip(model, vals, cutoffs={a1: 4, a2: 3})
    assert np.abs(rho.full() - qutip.steadystate(H, c_ops).full()).max() < 1e-9


@pytest.mark.parametrize("permc", ["MMD_AT_PLUS_A", "COLAMD", "MMD_ATA", "NATURAL"])
def test_column_orderings_agree(permc):
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    vals, cut = {s_: 0.5, g_: 0.8, k_: 1.0}, {a1: 8, a2: 8}
    ref = solve_steady_state(model, vals, cutoffs=cut, on_truncation="ignore")
    res = solve_steady_state(model, vals, cutoffs=cut, permc_spec=permc, on_truncation="ignore")
    assert permc in res.method
    assert np.abs(res.rho.full() - ref.rho.full()).max() < 1e-11


def test_memory_guard_refuses_or_switches_to_iterative():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    vals, cut = {s_: 0.5, g_: 0.8, k_: 1.0}, {a1: 8, a2: 8}
    ref = solve_steady_state(model, vals, cutoffs=cut, on_truncation="ignore")
    assert 0 < ref.memory_estimate < 1e8 and ref.lu_nnz > 0
    with pytest.raises(NumericsError, match="memory_limit"):
        solve_steady_state(model, vals, cutoffs=cut, method="direct", memory_limit=1000, on_truncation="ignore")
    it = solve_steady_state(model, vals, cutoffs=cut, memory_limit=1000, on_truncation="ignore")
    assert it.method.startswith("gmres+ilu")
    assert np.abs(it.rho.full() - ref.rho.full()).max() < 1e-9


def test_lu_memory_estimate_bounds_the_factors():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    res = solve_steady_state(model, {s_: 0.5, g_: 0.8, k_: 1.0}, cutoffs={a1: 14, a2: 14}, on_truncation="ignore")
    assert res.lu_nnz * 12 < res.memory_estimate  # 8-byte values + 4-byte indices, real system


def test_truncation_warns_or_raises():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    vals, cut = {s_: 0.5, g_: 0.3, k_: 1.0}, {a1: 5, a2: 5}  # below g*: population piles up at the cutoff
    with pytest.warns(num.TruncationWarning, match="last Fock level"):
        res = solve_steady_state(model, vals, cutoffs=cut)
    assert res.last_level["1"] > 1e-6
    with pytest.raises(TruncationError, match="truncation_tol"):
        solve_steady_state(model, vals, cutoffs=cut, on_truncation="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solve_steady_state(model, {s_: 0.1, g_: 2.0, k_: 1.0}, cutoffs={a1: 12, a2: 12}, truncation_tol=1e-4)


# -- spectra --------------------------------------------------------------------------------------
def _dense_gap(model, cut):
    ev = np.linalg.eigvals(liouvillian(model, {}, cutoffs=cut).toarray())
    scale = np.abs(ev).max()
    return -ev[np.abs(ev) > 1e-9 * scale].real.max(), scale


@settings(max_examples=8)
@given(models())
def test_gap_equals_dense_eigenvalues_of_the_full_liouvillian(mc):
    model, cut = mc
    ref, scale = _dense_gap(model, cut)
    dense = liouvillian_spectrum(model, {}, cutoffs=cut, progress=False)
    arpack = liouvillian_spectrum(model, {}, cutoffs=cut, progress=False, dense_max=0, k=4)
    assert dense.gap == pytest.approx(ref, abs=1e-8 * scale)
    assert arpack.gap == pytest.approx(ref, abs=1e-8 * scale)
    assert "arpack" in arpack.methods.values() or max(b.size for b in dense.by_sector.values()) <= 12


def test_gap_of_a_damped_qubit_is_the_coherence_rate():
    """Scanning sector 0 alone gives gamma (population decay): the gap gamma/2 is in sector +-1."""
    q = symq.qubits("q")
    model = symq.Lindblad(w0 * q.dag() * q, jumps=[(kappa, q)])
    spec = num.liouvillian_spectrum(model, {w0: 1.3, kappa: 0.8}, progress=False)
    assert spec.gap == pytest.approx(0.4, abs=1e-12) and abs(spec.slowest[1]) == 1
    only0 = num.liouvillian_spectrum(model, {w0: 1.3, kappa: 0.8}, charges=[0], progress=False)
    assert only0.gap == pytest.approx(0.8, abs=1e-12)
    assert num.liouvillian_gap(model, {w0: 1.3, kappa: 0.8}, progress=False) == pytest.approx(0.4, abs=1e-12)


def test_arpack_gap_with_large_sectors_matches_dense():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    vals, cut = {s_: 0.5, g_: 0.7, k_: 1.0}, {a1: 9, a2: 9}
    dense = liouvillian_spectrum(model, vals, cutoffs=cut, charges=[0, 1, 8], progress=False)
    arpack = liouvillian_spectrum(model, vals, cutoffs=cut, charges=[0, 1, 8], dense_max=50, progress=False)
    assert arpack.methods[0] == "arpack" and dense.methods[0] == "dense"
    assert arpack.gap == pytest.approx(dense.gap, abs=1e-9)
    for q in (0, 1):  # the slowest pair agrees; every ARPACK eigenvalue is an eigenvalue
        assert np.abs(arpack.by_sector[q][:2] - dense.by_sector[q][:2]).max() < 1e-9
        assert all(np.abs(dense.by_sector[q] - v).min() < 1e-9 for v in arpack.by_sector[q])


def _qubit_dimer():
    q1, q2 = symq.qubits("1 2")
    model = symq.Lindblad(g * (q1.dag() * q2 + q2.dag() * q1), jumps=[(s * kappa, q1.dag()), (kappa, q2)])
    return model, q1, q2


@pytest.fixture(scope="module")
def qubit_dimer_moment_eps():
    """symq's moment systems of the qubit dimer with their EP loci in g and the Liouvillian sector
    they map to: first moments (charge -1) -> sector +1, second moments (charge 0) -> sector 0."""
    model, q1, q2 = _qubit_dimer()
    systems = ((model.moments([q1, q2]), 1), (model.moments([q1.dag() * q1, q2.dag() * q2, q1.dag() * q2]), 0))
    return model, [(m, charge, symq.exceptional_points(m, solve_for=g)) for m, charge in systems]


@pytest.mark.parametrize("sv", ["1/2", "2"])
def test_qubit_dimer_liouvillian_eps_are_the_moment_matrix_eps(qubit_dimer_moment_eps, sv):
    """Every EP of the first- and second-moment matrices (derived by symq) is a Liouvillian EP.

    Tolerances: g to 1e-7 kappa (Brent xatol 1e-12; the computed eigenvalues at an EP of order
    n <= 3 carry ~eps^(1/n) ~ 1e-5 errors and the splitting grows like sqrt(|g - g_EP|), which
    fixes g to ~1e-10 up to the prefactor); the coalesced eigenvalue to 1e-4 (that eps^(1/3)
    error); eigenvector overlap within 1e-6 of 1 (collapse).
    """
    model, systems = qubit_dimer_moment_eps
    at = {s: sp.Rational(sv), kappa: 1}
    vals = {s: float(at[s]), kappa: 1.0}
    found = []
    for moments, charge, eps in systems:
        for e in eps:
            if not (bool(e.condition.subs(at)) and e.value.subs(at) > 0):
                continue
            g_ep = float(e.value.subs(at))
            ep = liouvillian_ep(model, vals, g, (0.9 * g_ep, 1.1 * g_ep), charge=charge, grid=11)
            A, _ = moments.numeric({**vals, g: g_ep})
            assert ep.value == pytest.approx(g_ep, abs=1e-7)
            assert np.abs(np.linalg.eigvals(A) - ep.eigenvalue).min() < 1e-4
            assert ep.overlap > 1 - 1e-6
            found.append((charge, e.order))
    assert sorted(found) == [(0, 3), (1, 2), (1, 2)]  # type-II (an EP3 here) and the two type-I MEPs


def test_liouvillian_ep_skips_crossings_of_independent_modes():
    """Sector 0 of the qubit dimer holds a semisimple double eigenvalue -(1+s) kappa/2 for every g:
    a bracket without the type-II EP finds no coalescence with eigenvector collapse."""
    model, _, _ = _qubit_dimer()
    ep = liouvillian_ep(model, {s: 0.5, kappa: 1.0}, g, (0.2, 0.4), charge=0, grid=7)
    assert ep.overlap < 0.999 or ep.splitting > 1e-3


# -- correlations ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dimer6():
    a1, a2 = symq.bosons("1 2")
    model = symq.Lindblad(w0 * (a1.dag() * a1 + a2.dag() * a2) + g * (a1.dag() * a2 + a2.dag() * a1),
                          jumps=[(s * kappa, a1.dag()), (kappa, a2)])
    vals, cut = {s: 0.5, g: 0.9, kappa: 1.0, w0: 0.4}, {a1: 6, a2: 6}
    H, c_ops = to_qutip(model, vals, cutoffs=cut)
    A = qutip.tensor(qutip.destroy(6), qutip.qeye(6))
    B = qutip.tensor(qutip.qeye(6), qutip.destroy(6))
    return model, vals, cut, (a1, a2), H, c_ops, A, B


def test_two_and_three_operator_correlations_equal_qutip(dimer6):
    model, vals, cut, (a1, a2), H, c_ops, A, B = dimer6
    taus = np.linspace(0, 4, 9)
    c2 = correlation_2op(model, vals, a1.dag(), a2, taus, cutoffs=cut, on_truncation="ignore")
    ref2 = qutip.correlation_2op_1t(H, None, taus, c_ops, A.dag(), B, options=QOPTS)
    assert np.abs(c2 - ref2).max() < 1e-8
    c3 = correlation_3op(model, vals, a1.dag(), a1.dag() * a1, a1, taus[[0, 3, 8]], cutoffs=cut, on_truncation="ignore")
    ref3 = qutip.correlation_3op_1t(H, None, taus[[0, 3, 8]], c_ops, A.dag(), A.dag() * A, A, options=QOPTS)
    assert np.abs(c3 - ref3).max() < 1e-8


def test_g1_g2_equal_qutip(dimer6):
    model, vals, cut, (a1, _), H, c_ops, A, _ = dimer6
    taus = np.linspace(0, 4, 9)
    n = qutip.expect(A.dag() * A, qutip.steadystate(H, c_ops))
    ref1 = qutip.correlation_2op_1t(H, None, taus, c_ops, A.dag(), A, options=QOPTS) / n
    ref2 = qutip.correlation_3op_1t(H, None, taus, c_ops, A.dag(), A.dag() * A, A, options=QOPTS).real / n**2
    assert np.abs(g1(model, vals, a1, taus, cutoffs=cut, on_truncation="ignore") - ref1).max() < 1e-8
    assert np.abs(g2(model, vals, a1, taus, cutoffs=cut, on_truncation="ignore") - ref2).max() < 1e-8


def test_spectrum_equals_qutip(dimer6):
    model, vals, _, (a1, a2), _, _, _, _ = dimer6
    cut = {a1: 4, a2: 4}  # qutip.spectrum diagonalises the full Liouvillian densely
    H, c_ops = to_qutip(model, vals, cutoffs=cut)
    A = qutip.tensor(qutip.destroy(4), qutip.qeye(4))
    ws = np.linspace(-3, 3, 7)
    S = power_spectrum(model, vals, a1.dag(), a1, ws, cutoffs=cut, on_truncation="ignore")
    assert np.abs(S - qutip.spectrum(H, ws, c_ops, A.dag(), A)).max() < 1e-10
    Sn = power_spectrum(model, vals, a1.dag() * a1, a1.dag() * a1, ws, cutoffs=cut, on_truncation="ignore")
    assert np.abs(Sn - qutip.spectrum(H, ws, c_ops, A.dag() * A, A.dag() * A)).max() < 1e-10


def test_spectrum_of_a_damped_mode_is_lorentzian():
    a = symq.bosons("a")
    model = symq.Lindblad(w0 * a.dag() * a, jumps=[(kappa, a), (0.5 * kappa, a.dag())])
    ws = np.array([-1.0, 0.7, 2.5])
    S = power_spectrum(model, {w0: 0.7, kappa: 1.0}, a.dag(), a, ws, cutoffs={a: 40})
    # <a^dag(tau) a> = n e^{(i w0 - (k - k_g)/2) tau}, n = k_g/(k - k_g) = 1
    half = 0.25
    assert np.allclose(S, 2 * half / ((ws - 0.7) ** 2 + half**2), atol=1e-8)


# -- reproductions (small sizes) ------------------------------------------------------------------
def test_two_level_truncation_is_the_qubit_dimer():
    model, (s_, g_, k_), (a1, a2) = oscillator_dimer_model()
    q1, q2 = symq.qubits("1 2")
    qmodel = symq.Lindblad(g_ * (q1.dag() * q2 + q2.dag() * q1), jumps=[(s_ * k_, q1.dag()), (k_, q2)])
    for sv, gv in [(0.5, 0.3), (1.0, 0.7), (2.0, 1.4)]:
        vals = {s_: sv, g_: gv, k_: 1.0}
        rb = solve_steady_state(model, vals, cutoffs={a1: 2, a2: 2}, on_truncation="ignore").rho.full()
        rq = solve_steady_state(qmodel, vals).rho.full()
        assert np.abs(rb - rq).max() < 1e-14
        assert num.liouvillian_gap(model, vals, cutoffs={a1: 2, a2: 2}, progress=False) == pytest.approx(
            num.liouvillian_gap(qmodel, vals, progress=False), abs=1e-12)


def test_n2_curves_reproduce_the_closed_forms():
    """Eqs. (19) and (20) of Downing & Fox: purity and negativity of the qubit dimer."""
    gs = np.array([0.2, 0.5, 0.9, 1.6])
    for sv in (0.5, 1.0, 2.0):
        c = unbalanced_dimer_truncated([2], sv, gs, gap=False, progress=False)
        k = 1.0
        P = (16 * gs**2 * (sv**2 * (1 + sv) ** 2 * k**2 + (1 + sv**2) ** 2 * gs**2) + sv**2 * (1 + sv) ** 4 * k**4) / (
            (1 + sv) ** 4 * (4 * gs**2 + sv * k**2) ** 2)
        Nn = (2 * gs / (4 * gs**2 + sv * k**2) * (np.sqrt((sv - 1) ** 2 * gs**2 + sv**2 * k**2) - (sv**2 + 1) / (sv + 1) * gs)
              / (sv + 1) * (gs < (sv + 1) / 2 * k))
        assert np.abs(c.purity[0] - P).max() < 1e-12
        assert np.abs(c.negativity[0] - np.maximum(Nn, 0)).max() < 1e-12


def test_n2_gap_plateau_starts_at_the_type_one_mep():
    """Fig. 5(g-i): the N = 2 gap is constant beyond g = sqrt(s)(sqrt(2)+1)/2 kappa."""
    for sv in (0.5, 2.0):
        g_ep = np.sqrt(sv) * (np.sqrt(2) + 1) / 2
        c = unbalanced_dimer_truncated([2], sv, g_ep * np.array([0.8, 1.01, 1.5, 3.0]), progress=False)
        gap = c.gap[0]
        assert gap[0] < gap[1] - 1e-3 and np.ptp(gap[1:]) < 1e-10


def test_large_n_truncation_approaches_the_gaussian_steady_state():
    """s < 1, g > g*: the untruncated dimer is stable (separable Gaussian state); N = 20 reproduces it."""
    ref = oscillator_dimer_gaussian(0.5, 1.2)
    assert ref.stable and ref.negativity == 0.0 and ref.gap == pytest.approx(0.125)
    c = unbalanced_dimer_truncated([20], 0.5, [1.2], progress=False, gap=False)
    assert c.purity[0, 0] == pytest.approx(ref.purity, abs=5e-6)
    assert c.negativity[0, 0] < 1e-6
    assert oscillator_dimer_gaussian(1.0, 3.0).stable is False


def test_partial_transpose_negativity_of_a_bell_state():
    psi = np.zeros(4)
    psi[[0, 3]] = 1 / np.sqrt(2)
    rho = np.outer(psi, psi)
    assert negativity(rho, (2, 2)) == pytest.approx(0.5)
    assert purity(rho) == pytest.approx(1.0)


def test_spin_dimer_small_spins():
    c = spin_dimer([1, 2], [0.5, 2.0], progress=False)
    assert np.abs(c.Mz).max() < 1e-12  # PT-symmetric line: <M_z> = 0
    assert np.all(c.Sa_z[:, 1] > 0.8) and np.allclose(c.Sa_z, -c.Sb_z, atol=1e-12)
    assert np.all(c.gap > 0) and np.all(np.isin(c.gap_charge, [0, 1]))


def test_kerr_oscillator_crossover_steepens_and_one_gap_closes():
    """Fig. 4 (small D): the exact steady state is unique, so <c^dag c>/D is a single-valued,
    hysteresis-free crossover in F that steepens with D; at the transition only the gap closes
    (the next relaxation rate stays of order gamma) and the state stays a two-state mixture."""
    Fs = np.array([1.75, 1.95, 2.15])
    curves = {D: [kerr_point(D, F) for F in Fs] for D in (4, 8)}
    dens = {D: np.array([pt.density for pt in row]) for D, row in curves.items()}
    assert all(np.all(np.diff(d) > 0) for d in dens.values())
    assert np.diff(dens[8]).max() > np.diff(dens[4]).max()
    gap = {D: min(pt.rates[0] for pt in row) for D, row in curves.items()}
    crit = {D: min(row, key=lambda pt: pt.rates[0]) for D, row in curves.items()}
    assert gap[8] < gap[4] / 2
    assert crit[8].rates[1] / crit[8].rates[0] > crit[4].rates[1] / crit[4].rates[0]
    assert crit[8].rates[1] > 0.5  # of order gamma = 1
    assert crit[8].purity > 0.25  # ~1/2 of a two-state mixture, not ~1/dim as for the spin dimer


def test_progress_bar_can_be_silenced(capsys):
    unbalanced_dimer_truncated([2], 1.0, [0.5], gap=False, progress=False)
    assert capsys.readouterr().err == ""


def test_estimate_is_positive_for_a_tiny_matrix():
    assert estimate_lu_bytes(sps.identity(3, format="csc", dtype=complex)) > 0
