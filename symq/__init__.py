"""symq: derive, verify and reuse closed-form results for open quantum systems with gain and loss.

The stages, in pipeline order: algebra -> lindblad -> moments -> spectral -> steady -> measures
-> critical -> correlations -> dynamics -> linearize -> latex, codegen -> numerics -> sweep
-> models -> derive -> audit -> testing -> cli.
"""

from . import algebra
from .algebra import Op, anticomm, bosons, comm, qubits, spins, transitions
from .errors import ClosureError, ModelError, NumericsError, SymqError

__version__ = "0.1.0"
from .lindblad import Lindblad
from .moments import MomentSystem, moment_system
from .spectral import ExceptionalPoint, characteristic_polynomial, discriminant, exceptional_points
from .steady import exact_matrix, moment_steady_state, steady_state
from . import measures
from .critical import CriticalPoint, Extremum, extrema, separability_critical_points
from . import dynamics, linearize
from .dynamics import Evolution
from .linearize import adiabatic_elimination, gaussian, holstein_primakoff, mean_field
