"""Heavy checks of the exact backend (``pytest -m slow``): large sectors and the papers' limits."""

import numpy as np
import pytest
import sympy as sp
from threadpoolctl import threadpool_limits

import symq
from symq.numerics.exact import liouvillian_ep, liouvillian_spectrum, solve_steady_state
from symq.numerics.exact.reproductions import (
    kerr_transition,
    oscillator_dimer_gaussian,
    oscillator_dimer_model,
    spin_dimer,
    spin_dimer_gap_scaling,
    spin_dimer_model,
    unbalanced_dimer_limits,
)

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    with threadpool_limits(1):
        yield


def test_n30_steady_state_is_fast_and_accurate():
    model, (s, g, k), (a1, a2) = oscillator_dimer_model()
    res = solve_steady_state(model, {s: 0.5, g: 0.8, k: 1.0}, cutoffs={a1: 30, a2: 30}, truncation_tol=1e-3)
    assert res.sector_size == 18010 and res.residual < 1e-12
    assert res.time < 60


def test_spin16_dimer_steady_state_and_gap_sector():
    """DESIGN.md: the spin-16 dimer sector has 23,969 unknowns; beyond the PT transition the gap is in charge +-1."""
    model, (S, g, Gg, Gl), _ = spin_dimer_model()
    vals = {S: 16, g: 1.0, Gg: 1.5, Gl: 1.5}  # AM phase, Gamma_bar > g
    res = solve_steady_state(model, vals)
    assert res.sector_size == 23969 and res.residual < 1e-11
    spec = liouvillian_spectrum(model, vals, charges=[0, 1, 2], k=4, n_shifts=1, progress=False)
    assert abs(spec.slowest[1]) == 1
    assert spec.gap < min(-spec.by_sector[0][1].real, -spec.by_sector[2][0].real)


def test_arpack_matches_dense_on_a_mid_size_spin_dimer():
    model, (S, g, Gg, Gl), _ = spin_dimer_model()
    vals = {S: 5, g: 1.0, Gg: 1.2, Gl: 0.8}
    dense = liouvillian_spectrum(model, vals, dense_max=10**5, progress=False)
    arpack = liouvillian_spectrum(model, vals, dense_max=100, progress=False)
    assert arpack.gap == pytest.approx(dense.gap, abs=1e-9)


def test_spin_dimer_gap_closes_with_a_logarithmic_correction_to_one_over_s():
    """Fig. 2(d): at Gamma_bar = g the gap closes (slowest mode in charge +-1), but not as a pure 1/S.

    The paper extrapolates eps_L linearly in 1/S to zero. The exact gaps up to S = 18 close with
    local exponents below 1 that rise with S, and S eps_L grows (like ln S): eps_L ~ ln(S)/S, so a
    linear 1/S fit leaves a positive intercept that shrinks as larger S enter the fit.
    """
    res = spin_dimer_gap_scaling([6, 9, 12, 15, 18], gap_charges=[0, 1, 2], last=3, progress=False)
    assert set(res.gap_charge.tolist()) == {1.0}
    assert np.all(np.diff(res.gap) < 0)
    assert np.all((res.exponents > 0.5) & (res.exponents < 1)) and np.all(np.diff(res.exponents) > 0)
    assert np.all(np.diff(res.S_values * res.gap) > 0) and res.log_fit[1] > 0
    earlier = np.polyfit(1 / res.S_values[-4:-1], res.gap[-4:-1], 1)[1]  # same fit without S = 18
    assert 0 < res.intercept < earlier
    assert "more slowly than 1/S" in res.findings


def test_spin_dimer_gap_sectors_beyond_two_are_faster():
    """The restriction to charges 0, 1, 2 above: a full scan of every sector gives the same gap."""
    model, (S, g, Gg, Gl), _ = spin_dimer_model()
    vals = {S: 6, g: 1.0, Gg: 1.0, Gl: 1.0}
    full = liouvillian_spectrum(model, vals, k=4, n_shifts=1, progress=False)
    low = liouvillian_spectrum(model, vals, charges=[0, 1, 2], k=4, n_shifts=1, progress=False)
    assert full.gap == pytest.approx(low.gap, abs=1e-10) and abs(full.slowest[1]) == 1


def test_spin_dimer_pt_phase_is_nearly_fully_mixed():
    """Eq. (5)/Fig. 3(b): deep in the PT phase the scaled impurity 1/(P (2S+1)^2) stays of order one."""
    c = spin_dimer([4, 8], [0.2], gap=False, progress=False)
    impurity = 1 / (c.purity[:, 0] * (2 * c.S_values + 1) ** 2)
    assert np.all(impurity > 0.5)


