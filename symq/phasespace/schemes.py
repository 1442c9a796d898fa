"""A one-step scheme for long phase-space runs with oscillatory drift and many noises.

Euler-Maruyama multiplies the norm of an undamped rotation ``dz = i w z dt`` by
``1 + (w h)^2`` every step, so the length of a Schwinger-boson spin (``a^dag a + b^dag b``,
conserved by the exact truncated-Wigner flow) grows by ``exp(w^2 h T)`` over a run of length
``T``. :class:`HeunMaruyama` takes the drift as Heun's predictor-corrector (growth factor
``1 + (w h)^4 / 4``) and the noise as Euler-Maruyama: weak order 1 for any noise, one noise
evaluation per step. ``symq.numerics.sde.PlatenWeak2`` (weak order 2) adds ``1 + 4m``
diffusion evaluations per step for ``m`` general noises, affordable for a dimer but not for a
chain with hundreds of noises.

(It is a tiny :class:`symq.numerics.sde.AbstractSolver`; it lives here because this layer may not
edit ``symq.numerics``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, final

from ..numerics.sde import AbstractSolver
from ..numerics.sde.solvers import wiener


@final
@dataclass(frozen=True)
class HeunMaruyama(AbstractSolver):
    """``x + (a(x) + a(x + a h + B dW)) h / 2 + B dW``: weak order 1, strong order 0.5."""

    strong_order: ClassVar[float] = 0.5
    weak_order: ClassVar[float] = 1.0

    def step(self, term, t, h, x, rng):
        b = term.diffusion(x, t)
        shock = term.shock(b, wiener(rng, len(x), term.nnoise(b), h))
        a = term.drift(x, t)
        return x + (a + term.drift(x + a * h + shock, t + h)) * (h / 2) + shock
