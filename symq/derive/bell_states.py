"""Derivation of the dissipatively coupled spin qubits (paper: bell-states-dissipative-coupling.md).

Everything is derived from the model of :mod:`symq.models.bell_states`; nothing is copied from
the paper (its printed equations live only in :mod:`symq.audit`). Conventions: paper |up down>
= symq |0 1> (qubit 2 excited), so the paper's coherence <up down|rho|down up> is the moment
``<sigma_1^dag sigma_2>``; concurrences are those of the X states the dynamics keeps.
"""

from __future__ import annotations

import sympy as sp

from .. import models
from ..algebra import space
from ..dynamics import solve
from ..errors import SymqError
from ..latex import Document, latex
from ..lindblad import Channel, Lindblad
from ..measures import concurrence
from ..moments import MomentSystem
from ..steady import exact_matrix, steady_state
from . import Derivation

t = sp.Symbol("t", positive=True)
eta = sp.Symbol("eta", positive=True)
Gamma = sp.Symbol("Gamma", positive=True)
u = sp.Symbol("u", nonnegative=True)
DOMAIN_T0 = "zero temperature (atilde = Atilde = 0), 0 < A <= a, delta >= 0, t >= 0, from |up down>"
DOMAIN_POST = "postselected on no jump, from |up down>; Gamma = A + Atilde > 0, delta >= 0, t >= 0"


def _real_abs2(z: sp.Expr) -> sp.Expr:
    """``|z|^2`` for an expression whose symbols and functions are real apart from ``i``."""
    return sp.expand(z * z.xreplace({sp.I: -sp.I}))


def _trig_form(expr: sp.Expr, theta: sp.Symbol) -> sp.Expr:
    """Rewrite multiple angles in single angles of ``theta`` and factor."""
    return sp.factor(sp.trigsimp(sp.factor(sp.expand_trig(expr))))


def _x_state(ev, q1, q2) -> sp.Matrix:
    """The two-qubit X state (basis |n1 n2>) built from the moments of an evolution."""
    n1, n2, c = ev[q1.dag() * q1], ev[q2.dag() * q2], ev[q1.dag() * q2]
    return sp.Matrix([[1 - n1 - n2, 0, 0, 0], [0, n2, c, 0], [0, c.xreplace({sp.I: -sp.I}), n1, 0], [0, 0, 0, 0]])


def derive() -> Derivation:
    spec = models.get("bell_states")
    m = spec.model
    a, A, at, At, d, D = (spec.symbols[k] for k in ("a", "A", "atilde", "Atilde", "delta", "Delta"))
    q1, q2 = spec.ops["sigma_1"], spec.ops["sigma_2"]
    doc = Document(spec.title + ": derivation by symq")
    d_ = Derivation("bell_states", spec.title, doc)
    d_.results["spec"] = spec

    doc.section("Model")
    doc.text(
        r"Paper $|{\uparrow}\rangle$ is symq's level 0 (ground), paper $\sigma^+$ is symq's lowering operator "
        r"$\sigma$. Master equation $\dot\rho=-i[H,\rho]+\sum_{jk}\gamma_{jk}(L_j\rho L_k^\dagger-\tfrac12\{L_k^\dagger L_j,\rho\})$ "
        r"with $L=(\sigma_1,\sigma_2,\sigma_1^\dagger,\sigma_2^\dagger)$ and"
    )
    doc.equation("H", latex(m.H))
    doc.items([rf"$\gamma_{{{ch.left},{ch.right}}} = {latex(ch.rate)}$".replace("†", r"^\dagger").replace("σ", r"\sigma")
               for ch in m.channels])

    _steady(d_, spec, a, A, at, At, d)
    _unmonitored(d_, spec, a, A, at, At, d, q1, q2)
    _postselected(d_, spec, a, A, at, At, d, D, q1, q2)
    return d_