def test_thermodynamic_limit_at_s_one_half():
    """Eq. (18b) for s = 1/2, the only case of Fig. 5 with a stable N -> infinity limit.

    The untruncated (Gaussian) dimer: g* is its stability threshold, where its gap closes and its
    purity goes to 0; above g* it is separable. The truncations N = 4..10 on a grid of spacing
    0.05 kappa around g*: the purity at g* extrapolates to 0 in 1/N and its minimum moves onto
    g* (MMCP); the gap is smallest at the grid point next to g* and decreases with N (LGCP),
    though a 1/N extrapolation does not reach 0 yet; the negativity at g* stays ~0.15 (no SCP at
    g* visible at these N): these verdicts are what unbalanced_dimer_limits reports.
    """
    spacing = 0.05
    res = unbalanced_dimer_limits(0.5, [4, 6, 8, 10], g_window=(0.2, 0.6), n_g=9, progress=False)
    assert res.gaussian_stable
    for eps in (0.1, 0.01):
        above = oscillator_dimer_gaussian(0.5, (1 + eps) * res.g_star)
        assert above.stable and above.negativity == 0.0
    near, far = oscillator_dimer_gaussian(0.5, 1.001 * res.g_star), oscillator_dimer_gaussian(0.5, 1.1 * res.g_star)
    assert near.purity < far.purity / 10 and near.gap < far.gap / 10
    assert not oscillator_dimer_gaussian(0.5, 0.999 * res.g_star).stable
    assert np.all(np.diff(res.purity_at_star) < 0) and res.vanishes["purity_at_star"]
    assert abs(res.limits["mmcp"][0] - res.g_star) < spacing
    assert np.all(np.diff(res.gap_at_star) < 0) and np.all(np.abs(res.lgcp - res.g_star) <= spacing)
    assert not res.vanishes["gap_at_star"] and not res.vanishes["negativity_at_star"]
    assert np.all(res.negativity_at_star > 0.5 * res.negativity_at_star[0])


def _kerr_mean_field_bistability(U=10.0, Delta=10.0, gamma=1.0):
    """Drive range with three mean-field solutions: F^2 = n ((Delta - 2 U n)^2 + gamma^2), n = |<c>|^2 / D."""
    # d(F^2)/dn = 12 U^2 n^2 - 8 U Delta n + Delta^2 + gamma^2 = 0 at the turning points
    turning = np.roots([12 * U**2, -8 * U * Delta, Delta**2 + gamma**2]).real
    return sorted(float(np.sqrt(n * ((Delta - 2 * U * n) ** 2 + gamma**2))) for n in turning)


def test_kerr_first_order_transition():
    """Fig. 4: gap closing exponentially in D at F_c(D), one slow rate, a bimodal two-state mixture.

    F_c(D) (minimal gap) moves down with D inside the mean-field bistable range; its 1/D
    extrapolation is reported against the paper's F/gamma ~ 1.76 (findings).
    """
    res = kerr_transition([4, 6, 8, 10, 12], np.linspace(1.5, 2.3, 9), progress=False)
    Fc = np.array([pt.F for pt in res.critical])
    gaps = np.array([pt.rates[0] for pt in res.critical])
    nxt = np.array([pt.rates[1] for pt in res.critical])
    lo, hi = _kerr_mean_field_bistability()
    assert np.all(np.diff(Fc) < 0) and lo < res.F_c_limit < Fc[-1] < hi
    ratios = gaps[1:] / gaps[:-1]
    assert np.all(ratios < 0.6) and np.ptp(np.log(ratios)) < 0.5 * abs(np.log(ratios).mean())  # ~ exp(-c D)
    assert np.all(np.diff(nxt / gaps) > 0) and nxt[-1] > 0.5  # only one rate closes; the next stays ~ gamma
    last = res.critical[-1]
    assert len(last.modes) == 2 and last.modes[0] <= 1 and last.modes[1] > 0.25 * last.D  # low and high branch
    assert last.purity > 0.25  # a two-state mixture, not the near-maximally mixed spin-dimer state


def test_qubit_dimer_has_a_second_first_moment_ep_for_strong_imbalance():
    """symq finds a first-moment EP where two pairs coalesce at once, for s < 3 - 2 sqrt(2) or
    s > 3 + 2 sqrt(2), beside the type-I MEPs of Eq. (3b); the Liouvillian sector 1 (which is the
    first-moment system) has it too. Tolerances as in the default EP test (test_numerics_exact.py)."""
    s, g, kappa = sp.symbols("s g kappa", positive=True)
    q1, q2 = symq.qubits("1 2")
    model = symq.Lindblad(g * (q1.dag() * q2 + q2.dag() * q1), jumps=[(s * kappa, q1.dag()), (kappa, q2)])
    first = model.moments([q1, q2])
    eps = symq.exceptional_points(first, solve_for=g)
    for sv in (sp.Rational(1, 10), sp.Rational(7)):
        at = {s: sv, kappa: 1}
        double = [e for e in eps if e.count == 2 and bool(e.condition.subs(at))]
        assert len(double) == 1 and double[0].order == 2
        g_ep = float(double[0].value.subs(at))
        ep = liouvillian_ep(model, {s: float(sv), kappa: 1.0}, g, (0.995 * g_ep, 1.005 * g_ep), charge=1, grid=11)
        assert ep.value == pytest.approx(g_ep, abs=1e-7) and ep.overlap > 1 - 1e-6
        assert abs(ep.eigenvalue.imag) > 0.01  # a complex pair: distinct from the real type-I EP eigenvalue
    assert not any(e.count == 2 and bool(e.condition.subs({s: sp.Rational(1, 2), kappa: 1})) for e in eps)
