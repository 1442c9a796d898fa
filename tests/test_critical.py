"""symq.critical: separability critical points (SCP) and extrema of the dimer's entanglement measures.

The SCP loci are checked against numerics too: just below (above) the critical coupling the QuTiP
steady state has positive (zero) concurrence and negativity. Margins: 1e-3 relative off the locus,
where the measures are O(1e-4) and the numerics exact to ~1e-8 (sqrt(eps) for concurrence; see
test_measures), so the sign test is unambiguous.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy as sp

import symq
from symq import measures as M
from symq.critical import branch_arguments, extrema, separability_critical_points
from symq.errors import ModelError
from symq.steady import steady_state

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

s, g, kappa, w0 = sp.symbols("s g kappa omega_0", positive=True)
q1, q2 = symq.qubits("1 2")
DIMER = symq.Lindblad(w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1),
                      jumps=[(s * kappa, q1.dag()), (kappa, q2)])
RHO = steady_state(DIMER)
C, N = M.concurrence(RHO), M.negativity(RHO)


def qutip_state(sv, gv, kv=1.0):
    sm, eye = qutip.destroy(2), qutip.qeye(2)
    s1, s2 = qutip.tensor(sm, eye), qutip.tensor(eye, sm)
    return qutip.steadystate(gv * (s1.dag() * s2 + s2.dag() * s1), [np.sqrt(sv * kv) * s1.dag(), np.sqrt(kv) * s2])


def test_concurrence_and_negativity_share_the_scp():
    """Eq. 3d: g = (s + 1) kappa / 2 for both measures (PPT <=> separable for two qubits)."""
    (c,) = separability_critical_points(C, g)
    (n,) = separability_critical_points(N, g)
    assert c.value == kappa * (s + 1) / 2 == n.value
    assert c.condition == sp.true and n.condition == sp.true
    assert c.positive_side == n.positive_side == "below"  # entangled for weaker coupling
    assert c.locus == sp.Eq(g, kappa * (s + 1) / 2)
    assert len(c.checked_at) == 3


@pytest.mark.parametrize("sv", [0.5, 1.0, 2.0])
def test_scp_values_of_the_figures(sv):
    """Fig. 5: negativity zeros at 3/4, 1, 3/2 (correct). Fig. 4c's caption puts the concurrence
    zero at 1/2 for s = 1/2 and the text puts the s = 1 SCP at kappa/2: both misprints, the
    concurrence is still positive there and vanishes at the same 3/4, 1, 3/2."""
    (c,) = separability_critical_points(C, g)
    gc = float(c.value.subs({s: sv, kappa: 1}))
    assert gc == {0.5: 0.75, 1.0: 1.0, 2.0: 1.5}[sv]
    below, above = qutip_state(sv, gc * (1 - 1e-3)), qutip_state(sv, gc * (1 + 1e-3))
    for measure in (qutip.concurrence, lambda r: qutip.negativity(r, 1, method="eigenvalues")):
        assert measure(below) > 1e-6
        assert measure(above) < 1e-9
    if sv == 0.5:
        assert C.subs({s: sp.Rational(1, 2), g: sp.Rational(1, 2), kappa: 1}) > 0  # not zero at 1/2
    if sv == 1.0:
        assert C.subs({s: 1, g: sp.Rational(1, 2), kappa: 1}) > 0  # not zero at kappa/2


def test_scp_in_the_pump_ratio_has_a_condition():
    (c,) = separability_critical_points(C, s)
    assert sp.simplify(c.value - (2 * g / kappa - 1)) == 0
    assert c.positive_side == "above"  # more gain, entangled again
    assert c.condition.subs({g: 1, kappa: 1}) == sp.true and c.condition.subs({g: 1, kappa: 3}) == sp.false


def test_maximal_concurrence_eq_17():
    """Eq. 17: max C = 1/(1 + sqrt 5) at g = kappa/(1 + sqrt 5) for s = 1; max N is half of it."""
    (c,) = extrema(C.subs(s, 1), g)
    assert c.kind == "maximum"
    assert sp.simplify(c.location - kappa / (1 + sp.sqrt(5))) == 0
    assert sp.simplify(c.value - 1 / (1 + sp.sqrt(5))) == 0
    (n,) = extrema(N.subs(s, 1), g)
    assert sp.simplify(n.location - c.location) == 0
    assert sp.simplify(n.value - 1 / (2 + 2 * sp.sqrt(5))) == 0


def test_maximal_concurrence_for_any_pump():
    """Derived: g* = kappa (sqrt(s (s^2 + 3 s + 1)) - s)/(2 (s + 1)) and C* = 2 g* / ((s + 1) kappa);
    it is largest at s = 1 (the text: "slightly higher than for the unbalanced arrangements")."""
    (c,) = extrema(C, g)
    g_star = kappa * (sp.sqrt(s * (s**2 + 3 * s + 1)) - s) / (2 * (s + 1))
    assert sp.simplify(c.location - g_star) == 0
    assert sp.simplify(c.value - 2 * g_star / ((s + 1) * kappa)) == 0
    best = float(c.value.subs(s, 1))
    for sv in (0.5, 2.0, 0.9, 1.1):
        assert float(c.value.subs(s, sv)) < best
    # numerically: the QuTiP concurrence at g* is the maximum over a grid
    gs = float(g_star.subs({s: 2, kappa: 1}))
    grid = [qutip.concurrence(qutip_state(2.0, x)) for x in np.linspace(0.05, 1.4, 28)]
    assert max(grid) <= qutip.concurrence(qutip_state(2.0, gs)) + 1e-7
    assert qutip.concurrence(qutip_state(2.0, gs)) == pytest.approx(float(c.value.subs(s, 2)), abs=1e-7)


def test_epr_maximum_eq_15():
    """The text after Eq. 15: EPR peaks at g = sqrt(s) kappa / 2 with value s / (2 (1 + s))^2."""
    (e,) = extrema(M.epr(RHO, q1, q2), g)
    assert e.kind == "maximum" and e.location == sp.sqrt(s) * kappa / 2
    assert sp.simplify(e.value - s / (2 * (1 + s)) ** 2) == 0


def test_other_piecewise_forms_and_errors():
    x, a = sp.symbols("x a", positive=True)
    (h,) = separability_critical_points(x * sp.Heaviside(a - x), x)
    assert h.value == a and h.positive_side == "below"
    (p,) = separability_critical_points(sp.Piecewise((x, x > 2 * a), (0, True)), x)
    assert p.value == 2 * a and p.positive_side == "above"
    assert branch_arguments(sp.Max(x, a)) in ([x - a], [a - x])  # Max sorts its arguments
    assert separability_critical_points(sp.Max(0, x**2 - 2 * x * a + a**2), x) == []  # touches 0, no sign change
    with pytest.raises(ModelError, match="expected a piecewise measure"):
        separability_critical_points(x**2, x)
    with pytest.raises(ModelError, match="expected solve_for to be one of the expression's symbols"):
        separability_critical_points(C, x)
    with pytest.raises(ModelError, match="declared positive"):
        separability_critical_points(sp.Max(0, sp.Symbol("y") - 1), sp.Symbol("y"))
