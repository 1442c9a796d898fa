"""Input validation for the trajectory solvers.

Every error reads ``trajectories: <where>: expected <what>, got <given>`` and is a
:class:`symq.NumericsError` (or a :class:`symq.ModelError` for unphysical models).
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np

from ...errors import NumericsError


def fail(where: str, expected: str, given) -> NumericsError:
    shown = given if isinstance(given, str) else repr(given)
    return NumericsError(f"trajectories: {where}: expected {expected}, got {shown}")


def count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
        raise fail(name, "a positive integer", value)
    return int(value)


def nonnegative(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value) or value < 0:
        raise fail(name, "a finite non-negative real number", value)
    return float(value)


def times(values) -> np.ndarray:
    """Output times: 1-D, finite, strictly increasing, at least one entry (the first is t0)."""
    t = np.asarray(values)
    if t.ndim != 1 or t.size < 1 or not np.issubdtype(t.dtype, np.number) or np.iscomplexobj(t):
        raise fail("times", "a 1-D real array of output times", f"{values!r}")
    t = t.astype(float)
    if not np.isfinite(t).all() or not (np.diff(t) > 0).all():
        raise fail("times", "strictly increasing finite times", f"{t.tolist()!r}")
    return t


def seed(value):
    if value is None:
        return int(np.random.SeedSequence().entropy)
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 0:
        raise fail("seed", "a non-negative integer or None", value)
    return int(value)
