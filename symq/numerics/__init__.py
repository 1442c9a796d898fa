"""Numerics: exact sector solvers (:mod:`.exact`); stochastic integrators live in submodules.

Stable entry points of the exact backend are re-exported here::

    symq.numerics.steady_state(model, values, cutoffs={a1: 30})      # qutip.Qobj
    symq.numerics.liouvillian_spectrum(model, values, cutoffs=..., k=6)
    symq.numerics.liouvillian_gap(model, values, cutoffs=...)
"""

from .exact import (
    TruncationWarning,
    correlation_2op,
    correlation_3op,
    g1,
    g2,
    liouvillian,
    liouvillian_ep,
    liouvillian_gap,
    liouvillian_spectrum,
    power_spectrum,
    solve_steady_state,
    steady_state,
    to_qutip,
)

__all__ = [
    "TruncationWarning",
    "correlation_2op",
    "correlation_3op",
    "g1",
    "g2",
    "liouvillian",
    "liouvillian_ep",
    "liouvillian_gap",
    "liouvillian_spectrum",
    "power_spectrum",
    "solve_steady_state",
    "steady_state",
    "to_qutip",
]
