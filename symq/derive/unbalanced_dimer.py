"""Derivation of the unbalanced gain/loss qubit dimer (paper: unbalanced-gain-loss-qubits.md).

Everything here is derived from the model of :mod:`symq.models.unbalanced_dimer`; nothing is
copied from the paper (its printed equations live only in :mod:`symq.audit`).
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from .. import measures as M
from .. import models
from ..algebra import bosons, space
from ..correlations import Regression, g1, g2
from ..critical import extrema, separability_critical_points
from ..dynamics import solve
from ..errors import SymqError
from ..latex import Document, latex
from ..lindblad import Lindblad
from ..moments import MomentSystem
from ..spectral import (
    characteristic_polynomial,
    discriminant,
    exceptional_points,
    factor_complex,
)
from ..steady import steady_state
from . import Derivation

LAM = sp.Symbol("lambda")


def _moment_section(d: Derivation, key: str, title: str, system, solve_for, symbol: str) -> None:
    doc = d.doc
    doc.subsection(title)
    doc.text("Closed basis found by symq (seeds first, then the operators the hierarchy generates):")
    doc.equation(
        r"\psi = \left(" + ",\\; ".join(rf"\langle {latex(o)} \rangle" for o in system.basis) + r"\right)^{T}"
    )
    doc.text(rf"In the convention $i\,\partial_t \psi = {symbol}\,\psi + \mathcal{{P}}$:")
    H = system.matrix()
    doc.equation(symbol, latex(H))
    if any(x != 0 for x in system.drive()):
        doc.equation(r"\mathcal{P}", latex(system.drive()))
    p = characteristic_polynomial(system, LAM)
    disc = discriminant(system, LAM)
    n = H.rows
    shift = sp.expand(H.trace() / n)
    mu = sp.Symbol("mu")
    depressed = sp.Poly(sp.expand(p.as_expr().xreplace({LAM: mu + shift})), mu)
    doc.text(
        rf"Characteristic polynomial $\det(\lambda - {symbol}) = \sum_k c_k \mu^k$ in the shifted "
        rf"variable $\mu = \lambda - \operatorname{{tr}}({symbol})/{n}$, $\operatorname{{tr}}({symbol})/{n} = {latex(shift)}$:"
    )
    for (k,), c in depressed.terms():
        if k < n:
            doc.equation(f"c_{{{k}}}", latex(factor_complex(c)))
    doc.text("The discriminant of its square-free part (zero where eigenvalue branches meet):")
    doc.equation(r"\Delta", latex(disc))
    eps = exceptional_points(system, solve_for=solve_for)
    lines = []
    for e in eps:
        cond = "" if e.condition is sp.true else rf" for ${latex(e.condition)}$"
        lines.append(
            rf"${latex(e.locus)}${cond}: EP of order {e.order} (Jordan blocks {list(e.blocks)}, "
            rf"{e.count} coalescing eigenvalue{'s' if e.count > 1 else ''}), checked at {len(e.checked_at)} random parameter points"
        )
    doc.text("Exceptional points (defective coalescences) in $" + latex(solve_for) + "$:")
    doc.items(lines or ["none"])
    d.results[key] = {"system": system, "matrix": H, "drive": system.drive(), "charpoly": p, "depressed": depressed, "discriminant": disc, "eps": eps}


def derive() -> Derivation:
    spec = models.get("unbalanced_dimer")
    m = spec.model
    s, g, kappa, w0 = (spec.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    q1, q2 = spec.ops["sigma_1"], spec.ops["sigma_2"]
    doc = Document(spec.title + ": derivation by symq")
    d = Derivation("unbalanced_dimer", spec.title, doc)
    d.results["spec"] = spec

    doc.section("Model")
    doc.text(
        r"Two qubits with lowering operators $\sigma_1,\sigma_2$ ($\sigma^2=0$, $\{\sigma,\sigma^\dagger\}=1$), "
        r"gain at rate $s\kappa$ into qubit 1 and loss at rate $\kappa$ out of qubit 2. Master equation "
        r"$\dot\rho=-i[H,\rho]+\sum_k \gamma_k(L_k\rho L_k^\dagger-\tfrac12\{L_k^\dagger L_k,\rho\})$ with"
    )
    doc.equation("H", latex(m.H))
    doc.items([rf"$\gamma={latex(r)}$, $L={latex(L)}$" for r, L in m.jumps])

    doc.section("Moment equations and exceptional points")
    first = m.moments([q1, q2])
    _moment_section(d, "first", "First moments (type-I)", first, g, r"\mathcal{H}")
    second = m.moments([q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()])
    _moment_section(d, "second", "Second moments (type-II)", second, g, r"\mathcal{M}")

    doc.section(r"Bosonic counterpart ($N\to\infty$)")
    a1, a2 = bosons("1 2")
    mb = Lindblad(w0 * (a1.dag() * a1 + a2.dag() * a2) + g * (a1.dag() * a2 + a2.dag() * a1),
                  jumps=[(s * kappa, a1.dag()), (kappa, a2)])
    doc.text("The same model with bosonic modes $a_1, a_2$ in place of the qubits; its moment hierarchy closes at each order.")
    _moment_section(d, "boson_first", "First moments", mb.moments([a1, a2]), g, r"\mathcal{H}_b")
    _moment_section(d, "boson_second", "Second moments", mb.moments([a1.dag() * a1, a2.dag() * a2, a1.dag() * a2, a1 * a2.dag()]), g, r"\mathcal{M}_b")
    d.results["boson_model"] = mb

    _steady_section(d, spec)
    _correlation_section(d, spec)
    return d


DOMAIN = "s > 0 (gain/loss ratio), g > 0, kappa > 0; tested for s in [0.05, 20], g/kappa in [1e-3, 1e2]"


def _steady_section(d: Derivation, spec) -> None:
    doc, m = d.doc, spec.model
    s, g, kappa, w0 = (spec.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    q1, q2 = spec.ops["sigma_1"], spec.ops["sigma_2"]
    rho = steady_state(m)
    d.results["rho"] = rho
    doc.section("Exact steady state")
    doc.text(
        "Solved on the zero-charge sector of the Liouvillian (the model conserves the excitation number "
        "up to the charge-changing jumps, so the stationary state is block diagonal in it), basis "
        r"$|n_1 n_2\rangle$ with $n=1$ the excited level, tensor order (1, 2):"
    )
    doc.equation(r"\rho_{ss}", latex(rho))
    n1, n2 = M.populations(rho, q1, q2)
    args = (s, g, kappa)
    quantities = [
        ("population_1", n1, args, r"\langle\sigma_1^\dagger\sigma_1\rangle", "steady-state population of the gain qubit <sigma_1^dag sigma_1>"),
        ("population_2", n2, args, r"\langle\sigma_2^\dagger\sigma_2\rangle", "steady-state population of the lossy qubit <sigma_2^dag sigma_2>"),
        ("imbalance", sp.factor(M.imbalance(rho, q1, q2)), args, r"\frac{n_1-n_2}{n_1+n_2}", "population imbalance (n1 - n2)/(n1 + n2)"),
        ("current", sp.factor(w0 * M.excitation_current(rho, m.H, q1, q2)), (s, g, kappa, w0), "J",
         "energy current J = omega_0 <i[H_12, sigma_2^dag sigma_2]> = omega_0 i g <sigma_1^dag sigma_2 - sigma_2^dag sigma_1>, "
         "equal in the steady state to omega_0 kappa <sigma_2^dag sigma_2> (the energy leaving through the loss)"),
        ("g2_cross", sp.factor(M.g2_cross(rho, q1, q2)), args, r"g^{(2)}_X(0)", "zero-delay cross correlation <s1^dag s2^dag s2 s1>/(<n1><n2>)"),
        ("epr", sp.factor(M.epr(rho, q1, q2)), args, r"\mathrm{EPR}", "EPR = <n1><n2> - <n1 n2> (Downing & Fox's definition)"),
        ("purity", sp.factor(M.purity(rho)), args, r"\mathcal{P}", "purity Tr(rho^2)"),
        ("linear_entropy", sp.factor(M.linear_entropy(rho)), args, r"\mathcal{S}",
         "normalised linear entropy (4/3)(1 - Tr rho^2), in [0, 1] for two qubits"),
        ("negativity", M.negativity(rho), args, r"\mathcal{N}",
         "negativity: sum of |negative eigenvalues| of the partial transpose on qubit 2, (||rho^T2||_1 - 1)/2"),
        ("concurrence", M.concurrence(rho), args, r"\mathcal{C}", "Wootters concurrence (X-state closed form)"),
    ]
    doc.section("Steady-state observables and measures")
    for name, expr, a, sym, definition in quantities:
        d.formula(name, expr, a, definition, DOMAIN, latex=latex(expr))
        doc.equation(sym, latex(expr))

    doc.section("Separability critical points and extrema")
    C, N = d.results["concurrence"], d.results["negativity"]
    scp_c = separability_critical_points(C, g)
    scp_n = separability_critical_points(N, g)
    d.results["scp_concurrence"], d.results["scp_negativity"] = scp_c, scp_n
    doc.text("Where the entangled branch of the concurrence ends:")
    doc.items([rf"${latex(c.locus)}$, entangled {c.positive_side}" for c in scp_c] or ["none"])
    doc.text("Where the entangled branch of the negativity ends (for two qubits PPT is exact, so these coincide):")
    doc.items([rf"${latex(c.locus)}$, entangled {c.positive_side}" for c in scp_n] or ["none"])
    cmax = extrema(C.xreplace({s: 1}), g)
    nmax = extrema(N.xreplace({s: 1}), g)
    emax = extrema(d.results["epr"], g)
    d.results["extrema"] = {"concurrence_s1": cmax, "negativity_s1": nmax, "epr": emax}
    doc.text("Extrema in $g$ (concurrence and negativity at $s=1$, EPR for any $s$):")
    doc.items([rf"{name}: {e.kind} ${latex(e.value)}$ at ${latex(sp.Eq(e.parameter, e.location))}$"
               for name, es in (("concurrence", cmax), ("negativity", nmax), ("EPR", emax)) for e in es])


CORR_DOMAIN = "s = 1 (balanced gain and loss), g > 0, kappa > 0, tau >= 0; tested for g/kappa in [1e-3, 1e2]"


def _by_kernel(expr: sp.Expr) -> sp.Expr:
    """``expr`` as a sum over products of its cos/sin/exp factors, each with a factored coefficient.

    Kernels and square roots are replaced by symbols, the expression is brought over one
    denominator, and the numerator's coefficient of every kernel monomial is factored (exact).
    """
    kern = sorted(expr.atoms(sp.cos, sp.sin, sp.exp), key=sp.default_sort_key)
    K = sp.symbols(f"_k0:{len(kern)}")
    e = expr.xreplace(dict(zip(kern, K)))
    bases = sorted({a.base for a in e.atoms(sp.Pow) if a.exp in (sp.S.Half, -sp.S.Half)}, key=sp.default_sort_key)
    R = sp.symbols(f"_r0:{len(bases)}", positive=True)
    e = e.xreplace({**{sp.sqrt(b): r for b, r in zip(bases, R)}, **{1 / sp.sqrt(b): 1 / r for b, r in zip(bases, R)}})
    num, den = sp.fraction(sp.together(e))
    back = {**dict(zip(K, kern)), **{r: sp.sqrt(b) for b, r in zip(bases, R)}}
    return sp.Add(*[sp.factor(c / den).xreplace(back) * sp.Mul(*[k**p for k, p in zip(kern, m)])
                    for m, c in sp.Poly(num, *K).terms()])


def _entire_form(expr: sp.Expr, discriminants) -> sp.Expr:
    """The underdamped closed form rewritten for evaluation at any sign of each ``W``.

    ``cos(sqrt(W) t)`` and ``sin(sqrt(W) t)/sqrt(W) = t sinc(sqrt(W) t)`` are entire, even
    functions of ``sqrt(W)``; with ``sqrt(W)`` evaluated as ``e^{-i pi/4} sqrt(i W)`` (principal
    branch: ``sqrt(W)`` for W > 0, ``-i sqrt(-W)`` for W < 0) one expression covers the under-
    and overdamped regimes and the exceptional point W = 0 (sinc(0) = 1), in complex arithmetic.
    """
    out = expr.replace(sp.sin, lambda x: x * sp.sinc(x))
    rot = (1 - sp.I) / sp.sqrt(2)
    for W in discriminants:
        # sqrt(W) appears as c sqrt(P) with P = W / c^2 a polynomial of the same sign
        (root,) = [a for a in sp.sqrt(W).atoms(sp.Pow) if a.exp == sp.S.Half]
        if _outside_kernels(out, root.base):
            raise SymqError(f"closed form: sqrt({root.base}) left outside cos/sinc, cannot continue it analytically")
        out = out.xreplace({root: rot * sp.sqrt(sp.I * root.base)})
    return out


def _outside_kernels(expr: sp.Expr, base: sp.Expr) -> bool:
    """Whether a power of ``base`` occurs in ``expr`` other than inside a cos or sinc argument."""
    if isinstance(expr, (sp.cos, sp.sinc)):
        return False
    if isinstance(expr, sp.Pow) and expr.base == base:
        return True
    return any(_outside_kernels(x, base) for x in expr.args)


def _real_part_on_axis(F: sp.Expr, z: sp.Symbol, w: sp.Symbol) -> sp.Expr:
    """``Re F(-i w)`` for a rational ``F`` with real coefficients and real ``w`` (polynomial arithmetic)."""
    num, den = (sp.Poly(x, z) for x in sp.fraction(sp.cancel(F)))
    if num.as_expr().has(sp.I) or den.as_expr().has(sp.I):
        raise SymqError(f"spectrum: expected a transform with real coefficients, got {F}")
    at = lambda P, sign: sp.expand(P.as_expr().xreplace({z: sign * sp.I * w}))
    # F(-i w) = N(-iw) D(iw) / |D(-iw)|^2 and conj(N(-iw)) = N(iw) for real coefficients
    cross = sp.expand(at(num, -1) * at(den, 1))
    return sp.factor(sp.re(cross) / sp.expand(at(den, -1) * at(den, 1)))


def _local_maxima(f, half_width: float) -> int:
    x = np.linspace(-half_width, half_width, 40001)
    y = f(x)
    return int(np.sum((y[1:-1] > y[:-2]) & (y[1:-1] > y[2:])))


def _correlation_section(d: Derivation, spec) -> None:
    doc, m, rho = d.doc, spec.model, d.results["rho"]
    s, g, kappa, w0 = (spec.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    q1, q2 = spec.ops["sigma_1"], spec.ops["sigma_2"]
    sp_ = space(m.sites)

    def expect(op):
        return M.expect(op, rho, sp_)

    tau = sp.Symbol("tau", positive=True)
    doc.section("Correlation functions and spectrum (quantum regression)")
    doc.text(
        r"Closed forms at $s = 1$, solved after substituting $s = 1$ (partial fractions over the factored "
        r"characteristic polynomial; symq's numeric regression handles any $s$). "
        r"$g^{(1)}_n(\tau) = \langle\sigma_n^\dagger(t)\sigma_n(t+\tau)\rangle/\langle\sigma_n^\dagger\sigma_n\rangle$, "
        r"$g^{(2)}_{mn}(\tau) = \langle\sigma_m^\dagger(t)\sigma_n^\dagger\sigma_n(t+\tau)\sigma_m(t)\rangle/"
        r"(\langle\sigma_m^\dagger\sigma_m\rangle\langle\sigma_n^\dagger\sigma_n\rangle)$. "
        r"Each quadratic factor $(z+\kappa)^2 + W$ is written in the underdamped form $\cos(\sqrt{W}\tau)$, "
        r"$\sin(\sqrt{W}\tau)/\sqrt{W}$; both are entire in $W$, so the same expression holds for $W < 0$ "
        r"($\cosh$, $\sinh$) and at the exceptional point $W = 0$ (the limit)."
    )
    one = {s: 1}
    corr = {}
    for name, r, sym, args, definition in (
        ("g1_1_s1", g1(m, q1, expect), r"g^{(1)}_1(\tau)", (g, kappa, w0, tau),
         "first-order coherence of the gain qubit <s1^dag(t) s1(t+tau)>/<s1^dag s1> at s = 1 (complex)"),
        ("g1_2_s1", g1(m, q2, expect), r"g^{(1)}_2(\tau)", (g, kappa, w0, tau),
         "first-order coherence of the lossy qubit <s2^dag(t) s2(t+tau)>/<s2^dag s2> at s = 1 (complex)"),
        ("g2_1_s1", g2(m, q1, q1, expect), r"g^{(2)}_1(\tau)", (g, kappa, tau),
         "direct second-order correlation <s1^dag(t) n1(t+tau) s1(t)>/<n1>^2 at s = 1"),
        ("g2_2_s1", g2(m, q2, q2, expect), r"g^{(2)}_2(\tau)", (g, kappa, tau),
         "direct second-order correlation <s2^dag(t) n2(t+tau) s2(t)>/<n2>^2 at s = 1"),
        ("g2_X_s1", g2(m, q1, q2, expect), r"g^{(2)}_X(\tau)", (g, kappa, tau),
         "cross correlation <s1^dag(t) n2(t+tau) s1(t)>/(<n1><n2>) at s = 1"),
    ):
        sysr = MomentSystem(r.system.basis, r.system.A.xreplace(one), r.system.b.xreplace(one) * r.c.xreplace(one), m)
        ev = solve(sysr, tau, list(r.u0.xreplace(one)), regime="underdamped")
        expr = _by_kernel(ev.expressions[r.index] / r.norm.xreplace(one))
        Ws = [mode.discriminant for mode in ev.modes if mode.discriminant is not None and not mode.discriminant.is_positive]
        numeric = _entire_form(expr, Ws)
        d.formula(name, numeric, args, definition + (
            "; sqrt(W) of each quadratic factor evaluated as e^{-i pi/4} sqrt(i W), so one complex expression "
            "holds below, at and above the exceptional points" if Ws else ""), CORR_DOMAIN, latex=latex(expr))
        corr[name] = (r, expr)
        doc.equation(sym, latex(expr))
        if Ws:
            doc.text("with " + ", ".join(rf"$W = {latex(W)}$" for W in Ws) + " (zero at the type-I EPs).")
    d.results["correlations"] = corr
    d.results["g1_1"] = corr["g1_1_s1"][0]
    _spectrum_section(d, spec, corr["g1_1_s1"][0])


def _spectrum_section(d: Derivation, spec, r) -> None:
    """S(omega) of qubit 1 at s = 1 in closed form, and its number of peaks across the type-I EPs."""
    doc, m = d.doc, spec.model
    s, g, kappa, w0 = (spec.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    z, w = sp.Symbol("z"), sp.Symbol("omega", real=True)
    delta = sp.Symbol("Delta", real=True)
    frame = {s: 1, w0: 0}  # S depends on omega - omega_0 only: solve in the frame rotating at omega_0
    sysr = MomentSystem(r.system.basis, r.system.A.xreplace(frame), r.system.b.xreplace(frame), m)
    F = Regression(sysr, r.u0.xreplace(frame), r.c, r.index, r.norm.xreplace(frame)).laplace(z)
    S = _real_part_on_axis(F, z, delta) / sp.pi
    d.formula("spectrum_1_s1", S.xreplace({delta: w - w0}), (g, kappa, w0, w),
              "optical spectrum of the gain qubit S(omega) = (1/pi) Re int_0^inf e^{i omega tau} g1_1(tau) dtau "
              "at s = 1 (unit area over omega; peaked at omega = omega_0)", CORR_DOMAIN.replace("tau >= 0", "omega real"),
              latex=latex(S))
    doc.text(
        r"Optical spectrum of qubit 1, $S(\omega)=\frac{1}{\pi}\mathrm{Re}\int_0^\infty e^{i\omega\tau}g^{(1)}_1(\tau)\,d\tau$, "
        r"exact at $s = 1$ in $\Delta = \omega - \omega_0$ (from the Laplace transform of the regression "
        r"equations, $F(z)$ at $z = -i\Delta$):"
    )
    doc.equation(r"S(\omega)", latex(S))
    # peak count: S is even in Delta; the central peak splits where S''(0) changes sign
    kap1 = {kappa: 1}
    curv = sp.factor(sp.diff(S, delta, 2).xreplace({delta: 0}).xreplace(kap1))
    split_poly = sp.Poly(sp.numer(sp.together(curv)), g)
    onset = [rt for rt in split_poly.real_roots() if rt > 0]
    eps = sorted({v for e in d.results["first"]["eps"] if (v := sp.nsimplify(e.value.xreplace({s: 1, kappa: 1}))) > 0}, key=float)
    f = sp.lambdify((g, delta), S.xreplace(kap1), "numpy")
    rows, across = [], []
    for label, g0 in [*(("type-I EP", e) for e in eps), *(("doublet onset", rt) for rt in onset)]:
        below, above = (_local_maxima(lambda x, gv=float(g0) * k: f(gv, x), 3 * float(g0) + 4) for k in (0.95, 1.05))
        across.append((label, g0, below, above))
        rows.append(rf"{label} $g/\kappa = {latex(g0)} \approx {float(g0):.4f}$: {below} peak{'s' if below > 1 else ''} "
                    rf"at $0.95\,g$, {above} peak{'s' if above > 1 else ''} at $1.05\,g$")
    doc.text(
        r"Number of local maxima of $S$ on each side of the type-I EPs ($s = 1$) and of the coupling where "
        r"$\partial_\Delta^2 S|_{\Delta=0}$ changes sign, the positive root of"
    )
    x = sp.Symbol("x")
    doc.equation(latex(split_poly.primitive()[1].as_expr().xreplace({g: x})) + r" = 0, \qquad x = g/\kappa")
    doc.items(rows)
    doc.text(
        r"The peak count does not change at the type-I EPs: the singlet only develops shoulders between them, and "
        r"the doublet appears at the root above, beyond the second EP."
    )
    d.results["spectrum"] = {"expr": S, "delta": delta, "onset": onset, "across": across, "eps": eps}
    d.results["spectrum_peaks"] = rows
