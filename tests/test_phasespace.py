"""Phase-space backends (symq.phasespace): derived Wigner / P / positive-P equations and their SDEs.

Reference systems with the answers derived by hand here: the thermal, driven, damped oscillator
(textbook Wigner and P equations), the Kerr oscillator (positive-P drift and noise, Wigner
third-order terms), saturable jumps (App. A's replacement makes them linear gain and loss with
saturated rates), the mean-field equations of the spin dimer. The whole derived generator (kept
and dropped terms) is checked against symq's Heisenberg equations on random moments. Numerics are
compared with exact results (symq.numerics.exact steady states, QuTiP's mesolve, closed moment
equations): within 4 standard errors where the representation is exact (linear models; positive
P at short times), plus the method's known bias where it is not (TWA: O(1/S^2)), stated per test.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import scipy.optimize
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import symq
import symq.phasespace as ps
from symq.algebra import space, to_sparse
from symq.errors import ModelError
from symq.formulas import power_grids as PG
from symq.formulas import spin_lattices as SL
from symq.numerics.exact import build, steady_state
from symq.numerics.sde import PlatenWeak2, integrate
from symq.phasespace import models as M
from symq.phasespace import networks as nw
from symq.phasespace import twa
from symq.phasespace.compile import compile_sde
from symq.phasespace.estimate import Estimate, time_average
from symq.phasespace.linear import gaussian_steady_state, holstein_primakoff
from symq.phasespace.meanfield import mean_field
from symq.phasespace.noise import real_matrix
from symq.phasespace.sampling import coherent

with warnings.catch_warnings():  # qutip warns at import when matplotlib is absent
    warnings.simplefilter("ignore")
    import qutip

kappa, Delta, E, nth, chi = sp.symbols("kappa Delta E n_th chi", positive=True)


def oscillator():
    a = symq.bosons("a")
    H = Delta * a.dag() * a + E * (a + a.dag())
    return a, symq.Lindblad(H, [(kappa * (nth + 1), a), (kappa * nth, a.dag())])


def qobj(op, sp_, values):
    return qutip.Qobj(to_sparse(op, sp_, values), dims=[list(sp_.dims)] * 2)


def exact_steady(model, ops, values, cutoffs=None):
    """Expectations of ``ops`` in the steady state from symq's exact backend (``Model``s with
    saturable jumps through :meth:`symq.phasespace.Model.numeric`)."""
    num = model.numeric(values, cutoffs=cutoffs) if isinstance(model, ps.Model) else build(model, values, cutoffs=cutoffs)
    rho = steady_state(num, on_truncation="raise").full()
    return np.array([np.trace(rho @ to_sparse(o, num.space, values).toarray()) for o in ops])


# -- derived equations against textbook ones ------------------------------------------------------------
def test_driven_damped_oscillator_wigner_equals_textbook():
    _, model = oscillator()
    F = ps.wigner(model)
    (m,) = F.modes
    alpha, alpha_c = m.z, m.w
    assert sp.expand(F.drift[alpha] - (-kappa / 2 * alpha - sp.I * Delta * alpha - sp.I * E)) == 0
    assert sp.expand(F.drift[alpha_c] - (-kappa / 2 * alpha_c + sp.I * Delta * alpha_c + sp.I * E)) == 0
    assert F.diffusion() == {(alpha, alpha_c): sp.expand(kappa * (nth + sp.Rational(1, 2)))}
    R, _ = real_matrix(F.diffusion(), F.modes)  # quadratures x = Re alpha, p = Im alpha
    assert sp.simplify(R - kappa / 2 * (nth + sp.Rational(1, 2)) * sp.eye(2)) == sp.zeros(2)
    assert F.dropped == () and F.approximations == ()


def test_driven_damped_oscillator_p_and_positive_p_equal_textbook():
    _, model = oscillator()
    P = ps.glauber_p(model)
    (m,) = P.modes
    assert sp.expand(P.drift[m.z] - (-kappa / 2 * m.z - sp.I * Delta * m.z - sp.I * E)) == 0
    assert P.diffusion() == {(m.z, m.w): kappa * nth}
    Q = ps.positive_p(model)
    (m,) = Q.modes
    assert sp.expand(Q.drift[m.w] - (-kappa / 2 * m.w + sp.I * Delta * m.w + sp.I * E)) == 0
    assert Q.diffusion() == {(m.z, m.w): kappa * nth}


def test_kerr_positive_p_drift_and_noise_equal_textbook():
    a = symq.bosons("a")
    F = ps.positive_p(symq.Lindblad(chi / 2 * a.dag() ** 2 * a**2, [(kappa, a)]))
    (m,) = F.modes
    alpha, beta = m.z, m.w
    assert sp.expand(F.drift[alpha] - (-sp.I * chi * alpha**2 * beta - kappa / 2 * alpha)) == 0
    assert sp.expand(F.drift[beta] - (sp.I * chi * beta**2 * alpha - kappa / 2 * beta)) == 0
    assert F.diffusion() == {(alpha, alpha): -sp.I * chi * alpha**2, (beta, beta): sp.I * chi * beta**2}
    cols = F.noise()
    assert [set(c) for c in cols] == [{alpha}, {beta}]
    assert cols[0][alpha] == sp.sqrt(-sp.I) * sp.sqrt(chi) * alpha  # sqrt(-i chi) alpha
    assert cols[1][beta] == sp.sqrt(sp.I) * sp.sqrt(chi) * beta
    assert compile_sde(F).noise_kind == "diagonal"


def test_kerr_wigner_truncation_reports_third_order_terms():
    a = symq.bosons("a")
    F = ps.wigner(symq.Lindblad(chi / 2 * a.dag() ** 2 * a**2))
    (m,) = F.modes
    al, ac = m.z, m.w
    # Moyal expansion of -i[H, rho], H_W = chi/2 (|alpha|^4 - 2|alpha|^2 + 1/2): Poisson bracket
    # (drift -i dH_W/d alpha^*) plus the third-order term chi/4 (-i d^2 d* [alpha W] + c.c.)
    assert sp.expand(F.drift[al] - (-sp.I * chi * (al**2 * ac - al))) == 0
    dropped = {t.derivatives: t.coefficient for t in F.dropped}
    assert dropped == {((al, 2), (ac, 1)): -sp.I * chi * al / 4, ((al, 1), (ac, 2)): sp.I * chi * ac / 4}
    assert all(t.reason == ps.fpe.TRUNCATED for t in F.dropped)


def test_latex_of_the_damped_oscillator_is_pinned():
    a = symq.bosons("a")
    F = ps.wigner(symq.Lindblad(Delta * a.dag() * a, [(kappa, a)]))
    assert F.latex() == (
        "\\begin{align}\n"
        "A_{\\alpha_{a}} &= - i \\Delta \\alpha_{a} - \\frac{\\alpha_{a} \\kappa}{2} \\\\\n"
        "D_{\\alpha_{a} \\alpha^{*}_{a}} &= \\frac{\\kappa}{2}\n"
        "\\end{align}"
    )


# -- the full derived generator equals the Heisenberg equations ------------------------------------------
def _generator_on(F, f):
    """d<f>/dt from the derived equation, kept and dropped terms: sum A df + D d2f/2 + (-1)^n c d^n f."""
    out = sum(A * sp.diff(f, v) for v, A in F.drift.items())
    for (x, y), D in F.diffusion().items():
        out += D * sp.diff(f, x, y) * (sp.Rational(1, 2) if x == y else 1)
    for t in F.dropped:
        d = f
        for v, p in t.derivatives:
            d = sp.diff(d, v, p)
        out += (-1) ** t.order * t.coefficient * d
    return sp.expand(out)


def _models():
    a, b = symq.bosons("a b")
    g = sp.Symbol("g", positive=True)
    yield "oscillator", oscillator()[1]
    yield "kerr", symq.Lindblad(chi / 2 * a.dag() ** 2 * a**2 + Delta * a.dag() * a, [(kappa, a), (kappa * nth, a**2)])
    yield "two modes", symq.Lindblad(g * (a.dag() * b + b.dag() * a) + chi * a.dag() * a * b.dag() * b,
                                     [(kappa, a * b.dag()), (kappa * nth, a.dag() + b)])


_DERIVED: dict = {}


@pytest.mark.parametrize("rep", [ps.WIGNER, ps.GLAUBER_P, ps.POSITIVE_P], ids=str)
@pytest.mark.parametrize("name,model", list(_models()), ids=[n for n, _ in _models()])
@given(m=st.integers(0, 2), n=st.integers(0, 2), p=st.integers(0, 1), q=st.integers(0, 1))
def test_full_generator_equals_heisenberg_on_moments(rep, name, model, m, n, p, q):
    """For O = a^dag^m a^n (b^dag^p b^q): the derived equation, with every dropped term put back,
    evolves the estimator of O exactly as symq's adjoint Lindbladian (an independent route)."""
    F = _DERIVED.get((rep, name)) or _DERIVED.setdefault((rep, name), ps.derive(model, rep))
    sites = {mode.site: mode for mode in F.modes}
    ops = [symq.algebra.Op({((s, (mm, nn)),): 1}) if (mm, nn) != (0, 0) else symq.algebra.Op.scalar(1)
           for s, (mm, nn) in zip(sorted(sites), [(m, n), (p, q)])]
    O = ops[0] * ops[1] if len(ops) > 1 else ops[0]
    lhs = _generator_on(F, F.symbol(O))
    rhs = F.symbol(model.adjoint(O))
    assert sp.expand(lhs - rhs) == 0