def _steady(d_: Derivation, spec, a, A, at, At, d) -> None:
    doc = d_.doc
    doc.section("Exact steady state")
    rho = steady_state(spec.model)
    d_.results["rho_ss"] = rho
    doc.text(
        r"Unique for $a > A$ or $\tilde a > \tilde A$ (no dark state); solved on the zero-charge sector, basis "
        r"$|n_1 n_2\rangle$ (paper $|{\uparrow\uparrow}\rangle = |00\rangle$):"
    )
    doc.equation(r"\rho_{ss}", latex(rho))
    (n00, d00), (n11, d11), (nc, dc) = (sp.fraction(sp.factor(rho[i, j])) for i, j in ((0, 0), (3, 3), (1, 2)))
    if not d00 == d11 == dc:
        raise SymqError("bell_states: expected a common denominator of the steady-state entries")
    C = sp.Max(0, 2 * (sp.sqrt(sp.factor(_real_abs2(nc))) - sp.sqrt(sp.factor(n00 * n11))) / d00)
    d_.results["C_ss"] = C
    doc.text(r"Its concurrence, $2\max(0, |\rho_{01,10}| - \sqrt{\rho_{00,00}\rho_{11,11}})$:")
    doc.equation(r"C_{ss}", latex(C))
    coherence_fdt = sp.factor(rho[1, 2].xreplace({At: A * at / a}))
    d_.results["coherence_detailed_balance"] = coherence_fdt
    doc.text(r"Under the fluctuation-dissipation relation $\tilde a/a = \tilde A/A$ the coherence is "
             rf"$\rho_{{01,10}} = {latex(coherence_fdt)}$, so the unique steady state is separable there ($C_{{ss}} = 0$).")
    d_.formula("steady_concurrence", C, (a, A, at, At, d),
               "concurrence of the unique steady state (any temperature)",
               "a >= A >= 0, atilde >= Atilde >= 0, with a > A or atilde > Atilde; delta >= 0", latex=latex(C))


def _unmonitored(d_: Derivation, spec, a, A, at, At, d, q1, q2) -> None:
    doc = d_.doc
    m0 = _zero_temperature(spec.model, at, At)
    doc.section("Unmonitored dynamics at zero temperature")
    system = m0.moments([q1.dag() * q2])
    d_.results["system"] = system
    doc.text(r"Closed moment system found by symq, $\dot v = \mathcal{M} v$, with")
    doc.equation("v", r"\left(" + ",\\; ".join(rf"\langle {latex(o)}\rangle" for o in system.basis) + r"\right)^T")
    doc.equation(r"\mathcal{M}", latex(system.A))
    lam = sp.Symbol("lambda")
    charpoly = sp.factor(system.A.charpoly(lam).as_expr())
    d_.results["charpoly"] = charpoly
    doc.text(r"Characteristic polynomial $\det(\lambda - \mathcal{M})$ (the rates $\lambda = -i\omega$ of the dynamics):")
    doc.equation(r"\det(\lambda - \mathcal{M})", latex(charpoly))

    init = {o: 0 for o in system.basis}
    init[q2.dag() * q2] = 1  # paper |up down>: qubit 2 excited
    regimes = {}
    for name, system_r, assumptions in (
        ("underdamped", system, [d > A]),
        ("critical", _substitute(system, {d: A}), None),
        ("overdamped", system, [d < A]),
    ):
        ev = solve(system_r, t, init, assumptions=assumptions)
        regimes[name] = ev
    d_.results["evolution"] = regimes
    doc.text(
        r"Time-dependent solution from $|{\uparrow\downarrow}\rangle$ (symq $|01\rangle$), by Laplace transform and "
        r"partial fractions; $\langle\sigma_1^\dagger\sigma_1\sigma_2^\dagger\sigma_2\rangle = 0$ at all times "
        r"(it is not reachable from the initial values), so $\rho(t)$ is an X state with no doubly excited population."
    )
    for name, ev in regimes.items():
        doc.subsection(f"{name.capitalize()} regime")
        for o, e in ev.as_dict().items():
            doc.equation(rf"\langle {latex(o)}\rangle", latex(e))

    # the paper's x: which element obeys a second-order equation with the roots -2a +- 2 sqrt(A^2 - delta^2)
    ev = regimes["underdamped"]
    ode = lambda x: sp.simplify(sp.diff(x, t, 2) + 4 * a * sp.diff(x, t) + 4 * (d**2 + a**2 - A**2) * x)  # noqa: E731
    coherence = sp.simplify((ev[q1.dag() * q2] + ev[q1 * q2.dag()]) / 2)
    population = sp.simplify(ev[q2.dag() * q2])
    d_.results["ode_residual"] = {"coherence": ode(coherence), "population": ode(population)}
    doc.text(
        r"The real part of the coherence $x=\mathrm{Re}\,\langle{\uparrow\downarrow}|\rho|{\downarrow\uparrow}\rangle="
        r"\mathrm{Re}\langle\sigma_1^\dagger\sigma_2\rangle$ solves $\ddot x+4a\dot x+4(\delta^2+a^2-A^2)x=0$ "
        rf"(residual ${latex(d_.results['ode_residual']['coherence'])}$); the population "
        r"$\langle{\uparrow\downarrow}|\rho|{\uparrow\downarrow}\rangle$ does not, its residual is"
    )
    doc.equation(r"\mathcal{R}", latex(d_.results["ode_residual"]["population"]))

    doc.section("Concurrence")
    doc.text(
        r"For this X state $C = 2\max(0, |\rho_{01,10}| - \sqrt{\rho_{00,00}\rho_{11,11}}) = 2|\langle\sigma_1^\dagger\sigma_2\rangle|$. "
        r"With $\omega_0=\sqrt{\delta^2-A^2}$, $\kappa_0=\sqrt{A^2-\delta^2}$:"
    )
    forms = {}
    for name, ev in regimes.items():
        c = ev[q1.dag() * q2]
        abs2 = _trig_form(_real_abs2(c), t)
        C = sp.factor(2 * sp.sqrt(abs2))
        forms[name] = C
    args = {"underdamped": (a, A, d, t), "critical": (a, A, t), "overdamped": (a, A, d, t)}
    for name, C in forms.items():
        d_.formula(f"concurrence_{name}", C, args[name],
                   f"concurrence C(t) of the unmonitored qubits from |up down>, {name} regime"
                   + (" (delta = A)" if name == "critical" else (" (delta > A)" if name == "underdamped" else " (delta < A)")),
                   DOMAIN_T0, latex=latex(C))
        doc.equation(rf"C_{{\mathrm{{{name}}}}}(t)", latex(C))

    doc.subsection("Long-time state at the maximal dissipative coupling")
    ev0 = solve(_substitute(system, {d: 0, A: a}), t, init)
    rho_inf = _x_state(ev0, q1, q2).applyfunc(lambda e: sp.limit(e, t, sp.oo))
    d_.results["rho_inf"] = rho_inf
    d_.results["C_inf"] = concurrence(rho_inf)
    doc.text(r"At $\delta=0$, $A=a$ the singlet is dark and $\rho(t\to\infty)$ (basis $|n_1n_2\rangle$) is")
    doc.equation(r"\rho_\infty", latex(rho_inf))
    doc.equation(r"C(\rho_\infty)", latex(d_.results["C_inf"]))


