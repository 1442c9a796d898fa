"""Derivation for the microscopic power grid (paper: microscopic-power-grids.md), N = 2 oscillators.

Everything is derived from :mod:`symq.models.power_grids`: the Glauber-Sudarshan P equation
(drift and diffusion) by :func:`symq.phasespace.glauber_p` with App. A's saturation replacement
``f(a^dag a) -> f(|alpha|^2)``; its drift is the noise-free amplitude equation (App. C). Steady
states are limit cycles ``alpha_j(t) = A_j e^{-i omega t}`` (the drift is U(1) covariant, so
``drift_j(A) = -i omega A_j``), solved by sympy on the symmetric branch ``|A_1| = |A_2|`` and on
the symmetry-broken branch ``omega = 0``; currents are the P symbols of ``i[H_12, a_2^dag a_2]``;
stability is the spectrum of the drift's Jacobian in the frame rotating with ``omega``. The
linear chain (App. B) is the model with ``f = 1`` (:meth:`symq.phasespace.Model.expand` at order
0), analysed with :func:`symq.linearize.mean_field`. Printed equations live only in
:mod:`symq.audit.power_grids`.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from .. import models
from ..errors import NumericsError
from ..latex import Document, latex
from ..linearize import mean_field
from ..phasespace import glauber_p
from . import Derivation

DOMAIN_SYM = "Gamma_e < Gamma_e^* = Gamma_i (g - gamma)/(g + gamma) and Gamma_e < Gamma_i - 2 gamma (symmetric branch exists)"
DOMAIN_BROKEN = "leading order for gamma -> 0 and |alpha_2|^2 << n_0 (Gamma_e >> g), Gamma_i Gamma_e > g^2"


def derive() -> Derivation:
    spec = models.get("power_grids")
    g, gamma, n0, Gi, Ge = (spec.symbols[k] for k in ("g", "gamma", "n_0", "Gamma_i", "Gamma_e"))
    _a1, a2 = spec.ops["a_1"], spec.ops["a_2"]
    doc = Document(spec.title + ": derivation by symq")
    d = Derivation("power_grids", spec.title, doc)
    d.results["spec"] = spec

    doc.section("Model")
    doc.text(r"Two oscillators, rotating frame, $\dot\rho=-i[H,\rho]+\sum_k\gamma_k(L_k\rho L_k^\dagger-\frac12\{L_k^\dagger L_k,\rho\})$ "
             r"(an anticommutator), with $f(x)=1/(1+x/n_0)$ and")
    doc.equation("H", latex(spec.model.H))
    doc.items([rf"$\gamma={latex(r)}$, $L={latex(L)}$" for r, L in spec.model.lindblad.jumps]
              + [rf"$\gamma={latex(r)}$, $L={_saturable_tex(s)}$" for r, s in spec.model.saturable])

    fp = glauber_p(spec.model)
    d.results["fpe"] = fp
    doc.section("P-function drift and diffusion (App. A)")
    doc.text(r"symq maps the master equation onto the P representation; $dP/dt=-\sum_x\partial_x[A_xP]+\frac12\sum_{xy}"
             r"\partial_x\partial_y[D_{xy}P]$ (conjugate entries implied):")
    doc.text(fp.latex())
    doc.text("What the derivation approximates or drops: " + fp.report().replace("_", r"\_").replace("\n", "; ")
             .replace("^", r"\^{}").replace("†", r"$^\dagger$"))
    m1, m2 = fp.modes
    z1, w1, z2, w2 = m1.z, m1.w, m2.z, m2.w
    drift = [fp.drift[z1], fp.drift[z2]]
    d.results["drift"] = drift

    H12 = spec.model.H
    n2 = a2.dag() * a2
    Jop = sp.I * (H12 * n2 - n2 * H12)
    J = sp.expand(fp.symbol(Jop))
    d.results["current_symbol"] = J
    doc.text(r"Energy current $J=i[H,a_2^\dagger a_2]$ (into site 2), its P symbol:")
    doc.equation("J", latex(J))
    _symmetric(d, doc, drift, J, (z1, w1, z2, w2), g, gamma, n0, Gi, Ge)
    _broken(d, doc, drift, J, (z1, w1, z2, w2), g, gamma, n0, Gi, Ge)
    _stability(d, doc, drift, (z1, w1, z2, w2), g, gamma, n0, Gi, Ge)
    _linear_chain(d, doc, spec, g, gamma, Gi, Ge)
    return d


def _saturable_tex(s) -> str:
    a = latex(s.mode)
    n = rf"{a}^\dagger {a}"
    return rf"{a}^\dagger f({n})" if s.dagger else rf"f({n})\,{a}"


def _conj(expr):
    """Complex conjugate of an expression whose symbols are all real."""
    return expr.subs(sp.I, -sp.I)


def _symmetric(d, doc, drift, J, zs, g, gamma, n0, Gi, Ge):
    z1, w1, z2, w2 = zs
    x = sp.Symbol("x", positive=True)
    c, s, om = sp.symbols("c s omega", real=True)
    point = {z1: sp.sqrt(x), w1: sp.sqrt(x), z2: sp.sqrt(x) * (c + sp.I * s), w2: sp.sqrt(x) * (c - sp.I * s)}
    e1 = sp.expand(drift[0].xreplace(point) / sp.sqrt(x) + sp.I * om)
    e2 = sp.expand(drift[1].xreplace(point) * (c - sp.I * s) / sp.sqrt(x) + sp.I * om)  # 1/(c + i s) = c - i s
    unit = lambda e: sp.factor(sp.expand(e).subs(c**2, 1 - s**2))
    re1, re2, im1 = unit((e1 + _conj(e1)) / 2), unit((e2 + _conj(e2)) / 2), unit((e1 - _conj(e1)) / (2 * sp.I))
    (s_sol,) = sp.solve(re1, s)
    xs = [r for r in sp.solve(sp.together(re2.subs(s, s_sol)), x) if r.subs({Gi: 3, Ge: 1, gamma: sp.Rational(1, 100), n0: 1, g: 1}) > 0]
    (x_sol,) = xs
    x_sol = sp.factor(x_sol)
    s_val = sp.factor(s_sol.subs(x, x_sol))
    (om_sol,) = sp.solve(im1, om)
    omega = sp.factor(om_sol.subs(c, sp.sqrt(1 - s_val**2)))
    if omega.subs({Gi: 3, Ge: 1, gamma: sp.Rational(1, 100), g: 1}) < 0:
        omega = -omega  # the two branches omega = +-|omega| are mirror images; report |omega|
    current = sp.factor(sp.simplify(J.xreplace(point).subs(x, x_sol).subs(s, s_val)))
    g_star = [r for r in sp.solve(s_val - 1, Ge)]
    (Ge_star,) = g_star
    (Ge_exist,) = sp.solve(x_sol, Ge)
    d.results["symmetric"] = {"x": x_sol, "sin_phi": s_val, "omega": omega, "point": point, "symbols": (x, c, s, om)}
    doc.section("Steady states: symmetric branch (App. C.2)")
    doc.text(r"Ansatz $\alpha_1 = \sqrt{x}\,e^{-i\omega t}$, $\alpha_2=\sqrt{x}\,e^{i\phi}e^{-i\omega t}$ "
             r"($c=\cos\phi$, $s=\sin\phi$) in the drift; real parts fix $x$ and $s$, imaginary parts $\omega$:")
    doc.equation(r"|\alpha_1|^2=|\alpha_2|^2", latex(x_sol))
    doc.equation(r"\sin\phi", latex(s_val))
    doc.equation(r"\omega", "\\pm" + latex(omega))
    doc.equation(r"J", latex(current))
    doc.text(r"The branch needs $x>0$ and $|\sin\phi|\le 1$; it ends where $\sin\phi = 1$ ($\omega = 0$, "
             r"$\alpha_2 = i\alpha_1$: a running wave, the symmetry-breaking point) or where $x = 0$:")
    doc.equation(r"\Gamma_e^{*}", latex(Ge_star))
    doc.equation(r"\Gamma_e^{**}", latex(Ge_exist))
    args = (Gi, Ge, gamma, n0)
    d.formula("occupation_symmetric", x_sol, args, "|alpha_1|^2 = |alpha_2|^2 of the noise-free symmetric (limit-cycle) steady state", DOMAIN_SYM)
    d.formula("current_symmetric", current, args, "energy current J = g Im(alpha_1^* alpha_2) on the symmetric branch", DOMAIN_SYM)
    d.formula("frequency_symmetric", omega, (g, Gi, Ge, gamma), "|omega|, oscillation frequency of the symmetric limit cycle (rotating frame)", DOMAIN_SYM)
    d.formula("transition_point", Ge_star, (g, Gi, gamma), "Gamma_e^*: end of the symmetric branch (sin phi = 1, omega = 0)", "g > gamma")
    d.formula("symmetric_existence_limit", Ge_exist, (Gi, gamma), "Gamma_e^**: where the symmetric occupation vanishes", "Gamma_i > 2 gamma")


def _broken(d, doc, drift, J, zs, g, gamma, n0, Gi, Ge):
    z1, w1, z2, w2 = zs
    x1, x2 = sp.symbols("x_1 x_2", positive=True)
    point = {z1: sp.sqrt(x1), w1: sp.sqrt(x1), z2: sp.I * sp.sqrt(x2), w2: -sp.I * sp.sqrt(x2)}
    eqs = [sp.factor(sp.expand(drift[0].xreplace(point))), sp.factor(sp.expand(drift[1].xreplace(point) / sp.I))]
    current = sp.factor(J.xreplace(point))
    d.results["broken"] = {"equations": eqs, "current": current, "point": point, "symbols": (x1, x2)}
    doc.section("Steady states: symmetry-broken branch (App. C.1)")
    doc.text(r"With $\omega=0$ the drift of site 2 forces $\alpha_2\in i\mathbb R\,\alpha_1$; with $\alpha_1=\sqrt{x_1}$, "
             r"$\alpha_2=i\sqrt{x_2}$ the fixed-point equations are")
    doc.equation("0", latex(eqs[0]))
    doc.equation("0", latex(eqs[1]))
    doc.equation("J", latex(current))
    # leading order: gamma -> 0 and an unsaturated loss, f(x_2) -> 1 (x_2 << n_0)
    y = sp.Symbol("y", positive=True)  # sqrt(x_2)
    unsaturated = sp.limit(eqs[1].subs(gamma, 0).subs(x2, y**2), n0, sp.oo)  # n_0 of site 2 only enters f(x_2)
    (sqrt_x2,) = sp.solve(unsaturated, y)
    lead1 = sp.factor(eqs[0].subs(gamma, 0).subs(x2, sqrt_x2**2))
    x1_lead = [r for r in sp.solve(lead1, x1) if r.subs({Gi: 4, Ge: 8, g: 1, n0: 1}) > 0]
    (x1_lead,) = x1_lead
    x1_lead = sp.factor(x1_lead)
    J_lead = sp.factor(current.subs(x2, sqrt_x2**2).subs(x1, x1_lead))
    d.results["broken"]["leading"] = {"x1": x1_lead, "sqrt_x2": sqrt_x2}
    doc.text(r"To leading order for $\gamma\to0$ with the loss unsaturated ($x_2\ll n_0$: the limit $n_0\to\infty$ in the "
             r"equation of site 2, where $n_0$ enters only through $f(x_2)$):")
    doc.equation(r"\sqrt{x_2}", latex(sqrt_x2))
    doc.equation(r"|\alpha_1|^2", latex(x1_lead))
    doc.equation("J", latex(J_lead))
    d.formula("occupation_1_broken_leading", x1_lead, (g, Gi, Ge, n0), "|alpha_1|^2 on the symmetry-broken branch, leading order", DOMAIN_BROKEN)
    d.formula("current_broken_leading", J_lead, (g, Gi, Ge, n0), "energy current J on the symmetry-broken branch, leading order", DOMAIN_BROKEN)


def _real_jacobian(drift, zs, omega):
    """Jacobian of the real drift (x1, p1, x2, p2) in the frame rotating with ``omega``."""
    z1, w1, z2, w2 = zs
    xs = sp.symbols("X_1 P_1 X_2 P_2", real=True)
    sub = {z1: xs[0] + sp.I * xs[1], w1: xs[0] - sp.I * xs[1], z2: xs[2] + sp.I * xs[3], w2: xs[2] - sp.I * xs[3]}
    f = [drift[0].xreplace(sub) + sp.I * omega * sub[z1], drift[1].xreplace(sub) + sp.I * omega * sub[z2]]
    F = sp.Matrix([sp.re(f[0]), sp.im(f[0]), sp.re(f[1]), sp.im(f[1])])
    return F.jacobian(xs), xs


def growth_rate(J, xs, point, values) -> float:
    """Largest real part of the Jacobian's eigenvalues at ``point``, the neutral (phase) one dropped."""
    M = np.array(J.xreplace({**values, **dict(zip(xs, point))}).evalf(), dtype=complex).real
    ev = np.linalg.eigvals(M)
    ev = ev[np.argsort(np.abs(ev))][1:]
    return float(ev.real.max())


