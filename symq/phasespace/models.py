"""The two papers' models, built as symq models for the phase-space backends.

* :func:`spin_chain`: spin lattices with gain and loss, Eqs. (1)-(2): ``2N`` spins ``S``, sublattice
  A gains (``S_+``), B loses (``S_-``), couplings ``g`` (in a cell) and ``h`` (between cells).
* :func:`oscillator_network`: microscopic power grids, Eq. (1): oscillators coupled along the
  edges of a user-given graph (edge list or adjacency matrix), saturable gain ``A^dag`` and loss
  ``A`` (``A = f(a^dag a) a``, Eq. 2) on chosen sites, thermal damping on every site.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..algebra import bosons, spins
from ..errors import ModelError
from ..lindblad import Lindblad
from .saturable import Model, Saturable

g, h, Gamma_g, Gamma_l = sp.symbols("g h Gamma_g Gamma_l", positive=True)
gamma, n_th, n0 = sp.symbols("gamma N_th n_0", positive=True)


@dataclass(frozen=True)
class SpinChain:
    """``model`` with spins ``a[n]`` (gain) and ``b[n]`` (loss), ``n = 0 .. N-1``."""

    model: Lindblad
    a: tuple
    b: tuple
    S: sp.Expr
    periodic: bool


def spin_chain(N: int, S, *, periodic: bool = True) -> SpinChain:
    """ME (2) of the spin-lattice paper (rotating frame, ``hbar = 1``)::

        H = 1/(2S) sum_n (g S+_{a,n} S-_{b,n} + h S+_{b,n} S-_{a,n+1} + H.c.)
        + 1/(2S) sum_n (Gamma_g D[S+_{a,n}] + Gamma_l D[S-_{b,n}]),  D[X] = 2 X rho X^dag - {X^dag X, rho}

    ``N = 1`` is the dimer (``h`` absent). Parameters: ``models.g, h, Gamma_g, Gamma_l``.
    """
    if not (isinstance(N, int) and N >= 1):
        raise ModelError(f"spin_chain: expected a positive number of unit cells N, got {N!r}")
    S = sp.nsimplify(S)
    width = len(str(N - 1))
    a = spins(" ".join(f"a{n:0{width}d}" for n in range(N)), S)
    b = spins(" ".join(f"b{n:0{width}d}" for n in range(N)), S)
    a, b = (a,) if N == 1 else a, (b,) if N == 1 else b
    H = 0
    for n in range(N):
        H = H + g / (2 * S) * (a[n].plus * b[n].minus + b[n].plus * a[n].minus)
        if N > 1 and (periodic or n + 1 < N):
            m = (n + 1) % N
            H = H + h / (2 * S) * (b[n].plus * a[m].minus + a[m].plus * b[n].minus)
    jumps = [(Gamma_g / (2 * S), x.plus) for x in a] + [(Gamma_l / (2 * S), x.minus) for x in b]
    return SpinChain(Lindblad(H, jumps, convention="2L"), tuple(a), tuple(b), S, periodic)


def saturation(x) -> sp.Expr:
    """Eq. (2): ``f(x) = 1 / (1 + x / n_0)``."""
    return 1 / (1 + x / n0)


@dataclass(frozen=True)
class Network:
    """``model`` over oscillators ``a[i]`` with couplings ``edges``; gain and loss sites."""

    model: Model
    a: tuple
    edges: tuple
    gain: tuple
    loss: tuple


def edges_of(graph) -> tuple:
    """Edges ``(i, j)``, ``i < j``: from a square numpy array (a symmetric adjacency matrix, non-zero
    entries are edges) or from an iterable of pairs ``(i, j)`` (an edge list)."""
    if isinstance(graph, np.ndarray) and graph.ndim == 2 and graph.shape[0] == graph.shape[1]:
        arr = graph
        if not np.array_equal(arr, arr.T):
            raise ModelError("oscillator_network: expected a symmetric adjacency matrix")
        return tuple((int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(arr, 1))))
    out = set()
    for e in graph:
        i, j = (int(v) for v in e)
        if i == j:
            raise ModelError(f"oscillator_network: expected edges between different sites, got {e}")
        out.add((min(i, j), max(i, j)))
    return tuple(sorted(out))


def oscillator_network(graph, *, gain, loss, f=saturation, n_sites: int | None = None) -> Network:
    """Eq. (1) of the power-grid paper on a graph (edge list ``[(i, j), ...]`` or adjacency array)::

        H = -(g/2) sum_{(i,j) in edges} (a_i^dag a_j + H.c.)
        + sum_{i in gain} Gamma_i D[A_i^dag] + sum_{i in loss} Gamma_e D[A_i]
        + sum_i gamma (N_th + 1) D[a_i] + gamma N_th D[a_i^dag],   D[L] = L rho L^dag - {L^dag L, rho}/2

    ``gain`` / ``loss``: ``{site: rate}`` (rates are expressions, e.g. ``sp.Symbol("Gamma_i")``).
    Parameters: ``models.g, gamma, n_th, n0`` and the given rates.
    """
    edges = edges_of(graph)
    n = max([n_sites or 0] + [j + 1 for _, j in edges])
    a = bosons(" ".join(str(i + 1) for i in range(n)))
    a = (a,) if n == 1 else a
    H = 0
    for i, j in edges:
        H = H - g / 2 * (a[i].dag() * a[j] + a[j].dag() * a[i])
    jumps = [(rate, Saturable(a[i], f).dag()) for i, rate in gain.items()]
    jumps += [(rate, Saturable(a[i], f)) for i, rate in loss.items()]
    for x in a:
        jumps += [(gamma * (n_th + 1), x), (gamma * n_th, x.dag())]
    return Network(Model(H, jumps), tuple(a), edges, tuple(gain), tuple(loss))


def chain_edges(N: int) -> tuple:
    """A chain ``0 - 1 - ... - N-1``."""
    return tuple((i, i + 1) for i in range(N - 1))


def grid_edges(rows: int, cols: int) -> tuple:
    """A ``rows x cols`` square grid, sites numbered row by row (Fig. 5a of the power-grid paper
    is the 3 x 3 grid: gain at site 1, loss at sites 7 and 9, i.e. indices 0, 6, 8)."""
    out = []
    for r in range(rows):
        for c in range(cols):
            i = r * cols + c
            if c + 1 < cols:
                out.append((i, i + 1))
            if r + 1 < rows:
                out.append((i, i + cols))
    return tuple(out)