def _postselected(d_: Derivation, spec, a, A, at, At, d, D, q1, q2) -> None:
    doc, m = d_.doc, spec.model
    doc.section("Postselection on no jump")
    Heff = m.no_jump_hamiltonian()
    sp_ = space(m.sites)
    full = exact_matrix(Heff, sp_)
    charges = sp_.state_charges()
    one = [i for i, c in enumerate(charges) if abs(c) == 1]
    # order the sector as (paper |up down>, |down up>) = (symq |01>, |10>)
    block = sp.Matrix(full.extract(one, one)).applyfunc(sp.expand)
    d_.results["Heff"], d_.results["Heff_block"] = Heff, block
    doc.text(r"The no-jump Hamiltonian $H_{\mathrm{eff}} = H - \tfrac{i}{2}\sum\gamma_{jk}L_k^\dagger L_j$:")
    doc.equation(r"H_{\mathrm{eff}}", latex(Heff))
    doc.text(r"On the one-excitation sector $(|{\uparrow\downarrow}\rangle, |{\downarrow\uparrow}\rangle)$ = symq $(|01\rangle,|10\rangle)$:")
    doc.equation(r"H_{\mathrm{eff}}|_1", latex(block))
    E = sp.Symbol("E")
    disc = sp.factor(sp.discriminant(sp.expand((E * sp.eye(2) - block).det()), E))
    eps = [r for r in sp.solve(disc, d) if r.is_nonnegative is not False]
    eigen = [sp.factor(x) for x in block.eigenvals()]
    d_.results.update({"discriminant": disc, "ep": eps, "eigenvalues": eigen})
    doc.text("Eigenvalues and the discriminant of the characteristic polynomial:")
    doc.equation("E", ",\\; ".join(latex(x) for x in eigen))
    doc.equation(r"\mathrm{disc}", latex(disc))
    doc.text(rf"Exceptional point (defective, the block is not diagonalisable there): ${latex(sp.Eq(d, eps[0]))}$.")
    d_.results["ep_defective"] = _defective(block.xreplace({d: eps[0]}))

    cs = m.moments([q1.dag() * q2], no_jump=True)
    d_.results["conditional_system"] = cs
    doc.text(
        r"Moments of the unnormalised no-jump state $\tilde\rho$, $\tfrac{d}{dt}\mathrm{Tr}(\tilde\rho O) = "
        r"\mathrm{Tr}(\tilde\rho\, i(H_{\mathrm{eff}}^\dagger O - O H_{\mathrm{eff}}))$:"
    )
    doc.equation(r"\tilde v", r"\left(" + ",\\; ".join(rf"\langle {latex(o)}\rangle" for o in cs.basis) + r"\right)^T")
    doc.equation(r"\tilde A", latex(cs.A))
    init = {o: 0 for o in cs.basis}
    init[q2.dag() * q2] = 1
    G = A + At
    evs = {}
    for name, sys_r, assumptions in (
        ("pt_exact", cs, [d > G]),
        ("exceptional", _substitute(cs, {d: G}), None),
        ("pt_broken", cs, [d < G]),
    ):
        evs[name] = solve(sys_r, t, init, assumptions=assumptions)
    doc.text(
        r"$H_{\mathrm{eff}}$ conserves the excitation number, so $\tilde\rho$ stays in the one-excitation sector and the "
        r"postselection probability is $P(t)=\mathrm{Tr}\tilde\rho = \langle\sigma_1^\dagger\sigma_1\rangle^\sim+\langle\sigma_2^\dagger\sigma_2\rangle^\sim$; "
        r"the conditional state is $\tilde\rho/P$ with concurrence $2|\langle\sigma_1^\dagger\sigma_2\rangle^\sim|/P$. "
        r"Both depend on the rates only through $\Gamma = A+\tilde A$ (and $P$ through $a+\tilde a$):"
    )
    to_G = {A: Gamma - At}
    post, survival = {}, {}
    for name, ev in evs.items():
        P = sp.factor(sp.simplify(ev[q1.dag() * q1] + ev[q2.dag() * q2]).xreplace(to_G))
        c = ev[q1.dag() * q2].xreplace(to_G)
        C = sp.factor(2 * sp.sqrt(_trig_form(_real_abs2(c), t)) / P)
        C = sp.factor(sp.simplify(C))
        post[name], survival[name] = C, P
        doc.subsection(name.replace("_", "-").replace("pt", "PT"))
        doc.equation("P(t)", latex(P))
        doc.equation("C(t)", latex(C))
    d_.results["post_evolution"], d_.results["survival"] = evs, survival
    args = {"pt_exact": (Gamma, d, t), "exceptional": (Gamma, t), "pt_broken": (Gamma, d, t)}
    what = {"pt_exact": "PT-exact regime delta > Gamma", "exceptional": "exceptional point delta = Gamma",
            "pt_broken": "PT-broken regime delta < Gamma"}
    for name, C in post.items():
        d_.formula(f"postselected_concurrence_{name}", C, args[name],
                   f"concurrence of the no-jump conditional state from |up down>, {what[name]}", DOMAIN_POST, latex=latex(C))

    doc.subsection("Maximal postselected concurrence in the PT-exact regime")
    omega = sp.sqrt(d**2 - Gamma**2)
    C2 = sp.factor(post["pt_exact"] ** 2)
    C2u = _in_sin_squared(C2, omega * t, u)
    dC2 = sp.factor(sp.diff(C2u, u))
    d_.results["C2_of_u"], d_.results["dC2_du"] = C2u, dC2
    cmax = sp.factor(sp.sqrt(sp.factor(C2u.xreplace({u: 1}))))
    cmax_eta = sp.factor(sp.simplify(cmax.xreplace({d: eta * Gamma})))
    d_.results["C_max"] = cmax_eta
    doc.text(
        rf"With $u=\sin^2(\omega t)$, $\omega=\sqrt{{\delta^2-\Gamma^2}}$, $C^2 = {latex(C2u)}$ and "
        rf"$\partial_u C^2 = {latex(dC2)} > 0$, so the maximum over $t$ is at $u=1$; with $\eta=\delta/\Gamma$:"
    )
    doc.equation(r"C_{\max}(\eta)", latex(cmax_eta))
    d_.formula("max_postselected_concurrence", cmax_eta, (eta,),
               "maximum over t of the postselected concurrence from |up down> in the PT-exact regime, eta = delta/Gamma > 1",
               "eta > 1 (it is 1, approached as t -> infinity or attained asymptotically, for eta <= 1)", latex=latex(cmax_eta))