# -- noise factorisation ---------------------------------------------------------------------------------
def _check_noise(F, points: int = 5):
    """B B^T = D (and B B^dag = D[z, z^*] with conjugate partners) at random points (numerically:
    square roots of symbolic expressions do not simplify with their conjugates)."""
    cols = F.noise()
    assert all(set(c) <= set(F.state) for c in cols)
    rng = np.random.default_rng(11)
    D = F.diffusion()
    entry = lambda x, y: D.get((x, y), D.get((y, x), 0))
    for _ in range(points):
        point = {p: rng.uniform(0.3, 2.0) for p in F.parameters}
        for m in F.modes:
            z = complex(*rng.normal(size=2))
            point[m.z] = z
            point[m.w] = z.conjugate() if not F.representation.independent else complex(*rng.normal(size=2))
        num = lambda e, point=point: complex(sp.N(sp.sympify(e).xreplace(point)))
        B = {v: np.array([num(c.get(v, 0)) for c in cols]) for v in F.state}
        pairs = itertools.product(F.state, repeat=2)
        for x, y in pairs:
            assert abs(B[x] @ B[y] - num(entry(x, y))) < 1e-10
        if not F.representation.independent:
            for mi, mj in itertools.product(F.modes, repeat=2):
                assert abs(B[mi.z] @ B[mj.z].conj() - num(entry(mi.z, mj.w))) < 1e-10


def test_noise_reproduces_the_diffusion():
    a, model = oscillator()
    for F in (ps.wigner(model), ps.glauber_p(model), ps.positive_p(model)):
        _check_noise(F)
    _check_noise(ps.wigner(M.spin_chain(1, 2).model, positive_diffusion=True))
    _check_noise(nw.chain(2).fpe)
    _check_noise(nw.chain(2, representation=ps.POSITIVE_P).fpe)
    b = symq.bosons("b")
    _check_noise(ps.positive_p(symq.Lindblad(chi * a.dag() ** 2 * a**2, [(kappa, a * b), (kappa, a.dag())])))


def test_compiled_rhs_match_the_symbolic_ones():
    F = ps.wigner(M.spin_chain(2, 3).model, positive_diffusion=True)
    C = compile_sde(F)
    vals = {M.g: 1.0, M.h: 0.4, M.Gamma_g: 1.3, M.Gamma_l: 0.7}
    bound = C.bind(vals)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, C.n)) + 1j * rng.normal(size=(5, C.n))
    drift, B = bound.drift(x, 0.0), bound.diffusion(x, 0.0)
    for k in (0, 4):
        point = {m.z: x[k, i] for i, m in enumerate(F.modes)} | {m.w: np.conj(x[k, i]) for i, m in enumerate(F.modes)}
        point |= vals
        expected = [complex(F.drift[v].xreplace(point)) for v in F.state]
        np.testing.assert_allclose(drift[k], expected, rtol=1e-12)
        D = F.diffusion()
        for i, mi in enumerate(F.modes):  # E[dz dz^*] from the compiled B
            np.testing.assert_allclose(B[k, i] @ B[k, i].conj(), complex(D.get((mi.z, mi.w), 0).xreplace(point)),
                                       rtol=1e-12, atol=1e-12)
    assert C.noise_kind == "general"


