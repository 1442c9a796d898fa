"""Integrators for Ito SDEs ``dX = a(X, t) dt + B(X, t) dW`` over batches of trajectories.

Conventions: Ito calculus; a batch of states has shape ``(k, n)``, real (float64) or complex
(complex128); ``dW`` holds ``m`` independent *real* Wiener increments with ``dW ~ N(0, dt)``.
Complex noise is two real columns: a complex increment ``dZ = (dW1 + i dW2) / sqrt(2)``
(``E|dZ|^2 = dt``, ``E dZ^2 = 0``) with coefficient ``b`` becomes the columns ``b / sqrt(2)`` and
``1j * b / sqrt(2)`` of ``B``. Complex ``B`` times real ``dW`` (as in the positive-P method)
needs nothing special.

Modules, in the order data flows: :mod:`.terms` (drift, diffusion and its noise structure),
:mod:`.solvers` (one-step schemes with ``init`` and ``step``), :mod:`.moments` (running means
and variances), :mod:`.checkpoint` (atomic resumable state), :mod:`.integrator` (``integrate``).
"""

from .checkpoint import point_file
from .integrator import SDEResult, default_chunk, integrate
from .solvers import AbstractSolver, EulerMaruyama, Milstein, PlatenWeak2
from .terms import Diffusion, SDETerm

__all__ = [
    "AbstractSolver",
    "Diffusion",
    "EulerMaruyama",
    "Milstein",
    "PlatenWeak2",
    "SDEResult",
    "SDETerm",
    "default_chunk",
    "integrate",
    "point_file",
]
