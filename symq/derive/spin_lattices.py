"""Derivation for spin-S dimers and chains with gain and loss (paper: spin-lattices-gain-loss.md).

Everything is derived from :mod:`symq.models.spin_lattices` with :mod:`symq.linearize`:
Holstein-Primakoff (HP) bosonisation around the three ordered states (App. A), linear stability
of the bosonised first moments (phase boundaries, Eq. 3), k-resolved Gaussian steady states and
their band averages over the chain's Brillouin zone (site magnetisations, correlations and the
correlation length), covariance-matrix purity and negativity of the dimer, and the mean-field
equations with the stability of the antiferromagnetic fixed point (App. B). Printed equations
live only in :mod:`symq.audit.spin_lattices`.
"""

from __future__ import annotations

import sympy as sp

from .. import models
from ..errors import SymqError
from ..latex import Document, latex
from ..linearize import gaussian, holstein_primakoff, mean_field, two_mode_nu_minus
from ..models.spin_lattices import unit_cell
from ..spectral import exceptional_points
from ..steady import moment_steady_state
from . import Derivation

# ordered states: name -> (reference of spin a, reference of spin b, side of the band of the pole)
PHASES = {
    "up_up": ("up", "up", 1),        # FM, all spins up (text before Eq. A3 calls it 'AM')
    "down_down": ("down", "down", 1),  # FM, all spins down
    "up_down": ("up", "down", -1),   # AM: a up (gain), b down (loss)
}
LABEL = {"up_up": r"|\uparrow\uparrow\rangle", "down_down": r"|\downarrow\downarrow\rangle", "up_down": r"|\uparrow\downarrow\rangle"}
DIMER_DOMAIN = {
    "up_up": "dimer (h = 0): Gamma_g > Gamma_l and Gamma_g Gamma_l < g^2 (stable |up,up>)",
    "up_down": "dimer (h = 0): Gamma_g Gamma_l > g^2 (stable |up,down>)",
}
X = sp.Symbol("x", positive=True)  # |g_k|^2
s_ = sp.Symbol("s", positive=True, integer=True)  # lattice distance
u, w = sp.symbols("u w", real=True)  # g_k = u + i w
DOMAIN = {
    "up_up": "Gamma_g > Gamma_l and Gamma_g Gamma_l < (g - h)^2 (stable |up,up>); h = 0 is the dimer",
    "down_down": "Gamma_l > Gamma_g and Gamma_g Gamma_l < (g - h)^2 (stable |down,down>); h = 0 is the dimer",
    "up_down": "Gamma_g Gamma_l > (g + h)^2 (stable |up,down>); h = 0 is the dimer",
}


def band_gap_root(r, g, h, side):
    """``C(r) = sqrt(((g-h)^2 - r)((g+h)^2 - r))`` and the root ``zeta`` inside the unit circle of
    ``|g + h z|^2 - r = 0`` (``z = e^{ik}``), for a pole ``r`` below (``side = +1``) or above
    (``side = -1``) the band ``[(g-h)^2, (g+h)^2]`` of ``|g_k|^2``."""
    C = sp.sqrt(sp.factor(((g - h) ** 2 - r) * ((g + h) ** 2 - r)))
    return C, (r - g**2 - h**2 + side * C) / (2 * g * h)


def band_average(F, g, h, side, *, shift=0, coupling=False):
    """``(1/2 pi) int_{-pi}^{pi} dk e^{i shift k} g_k^m F(|g_k|^2)``, ``g_k = g + h e^{ik}``, ``m = 1`` if
    ``coupling`` else 0, for ``F`` rational in ``x = |g_k|^2`` with simple poles off the band.

    By residues on ``z = e^{ik}``: ``|g_k|^2 - r = g h (z - zeta)(z - 1/zeta)/z`` and each pole term
    ``q/(x - r)`` gives ``side * q zeta^shift (g + h zeta)^m / C(r)`` (``shift >= 0``); the polynomial
    part of ``F`` contributes only at ``shift = 0``, ``m = 0``.
    """
    parts = sp.Add.make_args(sp.apart(sp.factor(F), X))
    out = sp.S.Zero
    for p in parts:
        num, den = sp.fraction(sp.factor(p))
        if not den.has(X):
            if p.has(X):
                raise SymqError(f"band_average: expected a proper rational function of x, got the term {p}")
            out += p if (shift == 0 and not coupling) else 0
            continue
        poly = sp.Poly(den, X)
        if poly.degree() != 1 or num.has(X):
            raise SymqError(f"band_average: expected simple poles in x, got the term {p}")
        a1, a0 = poly.all_coeffs()
        r, q = sp.factor(-a0 / a1), sp.factor(num / a1)
        C, zeta = band_gap_root(r, g, h, side)
        out += side * q * zeta**shift * ((g + h * zeta) if coupling else 1) / C
    return out