def test_positive_p_on_the_classical_subspace_is_the_p_drift():
    """Positive P with beta = alpha^* reduces to P: the compiled state is all alpha's then all
    beta's, and the drift of (alpha, alpha^*) equals (P drift, its conjugate) on a 3-site grid."""
    P, Q = nw.chain(3), nw.chain(3, representation=ps.POSITIVE_P)
    assert Q.sde.state == tuple(m.z for m in Q.fpe.modes) + tuple(m.w for m in Q.fpe.modes)
    values = P.values(gamma=0.1, n_th=0.5, gain=4.0, loss=3.0)
    rng = np.random.default_rng(5)
    alpha = rng.normal(size=(6, 3)) + 1j * rng.normal(size=(6, 3))
    dp = P.sde.bind(values).drift(alpha, 0.0)
    dq = Q.sde.bind(values).drift(np.concatenate([alpha, alpha.conj()], axis=1), 0.0)
    np.testing.assert_allclose(dq, np.concatenate([dp, dp.conj()], axis=1), rtol=1e-12)


# -- positive diffusion approximation and Schwinger bosons --------------------------------------------
def test_positive_diffusion_drops_the_constant_terms_of_spin_gain():
    S = sp.Rational(3, 2)
    sa = symq.spins("s", S)
    G = sp.Symbol("Gamma", positive=True)
    model = symq.Lindblad(0, [(G, sa.plus)])
    exact = ps.wigner(model)
    assert exact.positive == {f"{G}·D[{symq.phasespace.schwinger(sa.plus)}]": False}
    with pytest.raises(ModelError, match="positive_diffusion=True"):
        exact.noise()
    F = ps.wigner(model, positive_diffusion=True)
    up, down = F.spins[sa.site]
    al, ac, be, bc = up.z, up.w, down.z, down.w
    assert F.diffusion() == {(al, ac): G * be * bc / 2, (al, be): -G * al * be / 2, (ac, bc): -G * ac * bc / 2,
                             (be, bc): G * al * ac / 2}
    dropped = {t.derivatives: t.coefficient for t in F.dropped if t.reason == ps.fpe.NON_POSITIVE}
    assert dropped == {((al, 1), (ac, 1)): -G / 4, ((be, 1), (bc, 1)): G / 4}
    # a^dag a + b^dag b is conserved by the approximate flow: drift + Ito term vanish identically
    N = al * ac + be * bc
    ito = sum(A * sp.diff(N, v) for v, A in F.drift.items()) + sum(
        D * sp.diff(N, x, y) for (x, y), D in F.diffusion().items() if x != y
    )
    assert sp.expand(ito) == 0


def test_schwinger_bosons_represent_su2():
    sa = symq.spins("s", sp.Symbol("S", positive=True))
    P, Mi, Z = (ps.schwinger(o) for o in (sa.plus, sa.minus, sa.z))
    assert symq.comm(P, Mi) == 2 * Z
    assert symq.comm(Z, P) == P
    assert ps.schwinger(sa.x) == (P + Mi) / 2
    with pytest.raises(ModelError, match="2-level"):
        ps.schwinger(symq.qubits("q"))


# -- saturable jumps (power-grid paper, App. A) ----------------------------------------------------------
def test_saturable_p_equation_is_the_linear_one_with_saturated_rates():
    """With App. A's replacement f(a^dag a) -> f(|alpha|^2) (a c-number that commutes with the
    derivatives), D[f(n) a] and D[a^dag f(n)] act as plain loss and gain with rates Gamma f^2: the
    derived P equation of the saturable chain equals the derived equation of the linear chain with
    Gamma -> Gamma f(|alpha|^2)^2 on the active sites, and nothing is dropped."""
    N = 4
    Gi, Ge, gi, ge = sp.symbols("Gamma_i Gamma_e gamma_i gamma_e", positive=True)
    net = M.oscillator_network(M.chain_edges(N), gain={0: Gi}, loss={N - 1: Ge})
    F = ps.glauber_p(net.model)
    a = net.a
    thermal = [(M.gamma * (M.n_th + 1), x) for x in a] + [(M.gamma * M.n_th, x.dag()) for x in a]
    linear = ps.glauber_p(symq.Lindblad(net.model.H, [(gi, a[0].dag()), (ge, a[-1])] + thermal))
    m1, mN = F.modes[0], F.modes[-1]
    subs = {gi: Gi * M.saturation(m1.z * m1.w) ** 2, ge: Ge * M.saturation(mN.z * mN.w) ** 2}
    assert set(F.drift) == set(linear.drift)
    for v in F.variables:
        assert sp.simplify(F.drift[v] - linear.drift[v].xreplace(subs)) == 0
    D, DL = F.diffusion(), linear.diffusion()
    assert set(D) == set(DL) == {(m.z, m.w) for m in F.modes}  # E|d alpha_l|^2 only, E d alpha^2 = 0
    for pair in D:
        assert sp.simplify(D[pair] - DL[pair].xreplace(subs)) == 0
    assert F.dropped == () and F.approximations == ("saturation f(a^dag a) -> f(|alpha|^2) (App. A, Eqs. A9-A10)",)


def test_saturation_expanded_to_an_order_reports_its_truncated_derivatives():
    """saturation=1: f(n) ~ fbar_0 + fbar_1 a^dag a (App. A, Eq. A6), so L = a + fbar_1 a^dag a^2.
    In P, a^dag rho <-> (alpha^* - d) P and rho a <-> (alpha - d*) P, so L rho L^dag has derivatives
    of order <= 2 and L^dag L rho (with a^dag^3 a^3) of order 3: those are dropped and reported."""
    a = symq.bosons("a")
    G = sp.Symbol("Gamma", positive=True)
    F = ps.glauber_p(ps.Model(0, [(G, ps.Saturable(a, M.saturation))]), saturation=1)
    assert {t.reason for t in F.dropped} == {ps.fpe.TRUNCATED}
    assert max(t.order for t in F.dropped) == 3
    assert "expanded to order 1" in F.report()
    (m,) = F.modes
    model = ps.Model(0, [(G, ps.Saturable(a, M.saturation))]).expand(1)
    assert sp.cancel(F.drift[m.z] - F.symbol(model.adjoint(a))) == 0  # P drift = normal symbol of L^dag[a]
    c1 = ps.Saturable(a, M.saturation).coefficients(1)[1]  # -1/(n0 + 1)
    assert sp.cancel(F.drift[m.z] - (-G / 2 * m.z - G * (c1 + c1**2) * m.z**2 * m.w - G * c1**2 / 2 * m.z**3 * m.w**2)) == 0


