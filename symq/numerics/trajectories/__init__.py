"""Quantum trajectories of symq models: vectorised Monte Carlo wave functions with exact no-jump
propagation, postselected (conditional) dynamics, entropy production along trajectories and
steady-state sampling from long trajectories.

Modules, in pipeline order: ``unravel`` (model -> H_eff and independent jump channels),
``propagator`` (exact exp(-i H_eff t) kernels and jump-time roots), ``streams`` (per-trajectory
random streams), ``engine`` (the batched waiting-time algorithm), ``samplers``/``statistics``
(on-the-fly observables), ``checkpoint``/``run`` (driver), and the solvers ``mcwf``,
``postselect``, ``entropy``, ``steady``; ``measures`` holds the pure-state concurrence and the
negativity used with them.
"""

from .entropy import EntropyResult, entropy_production, reversed_channels
from .mcwf import McwfResult, mcwf
from .measures import concurrence_pure, negativity, partial_transpose
from .options import Options
from .postselect import (ConditionalResult, NoJumpResult, PostselectResult, conditional_master_equation, no_jump,
                         postselect)
from .steady import SteadyStateResult, steady_state
from .unravel import JumpChannel, Unravelling, unravel

__all__ = [
    "unravel", "Unravelling", "JumpChannel", "Options",
    "mcwf", "McwfResult",
    "no_jump", "NoJumpResult", "postselect", "PostselectResult", "conditional_master_equation", "ConditionalResult",
    "entropy_production", "EntropyResult", "reversed_channels",
    "steady_state", "SteadyStateResult",
    "concurrence_pure", "negativity", "partial_transpose",
]