def derive() -> Derivation:
    spec = models.get("spin_lattices")
    S, g, h, Gg, Gl = (spec.symbols[k] for k in ("S", "g", "h", "Gamma_g", "Gamma_l"))
    Sa, Sb = spec.ops["S_a"], spec.ops["S_b"]
    doc = Document(spec.title + ": derivation by symq")
    d = Derivation("spin_lattices", spec.title, doc)
    d.results["spec"] = spec

    doc.section("Model")
    doc.text(
        r"Two spins $S$ (sublattice A gains, B loses), rotating frame, "
        r"$\dot\rho=-i[H,\rho]+\sum_k\gamma_k(2L_k\rho L_k^\dagger-\{L_k^\dagger L_k,\rho\})$ (the paper's "
        r"$\mathcal D$), with"
    )
    doc.equation("H", latex(spec.model.H))
    doc.items([rf"$\gamma={latex(ch.rate / 2)}$, $L={latex(ch.left)}$" for ch in spec.model.channels])
    doc.text(
        r"The chain of Eq.~(1) with intra-cell coupling $g$ and inter-cell coupling $h$ is treated at linear "
        r"Holstein-Primakoff order, where it splits into Bloch modes: the unit cell with the complex coupling "
        r"$g_k = g + h e^{ik} = u + i w$, $|g_k|^2 = g^2 + h^2 + 2gh\cos k \in [(g-h)^2, (g+h)^2]$."
    )
    _hp_section(d, S, g, h, Gg, Gl)
    _dimer_gaussian_section(d, S, g, Gg, Gl, Sa, Sb)
    _meanfield_section(d, S, g, h, Gg, Gl)
    return d


