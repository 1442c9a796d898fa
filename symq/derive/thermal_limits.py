"""Derivation of the two-qubit machine with collective baths (steady-state-entanglement-thermal-limits.md).

Everything is derived from the models of :mod:`symq.models.thermal_limits`; nothing is copied from
the paper (its printed equations live only in :mod:`symq.audit`). Inverse temperatures are in
units of 1/omega_0: ``Gamma_i^- = Gamma^+ exp(beta_i)``, written ``x_i = exp(beta_i)``.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from .. import measures as M
from .. import models
from ..algebra import space
from ..codegen import lambdify
from ..latex import Document, latex
from ..lindblad import Lindblad
from ..linearize import adiabatic_elimination
from ..models.thermal_limits import build_cavity
from ..steady import exact_matrix, steady_state
from ..errors import SymqError
from . import Derivation

bA, bS = sp.symbols("beta_A beta_S", real=True)
xA, xS = sp.symbols("x_A x_S", positive=True)
y = sp.Symbol("y", positive=True)
DOMAIN = "beta_A, beta_S real (negative = population-inverted effective bath), in units of 1/omega_0"
KAPPAS = (8.0, 16.0, 32.0, 64.0, 128.0)  # kappa/Gamma_eff for the elimination check
CAVITY_POINT = {"Gamma_eff": 1.0, "p": 0.1, "gamma": 0.01}  # C ~ 0.18: entangled, away from its kink


def derive() -> Derivation:
    spec = models.get("thermal_limits")
    m = spec.model
    w0, Gp, GA, GS = (spec.symbols[k] for k in ("omega_0", "Gamma_p", "Gamma_A", "Gamma_S"))
    doc = Document(spec.title + ": derivation by symq")
    d = Derivation("thermal_limits", spec.title, doc)
    d.results["spec"] = spec

    doc.section("Model")
    doc.text(
        r"Two qubits ($c_i$ lowering operators, level 0 ground), $J_S=c_1+c_2$, $J_A=c_1-c_2$; "
        r"$\dot\rho=-i[H,\rho]+\sum_k\gamma_k(L_k\rho L_k^\dagger-\tfrac12\{L_k^\dagger L_k,\rho\})$ with"
    )
    doc.equation("H", latex(m.H))
    doc.items([rf"$\gamma={latex(r)}$, $L={latex(L)}$" for r, L in m.jumps])

    doc.section("Exact steady state")
    rho = steady_state(m)
    d.results["rho"] = rho
    doc.text(r"Basis $|n_1n_2\rangle$ = $(|00\rangle,|01\rangle,|10\rangle,|11\rangle)$:")
    doc.equation(r"\rho_{ss}", latex(rho))
    sp_ = space(m.sites)
    ket = {"G": sp.Matrix([1, 0, 0, 0]), "S": sp.Matrix([0, 1, 1, 0]) / sp.sqrt(2),
           "A": sp.Matrix([0, 1, -1, 0]) / sp.sqrt(2), "E": sp.Matrix([0, 0, 0, 1])}
    pops = {k: sp.factor((v.T * rho * v)[0]) for k, v in ket.items()}
    coh = sp.factor((ket["S"].T * rho * ket["A"])[0])
    d.results["populations"], d.results["SA_coherence"] = pops, coh
    doc.text(r"In the collective basis $\{|G\rangle,|S\rangle,|A\rangle,|E\rangle\}$ the state is diagonal "
             rf"($\langle S|\rho|A\rangle = {latex(coh)}$), with populations")
    doc.items([rf"$p_{k} = {latex(v)}$" for k, v in pops.items()])

    doc.section("Concurrence")
    ratios = {GA: xA * Gp, GS: xS * Gp}
    rho_x = rho.xreplace(ratios).applyfunc(sp.factor)  # homogeneous of degree 0 in the rates
    if Gp in rho_x.free_symbols:
        raise SymqError("thermal_limits: expected the steady state to depend on the rate ratios only")
    Cx = sp.factor(M.concurrence(rho_x))
    branch = max((b for b in Cx.args if b != 0), key=sp.count_ops) if isinstance(Cx, sp.Max) else Cx
    num, den = sp.fraction(sp.factor(branch))
    N1, N2 = _split_numerator(num)
    d.results.update({"C_x": Cx, "N1_x": sp.factor(N1 / 2), "N2_x": sp.factor(N2 / 2), "d_x": sp.factor(sp.expand(den / 2))})
    doc.text(r"symq's exact X-state concurrence, with $x_i = \Gamma_i^-/\Gamma^+ = e^{\beta_i}$:")
    doc.equation(r"C_{ss}", latex(Cx))
    doc.text(r"so $C_{ss}=\max\{0,(N_1-N_2)/d\}$ with")
    for k in ("N1_x", "N2_x", "d_x"):
        doc.equation(k[:-2].replace("N1", "N_1").replace("N2", "N_2"), latex(d.results[k]))
    Cb = Cx.xreplace({xA: sp.exp(bA), xS: sp.exp(bS)})
    d.formula("concurrence", Cb, (bA, bS), "steady-state concurrence C_ss of the two qubits", DOMAIN, latex=latex(Cx))
    for name, k in (("p_G", "G"), ("p_S", "S"), ("p_A", "A"), ("p_E", "E")):
        pe = sp.factor(pops[k].xreplace(ratios)).xreplace({xA: sp.exp(bA), xS: sp.exp(bS)})
        d.formula(f"population_{k}", pe, (bA, bS), f"steady-state population of |{k}> (Bell basis: S, A = (|01> +- |10>)/sqrt2)", DOMAIN)

    _limits(d, Cx)
    _thermodynamics(d, m, rho, sp_, w0, Gp, GA, GS)
    _cavity(d, m, Gp, GA, GS)
    return d


def _split_numerator(num: sp.Expr):
    """``num = N1 - N2`` with N1 the ``Abs`` term and N2 the square-root term (both >= 0)."""
    terms = sp.Add.make_args(sp.expand(num, deep=False))
    N1 = sp.Add(*[x for x in terms if x.has(sp.Abs)])
    N2 = -sp.Add(*[x for x in terms if not x.has(sp.Abs)])
    return N1, N2


def _limits(d: Derivation, Cx: sp.Expr) -> None:
    doc = d.doc
    doc.section("Limits and their asymptotic approach")
    branch = max((b for b in Cx.args if b != 0), key=sp.count_ops)
    # both limits take x_S -> oo, where the argument of |.| in N_1 is negative: drop the modulus there
    branch = branch.replace(sp.Abs, lambda z: z * sp.sign(z.xreplace({xA: 1, xS: 10**6})))
    # thermal edge: beta_A = 0 (x_A = 1), beta_S -> oo, x_S = 1/y^2 with y = exp(-beta_S/2)
    hot_inf = sp.simplify(branch.xreplace({xA: 1}).xreplace({xS: 1 / y**2}))
    s1 = sp.series(hot_inf, y, 0, 2).removeO()
    # negative-temperature edge: beta_A -> -oo (x_A -> 0), then beta_S -> oo
    cold = sp.factor(sp.limit(branch, xA, 0))
    s2 = sp.series(sp.simplify(cold.xreplace({xS: 1 / y**2})), y, 0, 2).removeO()
    d.results.update({"thermal_series": sp.expand(s1), "thermal_limit": s1.xreplace({y: 0}), "inverted_branch": cold,
                      "inverted_series": sp.expand(s2), "inverted_limit": s2.xreplace({y: 0})})
    doc.text(r"With $y=e^{-\beta_S/2}\to0$: at $\beta_A=0$ (infinitely hot antisymmetric bath),")
    doc.equation(r"C_{ss}", latex(sp.expand(s1)) + r" + O(y^2)")
    doc.text(r"and at $\beta_A\to-\infty$ (fully inverted antisymmetric bath) the branch $(N_1-N_2)/d$ becomes, for $x_S>2$,")
    doc.equation(r"C_{ss}|_{x_A=0}", latex(cold))
    doc.equation(r"C_{ss}|_{x_A=0}", latex(sp.expand(s2)) + r" + O(y^2)")


def _thermodynamics(d: Derivation, m, rho, sp_, w0, Gp, GA, GS) -> None:
    doc = d.doc
    doc.section("Heat currents and entropy production")
    J = d.results["spec"].ops
    heat = {}
    for k in ("A", "S"):
        chans = [ch for ch in m.channels if ch.left in (J[f"J_{k}"], J[f"J_{k}"].dag())]
        bath = Lindblad(m.H, (), _channels=chans)  # [H, H] = 0: the adjoint is the bath's dissipator alone
        heat[k] = sp.factor(M.expect(bath.adjoint(m.H), rho, sp_))
    total = sp.factor(heat["A"] + heat["S"])
    d.results["heat"], d.results["heat_sum"] = heat, total
    doc.text(r"$\dot Q_i = \mathrm{Tr}\{H_0\mathcal{L}_i(\rho_{ss})\} = \langle\mathcal{L}_i^\dagger[H_0]\rangle$ for the two baths:")
    for k, v in heat.items():
        doc.equation(rf"\dot Q_{k}", latex(v))
    doc.equation(r"\dot Q_A + \dot Q_S", latex(total))
    ratios = {GA: Gp * sp.exp(bA), GS: Gp * sp.exp(bS)}
    QA = sp.factor(heat["A"].xreplace(ratios))
    QS = sp.factor(heat["S"].xreplace(ratios))
    sdot = sp.factor(-(bA * QA + bS * QS) / w0)
    d.results["entropy_production"] = sdot
    doc.text(r"Entropy production rate $\dot S_{irr} = -(\beta_A\dot Q_A+\beta_S\dot Q_S)/\omega_0$ ($\beta$ in units of $1/\omega_0$); "
             r"by the sum rule it is $(\beta_S-\beta_A)\dot Q_A/\omega_0$ with")
    doc.equation(r"\dot Q_A", latex(QA))
    doc.text(r"whose sign is that of $e^{\beta_S}-e^{\beta_A}$, hence $\dot S_{irr}\ge 0$ for inverse temperatures of any sign.")
    d.formula("heat_current_A", QA, (bA, bS, Gp, w0), "steady-state heat current into the qubits from the antisymmetric bath, Tr{H_0 L_A(rho_ss)}", DOMAIN)
    d.formula("heat_current_S", QS, (bA, bS, Gp, w0), "steady-state heat current into the qubits from the symmetric bath, Tr{H_0 L_S(rho_ss)}", DOMAIN)
    d.formula("entropy_production", sdot, (bA, bS, Gp),
              "steady-state entropy production rate -(beta_A Qdot_A + beta_S Qdot_S)/omega_0", DOMAIN)


def _rate_matrix(model: Lindblad, ops) -> sp.Matrix:
    """``gamma_jk`` with the model's dissipator ``sum_jk gamma_jk D[L_j, L_k]`` over the linear ops ``ops``."""
    G = sp.zeros(len(ops))
    words = [o.words[0] for o in ops]
    for ch in model.channels:
        cl = [ch.left.terms.get(w, 0) for w in words]
        cr = [ch.right.terms.get(w, 0) for w in words]
        for j in range(len(ops)):
            for k in range(len(ops)):
                G[j, k] += ch.rate * cl[j] * sp.conjugate(cr[k])
    return G.applyfunc(sp.factor)


