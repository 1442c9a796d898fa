"""Exact numerics: sparse Liouvillians split into U(1) charge sectors.

Stages, in the order data flows: :mod:`.build` (model + values + cutoffs -> sparse H, channels,
Liouvillian; column-stacking convention), :mod:`.sectors` (charge sectors built block by block),
:mod:`.linsolve` (SuperLU with a memory guard, ILU-GMRES fallback), :mod:`.steady` (steady
states), :mod:`.spectrum` (eigenvalues near zero, gap, exceptional points), :mod:`.correlations`
(quantum regression, spectra from the resolvent), :mod:`.qutip_bridge` (QuTiP objects) and
:mod:`.reproductions` (the papers' exact-numerics figures as data).
"""

from ._checks import TruncationWarning
from .build import NumericModel, build, liouvillian
from .correlations import correlation_2op, correlation_3op, g1, g2, power_spectrum
from .linsolve import estimate_lu_bytes, factorize
from .qutip_bridge import to_qutip
from .sectors import Sector, SectorBuilder
from .spectrum import (
    LiouvillianEP,
    Spectrum,
    liouvillian_ep,
    liouvillian_gap,
    liouvillian_spectrum,
)
from .steady import SteadyState, solve_steady_state, steady_state

__all__ = [
    "LiouvillianEP",
    "NumericModel",
    "Sector",
    "SectorBuilder",
    "Spectrum",
    "SteadyState",
    "TruncationWarning",
    "build",
    "correlation_2op",
    "correlation_3op",
    "estimate_lu_bytes",
    "factorize",
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
