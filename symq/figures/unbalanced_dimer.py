"""Figures 1-5 of unbalanced-gain-loss-qubits.md (Downing & Fox), regenerated.

Model (:mod:`symq.models.unbalanced_dimer`): gain ``s kappa D[sigma_1^dag]``, loss
``kappa D[sigma_2]``, coupling ``g``; all rates in units of ``kappa = 1``. Steady-state curves
(Figs. 1c, 3c, 4, and the qubit lines of 5) are sweeps of the generated formulas
``symq.formulas.unbalanced_dimer``; time-dependent and spectral panels (1b, 2, 3a, 3b) come from
the exact backend (QuTiP ``mesolve`` for 1b, :mod:`symq.numerics.exact` correlations and
spectrum; the four parts of each spectrum from the quantum regression of the first-moment
system, :mod:`symq.correlations`), Fig. 5 from two truncated N-level oscillators
(:func:`symq.numerics.exact.reproductions.unbalanced_dimer_truncated`). Reference lines are
computed from the same formulas (limits, maxima, separability critical points), not copied from
the paper. Not drawn: the schematic 1(a).
"""

from __future__ import annotations

import numpy as np

from . import data
from .layout import Curve, Figure, Panel

NAME = "unbalanced_dimer"
S_VALUES = (0.5, 1.0, 2.0)
S_STYLE = {0.5: {"color": "tab:orange"}, 1.0: {"color": "tab:cyan"}, 2.0: {"color": "tab:pink"}}
QUBIT_STYLE = {1: {"color": "tab:green"}, 2: {"color": "tab:pink"}}
SIZES = {"fast": 25, "default": 201, "paper": 801}


def formula_grid(quantity: str, s_values, g_values, **fixed) -> np.ndarray:
    """``quantity[i, j]`` at ``s_values[i]``, ``g_values[j]`` (``kappa = 1`` unless in ``fixed``)."""
    axes = {"s": s_values, "g": g_values, "kappa": 1.0, **fixed}
    return data.formula_grid(NAME, quantity, **axes).reshape(len(s_values), len(g_values))


def _formula(quantity: str, s: float, g: float, **fixed) -> float:
    """One value of a generated formula (``kappa = 1`` unless in ``fixed``)."""
    return data.formula_value(NAME, quantity, **{"s": s, "g": g, "kappa": 1.0, **fixed})


def _s_curves(quantity: str, g_values, **fixed) -> tuple[Curve, ...]:
    values = formula_grid(quantity, S_VALUES, g_values, **fixed)
    return tuple(
        Curve(f"s = {s:g}", g_values, values[i], {"s": s, "kappa": 1.0, **fixed}, S_STYLE[s])
        for i, s in enumerate(S_VALUES)
    )


def _last_positive(quantity: str, s: float, lo: float, hi: float) -> float:
    """The coupling where ``quantity`` (positive at ``lo``, zero at ``hi``) first vanishes, by bisection."""
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if _formula(quantity, s, mid) > 0 else (lo, mid)
    return 0.5 * (lo + hi)


def _maximum(quantity: str, s: float) -> float:
    from scipy.optimize import minimize_scalar

    res = minimize_scalar(lambda g: -_formula(quantity, s, g), bounds=(1e-3, 10.0), method="bounded",
                          options={"xatol": 1e-10})
    return -float(res.fun)


def _model_values(s: float, g: float) -> tuple:
    from ..models import get

    spec = get(NAME)
    sym = spec.symbols
    values = {sym["s"]: s, sym["g"]: g, sym["kappa"]: 1.0, sym["omega_0"]: 0.0}
    return spec.model, values, spec.ops["sigma_1"], spec.ops["sigma_2"]


