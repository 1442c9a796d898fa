"""symq.formulas.power_grids against independent numerics, and the audit verdicts of
microscopic-power-grids.md (recomputed here).

Independent route: the noise-free amplitude equations of two saturable oscillators written
directly in numpy (the paper's Eqs. 3 and 5 without noise, which the audit checks against symq's
P drift), solved for their limit cycles ``alpha_j = A_j e^{-i omega t}`` by ``scipy.optimize.root``
and integrated in time by ``scipy.integrate.solve_ivp``. Units: n_0 scales out (|alpha|^2 ~ n_0).
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp
from scipy.optimize import root

from symq import audit
from symq.derive import derive
from symq.derive.power_grids import broken_steady_state
from symq.formulas import power_grids as F


def drift(a1, a2, g, gi, ge, gam, n0):
    f1 = 1 / (1 + abs(a1) ** 2 / n0)
    f2 = 1 / (1 + abs(a2) ** 2 / n0)
    d1 = (gi * f1**2 - gam) / 2 * a1 + 0.5j * g * a2
    d2 = -(ge * f2**2 + gam) / 2 * a2 + 0.5j * g * a1
    return d1, d2


def limit_cycle(g, gi, ge, gam, n0, guess):
    """Root of drift_j(A) = -i omega A_j with A_1 = a > 0 (the U(1) gauge)."""
    def eqs(v):
        a, re2, im2, om = v
        d1, d2 = drift(a, re2 + 1j * im2, g, gi, ge, gam, n0)
        r1, r2 = d1 + 1j * om * a, d2 + 1j * om * (re2 + 1j * im2)
        return [r1.real, r1.imag, r2.real, r2.imag]
    sol = root(eqs, guess, method="hybr", tol=1e-14)
    assert np.max(np.abs(eqs(sol.x))) < 1e-10 * max(1.0, n0)
    a, re2, im2, om = sol.x
    return a, re2 + 1j * im2, om


def integrate(g, gi, ge, gam, n0, t_end):
    def rhs(t, y):
        d1, d2 = drift(y[0] + 1j * y[1], y[2] + 1j * y[3], g, gi, ge, gam, n0)
        return [d1.real, d1.imag, d2.real, d2.imag]
    y0 = np.sqrt(n0) * np.array([0.3, 0.1, 0.2, -0.1])
    y = solve_ivp(rhs, (0, t_end), y0, method="LSODA", rtol=1e-10, atol=1e-12 * n0).y[:, -1]
    return y[0] + 1j * y[1], y[2] + 1j * y[3]


@settings(max_examples=25)
@given(gi=st.floats(1.5, 8.0), frac=st.floats(0.05, 0.85), gam=st.floats(0.005, 0.1), n0=st.floats(1.0, 100.0))
def test_symmetric_branch_equals_numerical_limit_cycle(gi, frac, gam, n0):
    g = 1.0
    ge = gi * frac
    assume(ge < 0.97 * F.transition_point(g, gi, gam) and ge < F.symmetric_existence_limit(gi, gam) - 0.1)
    x = F.occupation_symmetric(gi, ge, gam, n0)
    w = F.frequency_symmetric(g, gi, ge, gam)
    sphi = F.current_symmetric(gi, ge, gam, n0) / (g * x)  # J = g x sin(phi)
    guess = [np.sqrt(x) * 1.05, 0.9 * np.sqrt(x) * np.sqrt(1 - sphi**2), 0.9 * np.sqrt(x) * sphi, -w * 1.1]
    a, A2, om = limit_cycle(g, gi, ge, gam, n0, guess)
    # root finding converges to ~1e-12; 1e-8 relative leaves room for ill-conditioning near the EP
    assert a**2 == pytest.approx(x, rel=1e-8)
    assert abs(A2) ** 2 == pytest.approx(x, rel=1e-8)
    assert abs(om) == pytest.approx(w, rel=1e-8)
    assert g * (a * A2).imag == pytest.approx(F.current_symmetric(gi, ge, gam, n0), rel=1e-8)


def test_transition_point_separates_symmetric_and_broken_attractors():
    """Time integration (not the closed forms): below Gamma_e^* the attractor has |alpha_1| = |alpha_2|
    with the derived occupation; above it the amplitudes are strongly imbalanced."""
    g, gi, gam, n0 = 1.0, 3.0, 0.05, 1.0
    star = F.transition_point(g, gi, gam)
    a1, a2 = integrate(g, gi, 0.85 * star, gam, n0, 1500.0)
    assert abs(a1) ** 2 == pytest.approx(F.occupation_symmetric(gi, 0.85 * star, gam, n0), rel=1e-5)
    assert abs(a2) ** 2 == pytest.approx(abs(a1) ** 2, rel=1e-5)
    b1, b2 = integrate(g, gi, 1.15 * star, gam, n0, 1500.0)
    assert abs(b1) ** 2 > 2 * abs(b2) ** 2  # parity broken: the gain site carries more energy
    assert abs(np.angle(b2 / b1)) == pytest.approx(np.pi / 2, abs=1e-8)  # omega = 0, alpha_2 in i R alpha_1
    d = derive("power_grids")
    sym = d.results["spec"].symbols
    x1, x2 = broken_steady_state(d, {sym["g"]: g, sym["Gamma_i"]: gi, sym["Gamma_e"]: 1.15 * star, sym["gamma"]: gam, sym["n_0"]: n0})
    assert (abs(b1) ** 2, abs(b2) ** 2) == pytest.approx((x1, x2), rel=1e-6)  # the derived broken fixed point


def test_broken_leading_order_converges_with_observed_order():
    """Leading order (gamma -> 0, unsaturated loss) vs the exact broken fixed point (omega = 0) of
    the numpy equations: the error is O(|alpha_2|^2/n_0) ~ Gamma_e^{-3/2} at fixed Gamma_i."""
    g, gi, gam, n0 = 1.0, 4.0, 1e-7, 1.0
    ges = np.array([10.0, 20.0, 40.0, 80.0])
    err_x, err_j = [], []
    for ge in ges:
        x1 = F.occupation_1_broken_leading(g, gi, ge, n0)
        a, A2, om = limit_cycle(g, gi, ge, gam, n0, [np.sqrt(x1), 0.0, g * np.sqrt(x1) / ge, 0.0])
        assert abs(om) < 1e-8 and abs(A2.real) < 1e-8 * abs(A2)  # omega = 0, alpha_2 in i R alpha_1
        err_x.append(abs(x1 / a**2 - 1))
        err_j.append(abs(F.current_broken_leading(g, gi, ge, n0) / (g * (a * A2).imag) - 1))
    for errs in (err_x, err_j):
        order = -np.polyfit(np.log(ges), np.log(errs), 1)[0]
        assert 1.2 <= order <= 2.0, (order, errs)  # measured ~1.5


def test_formulas_broadcast():
    gi = np.linspace(2, 5, 4)
    assert F.occupation_symmetric(gi, 1.0, 0.01, 1.0).shape == (4,)
    assert F.transition_point(1.0, gi, 0.01).shape == (4,)


EXPECTED = {
    "Eq. (1) dissipator": "misprint", "Eq. (3)": "holds", "Eq. (4)": "holds", "Eq. (5)": "holds",
    "Sec. II current": "holds", "Eq. (7)": "approximation", "Sec. V equilibrium spread": "holds",
    "App. A text after (A10): closed form": "misprint", "Eq. (A10) accuracy": "wrong", "Eq. (A12)": "holds",
    "App. B stalled phase": "approximation", "Eq. (C2)": "holds", "Eqs. (C5)-(C6)": "holds",
    "Eq. (C7)": "approximation", "Eq. (C8)": "approximation", "Eq. (C11)": "holds", "Eq. (C12)": "holds",
    "Eq. (C13)": "holds", "App. C.3 existence and stability": "approximation", "Eqs. (C17)-(C18)": "approximation",
    "Eq. (D1)": "holds", "Eq. (D2)": "holds", "App. D.2 shifted transition": "approximation",
}


def test_audit_verdicts_are_recomputed():
    found = {f.claim.ref: f for f in audit.run("power_grids")}
    for ref, status in EXPECTED.items():
        assert found[ref].verdict.status == status, (ref, found[ref].verdict.evidence)
    for f in found.values():
        if f.verdict.status in ("misprint", "wrong", "incomplete"):
            assert f.verdict.corrected, f.claim.ref
