"""One-step schemes for Ito SDEs over a batch of trajectories.

A solver is a small frozen object with two methods: ``init(term)`` checks that the scheme supports
the term's noise structure, ``step(term, t, h, x, rng)`` advances the batch ``x`` (shape ``(k, n)``)
from ``t`` to ``t + h``, drawing the real Wiener increments ``dW ~ N(0, h)`` (shape ``(k, m)``)
from ``rng``. Schemes carry nothing from one step to the next, so the state ``x`` together with
the generator's state is a complete, exact checkpoint.

``strong_order`` and ``weak_order`` are the orders for the noise structures each scheme is meant
for (see its docstring). Reference: P. E. Kloeden and E. Platen, *Numerical Solution of Stochastic
Differential Equations* (Springer, 1992), Secs. 10.2, 11.1 and 15.1.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, final

import numpy as np

from . import _checks
from .terms import SDETerm


def wiener(rng: np.random.Generator, k: int, m: int, h: float) -> np.ndarray:
    """``k`` independent draws of ``m`` real Wiener increments over a step ``h``: N(0, h) each."""
    return rng.standard_normal((k, m)) * math.sqrt(h)


class AbstractSolver(ABC):
    """A one-step scheme for ``dX = a dt + B dW`` (Ito)."""

    strong_order: ClassVar[float]
    weak_order: ClassVar[float]

    def init(self, term: SDETerm) -> None:
        """Raise :class:`symq.NumericsError` unless the scheme supports ``term``'s noise structure.

        The default accepts every structure; schemes that need more override it.
        """

    @abstractmethod
    def step(self, term: SDETerm, t: float, h: float, x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """The batch ``x`` advanced from ``t`` to ``t + h``."""


@final
@dataclass(frozen=True)
class EulerMaruyama(AbstractSolver):
    """``x + a h + B dW``: strong order 0.5 (1.0 for additive noise), weak order 1.0.

    One drift and one diffusion evaluation per step; any noise structure.
    """

    strong_order: ClassVar[float] = 0.5
    weak_order: ClassVar[float] = 1.0

    def step(self, term, t, h, x, rng):
        b = term.diffusion(x, t)
        return x + term.drift(x, t) * h + term.shock(b, wiener(rng, len(x), term.nnoise(b), h))


@final
@dataclass(frozen=True)
class Milstein(AbstractSolver):
    """Derivative-free (Runge-Kutta) Milstein scheme: strong order 1.0, weak order 1.0.

    Milstein's scheme adds ``sum_ij L^i B[:, j] I_(i,j)`` to Euler-Maruyama. For commutative
    noise the double Ito integrals enter only as ``I_(i,j) + I_(j,i) = dW_i dW_j - delta_ij h``,
    and the derivative ``L^i B[:, j]`` is replaced by the difference quotient
    ``(B(x_i, t) - B(x, t))[:, j] / sqrt(h)`` at the supporting value ``x_i = x + B[:, i] sqrt(h)``
    (Kloeden & Platen Sec. 11.1, whose supporting value also carries ``a h``; leaving it out
    changes a step by zero-mean terms of O(h^(3/2)) and makes the diagonal fast path the general
    formula with its zeros skipped). The quotient is a directional derivative along the noise, so
    it is right for complex ``B`` whether or not it is holomorphic in ``x``.

    Needs diagonal, commutative or additive noise (additive: the scheme is Euler-Maruyama, already
    of strong order 1.0). Diffusion evaluations per step: 2 (diagonal) or ``1 + m`` (commutative).
    """

    strong_order: ClassVar[float] = 1.0
    weak_order: ClassVar[float] = 1.0

    def init(self, term):
        if term.noise == "general":
            raise _checks.fail(
                "diagonal, commutative or additive noise for Milstein (declare "
                "Diffusion(fn, noise='commutative') if the noise columns commute, else use EulerMaruyama)",
                "general noise",
            )

    def step(self, term, t, h, x, rng):
        b = term.diffusion(x, t)
        dw = wiener(rng, len(x), term.nnoise(b), h)
        base = x + term.drift(x, t) * h
        if term.noise == "additive":
            return base + term.shock(b, dw)
        sq = math.sqrt(h)
        if term.noise == "diagonal":
            return base + b * dw + (term.diffusion(x + b * sq, t) - b) * ((dw * dw - h) / (2 * sq))
        out = base + term.shock(b, dw)
        for i in range(b.shape[2]):
            pair = dw[:, i : i + 1] * dw
            pair[:, i] -= h
            out = out + term.shock(term.diffusion(x + b[:, :, i] * sq, t) - b, pair / (2 * sq))
        return out


@final
@dataclass(frozen=True)
class PlatenWeak2(AbstractSolver):
    """Platen's explicit weak order 2.0 scheme (Kloeden & Platen Sec. 15.1), Gaussian increments.

    Weak order 2.0 for every noise structure. With Gaussian increments it also contains the
    derivative-free Milstein term, so it is of strong order 1.0 for diagonal, commutative and
    additive noise (0.5 for general noise, whose double integrals it replaces by the two-point
    variables ``V_ij = -V_ji = +-h`` that only match their moments).

    Evaluations per step: 2 drifts, and 2 (additive), 3 (diagonal) or ``1 + 4m`` (commutative,
    general) diffusions. Time-dependent coefficients enter through Platen's supporting values at
    ``t + h``, so non-autonomous problems keep weak order 2.0.
    """

    strong_order: ClassVar[float] = 1.0
    weak_order: ClassVar[float] = 2.0

    def step(self, term, t, h, x, rng):
        a = term.drift(x, t)
        b = term.diffusion(x, t)
        k, m = len(x), term.nnoise(b)
        dw = wiener(rng, k, m, h)
        base = x + a * h
        out = x + (a + term.drift(base + term.shock(b, dw), t + h)) * (h / 2)
        if term.noise == "additive":
            return out + term.shock((b + term.diffusion(x, t + h)) / 2, dw)
        sq = math.sqrt(h)
        if term.noise == "diagonal":
            bp = term.diffusion(base + b * sq, t + h)
            bm = term.diffusion(base - b * sq, t + h)
            return out + (bp + bm + 2 * b) * (dw / 4) + (bp - bm) * ((dw * dw - h) / (4 * sq))
        for j in range(m):
            bp = term.diffusion(base + b[:, :, j] * sq, t + h)[:, :, j]
            bm = term.diffusion(base - b[:, :, j] * sq, t + h)[:, :, j]
            w = dw[:, j : j + 1]
            out = out + (bp + bm + 2 * b[:, :, j]) * (w / 4) + (bp - bm) * ((w * w - h) / (4 * sq))
        if m == 1:
            return out
        if term.noise == "general":
            sign = np.triu(np.where(rng.random((k, m, m)) < 0.5, h, -h), 1)
            pair = dw[:, :, None] * dw[:, None, :] + (sign - sign.transpose(0, 2, 1))
        else:
            pair = dw[:, :, None] * dw[:, None, :]
        for r in range(m):
            up = term.diffusion(x + b[:, :, r] * sq, t)
            um = term.diffusion(x - b[:, :, r] * sq, t)
            others = dw.copy()
            others[:, r] = 0
            cross = pair[:, r, :].copy()
            cross[:, r] = 0
            out = out + term.shock(up + um - 2 * b, others / 4) + term.shock(up - um, cross / (4 * sq))
        return out