def fig1(quality: str) -> Figure:
    """Populations vs time (1b, exact) and steady-state current vs g (1c, formula)."""
    import qutip

    from ..algebra import to_sparse
    from ..numerics.exact import build, to_qutip

    times = np.linspace(0, 8, SIZES[quality] // 2 + 1)
    curves = []
    for gv, lw in ((2.0, 2.0), (0.5, 0.8)):
        model, values, q1, q2 = _model_values(1.0, gv)
        H, c_ops = to_qutip(model, values)
        space = build(model, values).space
        dims = [list(space.dims)] * 2
        n1, n2 = (qutip.Qobj(to_sparse(q.dag() * q, space), dims=dims) for q in (q1, q2))
        rho0 = qutip.Qobj(np.diag([0.0, 0.0, 1.0, 0.0]), dims=dims)  # qubit 1 excited, 2 ground
        expect = qutip.mesolve(H, rho0, times, c_ops, e_ops=[n1, n2]).expect
        for n in (1, 2):
            curves.append(Curve(f"n{n}, g = {gv:g}", times, np.real(expect[n - 1]), {"s": 1.0, "g": gv, "kappa": 1.0},
                                {**QUBIT_STYLE[n], "lw": lw}))
    g_values = np.linspace(0, 3, SIZES[quality])
    current = _s_curves("current", g_values, omega_0=1.0)
    limits = tuple(_formula("current", s, 1e6, omega_0=1.0) for s in S_VALUES)
    return Figure("fig1", "Fig. 1 (b) populations <sigma_n^dag sigma_n>(t), s = 1, from |1,0> (QuTiP mesolve); "
                  "(c) steady-state current J / (omega_0 kappa) vs g / kappa (formula `current`); dashed: J at g -> inf",
                  (Panel("b", "t kappa", "population", tuple(curves)),
                   Panel("c", "g / kappa", "J / (omega_0 kappa)", current, hlines=limits)), ncols=2)


def _spectrum_parts(model, values, sigma, rho, space, omegas) -> tuple[np.ndarray, np.ndarray]:
    """The eigenvalues ``lambda_k`` of the first-moment system of ``sigma`` and the spectrum's part
    from each: ``S = sum_k (1/pi) Re[-r_k / (lambda_k + i omega)] / <sigma^dag sigma>``,
    ``r_k`` the weight of mode k in ``<sigma^dag(0) sigma(tau)>`` (quantum regression; the system
    of a U(1)-charged operator has no drive term)."""
    import sympy as sp

    from ..correlations import g1, numeric_expect

    reg = g1(model, sigma, numeric_expect(rho, space))
    M, _ = reg.system.numeric(values)
    u0 = np.array([complex(sp.N(x.xreplace(values))) for x in reg.u0])
    norm = float(sp.re(sp.N(sp.sympify(reg.norm).xreplace(values))))
    lam, V = np.linalg.eig(M)
    weight = V[reg.index] * np.linalg.solve(V, u0)
    parts = (-weight[:, None] / (lam[:, None] + 1j * omegas[None, :])).real / (np.pi * norm)
    return lam, parts


def fig2(quality: str) -> Figure:
    """Optical spectrum of qubit 1 at s = 1 for g = 0.2, 1, 2 and its four parts (exact backend, regression)."""
    from ..numerics.exact import build, power_spectrum, steady_state

    omegas = np.linspace(-4, 4, SIZES[quality] + 200)
    panels = []
    for key, gv in (("a", 0.2), ("b", 1.0), ("c", 2.0)):
        model, values, q1, _ = _model_values(1.0, gv)
        params = {"s": 1.0, "g": gv, "kappa": 1.0}
        n1 = _formula("population_1", 1.0, gv)
        S = power_spectrum(model, values, q1.dag(), q1, omegas).real / (2 * np.pi * n1)
        lam, parts = _spectrum_parts(model, values, q1, steady_state(model, values).full(),
                                     build(model, values).space, omegas)
        curves = [Curve(f"g = {gv:g}", omegas, S, params, {**S_STYLE[1.0], "lw": 2.5})]
        lam = np.where(np.abs(lam.imag) < 1e-9, lam.real, lam)  # real eigenvalues print without round-off
        curves += [Curve(f"lambda = {complex(lam_k):.3g}".replace("j", "i").replace("+0i", ""), omegas, part,
                         params, {"lw": 0.8}) for lam_k, part in zip(lam, parts, strict=True)]
        panels.append(Panel(key, "(omega - omega_0) / kappa", "S(omega)", tuple(curves), hlines=(0.0,)))
    return Figure("fig2", "Fig. 2 optical spectrum of qubit 1, S = (2 pi <n1>)^-1 int dtau e^{-i w tau} "
                  "<sigma_1^dag(tau) sigma_1(0)> (unit area), s = 1 (thick: symq.numerics.exact.power_spectrum); "
                  "thin: the parts of the four first-moment eigenvalues lambda (quantum regression)", tuple(panels))


def fig3(quality: str) -> Figure:
    """g2 correlations vs delay (3a, 3b, exact backend) and g2_X(0) vs g (3c, formula)."""
    from ..numerics.exact import correlation_3op, g2

    taus = np.linspace(0, 8, SIZES[quality] // 2 + 1)
    direct, cross = [], []
    for gv, lw in ((2.0, 2.0), (0.5, 0.8)):
        model, values, q1, q2 = _model_values(1.0, gv)
        params = {"s": 1.0, "g": gv, "kappa": 1.0}
        for n, q in ((1, q1), (2, q2)):
            direct.append(Curve(f"g2_{n}, g = {gv:g}", taus, g2(model, values, q, taus), params,
                                {**QUBIT_STYLE[n], "lw": lw}))
        n1, n2 = _formula("population_1", 1.0, gv), _formula("population_2", 1.0, gv)
        gx = correlation_3op(model, values, q1.dag(), q2.dag() * q2, q1, taus).real / (n1 * n2)
        cross.append(Curve(f"g = {gv:g}", taus, gx, params, {"color": "tab:blue", "lw": lw}))
    g_values = np.linspace(0, 3, SIZES[quality])
    limits = tuple(_formula("g2_cross", s, 0.0) for s in S_VALUES)
    return Figure("fig3", "Fig. 3 (a) g2_n(tau), (b) g2_X(tau) = <s1^dag(0) n2(tau) s1(0)>/(<n1><n2>), s = 1 "
                  "(symq.numerics.exact, quantum regression); (c) g2_X(0) vs g (formula `g2_cross`); "
                  "dashed: g2_X(0) at g = 0",
                  (Panel("a", "tau kappa", "g2_n(tau)", tuple(direct), hlines=(1.0,)),
                   Panel("b", "tau kappa", "g2_X(tau)", tuple(cross), hlines=(1.0,)),
                   Panel("c", "g / kappa", "g2_X(0)", _s_curves("g2_cross", g_values), hlines=limits)))


def fig4(quality: str) -> Figure:
    """EPR, linear entropy and concurrence vs g for s = 1/2, 1, 2 (formulas)."""
    g_values = np.linspace(0, 3, SIZES[quality])
    epr_max = tuple(sorted({round(_maximum("epr", s), 12) for s in S_VALUES}))
    entropy_inf = tuple(sorted({round(_formula("linear_entropy", s, 1e6), 12) for s in S_VALUES}))
    scps = tuple(_last_positive("concurrence", s, 1e-3, 10.0) for s in S_VALUES)
    return Figure("fig4", "Fig. 4 steady-state EPR, linear entropy and concurrence vs g / kappa, s = 1/2, 1, 2 "
                  "(formulas); dashed: EPR maxima, entropy at g -> inf, concurrence zeroes (SCPs)",
                  (Panel("a", "g / kappa", "EPR", _s_curves("epr", g_values), hlines=epr_max),
                   Panel("b", "g / kappa", "linear entropy", _s_curves("linear_entropy", g_values), hlines=entropy_inf),
                   Panel("c", "g / kappa", "concurrence", _s_curves("concurrence", g_values), vlines=scps)))


FIG5_N = {"fast": (2, 3), "default": (2, 3, 5, 8), "paper": (2, 3, 5, 10, 20)}
FIG5_G = {"fast": 6, "default": 40, "paper": 80}


def fig5(quality: str) -> Figure:
    """Purity, negativity and Liouvillian gap of N-level oscillator dimers vs g (exact backend)."""
    from ..numerics.exact.reproductions import unbalanced_dimer_truncated

    g_values = np.linspace(0.02, 3, FIG5_G[quality])
    g_fine = np.linspace(0.02, 3, SIZES[quality])
    rows = {"purity": [], "negativity": [], "gap": []}
    greens = np.linspace(0.35, 0.9, len(FIG5_N[quality]) - 1)
    for s in S_VALUES:
        truncated = unbalanced_dimer_truncated(FIG5_N[quality], s, g_values, progress=False)
        for q, row in rows.items():
            curves = [] if q == "gap" else [
                Curve(f"qubits, s = {s:g}", g_fine, formula_grid(q, [s], g_fine)[0], {"s": s, "kappa": 1.0},
                      {**S_STYLE[s], "lw": 2.5})]
            for i, N in enumerate(truncated.N_values):
                green = (0.1, greens[i - 1], 0.2) if N > 2 else None  # dark (small N) to light green
                style = {**S_STYLE[s], "lw": 2.5} if N == 2 else {"color": green, "lw": 0.8}
                if N == 2 and q != "gap":
                    style = {**style, "lw": 0, "marker": "o", "ms": 2.5}
                curves.append(Curve(f"N = {N}", g_values, getattr(truncated, q)[i], {"s": s, "kappa": 1.0, "N": int(N)}, style))
            row.append(curves)
    panels = []
    keys = iter("abcdefghi")
    for q, label in (("purity", "purity"), ("negativity", "negativity"), ("gap", "Liouvillian gap / kappa")):
        for curves in rows[q]:
            panels.append(Panel(next(keys), "g / kappa", label, tuple(curves)))
    return Figure("fig5", "Fig. 5 purity, negativity and Liouvillian gap vs g / kappa for s = 1/2, 1, 2 (columns): "
                  "qubit formulas (thick), exact steady states of two N-level oscillators (dots: N = 2, thin: N > 2)",
                  tuple(panels))


FIGURES = {"fig1": fig1, "fig2": fig2, "fig3": fig3, "fig4": fig4, "fig5": fig5}
