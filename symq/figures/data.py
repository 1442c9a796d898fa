"""Figure data from serial sweeps of the generated formulas (``symq.formulas.<name>``)."""

from __future__ import annotations

import numpy as np

from ..errors import SymqError
from ..sweep import cloud, formula_task, grid, sweep
from ..sweep.formula import formula_module


def _task(name: str, quantity: str, given):
    task, key, args = formula_task(name, [quantity])
    missing = [a for a in args if a not in given]
    if missing:
        raise SymqError(f"figures {name}.{quantity}: expected values for {missing}, got {sorted(given)}")
    return task, key, args


def formula_grid(name: str, quantity: str, **axes) -> np.ndarray:
    """``quantity`` on the cartesian grid of ``axes`` (a 1D array or a number per argument), shaped
    like the grid with the axes in the order given."""
    task, key, args = _task(name, quantity, axes)
    points = grid(**{k: np.atleast_1d(np.asarray(v, float)) for k, v in axes.items() if k in args})
    result = sweep(task, points, executor="serial", progress=False, task_key=key)
    return result.values[quantity].reshape(result.shape)


def formula_path(name: str, quantity: str, **values) -> np.ndarray:
    """``quantity`` along a path: ``values`` (arrays and numbers) broadcast to one common length."""
    task, key, args = _task(name, quantity, values)
    columns = np.broadcast_arrays(*(np.atleast_1d(np.asarray(values[a], float)) for a in args))
    result = sweep(task, cloud(**dict(zip(args, columns, strict=True))), executor="serial", progress=False,
                   task_key=key)
    return result.values[quantity]


def formula_value(name: str, quantity: str, **values) -> float:
    """One value of ``quantity`` (a direct call, no sweep)."""
    mod = formula_module(name)
    return float(getattr(mod, quantity)(**{a: values[a] for a in mod.ARGS[quantity]}))
