"""symq.figures: a small figure rendered, its data checked against the formulas and the backend."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from symq import figures
from symq.errors import SymqError
from symq.formulas import unbalanced_dimer as f

QUANTITY = {"a": f.epr, "b": f.linear_entropy, "c": f.concurrence}


def _params(text: str) -> dict:
    return {k: float(v) for k, v in (kv.split("=") for kv in text.split(";") if kv)}


def _curves(folder, name: str) -> dict:
    """``{(panel, curve, params): (x, y)}`` from a figure's CSV (curve rows only)."""
    out = {}
    for r in figures.read_csv(folder / f"{name}.csv"):
        if r["z"] is None:
            out.setdefault((r["panel"], r["curve"], r["params"]), []).append((r["x"], r["y"]))
    return {k: np.array(v).T for k, v in out.items()}


def test_fig4_files_and_data_match_the_formulas(tmp_path):
    written = figures.render("unbalanced_dimer", tmp_path, only=["fig4"], quality="fast")
    assert {p.name for p in written} == {"fig4.csv", "fig4.png", "fig4.pdf"}
    assert all(p.stat().st_size > 1000 for p in written)
    rows = figures.read_csv(tmp_path / "unbalanced_dimer" / "fig4.csv")
    curves = {(r["panel"], r["params"]) for r in rows}
    assert {panel for panel, _ in curves} == {"a", "b", "c"} and len(curves) == 9  # 3 panels x s = 1/2, 1, 2
    for panel, params in curves:
        pts = [r for r in rows if (r["panel"], r["params"]) == (panel, params)]
        x, y = np.array([r["x"] for r in pts]), np.array([r["y"] for r in pts])
        p = _params(params)
        assert p["kappa"] == 1.0 and p["s"] in (0.5, 1.0, 2.0)
        # CSV round trip of repr(float) is exact: the sweep's values are the formula's values
        np.testing.assert_array_equal(y, QUANTITY[panel](p["s"], x, p["kappa"]))


def test_fig4_reference_lines_are_the_formulas_features():
    fig = figures.figures("unbalanced_dimer")["fig4"]("fast")
    for s, scp in zip((0.5, 1.0, 2.0), fig.panel("c").vlines, strict=True):
        # the separability critical point: concurrence > 0 just below, = 0 just above
        assert f.concurrence(s, scp - 1e-6, 1.0) > 0 and f.concurrence(s, scp + 1e-6, 1.0) == 0
    g = np.linspace(1e-3, 10, 200_001)  # spacing 5e-5: the grid maximum is within ~1e-9 of the true one
    maxima = [float(f.epr(s, g, 1.0).max()) for s in (0.5, 1.0, 2.0)]
    hlines = fig.panel("a").hlines  # distinct maxima (s = 1/2 and s = 2 share theirs)
    assert len(hlines) == 2
    for m in maxima:
        assert min(abs(h - m) for h in hlines) < 1e-8


def test_fig3_backend_correlations_meet_the_formula_at_zero_delay():
    """g2_X(0) from quantum regression (exact backend) equals the generated g2_cross at s = 1."""
    fig = figures.figures("unbalanced_dimer")["fig3"]("fast")
    for c in fig.panel("b").curves:
        # regression from a sparse steady state; both ~1e-13 accurate
        assert c.y[0] == pytest.approx(float(f.g2_cross(1.0, c.params["g"], 1.0)), rel=1e-9)
    for c in fig.panel("a").curves:
        assert abs(c.y[0]) < 1e-9  # a qubit cannot emit twice at once
        assert c.y[-1] == pytest.approx(1.0, abs=0.01)  # coherent at tau = 8/kappa: e^{-8} scale


def test_unknown_figure_and_paper(tmp_path):
    with pytest.raises(SymqError, match="fig9"):
        figures.render("unbalanced_dimer", tmp_path, only=["fig9"])
    with pytest.raises(SymqError, match="nope"):
        figures.figures("nope")
    assert not any(tmp_path.iterdir())


def test_spin_lattices_panels_are_the_formulas_along_their_paths(tmp_path):
    from symq.formulas import spin_lattices as sl

    figures.render("spin_lattices", tmp_path, quality="fast")
    rows = {}
    for name in ("fig2", "fig3", "fig5"):
        for r in figures.read_csv(tmp_path / "spin_lattices" / f"{name}.csv"):
            rows.setdefault((name, r["curve"], r["params"]), []).append((r["x"], r["y"]))
    assert len(rows) == 8 + 1 + 1  # 4 spins x 2 sites, one purity curve, one correlation length
    for (name, label, params), xy in rows.items():
        x, y = np.array(xy).T
        p = _params(params)
        if name == "fig2":  # along Gamma_g = Gamma_l = x, magnetisation per S
            site = label.rsplit(" ", 1)[1]
            fn = getattr(sl, f"magnetization_{site}_up_down")
            expected = fn(p["S"], p["g"], p["h"], x, x) / p["S"]
        elif name == "fig3":  # x = Gamma_g - Gamma_l at mean rate 0.5 g
            expected = sl.purity_up_up(p["g"], p["mean_rate"] + x / 2, p["mean_rate"] - x / 2)
        else:
            expected = sl.correlation_length_up_down(p["g"], p["h"], x, x)
        # same formula, same floats, through a sweep and a CSV of repr(float)
        np.testing.assert_allclose(y, expected, rtol=1e-15, atol=0)
        assert np.all(np.isfinite(y))