def _in_sin_squared(expr: sp.Expr, arg: sp.Expr, u: sp.Symbol) -> sp.Expr:
    """``expr`` (a function of sin(arg), cos(arg) through even powers) as a function of u = sin^2(arg)."""
    s_ = sp.Dummy("s", positive=True)
    e = sp.expand_trig(expr).xreplace({sp.sin(arg): s_, sp.cos(arg): sp.sqrt(1 - s_**2)})
    return sp.factor(sp.simplify(e.xreplace({s_: sp.sqrt(u)})))


def _defective(M: sp.Matrix) -> bool:
    """True when the 2x2 matrix has a single eigenvalue with a single eigenvector (an EP)."""
    ev = M.eigenvects()
    return len(ev) == 1 and ev[0][1] == 2 and len(ev[0][2]) == 1


def _zero_temperature(model, at, At) -> Lindblad:
    """The model without the channels whose rates involve the thermal rates ``at``, ``At``."""
    chans = [Channel(ch.rate, ch.left, ch.right) for ch in model.channels if not ch.rate.has(at, At)]
    return Lindblad(model.H, (), _channels=chans)


def _substitute(system: MomentSystem, values: dict) -> MomentSystem:
    return MomentSystem(system.basis, system.A.xreplace(values), system.b.xreplace(values), system.model)