def _cavity(d: Derivation, thermal, Gp, GA, GS) -> None:
    doc = d.doc
    cav = build_cavity()
    g, kappa, p, gamma = (cav.symbols[k] for k in ("g", "kappa", "p", "gamma"))
    q1, q2, a = cav.ops["c_1"], cav.ops["c_2"], cav.ops["a"]
    doc.section("Cavity-QED implementation")
    doc.text(r"Tavis--Cummings model in the frame rotating at $\omega_0=\omega_{\mathrm{cav}}$:")
    doc.equation("H", latex(cav.model.H))
    doc.items([rf"$\gamma={latex(r)}$, $L={latex(L)}$" for r, L in cav.model.jumps])
    el = adiabatic_elimination(cav.model, a)
    d.results["elimination"] = el
    doc.text(rf"Adiabatic elimination of the cavity by symq (small parameter ${latex(el.small_parameter)}$, "
             rf"detuning ${latex(el.detuning)}$, Lamb shift ${latex(el.lamb_shift)}$): the effective model has the jumps")
    doc.items([rf"$\gamma={latex(ch.rate)}$, $L={latex(ch.left)}$" + ("" if ch.left == ch.right else rf", $L'={latex(ch.right)}$")
               for ch in el.model.channels])
    down = _rate_matrix(el.model, [q1, q2])
    up = _rate_matrix(el.model, [q1.dag(), q2.dag()])
    d.results["rate_matrices"] = (down, up)
    # c_j = sum_a W_ja J_a with J = (c_1 + c_2, c_1 - c_2): gamma_jk D[c_j, c_k] = (W^T gamma W*)_ab D[J_a, J_b]
    W = sp.Matrix([[1, 1], [1, -1]]) / 2
    rates, offdiag = {}, []
    for name, G in (("down", down), ("up", up)):
        Gc = (W.T * G * W.conjugate()).applyfunc(sp.factor)
        offdiag += [Gc[0, 1], Gc[1, 0]]
        rates["S_" + name], rates["A_" + name] = Gc[0, 0], Gc[1, 1]
    d.results["collective_rates"] = rates
    doc.text(r"Rewriting the rate matrices on $(c_1,c_2)$ and $(c_1^\dagger,c_2^\dagger)$ in the collective operators "
             rf"$J_{{S,A}}=c_1\pm c_2$ (off-diagonal rates: {sorted(set(map(str, offdiag)))}) gives the rates")
    doc.items([f"${k.split('_')[0]}$, {'decay' if k.endswith('down') else 'pump'}: ${latex(v)}$" for k, v in rates.items()])
    mapping = {Gp: rates["S_up"], GS: rates["S_down"], GA: rates["A_down"]}
    d.results["mapping"] = mapping
    equal = rates["S_up"] == rates["A_up"] and _same_generator(el.model, thermal, mapping, space([q1, q2]))
    d.results["mapping_exact"] = equal
    doc.text(rf"so the effective model is the collective-bath model with ${latex(sp.Eq(Gp, mapping[Gp]))}$, "
             rf"${latex(sp.Eq(GA, mapping[GA]))}$, ${latex(sp.Eq(GS, mapping[GS]))}$ "
             rf"(identity of the two generators on all 16 operators checked exactly: {equal}), i.e.")
    beta = {bA: sp.log(sp.factor(mapping[GA] / mapping[Gp])), bS: sp.log(sp.factor(mapping[GS] / mapping[Gp]))}
    d.results["cavity_betas"] = beta
    doc.equation(r"\beta_A", latex(beta[bA]))
    doc.equation(r"\beta_S", latex(beta[bS]))
    Ceff = M.concurrence(steady_state(el.model))
    d.formula("cavity_concurrence_effective", Ceff, (p, gamma, g, kappa),
              "steady-state concurrence of the qubits after adiabatic elimination of the cavity (valid for g/kappa -> 0)",
              "p, gamma, g, kappa > 0; leading order in g/kappa", latex=latex(Ceff))
    doc.equation(r"C_{\mathrm{eff}}", latex(Ceff))
    _convergence(d, cav, el, Ceff)


