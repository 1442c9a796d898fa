"""Per-point sweep tasks computed by the exact numerical backend (``symq.numerics.exact``).

``ExactTask(model, quantities, cutoffs)`` is picklable (process and Dask workers rebuild the
registered model once per process) and returns ``{quantity: number}`` at one parameter point
given by the names of the model's symbols (``ModelSpec.symbols``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np


def _liouvillian_gap(model, values, cutoffs) -> float:
    """``-Re`` of the slowest nonzero Liouvillian eigenvalue (all charge sectors)."""
    from ..numerics.exact import liouvillian_gap

    return liouvillian_gap(model, values, cutoffs=cutoffs, progress=False)


def _purity(model, values, cutoffs) -> float:
    """``Tr rho^2`` of the steady state (sparse solve on the zero-charge sector)."""
    from ..numerics.exact import steady_state

    rho = steady_state(model, values, cutoffs=cutoffs).full()
    return float(np.vdot(rho, rho).real)


QUANTITIES = {"liouvillian_gap": _liouvillian_gap, "purity": _purity}


@cache
def _spec(name: str):
    from .. import models

    return models.get(name)


@dataclass(frozen=True)
class ExactTask:
    """``quantities`` (keys of :data:`QUANTITIES`) of model ``model`` with boson cutoffs
    ``((op name, levels), ...)``, op names as in ``ModelSpec.ops``."""

    model: str
    quantities: tuple[str, ...]
    cutoffs: tuple[tuple[str, int], ...] = ()

    def __call__(self, **params) -> dict:
        spec = _spec(self.model)
        values = {spec.symbols[k]: v for k, v in params.items()}
        cutoffs = {spec.ops[k]: n for k, n in self.cutoffs} or None
        return {q: QUANTITIES[q](spec.model, values, cutoffs) for q in self.quantities}
