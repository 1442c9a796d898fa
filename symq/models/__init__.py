"""Physical models of the papers, one module each; ``get(name)`` returns a built model.

A model module defines ``build() -> ModelSpec``: the Lindblad model, its operators and symbols,
and the parameter domain used by property tests and sweeps.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from ..errors import ModelError

NAMES = (
    "unbalanced_dimer",
    "bell_states",
    "thermal_limits",
    "spin_lattices",
    "power_grids",
)


@dataclass(frozen=True)
class ModelSpec:
    """A built model: ``model`` (Lindblad), ``ops`` (name -> operator), ``symbols`` (name -> Symbol),
    ``domain`` (Symbol -> (low, high) for property tests), ``title`` and the ``paper`` file name."""

    name: str
    title: str
    paper: str
    model: object
    ops: dict
    symbols: dict
    domain: dict = field(default_factory=dict)


def get(name: str) -> ModelSpec:
    if name not in NAMES:
        raise ModelError(f"models: expected one of {', '.join(NAMES)}, got {name!r}")
    return importlib.import_module(f"{__name__}.{name}").build()