def test_saturation_factor_correspondence_keeps_the_derivatives_of_fbar():
    """The exact P correspondence of f(a^dag a) rho is sum_k (-1)^k/k! d^k[(d*^k fbar) P] with
    fbar = <alpha|f|alpha>: the derivatives act on fbar P, not on P alone. Checked for f(n) = n and
    f(n) = n^2 through the operator correspondences."""
    a = symq.bosons("a")
    z, w = sp.symbols("z w")
    mode = ps.Mode(a.site, z, w, "z", "w")
    A, AD = ps.correspondence.A, ps.correspondence.AD
    P = sp.Function("P")(z, w)
    for seq, fbar in (((AD, A), z * w), ((AD, A, AD, A), z**2 * w**2 + z * w)):
        op = ps.correspondence.pair(ps.GLAUBER_P, {a.site: (seq, ())}, {a.site: mode})
        exact = sum(sp.diff(c * P, *[v for v, p in key for _ in range(p)]) if key else c * P for key, c in op.items())
        expected = sum((-1) ** k / sp.factorial(k) * sp.diff(sp.diff(fbar, w, k) * P, z, k) for k in range(3))
        assert sp.expand(exact - expected) == 0


def test_saturation_series_is_newton_interpolation():
    """App. A, Eq. A6: the normally ordered series of f(a^dag a) to order m equals f on n <= m."""
    a = symq.bosons("a")
    s = ps.Saturable(a, M.saturation)
    assert s.coefficients(2) == [1, -1 / (M.n0 + 1), 1 / ((M.n0 + 1) * (M.n0 + 2))]
    vals = {M.n0: 2.5}
    for order in (1, 3):
        series = to_sparse(s.expand(order), space([a], cutoffs={a: 8}), vals).toarray()
        exact = s.matrix(8, vals).toarray()
        np.testing.assert_allclose(series[:, : order + 2], exact[:, : order + 2], atol=1e-12)  # columns n <= order + 1
        assert not np.allclose(series, exact)


def test_network_from_adjacency_equals_edge_list():
    A = np.zeros((9, 9), int)
    for i, j in M.grid_edges(3, 3):
        A[i, j] = A[j, i] = 1
    n1 = M.oscillator_network(A, gain={0: 1}, loss={8: 1})
    n2 = M.oscillator_network(M.grid_edges(3, 3), gain={0: 1}, loss={8: 1})
    assert n1.edges == n2.edges and len(n1.edges) == 12
    assert n1.model.H == n2.model.H
    with pytest.raises(ModelError, match="symmetric"):
        M.edges_of(np.triu(A))


def test_noise_free_steady_current_balances_the_end_sites():
    """Noise-free limit in the symmetry-broken phase (N = 4, Gamma_i = 4g, Gamma_e = 8g, gamma = 0.05g):
    from the derived drift, d|alpha_1|^2/dt = (Gamma_i f^2 - gamma)|alpha_1|^2 - J_12, so at the fixed point
    the derived current symbol g Im(alpha_1^* alpha_2) equals the net gain of site 1, and likewise
    the loss of site N; the current is the same on every edge up to the bulk damping gamma|alpha|^2."""
    grid = nw.chain(4)
    values = grid.values(gamma=0.05, gain=4.0, loss=8.0)
    _, traj = grid.deterministic(values, t_end=2000.0, samples=3)
    alpha = traj[-1]
    J = grid.currents(alpha, values)[0].real
    f2 = lambda x: 1 / (1 + x) ** 2  # n0 = 1
    n = np.abs(alpha) ** 2
    assert J[0] == pytest.approx((4.0 * f2(n[0]) - 0.05) * n[0], rel=1e-6)
    assert J[-1] == pytest.approx((8.0 * f2(n[-1]) + 0.05) * n[-1], rel=1e-6)
    np.testing.assert_allclose(np.diff(J), -0.05 * n[1:-1], rtol=1e-4, atol=1e-9)


def test_relaxation_time_procedure_reads_the_slowest_linear_mode():
    """App. F's procedure (kick alpha_1 by 1/10, time between |delta|alpha_1|^2| = 1e-5 and 1e-8,
    over ln 10^3) against 1/(2 |Re mu|) of the slowest decaying eigenvalue mu of the linearised
    noise-free dynamics at the broken-phase fixed point (N = 4, Gamma_i = 4g, Gamma_e = 8g,
    gamma = 0.05g); tolerance 10% (the thresholds sit where the next mode has not fully died)."""
    grid = nw.chain(4)
    values = grid.values(gamma=0.05, gain=4.0, loss=8.0)
    _, traj = grid.deterministic(values, t_end=1000.0, samples=2)
    rhs = grid._ode(values)
    y0 = np.concatenate([traj[-1].real, traj[-1].imag])
    eye = np.eye(len(y0)) * 1e-7
    jac = np.array([(rhs(0, y0 + e) - rhs(0, y0 - e)) / 2e-7 for e in eye]).T
    rates = -np.linalg.eigvals(jac).real
    slowest = rates[rates > 1e-6].min()
    tau = grid.relaxation_time(values, t_settle=1000.0, t_max=1000.0)
    assert tau == pytest.approx(1 / (2 * slowest), rel=0.1)


# -- stochastic runs against exact numerics ---------------------------------------------------------------
@pytest.mark.parametrize("fn", [ps.wigner, ps.glauber_p, ps.positive_p], ids=["W", "P", "+P"])
def test_driven_thermal_oscillator_sde_matches_exact(fn):
    """Linear model: all three representations are exact; <a^dag a> = |alpha_ss|^2 + n_th."""
    a, model = oscillator()
    vals = {kappa: 1.0, Delta: 0.5, E: 0.7, nth: 0.3}
    F = fn(model)
    C = compile_sde(F)
    bound = C.bind(vals)
    obs = C.function([F.symbol(a.dag() * a), F.symbol(a)])
    x0 = coherent(F, {a: 0.0}, 4000, np.random.default_rng(0))
    res = integrate(bound.drift, bound.diffusion, x0, np.linspace(0, 20, 41), ntraj=4000, dt=0.02,
                    observables={"o": lambda x: obs(x)}, seed=1, progress=False)
    est = time_average(res, "o", 10.0)
    alpha_ss = -1j * 0.7 / (0.5 + 0.5j)
    exact = np.array([abs(alpha_ss) ** 2 + 0.3, alpha_ss])
    assert np.all(np.abs(est.mean - exact) < 4 * est.stderr + 0.01 * 0.02 * 10)  # + Heun/EM weak error O(dt)


