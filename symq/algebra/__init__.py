"""Operator algebra: qubits, N-level transitions, bosons and spins in canonical normal order."""

from .constructors import SiteOp, SpinOp, TransitionSite, bosons, qubits, spins, transitions
from .kinds import Boson, Levels, Spin
from .matrices import Space, numeric_coefficient, space, to_dense, to_sparse
from .operator import Op, Site, anticomm, as_op, comm

__all__ = [
    "Op", "Site", "SiteOp", "SpinOp", "TransitionSite", "Levels", "Boson", "Spin",
    "qubits", "bosons", "spins", "transitions", "comm", "anticomm", "as_op",
    "Space", "space", "to_sparse", "to_dense", "numeric_coefficient",
]