def test_bell_states_curves_are_the_regime_formulas(tmp_path):
    from symq.formulas import bell_states as bs

    figures.render("bell_states", tmp_path, quality="fast")
    folder = tmp_path / "bell_states"
    regimes = {"underdamped": bs.concurrence_underdamped, "critical": bs.concurrence_critical,
               "delta = 0.3": bs.concurrence_overdamped, "delta = 0": bs.concurrence_overdamped}
    fig2 = _curves(folder, "fig2")
    assert len(fig2) == 4
    for (_, label, params), (t, y) in fig2.items():
        fn = next(f for key, f in regimes.items() if label.endswith(key) or f"({key})" in label)
        np.testing.assert_allclose(y, fn(t=t, **_params(params)), rtol=1e-15, atol=0)
        assert y[0] == 0 and np.all((y >= 0) & (y <= 1))  # separable |up down> at t = 0; C in [0, 1]
    fig3 = _curves(folder, "fig3")
    (t, broken), = (v for k, v in fig3.items() if "broken" in k[1])
    fn = bs.postselected_concurrence_pt_broken
    np.testing.assert_allclose(broken, fn(Gamma=2.0, delta=0.0, t=t), rtol=1e-15, atol=0)
    assert np.all(np.diff(broken) > 0) and broken[-1] > 0.99  # no oscillation; a Bell state is approached
    (eta, peak), = (v for k, v in fig3.items() if k[0] == "inset")
    np.testing.assert_allclose(peak, bs.max_postselected_concurrence(eta), rtol=1e-15, atol=0)
    (t, exact), = (v for k, v in fig3.items() if "exact" in k[1])
    assert exact.max() <= bs.max_postselected_concurrence(2.5) + 1e-12  # delta / Gamma = 5 / 2


def test_thermal_limits_maps_are_the_formulas_on_the_grid(tmp_path):
    from symq.formulas import thermal_limits as tl

    figures.render("thermal_limits", tmp_path, quality="fast")
    rows = figures.read_csv(tmp_path / "thermal_limits" / "fig1.csv")
    conc = [r for r in rows if r["panel"] == "b"]
    sigma = [r for r in rows if r["panel"] == "c"]
    assert len(conc) == len(sigma) == 21 * 21
    for r in conc:
        assert r["z"] == float(tl.concurrence(r["x"], r["y"]))  # x = beta_A, y = beta_S
    for r in sigma:
        assert r["z"] == float(tl.entropy_production(r["x"], r["y"], 1.0))
    ((_, _, params), (kappa, c)), = _curves(tmp_path / "thermal_limits", "fig2").items()
    np.testing.assert_allclose(c, tl.cavity_concurrence_effective(kappa=kappa, **_params(params)), rtol=1e-15, atol=0)


@pytest.mark.slow
def test_fig5_two_level_oscillators_are_the_qubit_formulas():
    """Fig. 5's N = 2 truncated oscillators (exact backend) coincide with the qubit formulas."""
    fig = figures.figures("unbalanced_dimer")["fig5"]("fast")
    for panel, fn in (("abc", f.purity), ("def", f.negativity)):
        for key in panel:
            (c,) = [c for c in fig.panel(key).curves if c.label == "N = 2"]
            # sparse steady state to ~1e-13; negativity from eigvalsh of the partial transpose
            np.testing.assert_allclose(c.y, fn(c.params["s"], c.x, 1.0), rtol=1e-9, atol=1e-12)


def test_fig2_spectrum_is_the_sum_of_its_four_regression_parts():
    """Two routes: the sparse resolvent of the Liouvillian (thick) and the four modes of the
    first-moment system of sigma_1 (thin, symbolic moments + exact steady state)."""
    fig = figures.figures("unbalanced_dimer")["fig2"]("fast")
    for key in "abc":
        total, *parts = fig.panel(key).curves
        assert len(parts) == 4
        # both are ~1e-13 accurate; the spectrum is O(0.1-1)
        np.testing.assert_allclose(sum(p.y for p in parts), total.y, rtol=0, atol=1e-10)
        assert np.all(total.y > 0)  # a power spectrum is non-negative (the parts need not be)