def test_linear_oscillator_pair_current_matches_exact():
    """P is exact for linear gain and loss with thermal baths (below threshold): the current
    J = i[H_12, a_2^dag a_2] and the occupations against symq's exact backend (cutoff 24; the
    backend raises if the last Fock level holds more than 1e-6)."""
    a = symq.bosons("1 2")
    g, gi, gl = sp.symbols("g G_i G_l", positive=True)
    H = -g / 2 * (a[0].dag() * a[1] + a[1].dag() * a[0])
    model = symq.Lindblad(H, [(gi, a[0].dag()), (gl, a[1])] + [(kappa * (nth + 1), x) for x in a]
                          + [(kappa * nth, x.dag()) for x in a])
    n2 = a[1].dag() * a[1]
    J = sp.I * (H * n2 - n2 * H)
    vals = {g: 1.0, gi: 0.3, gl: 1.2, kappa: 0.2, nth: 0.5}
    ops = [J, a[0].dag() * a[0], n2]
    exact = exact_steady(model, ops, vals, cutoffs={x: 24 for x in a}).real
    F = ps.glauber_p(model)
    C = compile_sde(F)
    bound = C.bind(vals)
    obs = C.function([F.symbol(o) for o in ops])
    res = integrate(bound.drift, bound.diffusion, np.zeros(2, complex), np.linspace(0, 60, 61), ntraj=4000, dt=0.02,
                    observables={"o": lambda x: obs(x, vals)}, seed=2, progress=False)
    est = time_average(res, "o", 20.0)
    assert np.all(np.abs(est.mean - exact) < 4 * est.stderr + 2e-3)  # + weak error O(dt)


def test_kerr_positive_p_matches_mesolve_at_short_times():
    """Positive P is exact for the Kerr oscillator (no truncation); short times avoid spikes."""
    a = symq.bosons("a")
    model = symq.Lindblad(chi / 2 * a.dag() ** 2 * a**2, [(kappa, a)])
    vals = {chi: 0.2, kappa: 0.5}
    F = ps.positive_p(model)
    C = compile_sde(F)
    bound = C.bind(vals)
    times = np.linspace(0, 2.0, 5)
    alpha0 = 1.5
    obs = C.function([F.symbol(a), F.symbol(a.dag() * a)])
    x0 = coherent(F, {a: alpha0}, 20000, np.random.default_rng(0))
    res = integrate(bound.drift, bound.diffusion, x0, times, ntraj=20000, dt=0.005, solver=PlatenWeak2(),
                    observables={"o": lambda x: obs(x)}, seed=3, progress=False)
    sp_ = space([a], cutoffs={a: 25})
    out = qutip.mesolve(qobj(model.H, sp_, vals), qutip.coherent(25, alpha0), times,
                        [np.sqrt(0.5) * qobj(a, sp_, vals)], e_ops=[qobj(a, sp_, vals), qobj(a.dag() * a, sp_, vals)])
    exact = np.array(out.expect).T
    assert np.all(np.abs(res.mean["o"] - exact) < 4 * res.stderr["o"] + 1e-3)


def test_spin_dimer_twa_matches_exact_steady_state_up_to_its_bias():
    """AM phase (Gamma_g = Gamma_l = 2g): <S_z>/S from TWA against symq's exact backend for S = 1
    and 3. Known bias O(1/S^2): measured |error| = 0.056, 0.0086, 0.0019, 0.0009 for S = 1, 2, 4, 8
    (PlatenWeak2, dt = 0.01, 2000 trajectories), i.e. about 0.06/S^2; tolerance 4 sigma + 0.1/S^2,
    and the error must fall by more than 3 from S = 1 to 3."""
    errors = []
    for S in (1, 3):
        chain = M.spin_chain(1, S)
        a, b = chain.a[0], chain.b[0]
        runner = twa.SpinTWA(chain.model)
        vals = {M.g: 1.0, M.Gamma_g: 2.0, M.Gamma_l: 2.0}
        exact = exact_steady(chain.model, [a.z, b.z], vals).real
        res = runner.run(vals, runner.sample(800, 1), np.linspace(0, 24, 25), dt=0.01, solver=PlatenWeak2(),
                         observables={"sz": runner.function([a.z, b.z])}, seed=2, progress=False)
        est = time_average(res, "sz", 10.0)
        err = np.abs(est.mean - exact) / S
        assert np.all(err < 4 * est.stderr / S + 0.1 / S**2)
        errors.append(err.max())
    assert errors[1] < errors[0] / 3


def test_dimer_twa_at_large_spin_matches_holstein_primakoff():
    """Ordered (AM) phase, S = 40: S - <S_z^a> from TWA against the Holstein-Primakoff occupation
    (exact Gaussian steady state of the linearised model, checked against closed moment equations
    above). Tolerance 4 sigma + 0.05 (TWA bias O(1/S) in this O(1) quantity)."""
    S = 40
    chain = M.spin_chain(1, S)
    a, b = chain.a[0], chain.b[0]
    vals = {M.g: 1.0, M.Gamma_g: 2.0, M.Gamma_l: 2.0}
    hp = holstein_primakoff(chain.model, {a: True, b: False})
    G = gaussian_steady_state(ps.wigner(hp), vals)
    Fh = ps.wigner(hp)
    n_hp = G.expect(Fh.symbol(symq.bosons("c_a0").dag() * symq.bosons("c_a0"))).real
    runner = twa.SpinTWA(chain.model)
    res = runner.run(vals, runner.sample(1000, 4), np.linspace(0, 30, 31), dt=0.01,
                     observables={"sz": runner.function([a.z])}, seed=5, progress=False)
    est = time_average(res, "sz", 10.0)
    assert abs(S - est.mean[0] - n_hp) < 4 * est.stderr[0] + 0.05


