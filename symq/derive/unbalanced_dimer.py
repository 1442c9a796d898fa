"""Derivation of the unbalanced gain/loss qubit dimer (paper: unbalanced-gain-loss-qubits.md).

Everything here is derived from the model of :mod:`symq.models.unbalanced_dimer`; nothing is
copied from the paper (its printed equations live only in :mod:`symq.audit`).
"""

from __future__ import annotations

import sympy as sp

from .. import models
from ..algebra import bosons
from ..latex import Document, latex
from ..lindblad import Lindblad
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
    return d