def broken_steady_state(d, values) -> tuple:
    """``(x_1, x_2)`` of the symmetry-broken fixed point at numeric ``values`` (n_0 included), by a
    Newton solve of the derived fixed-point equations started at the leading-order solution."""
    from scipy.optimize import root

    br = d.results["broken"]
    x1, x2 = br["symbols"]
    spec = d.results["spec"]
    vals = {spec.symbols[k] if isinstance(k, str) else k: v for k, v in values.items()}
    f = sp.lambdify([x1, x2], [e.xreplace(vals) for e in br["equations"]], "numpy")
    lead = br["leading"]
    start = [float(lead["x1"].xreplace(vals)), float((lead["sqrt_x2"] ** 2).xreplace(vals).subs(x1, lead["x1"].xreplace(vals)))]
    sol = root(lambda p: f(*np.abs(p)), start, method="hybr", tol=1e-13)
    if np.max(np.abs(f(*np.abs(sol.x)))) > 1e-10:
        raise NumericsError(f"broken_steady_state: expected a converged solve, got residual {f(*np.abs(sol.x))} at {values}")
    return tuple(float(v) for v in np.abs(sol.x))


def _stability(d, doc, drift, zs, g, gamma, n0, Gi, Ge):
    om = sp.Symbol("omega", real=True)
    Jm, xs = _real_jacobian(drift, zs, om)
    d.results["jacobian"] = (Jm, xs, om)
    sym = d.results["symmetric"]
    vals = {g: 1, Gi: 4, gamma: sp.Rational(1, 100), n0: 1}
    rows = []
    for Ge_v in (0.5, 1.0, 2.0, 3.0, 3.8):
        v = {**vals, Ge: Ge_v}
        x = float(sym["x"].subs(v))
        sphi = float(sym["sin_phi"].subs(v))
        if x <= 0 or abs(sphi) > 1:
            continue
        w = float(sym["omega"].subs(v))
        r = growth_rate(Jm.subs(om, -w), xs, (np.sqrt(x), 0.0, np.sqrt(x) * np.sqrt(1 - sphi**2), np.sqrt(x) * sphi), v)
        rows.append(rf"$\Gamma_e={Ge_v}g$: largest growth rate {r:.2e}$g$ ({'stable' if r < 0 else 'unstable'})")
    br = d.results["broken"]
    _x1, _x2 = br["symbols"]
    for Ge_v in (4.5, 6.0, 8.0):
        v = {**vals, Ge: Ge_v}
        p = broken_steady_state(d, v)
        r = growth_rate(Jm.subs(om, 0), xs, (np.sqrt(p[0]), 0.0, 0.0, np.sqrt(p[1])), v)
        rows.append(rf"broken branch, $\Gamma_e={Ge_v}g$: $|\alpha_1|^2={p[0]:.4f}$, $|\alpha_2|^2={p[1]:.4f}$, "
                    rf"largest growth rate {r:.2e}$g$ ({'stable' if r < 0 else 'unstable'})")
    d.results["stability_rows"] = rows
    doc.section("Stability")
    doc.text(r"Jacobian of the drift in real coordinates $\alpha_j = X_j + iP_j$, in the frame rotating with $\omega$; "
             r"the phase (U(1)) direction is neutral and dropped. Both branches at $\Gamma_i=4g$, $\gamma=10^{-2}g$, $n_0=1$ "
             r"($\Gamma_e^*=3.92g$; the broken fixed point by a Newton solve of the equations above):")
    doc.items(rows)


def _linear_chain(d, doc, spec, g, gamma, Gi, Ge):
    lin = spec.model.expand(0)
    mf = mean_field(lin)
    st = mf.stability({v: 0 for v in mf.variables})
    loci = st.loci(Ge)
    d.results["linear_chain"] = {"stability": st, "loci": loci}
    doc.section("Linear chain (App. B): the stalled phase")
    doc.text(r"With $f=1$ the equations are linear; the origin is stable (the chain is damped to zero, no current) iff")
    doc.items([f"${latex(c)} > 0$" for c in st.conditions])
    doc.text("with boundaries")
    doc.items([f"${latex(e)}$" for e in loci])