def test_twa_chain_resumes_from_checkpoint(tmp_path):
    """A TWA chain run (2 batches of 8 trajectories, 600 steps each, checkpoints every 50 steps)
    interrupted in the middle of its second batch resumes from the last checkpoint and returns
    bitwise what the uninterrupted run with the same seed returns."""
    runner = twa.ChainTWA(3, 5)
    vals = {M.g: 1.0, M.h: 0.5, M.Gamma_g: 1.5, M.Gamma_l: 1.0}
    x0 = runner.sample(16, 0)
    times = np.linspace(0, 6, 31)
    obs = runner.observables()
    kw = {"dt": 0.01, "seed": 7, "progress": False, "chunk": 8, "checkpoint_every": 50}
    full = runner.run(vals, x0, times, observables=obs, **kw)
    calls = {"n": 0}

    def crash(x):  # 31 samples per batch: call 31 + 17 is at step 320 of the second batch
        calls["n"] += 1
        if calls["n"] == 31 + 17:
            raise KeyboardInterrupt
        return obs["sz"](x)

    path = tmp_path / "run.npz"
    with pytest.raises(KeyboardInterrupt):
        runner.run(vals, x0, times, observables={**obs, "sz": crash}, checkpoint=path, **kw)
    with np.load(path) as saved:
        assert (int(saved["chunk"]), int(saved["step"])) == (1, 300)  # mid-batch checkpoint
    resumed = runner.run(vals, x0, times, observables=obs, checkpoint=path, **{**kw, "progress": True})
    for name in obs:
        np.testing.assert_array_equal(resumed.mean[name], full.mean[name])
        np.testing.assert_array_equal(resumed.stderr[name], full.stderr[name])


# -- mean field and Holstein-Primakoff ------------------------------------------------------------------
def test_mean_field_of_the_dimer_equals_hand_derived_equations():
    """Dimer (H = g/(2S)(S+_a S-_b + h.c.), gain Gamma_g/(2S) D[S+_a], loss Gamma_l/(2S) D[S-_b], 2L
    convention), symmetric factorisation. By hand: L^dag[S_z] = (Gamma/S) S_- S_+ for gain and
    -(Gamma/S) S_+ S_- for loss, with S_-+ S_+- = S(S+1) - S_z^2 -+ S_z and <S_z^2> -> <S_z>^2;
    transverse components decay as -(Gamma/2S)(1 +- 2 S_z) S_x,y."""
    S = sp.Symbol("S", positive=True)
    chain = M.spin_chain(1, S)
    mf = mean_field(chain.model)
    a, b = chain.a[0].site, chain.b[0].site
    ax, ay, az, bx, by, bz = (mf.symbols[(s, k)] for s in (a, b) for k in "xyz")
    g, Gg, Gl = M.g, M.Gamma_g, M.Gamma_l
    expected = {
        (a, "x"): -Gg / (2 * S) * ax * (1 + 2 * az) + g / S * az * by,
        (a, "y"): -Gg / (2 * S) * ay * (1 + 2 * az) - g / S * az * bx,
        (a, "z"): Gg / S * (S * (S + 1) - az * (az + 1)) + g / S * (ay * bx - ax * by),
        (b, "x"): -Gl / (2 * S) * bx * (1 - 2 * bz) + g / S * ay * bz,
        (b, "y"): -Gl / (2 * S) * by * (1 - 2 * bz) - g / S * ax * bz,
        (b, "z"): -Gl / S * (S * (S + 1) - bz * (bz - 1)) + g / S * (ax * by - ay * bx),
    }
    for key, expr in expected.items():
        assert sp.expand(mf.rhs[key] - expr) == 0


@pytest.mark.parametrize(
    "up_a,up_b,rates",
    [(True, False, (2.0, 1.5)), (True, True, (1.0, 0.3)), (False, False, (0.3, 1.0))],
    ids=["up-down", "up-up", "down-down"],
)
def test_holstein_primakoff_gaussian_steady_state_equals_closed_moment_equations(up_a, up_b, rates):
    """Ordered phases of a periodic chain (N = 3 cells, g = 1, h = 0.2): the Gaussian steady state of
    the derived Wigner equation of the Holstein-Primakoff model against the steady state of symq's
    closed second-moment equations (an independent route); tolerance: linear-solve round-off."""
    chain = M.spin_chain(3, 10)
    hp = holstein_primakoff(chain.model, {x: up_a for x in chain.a} | {x: up_b for x in chain.b})
    vals = {M.g: 1.0, M.h: 0.2, M.Gamma_g: rates[0], M.Gamma_l: rates[1]}
    F = ps.wigner(hp)
    G = gaussian_steady_state(F, vals)
    ca0, cb0, ca1 = symq.bosons("c_a0 c_b0 c_a1")
    ops = [ca0.dag() * ca0, cb0.dag() * cb0, ca0.dag() * cb0, ca0.dag() * ca1, cb0 * ca1]
    system = hp.moments(ops)
    A, b = system.numeric(vals)
    v = np.linalg.solve(A, -b)
    for o in ops:
        assert abs(G.expect(F.symbol(o)) - v[system.basis.index(o)]) < 1e-10


@given(xi=st.floats(0.5, 8.0), amp=st.floats(0.1, 10.0))
def test_correlation_length_fit_recovers_xi_of_a_periodic_chain(xi, amp):
    """|C(s)| = A cosh((N/2 - s)/xi) on a periodic chain of N = 20 cells with 1% errors: the fit
    returns xi within 1e-6 relative (noise-free data) and a finite error bar."""
    s = np.arange(11)
    c = amp * np.cosh((10 - s) / xi)
    fit, err = twa.fit_correlation_length(Estimate(c, 0.01 * c))
    assert fit == pytest.approx(xi, rel=1e-6)
    assert np.isfinite(err) and err > 0


def test_saturable_jumps_and_bad_inputs_raise_clear_errors():
    a = symq.bosons("a")
    with pytest.raises(ModelError, match="annihilation operator"):
        ps.Saturable(a.dag(), M.saturation)
    with pytest.raises(ModelError, match="non-negative"):
        ps.Model(0, [(-1, ps.Saturable(a, M.saturation))])
    with pytest.raises(ModelError, match="saturation"):
        ps.glauber_p(ps.Model(0, [(1, ps.Saturable(a, M.saturation))]), saturation="bogus")
    with pytest.raises(ModelError, match="positive-P"):
        ps.derive(oscillator()[1], ps.POSITIVE_P, positive_diffusion=True)
    with pytest.raises(ModelError, match="values for"):
        compile_sde(ps.wigner(oscillator()[1])).bind({kappa: 1.0})
    with pytest.raises(ModelError, match="2-level site"):
        ps.wigner(symq.Lindblad(0, [(kappa, symq.qubits("q"))]))


