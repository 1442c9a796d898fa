"""Spin-S dimer (unit cell of the spin chain) with gain on spin a and loss on spin b.

Paper: spin-lattices-gain-loss.md (Huber, Kirton & Rabl), Eqs. (1)-(2), rotating frame, hbar = 1::

    H = (1/2S) (g_k S_a^+ S_b^- + g_k^* S_a^- S_b^+),
    d rho/dt = -i[H, rho] + (1/2S) (Gamma_g D[S_a^+] + Gamma_l D[S_b^-]) rho,
    D[X] rho = 2 X rho X^dag - {X^dag X, rho}     (the paper's D: symq convention "2L")

:func:`build` is the dimer (``g_k = g``, the chain at ``h = 0``). :func:`unit_cell` takes a
complex Bloch coupling ``g_k = g + h e^{ik}``: at linear (Holstein-Primakoff) order the periodic
chain of Eq. (1) splits into independent k-modes, each of which is the bosonised unit cell with
coupling ``g_k`` (App. A, Eqs. A4-A5).
"""

from __future__ import annotations

import sympy as sp

from ..algebra import spins
from ..lindblad import Lindblad
from . import ModelSpec

S = sp.Symbol("S", positive=True)
g, h, Gamma_g, Gamma_l = sp.symbols("g h Gamma_g Gamma_l", positive=True)


def unit_cell(coupling, gain=Gamma_g, loss=Gamma_l):
    """``(model, S_a, S_b)``: the unit cell with (possibly complex) coupling ``coupling``."""
    Sa, Sb = spins("a b", S)
    c = sp.sympify(coupling)
    H = (c * Sa.plus * Sb.minus + sp.conjugate(c) * Sa.minus * Sb.plus) / (2 * S)
    model = Lindblad(H, jumps=[(gain / (2 * S), Sa.plus), (loss / (2 * S), Sb.minus)], convention="2L")
    return model, Sa, Sb


def build() -> ModelSpec:
    model, Sa, Sb = unit_cell(g)
    return ModelSpec(
        name="spin_lattices",
        title="Spin-S dimers and chains with gain and loss",
        paper="spin-lattices-gain-loss.md",
        model=model,
        ops={"S_a": Sa, "S_b": Sb},
        symbols={"S": S, "g": g, "h": h, "Gamma_g": Gamma_g, "Gamma_l": Gamma_l},
        domain={g: (0.1, 10.0), h: (0.01, 10.0), Gamma_g: (0.05, 20.0), Gamma_l: (0.05, 20.0)},  # h -> 0: the dimer
    )
