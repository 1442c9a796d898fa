"""Parameter sweeps: local processes by default, Dask for clusters, checkpointed to a store.

The stages: points (``grid``, ``cloud``, ``random_points``) -> task (a per-point function,
``vectorized``, or generated formulas via ``formula_task``) -> ``sweep`` (chunks on an executor,
each finished chunk written to the store) -> ``SweepResult`` (also read back with ``load``).
"""

from ._checks import MissingDependency, SweepError
from .formula import formula_modules, formula_task, quantities
from .grid import Points, cloud, grid, random_points
from .result import SweepResult, load
from .runner import dask_client, local_executor, sweep
from .task import Vectorized, derive_task_key, vectorized

__all__ = [
    "sweep", "grid", "cloud", "random_points", "Points", "vectorized", "Vectorized", "derive_task_key",
    "SweepResult", "load", "local_executor", "dask_client", "SweepError", "MissingDependency",
    "formula_task", "formula_modules", "quantities",
]