# -- power-grid figures (Figs. 2-3, 5, App. C, App. F) and Fig. 5d's correlation length ----------------------
def _dimer_drift(Gi, Ge, gamma, g=1.0):
    """Noise-free P drift of the power-grid dimer, written by hand from Eq. (1) (n0 = 1):
    H = -(g/2)(a1^dag a2 + H.c.) gives d alpha_1 = i g/2 alpha_2, and the saturated gain/loss
    Gamma f^2(|alpha|^2) with f(x) = 1/(1 + x) plus the bare damping gamma act on the amplitude
    with half the rate: d alpha_1 = (Gi f^2 - gamma)/2 alpha_1 + ..., d alpha_2 = -(Ge f^2 + gamma)/2 alpha_2 + ..."""
    x1, y1, x2, y2 = sp.symbols("x1 y1 x2 y2", real=True)
    a1, a2 = x1 + sp.I * y1, x2 + sp.I * y2
    f2 = lambda z: 1 / (1 + sp.Abs(z) ** 2) ** 2
    d1 = (Gi * f2(a1) - gamma) / 2 * a1 + sp.I * g / 2 * a2
    d2 = -(Ge * f2(a2) + gamma) / 2 * a2 + sp.I * g / 2 * a1
    return (x1, y1, x2, y2), (a1, a2), (d1, d2)


def _co_rotating_fixed_point(Gi, Ge, gamma, guess):
    """Fixed point of the hand-written dimer drift in the frame rotating with alpha (d alpha = -i w alpha):
    unknowns (alpha_1 > 0 real, Re alpha_2, Im alpha_2, w). Returns (alpha, w, eigenvalues of the
    Jacobian of d alpha + i w alpha over (Re alpha_1, Im alpha_1, Re alpha_2, Im alpha_2), whose one
    zero mode is the global phase)."""
    xs, (a1, a2), (d1, d2) = _dimer_drift(Gi, Ge, gamma)
    w = sp.Symbol("w", real=True)
    eqs = [sp.simplify(part(d + sp.I * w * a)) for d, a in ((d1, a1), (d2, a2)) for part in (sp.re, sp.im)]  # d/dt xs
    F = sp.lambdify([xs, w], eqs)
    sol = scipy.optimize.fsolve(lambda p: F([p[0], 0.0, p[1], p[2]], p[3]), guess, xtol=1e-14)
    point = {xs[0]: sol[0], xs[1]: 0.0, xs[2]: sol[1], xs[3]: sol[2], w: sol[3]}
    jac = np.array(sp.Matrix(eqs).jacobian(xs).xreplace(point).evalf(), dtype=float)
    assert np.max(np.abs(F([sol[0], 0.0, sol[1], sol[2]], sol[3]))) < 1e-10
    return np.array([sol[0], sol[1] + 1j * sol[2]]), sol[3], jac


def test_hand_written_dimer_drift_is_the_derived_one():
    grid = nw.chain(2)
    Gi, Ge, gamma = sp.symbols("Gi Ge gamma_", positive=True)
    values = {M.g: 1, M.gamma: gamma, M.n_th: sp.Symbol("N_th_"), M.n0: 1} | {grid.rates_in[0]: Gi, grid.rates_out[1]: Ge}
    _, (a1, a2), (d1, d2) = _dimer_drift(Gi, Ge, gamma)
    al1, al1c, al2, al2c = grid.fpe.variables
    to_xy = {al1: a1, al1c: sp.conjugate(a1), al2: a2, al2c: sp.conjugate(a2)}
    for var, mine in ((al1, d1), (al2, d2)):
        derived = grid.fpe.drift[var].xreplace(values).xreplace(to_xy)
        assert sp.simplify(sp.expand_complex(derived - mine)) == 0


def test_noise_free_dimer_current_equals_app_c_and_a_root_of_the_drift():
    """current_sweep(noise=False) on the dimer (Gamma_i = 4g, gamma = 0.05g): in the symmetric phase
    (Gamma_e < Gamma_e^* = 3.62g) the current equals App. C's closed form (symq.formulas.power_grids,
    derived by issue 8); in the broken phase (Gamma_e = 8g) it equals g Im(alpha_1^* alpha_2) at the
    root of the hand-written drift found by fsolve from App. C's leading-order amplitudes, a fixed
    point (w = 0). Tolerance 1e-6 relative: the ODE is integrated to t = 800 >> 25 tau_r."""
    res = nw.current_sweep(nw.chain(2), [2.0, 3.0, 8.0], gain=4.0, gamma=0.05, t_settle=800.0, noise=False)
    closed = PG.current_symmetric(4.0, np.array([2.0, 3.0]), 0.05, 1.0)
    np.testing.assert_allclose(res["noise_free"][:2, 0], closed, rtol=1e-6)
    n1 = PG.occupation_1_broken_leading(1.0, 4.0, 8.0, 1.0)
    alpha, w, _ = _co_rotating_fixed_point(4.0, 8.0, 0.05, [np.sqrt(n1), 0.0, 0.3, 0.0])
    assert abs(w) < 1e-10
    assert res["noise_free"][2, 0] == pytest.approx(np.imag(np.conj(alpha[0]) * alpha[1]), rel=1e-6)


