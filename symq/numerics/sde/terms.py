"""The two terms of an Ito SDE ``dX = a(X, t) dt + B(X, t) dW`` over a batch of trajectories.

``x`` is always a batch of shape ``(k, n)``; the drift ``a(x, t)`` returns ``(k, n)``. The
diffusion ``B(x, t)`` and the ``m`` real Wiener processes it multiplies are described by a
:class:`Diffusion`, whose ``noise`` names the structure a scheme may exploit:

=============== ========================= ===================================================
noise           ``fn(x, t)`` returns      meaning
=============== ========================= ===================================================
``general``     ``(k, n, m)``             any noise matrix
``commutative`` ``(k, n, m)``             ``L^i B[:, j] = L^j B[:, i]`` with
                                          ``L^j = sum_l B[l, j] d/dx_l`` (always true for m = 1)
``diagonal``    ``(k, n)``                ``m = n``, component ``i`` driven by ``W_i`` alone
``additive``    ``(n, m)``                independent of ``x`` (may depend on ``t``), shared by
                                          every trajectory
=============== ========================= ===================================================

The diagonal fast paths of the higher schemes assume that ``B[i]`` depends on ``x[i]`` only;
otherwise the noise is not commutative and has to be declared ``general``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from . import _checks

Noise = Literal["general", "commutative", "diagonal", "additive"]
NOISE_KINDS = ("general", "commutative", "diagonal", "additive")


@dataclass(frozen=True)
class Diffusion:
    """The noise coefficient ``B(x, t)`` and the structure of its noise (see the module table)."""

    fn: Callable
    noise: Noise = "general"

    def __post_init__(self):
        if not callable(self.fn):
            raise _checks.fail("diffusion to be a callable fn(x, t)", self.fn)
        if self.noise not in NOISE_KINDS:
            raise _checks.fail(f"noise to be one of {NOISE_KINDS}", repr(self.noise))

    def __call__(self, x: np.ndarray, t: float) -> np.ndarray:
        return self.fn(x, t)


@dataclass(frozen=True)
class SDETerm:
    """Drift ``a(x, t)`` and diffusion of one SDE; a plain callable diffusion has general noise."""

    drift: Callable
    diffusion: Diffusion

    def __post_init__(self):
        if not callable(self.drift):
            raise _checks.fail("drift to be a callable fn(x, t)", self.drift)
        if not isinstance(self.diffusion, Diffusion):
            object.__setattr__(self, "diffusion", Diffusion(self.diffusion))

    @property
    def noise(self) -> Noise:
        return self.diffusion.noise

    def nnoise(self, b: np.ndarray) -> int:
        """The number ``m`` of Wiener processes behind the diffusion value ``b``."""
        return b.shape[-1]

    def shock(self, b: np.ndarray, dw: np.ndarray) -> np.ndarray:
        """``B dW`` of shape ``(k, n)`` for increments ``dw`` of shape ``(k, m)``."""
        if self.noise == "diagonal":
            return b * dw
        if self.noise == "additive":
            return dw @ b.T
        return np.einsum("knm,km->kn", b, dw)

    def probe(self, x: np.ndarray, t: float) -> int:
        """Check the shapes and types both terms return on the batch ``x``; return ``m``."""
        k, n = x.shape
        real = (
            None if np.iscomplexobj(x) else "for the real state x0 (pass a complex x0 for complex dynamics)"
        )
        _checks.returned("drift(x, t)", self.drift(x, t), (k, n), real)
        expected = {"diagonal": (k, n), "additive": (n, None)}.get(self.noise, (k, n, None))
        b = _checks.returned(f"diffusion(x, t) with {self.noise} noise", self.diffusion(x, t), expected, real)
        return self.nnoise(b)
