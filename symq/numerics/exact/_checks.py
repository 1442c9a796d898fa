"""Checks shared by the exact solvers: truncation of boson modes, option values."""

from __future__ import annotations

import warnings

import numpy as np

from ...algebra import Boson
from ...errors import NumericsError, TruncationError

ON_TRUNCATION = ("warn", "raise", "ignore")


class TruncationWarning(UserWarning):
    """A boson cutoff holds more than ``truncation_tol`` of the population at its last Fock level."""


def last_level_populations(space, diag: np.ndarray) -> dict:
    """``{site name: population of the last Fock level}`` of every boson site, from ``diag(rho)``."""
    p = np.asarray(diag, dtype=float).reshape(space.dims)
    out = {}
    for axis, site in enumerate(space.sites):
        if isinstance(site.kind, Boson):
            other = tuple(i for i in range(len(space.dims)) if i != axis)
            out[site.name] = float(p.sum(axis=other)[-1])
    return out


def check_truncation(space, diag: np.ndarray, tol: float, on_truncation: str, where: str) -> dict:
    """Warn or raise when a boson's last Fock level holds more than ``tol``; returns the populations."""
    if on_truncation not in ON_TRUNCATION:
        raise NumericsError(f"on_truncation: expected one of {ON_TRUNCATION}, got {on_truncation!r}")
    pops = last_level_populations(space, diag)
    bad = {k: v for k, v in pops.items() if v > tol}
    if bad and on_truncation != "ignore":
        msg = (
            f"{where}: expected the last Fock level of each boson to hold at most truncation_tol={tol:g}, "
            f"got {', '.join(f'{k}: {v:.3g}' for k, v in bad.items())}; raise the cutoff"
        )
        if on_truncation == "raise":
            raise TruncationError(msg)
        warnings.warn(msg, TruncationWarning, stacklevel=3)
    return pops
