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
from ..correlations import g1, g2, spectrum_numeric
from ..critical import extrema, separability_critical_points
from ..dynamics import solve
from ..latex import Document, latex
from ..lindblad import Lindblad
from ..moments import MomentSystem
from ..steady import steady_state
from ..spectral import characteristic_polynomial, discriminant, exceptional_points, factor_complex
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
        r"Closed forms at $s = 1$ (symq's numeric regression, exact matrix exponentials, handles any $s$). "
        r"$g^{(1)}_1$ is left to the numeric route: its closed form is a long partial-fraction sum."
    )
    one = {s: 1}
    corr = {}
    for name, r, sym in (
        ("g1_2", g1(m, q2, expect), r"g^{(1)}_2(\tau)"),
        ("g2_11", g2(m, q1, q1, expect), r"g^{(2)}_1(\tau)"),
        ("g2_22", g2(m, q2, q2, expect), r"g^{(2)}_2(\tau)"),
        ("g2_X", g2(m, q1, q2, expect), r"g^{(2)}_X(\tau)"),
    ):
        sysr = MomentSystem(r.system.basis, r.system.A.xreplace(one), r.system.b.xreplace(one) * r.c.xreplace(one), m)
        ev = solve(sysr, tau, list(r.u0.xreplace(one)), regime=None)
        expr = ev.expressions[r.index] / r.norm.xreplace(one)
        corr[name] = (r, expr)
        doc.equation(sym, latex(expr))
    d.results["correlations"] = corr
    r1 = g1(m, q1, expect)
    d.results["g1_1"] = r1
    rows = []
    for gv in (sp.Rational(1, 5), 1, 2):
        vals = {s: 1, g: gv, kappa: 1, w0: 0}
        ws = np.linspace(-4, 4, 4001)
        S = spectrum_numeric(r1, vals, ws)
        peaks = int(np.sum((S[1:-1] > S[:-2]) & (S[1:-1] > S[2:])))
        rows.append(rf"$g = {latex(gv)}\kappa$: {peaks} peak{'s' if peaks > 1 else ''} in $S(\omega)$")
    doc.text(r"Optical spectrum of qubit 1, $S(\omega)=\frac{1}{\pi}\mathrm{Re}\int_0^\infty e^{i\omega\tau}g^{(1)}_1(\tau)d\tau$, "
             r"from the exact resolvent at $s=1$, $\omega_0 = 0$ (type-I EPs at $g = (\sqrt2 \mp 1)\kappa/2$):")
    doc.items(rows)
    d.results["spectrum_peaks"] = rows