def _hp_section(d, S, g, h, Gg, Gl):
    doc = d.doc
    G = Gg * Gl
    cell, A, B = unit_cell(u + sp.I * w)
    doc.section("Holstein-Primakoff expansion around the ordered states (App. A)")
    doc.text(
        r"symq's \texttt{holstein\_primakoff} at order 0 ($S^+=\sqrt{2S}\,c$ around spin up, "
        r"$S^+=\sqrt{2S}\,c^\dagger$ around spin down) gives, per ordered state, the boson model of one Bloch mode "
        r"(rates in the standard convention $\gamma(L\rho L^\dagger-\frac12\{L^\dagger L,\rho\})$):"
    )
    stability, occupations, boundaries = {}, {}, []
    for name, (ra, rb, side) in PHASES.items():
        hp = holstein_primakoff(cell, {A: ra, B: rb})
        ca, cb = hp.bosons[A.site], hp.bosons[B.site]
        doc.subsection(f"${LABEL[name]}$")
        doc.equation(r"H_{\mathrm{HP}}", latex(hp.model.H))
        doc.items([rf"$\gamma={latex(ch.rate)}$, $L={latex(ch.left)}$" for ch in hp.model.channels])
        mf = mean_field(hp.model)
        st = mf.stability({v: 0 for v in mf.variables})
        conds = [sp.factor(c.subs(u**2 + w**2, X).subs(w, sp.sqrt(X - u**2))) for c in st.conditions]
        conds = [sp.factor(c) for c in conds]
        stability[name] = conds
        doc.text(r"The mean values $\langle c\rangle$ decay iff every Routh-Hurwitz condition is positive, in terms of $x=|g_k|^2$:")
        doc.items([f"${latex(c)} > 0$" for c in conds])
        moments = moment_steady_state(hp.model.moments([ca.dag() * ca, cb.dag() * cb, ca.dag() * cb] if side > 0
                                                       else [ca.dag() * ca, cb.dag() * cb, ca * cb]))
        na, nb = (sp.factor(moments[o].subs(w, 0).subs(u, sp.sqrt(X))) for o in (ca.dag() * ca, cb.dag() * cb))
        for o, v in ((ca.dag() * ca, na), (cb.dag() * cb, nb)):
            if sp.simplify(moments[o] - v.subs(X, u**2 + w**2)) != 0:
                raise SymqError(f"spin_lattices: <{o}> depends on the phase of g_k")
        occupations[name] = (na, nb, moments, hp)
        doc.text(r"Steady-state occupations of the Bloch mode (symq moment steady state, $x = |g_k|^2$):")
        doc.equation(r"\langle c_{a,k}^\dagger c_{a,k}\rangle", latex(na))
        doc.equation(r"\langle c_{b,k}^\dagger c_{b,k}\rangle", latex(nb))
        if name == "up_up":
            coh = sp.factor(moments[ca.dag() * cb])
            doc.equation(r"\langle c_{a,k}^\dagger c_{b,k}\rangle", latex(coh))
            d.results["coherence_k"] = coh
    d.results["hp_stability"] = stability
    d.results["hp_occupations"] = occupations

    doc.subsection("Phase boundaries (Eq. 3)")
    doc.text(
        r"Each condition is linear in $x$, so it holds for every $k$ iff it holds at both band edges "
        r"$x=(g\mp h)^2$. The zeros of the conditions at the band edges are the exact phase boundaries:"
    )
    for conds in stability.values():
        for c in conds:
            for edge in ((g - h) ** 2, (g + h) ** 2):
                for f in sp.Mul.make_args(sp.factor(c.subs(X, edge))):
                    f = f.base if f.is_Pow else f
                    if not f.free_symbols or f.is_positive:
                        continue
                    (root,) = sp.solve(f, Gl)
                    locus = sp.Eq(Gg, Gl) if root == Gg else sp.Eq(G, sp.factor(Gg * root))
                    if locus not in boundaries:
                        boundaries.append(locus)
    d.results["boundaries"] = boundaries
    doc.items([f"${latex(b)}$" for b in boundaries])
    pt = sp.Symbol(r"\bar{\Gamma}", positive=True)
    cell_pt, Apt, Bpt = unit_cell(g, pt, pt)
    hp_pt = holstein_primakoff(cell_pt, "up")
    ca, cb = hp_pt.bosons[Apt.site], hp_pt.bosons[Bpt.site]
    eps = exceptional_points(hp_pt.model.moments([ca, cb]), solve_for=g)
    d.results["pt_eps"] = eps
    doc.text(r"On the PT-symmetric line $\Gamma_g=\Gamma_l=\bar\Gamma$ of the dimer the HP first moments around "
             r"$|\uparrow\uparrow\rangle$ have exceptional points at:")
    doc.items([f"${latex(sp.Eq(e.parameter, e.value))}$ (order {e.order})" for e in eps])

    doc.section("Site averages over the Brillouin zone (App. A.1, A.2)")
    doc.text(
        r"$\langle c_{a,n}^\dagger c_{a,n+s}\rangle = \frac{1}{2\pi}\int dk\, e^{isk}\langle c_{a,k}^\dagger c_{a,k}\rangle$ "
        r"for $N\to\infty$, evaluated by residues at the root $\zeta$ of $|g+hz|^2=\Gamma_g\Gamma_l$ inside the "
        r"unit circle ($C=\sqrt{[(g-h)^2-\Gamma_g\Gamma_l][(g+h)^2-\Gamma_g\Gamma_l]}$)."
    )
    Csym = sp.Symbol("C", positive=True)
    C = sp.sqrt(sp.factor(((g - h) ** 2 - G) * ((g + h) ** 2 - G)))
    args = (S, g, h, Gg, Gl)
    for name, (na, nb, _, _) in occupations.items():
        side = PHASES[name][2]
        ra, rb = PHASES[name][:2]
        for spin, n, ref in (("a", na, ra), ("b", nb, rb)):
            avg = band_average(n, g, h, side)
            mz = (S - avg) if ref == "up" else (-S + avg)
            key = f"magnetization_{spin}_{name}"
            d.formula(key, mz, args,
                      f"HP (linear spin-wave) site magnetisation <S_{spin}^z> of the chain in the {name.replace('_', ',')} phase, "
                      "averaged over the Brillouin zone (h = 0: the dimer)",
                      DOMAIN[name], latex=latex(mz.subs(C, Csym)))
            doc.equation(rf"\langle S_{spin}^z\rangle_{{{LABEL[name]}}}", latex(sp.simplify(mz).subs(C, Csym)))
    coh = band_average(sp.factor(d.results["coherence_k"] / (u + sp.I * w)).subs(w, 0).subs(u, sp.sqrt(X)), g, h, 1, coupling=True)
    coh = coh / sp.I
    d.formula("coherence_imag_up_up", coh, (g, h, Gg, Gl),
              "Im <c_{a,n}^dag c_{b,n}> (same-cell coherence; its real part vanishes) in the up,up phase", DOMAIN["up_up"],
              latex=latex(coh.subs(C, Csym)))
    doc.equation(r"\langle c_{a,n}^\dagger c_{b,n}\rangle_{|\uparrow\uparrow\rangle}", "i\\," + latex(coh.subs(C, Csym)))

    na_am = occupations["up_down"][0]
    _, lam = band_gap_root(G, g, h, -1)
    corr = band_average(na_am, g, h, -1, shift=s_)
    if sp.simplify(corr / lam**s_ - corr.subs(s_, 0)) != 0:
        raise SymqError("spin_lattices: the AM correlation is not geometric in lambda")
    corr = sp.factor(corr.subs(s_, 0)) * lam**s_
    d.formula("correlation_up_down", corr, (s_, g, h, Gg, Gl),
              "<c_{a,n}^dag c_{a,n+s}> for s >= 1 in the up,down (AM) phase of the chain", DOMAIN["up_down"] + ", h > 0",
              latex=latex(corr.subs(C, Csym)))
    d.formula("lambda_up_down", lam, (g, h, Gg, Gl),
              "lambda: ratio of successive correlations <c_{a,n}^dag c_{a,n+s+1}>/<c_{a,n}^dag c_{a,n+s}>, in (0, 1)",
              DOMAIN["up_down"] + ", h > 0", latex=latex(lam.subs(C, Csym)))
    xi = -1 / sp.log(lam)
    d.formula("correlation_length_up_down", xi, (g, h, Gg, Gl),
              "correlation length xi of |<c_{a,n}^dag c_{a,n+s}>| ~ e^{-s/xi}", DOMAIN["up_down"] + ", h > 0",
              latex=latex(xi.subs(C, Csym)))
    d.results["lambda"] = lam
    doc.text(r"In the $|\uparrow\downarrow\rangle$ phase, for $s\ge 1$ (with $\lambda=\zeta\in(0,1)$):")
    doc.equation(r"\langle c_{a,n}^\dagger c_{a,n+s}\rangle", latex(corr.subs(C, Csym)))
    doc.equation(r"\lambda", latex(lam.subs(C, Csym)))
    doc.equation(r"\xi", latex(xi.subs(C, Csym)))


