"""symq.linearize: Holstein-Primakoff, mean field, Gaussian covariances, adiabatic elimination.

Three kinds of checks:

* derivations against the papers' printed equations (spin-lattices-gain-loss.md App. A/B,
  steady-state-entanglement-thermal-limits.md Eqs. 7-9): symq derives, the printed form is a
  claim; disagreements are asserted as errata with the corrected form;
* algebraic properties (the HP map's su(2) relations to the stated order, conventions);
* convergence to independent exact numerics (QuTiP Liouvillians, sparse LU on the U(1) sector)
  with the *observed order* asserted from a log-log fit:
  HP order 0 / order 1 and mean field vs exact spin-S steady states (errors ~ S^-1, S^-2, S^-1),
  adiabatic elimination vs the full qubit-cavity steady state (error ~ (g/kappa)^2).
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import scipy.sparse as sps
import scipy.sparse.linalg as spla
import sympy as sp
from scipy.integrate import quad, solve_ivp
from threadpoolctl import threadpool_limits

import symq
from symq.algebra import comm, numeric_coefficient, space, to_sparse
from symq.errors import ModelError
from symq.linearize import (
    adiabatic_elimination,
    gaussian,
    holstein_primakoff,
    log_negativity,
    mean_field,
    negativity,
    purity,
    two_mode_nu_minus,
)
from symq.steady import moment_steady_state

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

S = sp.Symbol("S", positive=True)
g, h, Gg, Gl = sp.symbols("g h Gamma_g Gamma_l", positive=True)
Sa, Sb = symq.spins("a b", S)


def spin_dimer(coupling=g, gain=Gg, loss=Gl):
    """Eq. (2) of the spin-lattice paper for one unit cell (its D[X] = 2 X rho X^dag - ...: '2L')."""
    H = coupling / (2 * S) * (Sa.plus * Sb.minus + Sa.minus * Sb.plus)
    return symq.Lindblad(H, jumps=[(gain / (2 * S), Sa.plus), (loss / (2 * S), Sb.minus)], convention="2L")


def steady_rho(model, values, cutoffs=None, signs=None) -> tuple:
    """The exact steady state (sparse) and its Space: QuTiP's Liouvillian restricted to the U(1)
    sector (charge = sum of sign_site * local excitation number; no restriction for a model
    without the symmetry unless ``signs`` names one), solved by sparse LU; the
    normalisation fixes one diagonal element (a dense trace row would spoil the LU fill-in)."""
    spc = space(list(model.sites), cutoffs=cutoffs, values=values)
    dims = [list(spc.dims)] * 2
    H = qutip.Qobj(to_sparse(model.H, spc, values), dims=dims)
    cops = [np.sqrt(numeric_coefficient(r, values).real) * qutip.Qobj(to_sparse(L, spc, values), dims=dims)
            for r, L in model.jumps]
    L = qutip.liouvillian(H, cops).data.as_scipy().tocsc()
    q = np.zeros(1, dtype=int)
    for site, d in zip(spc.sites, spc.dims):
        q = (q[:, None] + (signs or {}).get(site, 1) * site.kind.state_charges(d)[None, :]).ravel()
    if signs is None and model.u1_charges() is None:
        q = np.zeros_like(q)  # no symmetry: one sector, the full Liouvillian
    i, j = np.nonzero(q[:, None] == q[None, :])
    idx = i + j * spc.dim
    Ls = L[idx][:, idx].tocsr()
    k0 = int(np.nonzero(i == j)[0][0])
    pin = sps.csr_matrix(([1.0], ([0], [k0])), shape=(1, len(idx)))
    Ls = sps.vstack([Ls[:k0], pin, Ls[k0 + 1:]]).tocsc()
    rhs = np.zeros(len(idx), complex)
    rhs[k0] = 1
    with threadpool_limits(1):  # multithreaded BLAS on a shared 2-core machine: up to 30x slower
        x = spla.splu(Ls, permc_spec="MMD_AT_PLUS_A").solve(rhs)
    x /= x[i == j].sum()
    return sps.csr_matrix((x, (i, j)), shape=(spc.dim, spc.dim)), spc


def steady_expect(model, observables, values, cutoffs=None, signs=None) -> list:
    rho, spc = steady_rho(model, values, cutoffs, signs)
    return [complex((to_sparse(o, spc, values) @ rho).diagonal().sum()) for o in observables]


def observed_order(xs, errors) -> float:
    """Slope of log(error) against log(x): error ~ x^order."""
    return float(np.polyfit(np.log(xs), np.log(errors), 1)[0])


# =============================================================================================
# Holstein-Primakoff
# =============================================================================================
def test_hp_lattice_model_is_the_papers_A3():
    """App. A, Eq. (A3): the chain (2 cells, periodic) around |up, up>. The text calls this state
    'the AM phase with all spins pointing up'; |up, up> is the FM configuration (erratum in words)."""
    a1, b1, a2, b2 = symq.spins("a1 b1 a2 b2", S)
    bonds = [(g, a1, b1), (h, b1, a2), (g, a2, b2), (h, b2, a1)]
    H = sum((c / (2 * S) * (x.plus * y.minus + x.minus * y.plus) for c, x, y in bonds), sp.S.Zero)
    jumps = [(Gg / (2 * S), a.plus) for a in (a1, a2)] + [(Gl / (2 * S), b.minus) for b in (b1, b2)]
    hp = holstein_primakoff(symq.Lindblad(H, jumps=jumps, convention="2L"), "up")
    c = {x.site: hp.bosons[x.site] for x in (a1, b1, a2, b2)}
    ca1, cb1, ca2, cb2 = (c[x.site] for x in (a1, b1, a2, b2))
    H_A3 = sum((g * ca * cb.dag() + h * cb * can.dag() for ca, cb, can in ((ca1, cb1, ca2), (ca2, cb2, ca1))), sp.S.Zero)
    H_A3 = H_A3 + H_A3.dag()
    A3 = symq.Lindblad(H_A3, jumps=[(Gg, ca1), (Gg, ca2), (Gl, cb1.dag()), (Gl, cb2.dag())], convention="2L")
    assert hp.model.H == A3.H
    assert {(ch.rate, ch.left) for ch in hp.model.channels} == {(ch.rate, ch.left) for ch in A3.channels}
    assert hp.order == 0 and hp.reference[a1.site] == "up"


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize("reference", ["up", "down"])
def test_hp_su2_relations_hold_to_the_stated_order(order, reference):
    """[S_+, S_-] = 2 S_z and [S_z, S_+] = S_+ hold up to coefficients O(S^-order) (relative to S)."""
    s_ = symq.spins("s", S)
    hp = holstein_primakoff(symq.Lindblad(s_.z), reference, order=order)
    P, Z, M = hp.spin(s_.plus), hp.spin(s_.z), hp.spin(s_.minus)
    assert P.dag() == M
    for defect, scale in ((comm(P, M) - 2 * Z, S), (comm(Z, P) - P, sp.sqrt(S))):
        for coeff in defect.terms.values():  # each defect coefficient is o(scale * S^-order)
            assert sp.limit(coeff / scale * S**order, S, sp.oo) == 0, (defect, coeff)
    if order == 0:  # the linear map of Eqs. (A1), (A2)
        c = hp.bosons[s_.site]
        expected = sp.sqrt(2 * S) * (c if reference == "up" else c.dag())
        assert P == expected and Z == (S - c.dag() * c if reference == "up" else -S + c.dag() * c)


def _k_dimer(reference):
    """One k component of the HP chain: the dimer with a complex coupling g_k = u + i w."""
    u, w = sp.symbols("u w", real=True)
    ca, cb = symq.bosons("c_a c_b")
    gk = u + sp.I * w
    if reference == "up up":
        H, jumps = gk * ca * cb.dag(), [(Gg, ca), (Gl, cb.dag())]
    elif reference == "down down":
        H, jumps = gk * ca * cb.dag(), [(Gg, ca.dag()), (Gl, cb)]
    else:  # "up down": pairs c_{a,k} c_{b,-k}
        H, jumps = gk * ca * cb, [(Gg, ca), (Gl, cb)]
    return symq.Lindblad(H + H.dag(), jumps=jumps, convention="2L"), ca, cb, gk, u**2 + w**2


def test_hp_k_resolved_occupations_A6_to_A8():
    model, ca, cb, gk, gk2 = _k_dimer("up up")
    ss = moment_steady_state(model.moments([ca.dag() * ca, cb.dag() * cb, ca.dag() * cb]))
    G = Gg * Gl
    printed = {  # Eqs. (A6)-(A8)
        ca.dag() * ca: Gl * gk2 / ((Gg - Gl) * (gk2 - G)),
        cb.dag() * cb: Gl * (gk2 + Gg * (Gg - Gl)) / ((Gg - Gl) * (gk2 - G)),
        ca.dag() * cb: sp.I * gk * G / ((Gg - Gl) * (gk2 - G)),
    }
    for op, value in printed.items():
        assert sp.simplify(ss[op] - value) == 0, op


def _site_average(expr_of_gk2, gv, hv):
    """(1/2pi) int dk f(|g_k|^2), |g_k|^2 = g^2 + h^2 + 2 g h cos k (numerical quadrature)."""
    f = sp.lambdify(sp.Symbol("x"), expr_of_gk2)
    return quad(lambda k: f(gv**2 + hv**2 + 2 * gv * hv * np.cos(k)), -np.pi, np.pi, epsabs=1e-13, epsrel=1e-12)[0] / (2 * np.pi)


# parameter points inside each phase: (Gamma_g, Gamma_l, g, h)
PHASES = {
    "up up": [(1.3, 0.4, 1.5, 0.3), (0.9, 0.5, 2.0, 1.0)],        # Gg > Gl, (g-h)^2 > Gg Gl
    "down down": [(0.4, 1.3, 1.5, 0.3), (0.5, 0.9, 2.0, 1.0)],    # Gl > Gg, (g-h)^2 > Gg Gl
    "up down": [(1.7, 1.3, 0.6, 0.5), (3.0, 2.0, 1.2, 0.9)],      # Gg Gl > (g+h)^2
}


@pytest.mark.parametrize("reference", list(PHASES))
def test_hp_lattice_magnetisations_A9_to_A14(reference):
    """Derive the k-resolved steady state with symq, average over k numerically, compare with the
    printed site averages (A9)-(A14) (magnetisations S_z = +-(S - n))."""
    model, ca, cb, gk, _ = _k_dimer(reference)
    ss = moment_steady_state(model.moments([ca.dag() * ca, cb.dag() * cb]))
    x = sp.Symbol("x")
    u, w = sorted(gk.free_symbols, key=str)
    na, nb = (ss[o].xreplace({u: sp.sqrt(x), w: 0}) for o in (ca.dag() * ca, cb.dag() * cb))
    for G_g, G_l, gv, hv in PHASES[reference]:
        vals = {Gg: G_g, Gl: G_l}
        G = G_g * G_l
        C = np.sqrt(((gv - hv) ** 2 - G) * ((gv + hv) ** 2 - G))
        n_a, n_b = (_site_average(e.xreplace(vals), gv, hv) for e in (na, nb))
        if reference == "up up":      # (A9) and S_a^z = S - <n_a> with <n_a> from (A6)
            printed_b = G_l / (G_g - G_l) * (1 + G_g**2 / C)
            assert n_b == pytest.approx(printed_b, rel=1e-9)
            assert n_a == pytest.approx(G_l / (G_g - G_l) * (1 + G / C), rel=1e-9)
        elif reference == "down down":  # (A11), (A12): S_z = -S + n
            assert n_a == pytest.approx(G_g / (G_l - G_g) * (1 + G_l**2 / C), rel=1e-9)
            assert n_b == pytest.approx(G_g / (G_l - G_g) * (1 + G / C), rel=1e-9)
        else:                          # (A13), (A14)
            assert n_a == pytest.approx(G_l / (G_l + G_g) * (-1 + G / C), rel=1e-9)
            assert n_b == pytest.approx(G_g / (G_l + G_g) * (-1 + G / C), rel=1e-9)


def test_hp_lattice_coherence_A10():
    model, ca, cb, gk, _ = _k_dimer("up up")
    ss = moment_steady_state(model.moments([ca.dag() * ca, cb.dag() * cb, ca.dag() * cb]))
    u, w = sorted(gk.free_symbols, key=str)
    for G_g, G_l, gv, hv in PHASES["up up"]:
        G = G_g * G_l
        f = sp.lambdify([u, w], ss[ca.dag() * cb].xreplace({Gg: G_g, Gl: G_l}))
        def coherence(k, f=f, gv=gv, hv=hv):
            gk_ = gv + hv * np.exp(1j * k)  # g_k = g + h e^{ik} (Eq. A5)
            return f(gk_.real, gk_.imag)
        re = quad(lambda k, c=coherence: c(k).real, -np.pi, np.pi, epsabs=1e-13)[0] / (2 * np.pi)
        im = quad(lambda k, c=coherence: c(k).imag, -np.pi, np.pi, epsabs=1e-13)[0] / (2 * np.pi)
        C = np.sqrt(((gv - hv) ** 2 - G) * ((gv + hv) ** 2 - G))
        printed = 1j * G / (2 * gv * (G_g - G_l)) * (1 + (G + gv**2 - hv**2) / C)  # (A10)
        assert re + 1j * im == pytest.approx(printed, rel=1e-9)


def test_hp_correlations_A16_A17_errata():
    """|up, down>: <c_{a,n}^dag c_{a,n+s}> = Gl/(Gl+Gg) (G/C) lambda^s for s > 0 (printed: lambda^(s-1),
    an erratum), lambda in (0, 1) so the correlation length is -1/ln(lambda) (printed: -1/ln(-lambda))."""
    model, ca, cb, gk, _ = _k_dimer("up down")
    na = moment_steady_state(model.moments([ca.dag() * ca, cb.dag() * cb]))[ca.dag() * ca]
    u, w = sorted(gk.free_symbols, key=str)
    for G_g, G_l, gv, hv in PHASES["up down"]:
        G = G_g * G_l
        f = sp.lambdify(u, na.xreplace({Gg: G_g, Gl: G_l, w: 0}))
        C = np.sqrt(((gv - hv) ** 2 - G) * ((gv + hv) ** 2 - G))
        lam = (G - gv**2 - hv**2 - C) / (2 * gv * hv)  # (A17)
        assert 0 < lam < 1
        for s_ in (1, 2, 3):
            def integrand(k, f=f, gv=gv, hv=hv, s_=s_):
                return f(np.sqrt(gv**2 + hv**2 + 2 * gv * hv * np.cos(k))) * np.cos(s_ * k)
            corr = quad(integrand, -np.pi, np.pi, epsabs=1e-14)[0] / (2 * np.pi)
            assert corr == pytest.approx(G_l / (G_l + G_g) * G / C * lam**s_, rel=1e-8)
            assert corr != pytest.approx(G_l / (G_l + G_g) * G / C * lam ** (s_ - 1), rel=1e-2)
        # (A19): xi = (Gg Gl - (g+h)^2)/(g h))^(-1/2) is the leading behaviour of -1/ln(lambda)
        eps = 1e-6
        G2 = (gv + hv) ** 2 + eps
        C2 = np.sqrt(((gv - hv) ** 2 - G2) * ((gv + hv) ** 2 - G2))
        lam2 = (G2 - gv**2 - hv**2 - C2) / (2 * gv * hv)
        assert -1 / np.log(lam2) == pytest.approx((eps / (gv * hv)) ** -0.5, rel=1e-2)


def test_hp_phase_boundaries_eq3_from_first_moment_stability():
    """Eq. (3): with |g_k|^2 in [(g-h)^2, (g+h)^2], |up, up> is stable iff Gg > Gl and
    |g_k|^2 > Gg Gl for all k, |up, down> iff Gg Gl > |g_k|^2 for all k."""
    G = Gg * Gl
    for reference, expected in (({Sa: "up", Sb: "up"}, {Gg - Gl, g**2 - G}), ({Sa: "up", Sb: "down"}, {G - g**2})):
        hp = holstein_primakoff(spin_dimer(), reference)
        mf = mean_field(hp.model)
        st = mf.stability({v: 0 for v in mf.variables})
        conds = {sp.factor(c) for c in st.conditions}
        # each expected condition appears up to a positive factor
        for e in expected:
            assert any(sp.simplify(c / e).is_positive for c in conds), (e, conds)
        loci = st.loci(g)
        assert sp.Eq(g, sp.sqrt(Gg) * sp.sqrt(Gl)) in loci


def test_hp_convergence_to_exact_spin_S():
    """<S_a^z> in the |up, down> (AM) phase of the dimer: HP order 0 (linear, closed form from symq's
    moments) and order 1 (boson model with n/4S corrections, solved numerically) against exact
    spin-S steady states. Observed: order 0 error ~ S^-1.2 .. S^-1 (approaching 1 from above),
    order 1 ~ S^-2.5 .. S^-2 (measured up to S = 16 while writing this test)."""
    vals = {g: sp.Rational(4, 5), Gg: sp.Rational(3, 2), Gl: 1}
    model = spin_dimer()
    hp0 = holstein_primakoff(model, {Sa: "up", Sb: "down"})
    hp1 = holstein_primakoff(model, {Sa: "up", Sb: "down"}, order=1)
    ca, cb = hp0.bosons[Sa.site], hp0.bosons[Sb.site]
    na = moment_steady_state(hp0.model.moments([ca.dag() * ca, cb.dag() * cb]))[ca.dag() * ca]
    spins_S = [4, 6, 8, 12]
    e0, e1 = [], []
    for Sv in spins_S:
        v = {**vals, S: Sv}
        exact = steady_expect(model, [Sa.z], v)[0].real
        e0.append(abs(exact - float((S - na).xreplace(v))))
        N = min(2 * Sv + 1, 14)  # <n> ~ 0.2: Fock states beyond 13 carry < 1e-9
        hp_1 = steady_expect(hp1.model, [hp1.spin(Sa.z)], v, cutoffs={ca: N, cb: N}, signs={cb.site: -1})[0].real
        e1.append(abs(exact - hp_1))
    p0, p1 = -observed_order(spins_S, e0), -observed_order(spins_S, e1)
    assert 1.0 <= p0 <= 1.6, (p0, e0)
    assert 2.0 <= p1 <= 3.0, (p1, e1)
    assert all(x1 < x0 for x0, x1 in zip(e0, e1)), ("the first-order expansion must be more accurate", e0, e1)


def test_hp_model_feeds_the_core_machinery_pt_exceptional_point():
    """On the PT-symmetric line Gg = Gl = Gbar the HP first moments around |up, up> have an EP2 at
    g = Gbar: the PT transition of the dimer (Sec. III.A: Gbar = g)."""
    Gb = sp.Symbol("Gbar", positive=True)
    hp = holstein_primakoff(spin_dimer(gain=Gb, loss=Gb), "up")
    ca, cb = hp.bosons[Sa.site], hp.bosons[Sb.site]
    (ep,) = symq.exceptional_points(hp.model.moments([ca, cb]), solve_for=g)
    assert ep.value == Gb and ep.order == 2


def test_hp_errors():
    with pytest.raises(ModelError, match="ordered state for every spin"):
        holstein_primakoff(spin_dimer(), {Sa: "up"})
    with pytest.raises(ModelError, match="'up' or 'down'"):
        holstein_primakoff(spin_dimer(), "left")
    with pytest.raises(ModelError, match="non-negative integer order"):
        holstein_primakoff(spin_dimer(), "up", order=-1)
    with pytest.raises(ModelError, match="spin sites"):
        holstein_primakoff(symq.Lindblad(symq.bosons("x").dag() * symq.bosons("x")), "up")
    with pytest.raises(ModelError, match="already a site"):
        holstein_primakoff(spin_dimer(), "up", names={Sa: "b"})


# =============================================================================================
# mean field
# =============================================================================================
def test_mean_field_spin_chain_equations_appendix_B():
    """The uniform mean-field equations of the chain are the dimer's with coupling g + h, equal to
    the hand derivation below (symmetric factorisation; gain on a, loss on b). App. B's printed
    set, with its d<S_b^z>/dt erratum, is checked in the audit registry (symq.audit.spin_lattices)."""
    mf = mean_field(spin_dimer(coupling=g + h))
    xa, ya, za, xb, yb, zb = mf.variables
    G = g + h
    by_hand = [
        -Gg / (2 * S) * xa * (1 + 2 * za) + G / S * za * yb,
        -Gg / (2 * S) * ya * (1 + 2 * za) - G / S * za * xb,
        Gg / S * (S * (S + 1) - za * (za + 1)) + G / S * (ya * xb - xa * yb),
        -Gl / (2 * S) * xb * (1 - 2 * zb) + G / S * ya * zb,
        -Gl / (2 * S) * yb * (1 - 2 * zb) - G / S * xa * zb,
        -Gl / S * (S * (S + 1) - zb * (zb - 1)) + G / S * (xa * yb - ya * xb),  # loss: fixed point z_b = -S
    ]
    assert [sp.expand(r - e) for r, e in zip(mf.rhs, by_hand)] == [0] * 6
    assert [str(v) for v in mf.variables] == ["S^x_{a}", "S^y_{a}", "S^z_{a}", "S^x_{b}", "S^y_{b}", "S^z_{b}"]
    assert len(mf.equations()) == 6


def test_mean_field_orderings_differ_at_order_one_over_S():
    sym, nor = mean_field(spin_dimer()), mean_field(spin_dimer(), ordering="normal")
    xa = sym.variables[0]
    # gain on a: symmetric -Gg x (1 + 2z)/2S, normal (S_z S_- -> z <S_->) -Gg x (1 + z)/S
    assert sp.expand(sym.rhs[0] - nor.rhs[0]) == sp.expand(Gg * xa / (2 * S))


def test_mean_field_am_stability_boundary_and_eq3():
    """The AM fixed point (z_a = S, z_b = -S) is stable iff Gg Gl (1 + 1/2S)^2 > (g + h)^2; as
    S -> oo this is the boundary Gg Gl = (g + h)^2 of Eq. (3)."""
    mf = mean_field(spin_dimer(coupling=g + h))
    xa, ya, za, xb, yb, zb = mf.variables
    st = mf.stability({xa: 0, ya: 0, za: S, xb: 0, yb: 0, zb: -S})
    (locus,) = st.loci(g)
    assert sp.simplify(locus.rhs - (sp.sqrt(Gg * Gl) * (1 + 1 / (2 * S)) - h)) == 0
    assert sp.limit(locus.rhs, S, sp.oo) == sp.sqrt(Gg) * sp.sqrt(Gl) - h
    assert st.is_stable({S: 10, Gg: 2, Gl: 1, g: 0.5, h: 0.5}) and not st.is_stable({S: 10, Gg: 1, Gl: 1, g: 1, h: 0.5})
    # the fully up state is no fixed point (loss on b), consistent with the missing FM order in MF
    assert not mf.is_fixed_point({xa: 0, ya: 0, za: S, xb: 0, yb: 0, zb: S})


def test_mean_field_order_parameter_eq9():
    """Eq. (9): at dGamma = 0 below Gbar_c = g + h the transverse order parameter is
    S sqrt(Gbar/(g + h)). At S -> oo the mean-field fixed points form a degenerate family; the
    1/S terms select Eq. (9): |<S_a^->|/S - sqrt(Gbar/(g+h)) ~ 1/S (integrated to t = 40 S)."""
    Gb = sp.Rational(3, 5)
    mf = mean_field(spin_dimer(coupling=1, gain=Gb, loss=Gb))
    errs, sizes = [], [25, 50]
    for Sv in sizes:
        f = mf.vector_field({S: Sv})
        th = 0.7
        y0 = [Sv * np.sin(th), 0, Sv * np.cos(th), 0.9 * Sv * np.sin(th), 0.1 * Sv, -Sv * np.cos(th)]
        y = solve_ivp(f, [0, 40 * Sv], y0, rtol=1e-9, atol=1e-9, method="LSODA").y[:, -1]
        errs.append(abs(np.hypot(y[0], y[1]) / Sv - np.sqrt(float(Gb))))
    assert errs[0] < 0.02 and 1.5 < errs[0] / errs[1] < 2.5, errs


def test_mean_field_converges_to_exact_cooperative_resonance_fluorescence():
    """H = Omega S_x, collective decay (Gamma/S) D[S_-]: the stable mean-field fixed point against
    the exact spin-S steady state. Observed order of <S_z>/S and <S_y>/S errors: 1."""
    Om, Gam = sp.symbols("Omega Gamma", positive=True)
    s_ = symq.spins("s", S)
    model = symq.Lindblad(Om * s_.x, jumps=[(Gam / S, s_.minus)])
    mf = mean_field(model)
    _, y, z = mf.variables
    sizes, ez, ey = [4, 8, 16], [], []
    for Sv in sizes:
        vals = {Om: sp.Rational(1, 4), Gam: 1, S: Sv}
        fixed = mf.subs(vals)
        stable = [p for p in fixed.fixed_points() if fixed.stability(p).is_stable({})]
        assert len(stable) == 1
        ex = [v.real / Sv for v in steady_expect(model, [s_.y, s_.z], vals)]
        ey.append(abs(ex[0] - float(stable[0][y]) / Sv))
        ez.append(abs(ex[1] - float(stable[0][z]) / Sv))
    for errs in (ey, ez):
        assert 0.85 <= -observed_order(sizes, errs) <= 1.15, errs


def test_mean_field_kerr_oscillator_is_gross_pitaevskii():
    """Eq. (6)-(7) of the spin-lattice paper (Kerr oscillator): normal ordering gives the
    Gross-Pitaevskii equation d alpha/dt = (i Delta - gamma) alpha - 2 i (U/D)|alpha|^2 alpha
    - i sqrt(D) F (paper's D[c] = 2 c rho c^dag - ..., so the rate is 2 gamma); symmetric
    ordering replaces |alpha|^2 by |alpha|^2 - 1."""
    Delta, U, D, F, gam = sp.symbols("Delta U D F gamma", positive=True)
    c = symq.bosons("c")
    H = -Delta * c.dag() * c + U / D * c.dag() ** 2 * c**2 + sp.sqrt(D) * F * (c + c.dag())
    model = symq.Lindblad(H, jumps=[(gam, c)], convention="2L")
    for ordering, shift in (("normal", 0), ("symmetric", 1)):
        mf = mean_field(model, ordering=ordering)
        xr, pr = mf.variables
        alpha = xr + sp.I * pr
        gp = (sp.I * Delta - gam) * alpha - 2 * sp.I * U / D * (xr**2 + pr**2 - shift) * alpha - sp.I * sp.sqrt(D) * F
        assert sp.expand(mf.rhs[0] + sp.I * mf.rhs[1] - gp) == 0, ordering


def test_mean_field_errors():
    with pytest.raises(ModelError, match="ordering"):
        mean_field(spin_dimer(), ordering="weyl")
    with pytest.raises(ModelError, match="spin or boson sites"):
        mean_field(symq.Lindblad(symq.qubits("q").dag() * symq.qubits("q")))
    mf = mean_field(spin_dimer())
    with pytest.raises(ModelError, match="expected a fixed point"):
        mf.stability({v: 1 for v in mf.variables})
    with pytest.raises(ModelError, match="values for every parameter"):
        mf.vector_field({S: 2})


# =============================================================================================
# Gaussian covariances
# =============================================================================================
def test_gaussian_conventions_thermal_oscillator():
    """A driven, damped oscillator with gain: a displaced thermal state with n = Gp/(Gm - Gp) and
    <b> = -2 i F/(Gm - Gp); purity 1/(2n + 1) and covariance v0 (2n + 1) 1 in every vacuum
    convention (the drive displaces, it adds no noise)."""
    Gp, Gm, F = sp.symbols("Gamma_p Gamma_m F", positive=True)
    b = symq.bosons("b")
    model = symq.Lindblad(F * (b + b.dag()), jumps=[(Gm, b), (Gp, b.dag())])
    n = Gp / (Gm - Gp)
    for v0 in (sp.Rational(1, 2), 1, sp.Rational(1, 4)):
        gm = gaussian(model, vacuum=v0)
        sigma = gm.steady_covariance()
        assert sp.simplify(sigma - v0 * (2 * n + 1) * sp.eye(2)) == sp.zeros(2, 2)
        assert sp.simplify(purity(sigma, vacuum=v0) ** 2 - 1 / (2 * n + 1) ** 2) == 0
        # x = c (b + b^dag), p = -i c (b - b^dag), c = sqrt(v0): <x> = 0, <p> = 2 c Im<b>
        assert sp.simplify(gm.steady_mean() - sp.Matrix([0, -4 * sp.sqrt(v0) * F / (Gm - Gp)])) == sp.zeros(2, 1)


def _am_gaussian(v0=1):
    hp = holstein_primakoff(spin_dimer(), {Sa: "up", Sb: "down"})
    return hp, gaussian(hp.model, vacuum=v0)


def test_gaussian_covariance_agrees_with_symq_moments():
    hp, gm = _am_gaussian(sp.Rational(1, 2))
    sigma = gm.steady_covariance()
    ca, cb = hp.bosons[Sa.site], hp.bosons[Sb.site]
    ss = moment_steady_state(hp.model.moments([ca.dag() * ca, cb.dag() * cb, ca * cb]))
    # x = (a + a^dag)/sqrt2, p = -i(a - a^dag)/sqrt2; <a^2> = <a^dag b> = 0 here
    assert sp.simplify(sigma[0, 0] - (sp.Rational(1, 2) + ss[ca.dag() * ca])) == 0
    assert sp.simplify(sigma[2, 2] - (sp.Rational(1, 2) + ss[cb.dag() * cb])) == 0
    ab = ss[ca * cb]
    assert sp.re(ab) == 0 and sigma[0, 2] == 0
    assert sp.simplify(sigma[0, 3] - sp.im(ab)) == 0 and sp.simplify(sigma[1, 2] - sp.im(ab)) == 0


def test_gaussian_purity_A23_A24_and_negativity_A26():
    G = Gg * Gl
    for reference, printed in (
        ({Sa: "up", Sb: "down"}, (Gg + Gl) ** 2 * (G - g**2) / (g**2 * (Gg - Gl) ** 2 + G * (Gg + Gl) ** 2)),
        ({Sa: "up", Sb: "up"}, (Gg - Gl) ** 2 * (g**2 - G) / (G * (Gg - Gl) ** 2 + g**2 * (Gg + Gl) ** 2)),
    ):
        hp = holstein_primakoff(spin_dimer(), reference)
        sigma = gaussian(hp.model, vacuum=1).steady_covariance()
        assert sp.simplify(purity(sigma, vacuum=1) ** 2 - printed**2) == 0, reference
    # (A26): along Gg = Gl = Gbar in |up, down>, N = (1/nu~_- - 1)/2 = g/(2 Gbar)
    Gb = sp.Symbol("Gbar", positive=True)
    hp = holstein_primakoff(spin_dimer(gain=Gb, loss=Gb), {Sa: "up", Sb: "down"})
    sigma = gaussian(hp.model, vacuum=1).steady_covariance()
    nu = two_mode_nu_minus(sigma)
    for gv, Gbv in ((0.3, 1.0), (0.9, 1.0), (1.0, 2.5)):
        nv = float(nu.xreplace({g: gv, Gb: Gbv}))
        assert (1 / nv - 1) / 2 == pytest.approx(gv / (2 * Gbv), rel=1e-12)
        sig = np.array(sigma.xreplace({g: gv, Gb: Gbv}), dtype=float)
        assert negativity(sig, vacuum=1) == pytest.approx(gv / (2 * Gbv), rel=1e-12)
    # FM phase: excitation-conserving coupling, no entanglement
    hp = holstein_primakoff(spin_dimer(), "up")
    sig = np.array(gaussian(hp.model).steady_covariance().xreplace({Gg: 1.3, Gl: 0.4, g: 1.5}), dtype=float)
    assert log_negativity(sig) == 0.0


def test_gaussian_measures_against_fock_space_numerics():
    """Purity and negativity of the |up, down> HP steady state from the covariance matrix against
    the truncated Fock-space steady state (sparse LU on the n_a - n_b sector, partial transpose)."""
    hp, gm = _am_gaussian(sp.Rational(1, 2))
    vals = {Gg: 1.5, Gl: 1.0, g: 0.5}
    sig = np.array(gm.steady_covariance().xreplace(vals), dtype=float)
    ca, cb = hp.bosons[Sa.site], hp.bosons[Sb.site]
    N = 16
    rho, _ = steady_rho(hp.model, vals, cutoffs={ca: N, cb: N}, signs={cb.site: -1})
    rho = rho.toarray()
    top = rho.reshape(N, N, N, N)[N - 1, :, N - 1, :].trace().real
    assert top < 1e-12  # the cutoff holds no population
    # Fock truncation error ~ top-level population; 1e-9 is far above it and far below the values
    assert purity(sig) == pytest.approx(np.trace(rho @ rho).real, abs=1e-9)
    pt = rho.reshape(N, N, N, N).transpose(0, 3, 2, 1).reshape(N * N, N * N)
    neg_fock = (np.abs(np.linalg.eigvalsh(pt)).sum() - 1) / 2
    assert negativity(sig) == pytest.approx(neg_fock, abs=1e-9)
    assert neg_fock > 0.01


def test_gaussian_errors():
    c = symq.bosons("c")
    kerr = symq.Lindblad(c.dag() ** 2 * c**2, jumps=[(1, c)])
    with pytest.raises(ModelError, match="quadratic model"):
        gaussian(kerr)
    with pytest.raises(ModelError, match="bosons only"):
        gaussian(spin_dimer())
    with pytest.raises(ModelError, match="positive vacuum variance"):
        gaussian(symq.Lindblad(c.dag() * c), vacuum=0)
    closed = gaussian(symq.Lindblad(c.dag() * c))
    with pytest.raises(ModelError, match="invertible drift"):
        closed.steady_covariance()


# =============================================================================================
# adiabatic elimination
# =============================================================================================
gc, kap, p, gam = sp.symbols("g kappa p gamma", positive=True)
q1, q2 = symq.qubits("1 2")
cav = symq.bosons("a")


def cavity_qed(Delta=0):
    """Eqs. (7)-(8) of the thermal-limits paper (rotating frame; its D_o = 2 o rho o^dag - ...
    with prefactors p/2, gamma/2, kappa/2 are standard rates p, gamma, kappa)."""
    H = gc * (q1.dag() * cav + q1 * cav.dag() + q2.dag() * cav + q2 * cav.dag()) + Delta * cav.dag() * cav
    return symq.Lindblad(H, jumps=[(p, q1.dag()), (p, q2.dag()), (gam, q1), (gam, q2), (kap, cav)])


def test_elimination_reproduces_eq9_collective_rates():
    """The eliminated model equals Eq. (A2) with Eq. (9): Gamma^+ = p/2, Gamma_A^- = gamma/2,
    Gamma_S^- = Gamma + gamma/2, Gamma = 4 g^2/kappa (compared as adjoint generators on the
    16-dimensional two-qubit operator basis)."""
    el = adiabatic_elimination(cavity_qed(), cav)
    assert el.rate == 4 * gc**2 / kap and el.jump == q1 + q2 and el.lamb_shift.is_zero
    assert el.small_parameter == 2 * gc / kap
    Gamma = 4 * gc**2 / kap
    JS, JA = q1 + q2, q1 - q2
    eq9 = symq.Lindblad(sp.S.Zero * q1, jumps=[(p / 2, JS.dag()), (p / 2, JA.dag()), (gam / 2, JA), (Gamma + gam / 2, JS)])
    local = [sp.S.One, q1, q1.dag(), q1.dag() * q1]
    for x, y in itertools.product(local, [sp.S.One, q2, q2.dag(), q2.dag() * q2]):
        O = symq.algebra.as_op(x) * symq.algebra.as_op(y)
        assert el.model.adjoint(O) == eq9.adjoint(O), O


def test_elimination_uses_the_detuning_from_the_eigenoperator_frequency():
    w0, wc = sp.symbols("omega_0 omega_c", positive=True)
    H = w0 * (q1.dag() * q1 + q2.dag() * q2) + wc * cav.dag() * cav + gc * (q1.dag() * cav + q1 * cav.dag())
    el = adiabatic_elimination(symq.Lindblad(H, jumps=[(kap, cav)]), cav)
    assert el.eigenoperator and el.frequency == w0 and el.detuning == wc - w0
    assert el.rate == sp.factor(4 * gc**2 * kap / (kap**2 + 4 * (wc - w0) ** 2))
    assert el.lamb_shift == -4 * (wc - w0) * gc**2 / (kap**2 + 4 * (wc - w0) ** 2) * q1.dag() * q1
    # numerically, in the lab frame (omega_0 = 50 >> kappa): a pumped qubit decays through the
    # detuned cavity at the effective rate, P_e = p/(p + Gamma); the naive detuning omega_c (no
    # eigenoperator shift) would give Gamma ~ 1e-3 and P_e ~ 1
    H1 = w0 * q1.dag() * q1 + wc * cav.dag() * cav + gc * (q1.dag() * cav + q1 * cav.dag())
    pumped = symq.Lindblad(H1, jumps=[(kap, cav), (p, q1.dag())])
    el = adiabatic_elimination(pumped, cav)
    kv, Dv = 40.0, 16.0
    vals = {w0: 50.0, wc: 50.0 + Dv, kap: kv, gc: np.sqrt((kv**2 + 4 * Dv**2) / (4 * kv)), p: 0.5}
    assert float(el.rate.xreplace(vals)) == pytest.approx(1.0, rel=1e-12)
    full = _steady_rho(pumped, vals, {cav: 5}).ptrace(0).full()[1, 1].real
    red = _steady_rho(el.model, vals).full()[1, 1].real
    assert red == pytest.approx(0.5 / 1.5, rel=1e-12)
    assert abs(full - red) < 0.02  # O(Gamma/kappa, p/kappa) = O(1/40)


def _elimination_errors(model, site, values_of, kappas, cutoff=5):
    el = adiabatic_elimination(model, site)
    spc = space(list(model.sites), cutoffs={site: cutoff})
    fast = spc.sites.index(site.site)
    keep = [k for k in range(len(spc.sites)) if k != fast]
    errs = []
    for kv in kappas:
        vals = values_of(kv)
        full, red = _steady_rho(model, vals, {site: cutoff}), _steady_rho(el.model, vals)
        diff = full.ptrace(keep).full() - red.full()
        errs.append(0.5 * np.abs(np.linalg.eigvalsh(diff)).sum())  # trace distance
        # the truncation error (~ population of the top Fock level) is negligible against it
        assert abs(full.ptrace(fast).diag()[-1]) < 1e-5 * errs[-1]
    return el, errs


def _steady_rho(model, values, cutoffs=None):
    spc = space(list(model.sites), cutoffs=cutoffs, values=values)
    dims = [list(spc.dims)] * 2
    H = qutip.Qobj(to_sparse(model.H, spc, values), dims=dims)
    cops = [np.sqrt(numeric_coefficient(r, values).real) * qutip.Qobj(to_sparse(L, spc, values), dims=dims) for r, L in model.jumps]
    with threadpool_limits(1):
        return qutip.steadystate(H, cops)


KAPPAS = [10.0, 20.0, 40.0, 80.0, 160.0]


def test_elimination_converges_to_the_full_cavity_model():
    """Two pumped qubits in a lossy resonant cavity: the steady state of the full model (cavity
    cutoff 5, its top level holding < 1e-5 of the error) approaches the eliminated one. At fixed effective rate
    Gamma = 4 g^2/kappa = 1 the trace distance falls as kappa^-1, i.e. as (g/kappa)^2: observed
    order 2.0 in g/kappa."""
    def values(kv):
        return {gc: np.sqrt(kv / 4), kap: kv, p: 0.3, gam: 0.05}
    _, errs = _elimination_errors(cavity_qed(), cav, values, KAPPAS)
    small = [np.sqrt(kv / 4) / kv for kv in KAPPAS]
    assert 1.9 <= observed_order(small, errs) <= 2.1, errs
    assert errs[0] < 0.05


def test_elimination_lamb_shift_is_needed_and_correct():
    """A driven qubit coupled to a detuned lossy mode (Delta = 0.4 kappa): with the Lamb shift the
    error falls as (g/kappa)^2; without it (or with the opposite sign) it does not vanish."""
    Om, D = sp.symbols("Omega Delta", positive=True)
    q, b = symq.qubits("q"), symq.bosons("b")
    model = symq.Lindblad(Om * (q + q.dag()) + D * b.dag() * b + gc * (q.dag() * b + q * b.dag()),
                          jumps=[(kap, b), (gam, q)])

    def values(kv):
        Dv = 0.4 * kv
        return {gc: np.sqrt((kv**2 + 4 * Dv**2) / (4 * kv)), kap: kv, D: Dv, Om: 0.7, gam: 0.1}
    el, errs = _elimination_errors(model, b, values, KAPPAS)
    small = [float(el.small_parameter.xreplace(values(kv))) for kv in KAPPAS]
    assert 1.9 <= observed_order(small, errs) <= 2.1, errs
    for sign in (0, -1):
        wrong = symq.Lindblad(el.model.H - (1 - sign) * el.lamb_shift, jumps=el.model.jumps)
        vals = values(KAPPAS[-1])
        err = 0.5 * np.abs(np.linalg.eigvalsh(_steady_rho(model, vals, {b: 5}).ptrace([1]).full()
                                              - _steady_rho(wrong, vals).full())).sum()
        assert err > 20 * errs[-1], (sign, err, errs[-1])


def test_elimination_errors():
    q, b = symq.qubits("q"), symq.bosons("b")
    with pytest.raises(ModelError, match="dispersive or nonlinear"):
        adiabatic_elimination(symq.Lindblad(b.dag() * b * q.dag() * q, jumps=[(kap, b)]), b)
    with pytest.raises(ModelError, match="only dissipation"):
        adiabatic_elimination(symq.Lindblad(gc * (q.dag() * b + q * b.dag()), jumps=[(kap, b), (kap, b.dag())]), b)
    with pytest.raises(ModelError, match="no decay channel"):
        adiabatic_elimination(symq.Lindblad(gc * (q.dag() * b + q * b.dag())), b)
    with pytest.raises(ModelError, match="not coupled"):
        adiabatic_elimination(symq.Lindblad(b.dag() * b + q.dag() * q, jumps=[(kap, b)]), b)
    with pytest.raises(ModelError, match="boson operator"):
        adiabatic_elimination(symq.Lindblad(gc * (q.dag() * b + q * b.dag()), jumps=[(kap, b)]), q)
