"""Quantum-information measures and observables of exact (sympy) and numeric (numpy / QuTiP) states.

Each function dispatches on the state's type: a sympy Matrix gives an exact, factored expression
(piecewise ``Max`` forms for entanglement measures), a numpy array or ``qutip.Qobj`` a number.
Conventions are stated in each module: :mod:`.mixedness` (purity, linear entropy normalisation),
:mod:`.entanglement` (negativity, concurrence), :mod:`.observables` (EPR, current, g2).
"""

from ._state import expect
from .entanglement import concurrence, is_x_state, negativity, partial_transpose
from .mixedness import linear_entropy, purity, von_neumann_entropy
from .observables import (
    epr,
    excitation_current,
    g2,
    g2_cross,
    imbalance,
    number_operator,
    populations,
)

__all__ = [
    "concurrence", "epr", "excitation_current", "expect", "g2", "g2_cross", "imbalance",
    "is_x_state", "linear_entropy", "negativity", "number_operator", "partial_transpose",
    "populations", "purity", "von_neumann_entropy",
]