def _dimer_gaussian_section(d, S, g, Gg, Gl, Sa, Sb):
    doc = d.doc
    spec = d.results["spec"]
    doc.section("Purity and negativity of the dimer (App. A.3)")
    doc.text(r"Covariance matrix $V$ of $X=(c_a+c_a^\dagger, i(c_a-c_a^\dagger), c_b+c_b^\dagger, i(c_b-c_b^\dagger))$ "
             r"(vacuum $V=1$) from the Lyapunov equation of the HP dimer ($h=0$); purity $1/\sqrt{\det V}$.")
    Gb = sp.Symbol("Gamma", positive=True)
    inside = {"up_up": {g: 3, Gg: 2, Gl: 1}, "up_down": {g: 1, Gg: 2, Gl: 3}}  # a point of each phase
    for name, refs, key in (("up_up", ("up", "up"), "purity_up_up"), ("up_down", ("up", "down"), "purity_up_down")):
        hp = holstein_primakoff(spec.model, {Sa: refs[0], Sb: refs[1]})
        V = gaussian(hp.model, vacuum=1).steady_covariance()
        det = sp.factor(V.det())
        num, den = sp.fraction(det)
        P = sp.factor(sp.sqrt(sp.factor(den)) / sp.sqrt(sp.factor(num)))
        P = sp.factor(sp.powdenest(P, force=True)).replace(  # |f| -> +-f by the sign of f inside the phase
            sp.Abs, lambda a, point=inside[name]: a if a.subs(point) > 0 else -a)
        if sp.simplify(P**2 * det - 1) != 0:
            raise SymqError("spin_lattices: purity does not square to 1/det V")
        d.formula(key, P, (g, Gg, Gl), f"Tr rho^2 of the HP (Gaussian) steady state of the dimer in the {name.replace('_', ',')} phase",
                  DIMER_DOMAIN[name])
        doc.equation(rf"\mathrm{{Tr}}\rho^2_{{{LABEL[name]}}}", latex(P))
        if name == "up_down":
            cell_pt, Apt, Bpt = unit_cell(g, Gb, Gb)
            hp_pt = holstein_primakoff(cell_pt, {Apt: "up", Bpt: "down"})
            Vpt = gaussian(hp_pt.model, vacuum=1).steady_covariance()
            nu = sp.simplify(two_mode_nu_minus(Vpt))
            N = sp.factor(sp.simplify((1 / nu - 1) / 2))
            d.formula("negativity_up_down_pt", N, (g, Gb),
                      "logarithmic-negativity based negativity (1/nu~_- - 1)/2 of the HP dimer steady state in the up,down phase "
                      "on the PT line Gamma_g = Gamma_l = Gamma", "Gamma > g")
            doc.equation(r"\mathcal N_{|\uparrow\downarrow\rangle}(\Gamma_g=\Gamma_l=\Gamma)", latex(N))
        else:
            nu = two_mode_nu_minus(V)
            d.results["nu_minus_up_up"] = nu


