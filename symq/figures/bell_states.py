"""Figures 2 and 3 of bell-states-dissipative-coupling.md, from the generated formulas.

Model (:mod:`symq.models.bell_states`): two spin qubits with local relaxation ``a``, dissipative
coupling ``A`` and coherent coupling ``delta``, at zero temperature, starting in
``|up down>``; rates in units of ``a``. Every curve is a sweep of ``symq.formulas.bell_states``
over time on its regime's formula (under-, critically or over-damped; PT-exact, exceptional or
PT-broken). Where the paper leaves a value open it is chosen here and named in the caption.
"""

from __future__ import annotations

import numpy as np

from .data import formula_grid
from .layout import Curve, Figure, Panel

NAME = "bell_states"
SIZES = {"fast": 31, "default": 301, "paper": 1201}


def _curve(quantity: str, label: str, t, style, **params) -> Curve:
    values = formula_grid(NAME, quantity, t=t, **params).ravel()
    return Curve(label, t, values, params, style)


def fig2(quality: str) -> Figure:
    """Concurrence C(t) from |up down> for a = |A| = 1 and delta = 2, 1, 0.3, 0 (formulas)."""
    t = np.linspace(0, 6, SIZES[quality])
    curves = (
        _curve("concurrence_underdamped", "delta = 2 (underdamped)", t, {"color": "k"}, a=1.0, A=1.0, delta=2.0),
        _curve("concurrence_critical", "delta = 1 (critical)", t, {"color": "tab:orange"}, a=1.0, A=1.0),
        _curve("concurrence_overdamped", "delta = 0.3", t, {"color": "tab:cyan"}, a=1.0, A=1.0, delta=0.3),
        _curve("concurrence_overdamped", "delta = 0", t, {"color": "tab:red"}, a=1.0, A=1.0, delta=0.0),
    )
    return Figure("fig2", "Fig. 2 concurrence of the unmonitored qubits vs t a from |up down>, a = |A| = 1; the "
                  "underdamped delta = 2 is chosen here (the paper gives no value)",
                  (Panel("a", "t a", "concurrence", curves),), ncols=1)


def fig3(quality: str) -> Figure:
    """Postselected (no-jump) concurrence for Gamma = 2 and delta = 5, 2, 0; inset: its maximum vs delta/Gamma."""
    t = np.linspace(0, 3, SIZES[quality])
    curves = (
        _curve("postselected_concurrence_pt_exact", "delta = 5 (PT exact)", t, {"color": "k"}, Gamma=2.0, delta=5.0),
        _curve("postselected_concurrence_exceptional", "delta = Gamma (EP)", t, {"color": "tab:cyan"}, Gamma=2.0),
        _curve("postselected_concurrence_pt_broken", "delta = 0 (PT broken)", t, {"color": "tab:red"}, Gamma=2.0,
               delta=0.0),
    )
    eta = np.linspace(1.001, 6, SIZES[quality])
    inset = Curve("max_t C", eta, formula_grid(NAME, "max_postselected_concurrence", eta=eta), {}, {"color": "k"})
    return Figure("fig3", "Fig. 3 concurrence of the no-jump (postselected) state vs t from |up down>, Gamma = 2 "
                  "(delta = 0 chosen for the PT-broken curve); (inset) its maximum over t vs eta = delta/Gamma > 1",
                  (Panel("a", "t", "concurrence", curves), Panel("inset", "delta / Gamma", "max C", (inset,))),
                  ncols=2)


FIGURES = {"fig2": fig2, "fig3": fig3}
