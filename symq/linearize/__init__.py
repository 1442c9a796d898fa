"""Linearised and reduced descriptions: Holstein-Primakoff bosonisation, mean-field equations,
Gaussian (covariance-matrix) states of quadratic boson models, adiabatic elimination of a fast
mode. Each stage returns ordinary symq objects (a Lindblad model, sympy expressions), so the core
machinery (moments, exceptional points, steady states) applies to its result.
"""

from .elimination import Elimination, adiabatic_elimination
from .gaussian import (
    GaussianModel,
    gaussian,
    log_negativity,
    negativity,
    purity,
    symplectic_eigenvalues,
    two_mode_nu_minus,
)
from .holstein_primakoff import HolsteinPrimakoff, holstein_primakoff
from .meanfield import Boundary, MeanField, Stability, mean_field

__all__ = [
    "Boundary",
    "Elimination",
    "GaussianModel",
    "HolsteinPrimakoff",
    "MeanField",
    "Stability",
    "adiabatic_elimination",
    "gaussian",
    "holstein_primakoff",
    "log_negativity",
    "mean_field",
    "negativity",
    "purity",
    "symplectic_eigenvalues",
    "two_mode_nu_minus",
]