def _meanfield_section(d, S, g, h, Gg, Gl):
    doc = d.doc
    doc.section("Mean-field theory (App. B)")
    model, _A, _B = unit_cell(g + h)
    mf = mean_field(model)
    d.results["mean_field"] = mf
    doc.text(r"Uniform mean field of the chain: each spin sees the mean fields of its two neighbours, i.e. the unit "
             r"cell with coupling $g+h$. symq factorises the first-moment equations (symmetric ordering, "
             r"$\langle (S^x)^2+(S^y)^2\rangle = S(S+1)-\langle (S^z)^2\rangle$):")
    for eq in mf.equations():
        doc.equation(latex(eq.lhs), latex(eq.rhs))
    xa, ya, za, xb, yb, zb = mf.variables
    am = {xa: 0, ya: 0, za: S, xb: 0, yb: 0, zb: -S}
    st = mf.stability(am)
    (locus,) = st.loci(g)
    d.results["mf_am_stability"] = st
    d.formula("am_boundary_meanfield", locus.rhs, (S, h, Gg, Gl),
              "coupling g below which the mean-field AM fixed point (S_a^z = S, S_b^z = -S) is linearly stable", "S >= 1/2, h >= 0")
    doc.text(r"The AM fixed point $\langle S_a^z\rangle = S$, $\langle S_b^z\rangle=-S$ is stable iff")
    doc.items([f"${latex(c)} > 0$" for c in st.conditions])
    doc.text(r"i.e. for $g$ below")
    doc.equation(r"g_c", latex(locus.rhs))
    fm_fixed = mf.is_fixed_point({xa: 0, ya: 0, za: S, xb: 0, yb: 0, zb: S})
    d.results["mf_fm_is_fixed_point"] = fm_fixed
    doc.text(r"The ferromagnetic configuration $\langle S_a^z\rangle=\langle S_b^z\rangle=S$ is "
             + ("" if fm_fixed else "not ") + "a mean-field fixed point.")