def _same_generator(m1: Lindblad, m2: Lindblad, values: dict, sp_) -> bool:
    """Whether the two models' adjoint generators agree on every operator |i><j| (exact)."""
    n = int(np.prod(sp_.dims))
    for i in range(n):
        for j in range(n):
            E = sp.zeros(n)
            E[i, j] = 1
            ok = _apply(m1, E, sp_) - _apply(m2, E, sp_).xreplace(values)
            if not ok.applyfunc(sp.simplify).is_zero_matrix:
                return False
    return True


def _apply(model: Lindblad, X: sp.Matrix, sp_) -> sp.Matrix:
    """The adjoint Lindbladian of ``model`` applied to the matrix ``X`` (frame: H dropped)."""
    out = sp.zeros(X.rows)
    for ch in model.channels:
        L = sp.Matrix(exact_matrix(ch.left, sp_))
        R = sp.Matrix(exact_matrix(ch.right, sp_))
        out += ch.rate * (R.H * X * L - (R.H * L * X + X * R.H * L) / 2)
    return out


def _convergence(d: Derivation, cav, el, Ceff) -> None:
    """Exact full-model steady states against the eliminated model at fixed Gamma_eff = 4 g^2/kappa."""
    from ..numerics.exact import steady_state as exact_steady

    doc = d.doc
    g, kappa, p, gamma = (cav.symbols[k] for k in ("g", "kappa", "p", "gamma"))
    rho_eff = lambdify(steady_state(el.model), (p, gamma, g, kappa))
    a = cav.ops["a"]
    G, pv, gv = CAVITY_POINT["Gamma_eff"], CAVITY_POINT["p"], CAVITY_POINT["gamma"]
    rows, eps, dist = [], [], []
    for k in KAPPAS:
        gg = float(np.sqrt(G * k) / 2)
        full = exact_steady(cav.model, {g: gg, kappa: k, p: pv, gamma: gv}, cutoffs={a: 5})
        red = full.ptrace([0, 1]).full()
        eff = np.asarray(rho_eff(pv, gv, gg, k), dtype=complex).reshape(4, 4)
        dist.append(0.5 * np.abs(np.linalg.eigvalsh(red - eff)).sum())
        eps.append(gg / k)
        rows.append((k, gg / k, M.concurrence(red), M.concurrence(eff), dist[-1]))
    slope = np.polyfit(np.log(eps), np.log(dist), 1)[0]
    d.results["convergence"] = {"rows": rows, "order": float(slope)}
    doc.text(
        rf"Exact steady state of the full model (symq exact backend, photon cutoff 5) against the eliminated model at "
        rf"$4g^2/\kappa = {G}$, $p = {pv}$, $\gamma = {gv}$: trace distance of the two-qubit states and concurrences "
        rf"(the distance falls as $(g/\kappa)^{{{slope:.2f}}}$):"
    )
    doc.items([rf"$\kappa={k:g}$, $g/\kappa={e:.4f}$: $C_{{\mathrm{{full}}}}={cf:.5f}$, $C_{{\mathrm{{eff}}}}={ce:.5f}$, distance ${dd:.2e}$"
               for k, e, cf, ce, dd in rows])