@pytest.mark.parametrize("Ge", [3.0, 8.0], ids=["symmetric", "broken"])
def test_relaxation_time_of_the_dimer_is_its_slowest_linear_rate(Ge):
    """App. F's tau_r (kick alpha_1 by 1/10, time between |delta |alpha_1|^2| = 1e-5 and 1e-8 over
    ln 10^3) against 1/|Re mu| of the slowest non-zero eigenvalue mu of the hand-written drift
    linearised in the co-rotating frame (the symmetric phase is a limit cycle with w != 0). In the
    linear regime delta|alpha_1|^2 ~ 2 Re(alpha_1^* delta alpha_1) decays like e^{Re mu t} provided
    the slowest mode moves |alpha_1|^2 at linear order (asserted; a mode dark at linear order would
    show up at rate 2|Re mu|, as the slowest mode of the N = 4 chain does). Measured agreement 0.2%
    (symmetric) and 1% (broken: the next mode, 7x faster, has not fully died at 1e-5); tolerance 3%."""
    grid = nw.chain(2)
    values = grid.values(gamma=0.05, gain=4.0, loss=Ge)
    _, traj = grid.deterministic(values, t_end=800.0, samples=2)
    alpha = traj[-1] * np.exp(-1j * np.angle(traj[-1][0]))
    w0 = np.real(1j * grid._ode(values)(0, np.r_[alpha.real, alpha.imag])[[0, 2]] @ [1, 1j] / alpha[0])
    fixed, w, jac = _co_rotating_fixed_point(4.0, Ge, 0.05, [alpha[0].real, alpha[1].real, alpha[1].imag, w0])
    np.testing.assert_allclose(fixed, alpha, atol=1e-6)
    assert (abs(w) > 1e-3) == (Ge < PG.transition_point(1.0, 4.0, 0.05))  # limit cycle only when symmetric
    mu, modes = np.linalg.eig(jac)
    decaying = np.flatnonzero(np.abs(mu) > 1e-8)
    assert np.all(mu.real[decaying] < 0)
    slowest = decaying[np.argmax(mu.real[decaying])]
    assert abs(2 * fixed[0].real * modes[0, slowest]) > 0.1  # d|alpha_1|^2 = 2 alpha_1 d Re alpha_1 (alpha_1 real)
    tau = grid.relaxation_time(values, t_settle=800.0, t_max=800.0)
    assert tau == pytest.approx(-1 / mu[slowest].real, rel=0.03)


def test_chain_given_as_a_graph_equals_chain():
    A = np.zeros((3, 3), int)
    A[0, 1] = A[1, 0] = A[1, 2] = A[2, 1] = 1
    given, chain = nw.PowerGrid(A, gain=[0], loss=[2]), nw.chain(3)
    assert given.edges == chain.edges
    assert given.fpe.drift == chain.fpe.drift and given.fpe.diffusion() == chain.fpe.diffusion()
    assert given.current_ops == chain.current_ops


def test_grid_noise_free_steady_state_obeys_kirchhoff():
    """Fig. 5a's 3 x 3 grid (gain at site 0, loss at 6 and 8; Gamma_i = 4g, Gamma_e = 4g and 6g,
    gamma = 0.05g): at the noise-free steady state d|alpha_k|^2/dt = 0 is Kirchhoff's law with the
    derived currents J_ij = g Im(alpha_i^* alpha_j) (from i to j): the net current into a bulk site
    is its bare loss gamma |alpha_k|^2, out of the gain site (Gamma_i f^2 - gamma)|alpha|^2, into a
    loss site (Gamma_e f^2 + gamma)|alpha|^2 (f = 1/(1 + |alpha|^2), n0 = 1)."""
    net = nw.grid(3, 3, gain=[0], loss=[6, 8])
    values = net.values(gamma=0.05, gain=4.0, loss={6: 4.0, 8: 6.0})
    _, traj = net.deterministic(values, t_end=400.0, samples=2)  # a limit cycle, settled to 1e-10
    alpha = traj[-1]
    J = net.currents(alpha, values)[0].real
    inflow = np.zeros(9)
    for (i, j), Jij in zip(net.edges, J):
        inflow[j] += Jij
        inflow[i] -= Jij
    n = np.abs(alpha) ** 2
    f2 = 1 / (1 + n) ** 2
    expected = 0.05 * n
    expected[0] = -(4.0 * f2[0] - 0.05) * n[0]
    expected[6] += 4.0 * f2[6] * n[6]
    expected[8] += 6.0 * f2[8] * n[8]
    assert np.abs(J).max() > 0.1  # a current flows
    np.testing.assert_allclose(inflow, expected, atol=1e-7)


def test_holstein_primakoff_chain_correlation_decays_with_the_derived_lambda():
    """AM phase (Gamma_g = Gamma_l > g + h, h = 0.5g), periodic HP chain of 10 cells: the exact
    Gaussian steady state (symq.phasespace.linear) gives <c_{a,s}^dag c_{a,0}> = sum over images of
    the infinite chain's C(s) = C_1 lambda^s (symq.formulas.spin_lattices.correlation_up_down,
    lambda_up_down; the printed Eq. A16 has lambda^{s-1}), i.e. C_1 (lambda^s + lambda^{N-s})/(1 - lambda^N)."""
    N = 10
    chain = M.spin_chain(N, 100)
    F = ps.wigner(holstein_primakoff(chain.model, {x: True for x in chain.a} | {x: False for x in chain.b}))
    c = symq.bosons(" ".join(f"c_a{n}" for n in range(N)))
    for G in (1.6, 2.5):
        G_ss = gaussian_steady_state(F, {M.g: 1.0, M.h: 0.5, M.Gamma_g: G, M.Gamma_l: G})
        corr = np.array([G_ss.expect(F.symbol(c[s].dag() * c[0])).real for s in range(1, N // 2 + 1)])
        lam = SL.lambda_up_down(1.0, 0.5, G, G)
        s = np.arange(1, N // 2 + 1)
        ring = SL.correlation_up_down(s, 1.0, 0.5, G, G) * (1 + lam ** (N - 2 * s)) / (1 - lam**N)
        np.testing.assert_allclose(corr, ring, rtol=1e-9)
        assert SL.correlation_length_up_down(1.0, 0.5, G, G) == pytest.approx(-1 / np.log(lam))


def test_current_sweep_checkpoints_each_point(tmp_path):
    """A stochastic current_sweep with checkpoint_dir writes one checkpoint per point, and a rerun over
    those checkpoints returns the same numbers (the resume itself is tested in test_sde's
    checkpoint tests); a site without loss is refused."""
    grid = nw.chain(2)
    kw = {"gain": 4.0, "gamma": 0.05, "n0": 4.0, "t_settle": 50.0, "ntraj": 8, "t_burn": 1.0, "t_end": 3.0, "dt": 0.02,
          "samples": 21, "seed": 5, "progress": False, "checkpoint_dir": tmp_path / "new" / "dir"}
    first = nw.current_sweep(grid, [6.0, 8.0], site=1, **kw)  # the checkpoint directory is created
    assert sorted(p.name for p in kw["checkpoint_dir"].iterdir()) == ["point_0.npz", "point_1.npz"]
    again = nw.current_sweep(grid, [6.0, 8.0], site=1, **kw)
    for key in ("noise_free", "current", "current_err", "spread"):
        np.testing.assert_array_equal(first[key], again[key])
    assert np.all(first["spread"] > 0)
    with pytest.raises(symq.errors.NumericsError, match="loss site"):
        nw.current_sweep(grid, [6.0], site=0, noise=False)
