"""Input validation for the SDE integrators.

Every error reads ``sde: expected <what>, got <given>`` and is a :class:`symq.NumericsError`.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from pathlib import Path

import numpy as np

from ...errors import NumericsError


def fail(expected: str, given) -> NumericsError:
    """The error ``sde: expected <expected>, got <given>`` (``given`` is shown as is if a str)."""
    return NumericsError(f"sde: expected {expected}, got {given if isinstance(given, str) else repr(given)}")


def count(name: str, value) -> int:
    """A positive integer option such as ``ntraj`` or ``chunk``."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
        raise fail(f"{name} to be a positive integer", value)
    return int(value)


def positive(name: str, value) -> float:
    """A finite positive real option such as ``dt``."""
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise fail(f"{name} to be a finite real number", value)
    if value <= 0:
        raise fail(f"{name} > 0", value)
    return float(value)


def times(values) -> np.ndarray:
    """Sample times: a 1-D, finite, strictly increasing real array with at least two entries."""
    t = np.asarray(values)
    if t.ndim != 1 or t.size < 2 or not np.issubdtype(t.dtype, np.number) or np.iscomplexobj(t):
        raise fail("times to be a 1-D real array of at least two sample times", f"{values!r}")
    t = t.astype(float)
    if not np.isfinite(t).all() or not (np.diff(t) > 0).all():
        raise fail("strictly increasing finite times", f"{t.tolist()!r}")
    return t


def state(x0, ntraj: int) -> np.ndarray:
    """The initial state as float64 or complex128, shape ``(n,)`` or ``(ntraj, n)``."""
    x = np.asarray(x0)
    if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
        raise fail("x0 to be a real or complex array", f"dtype {x.dtype}")
    if x.ndim not in (1, 2) or x.shape[-1] == 0 or (x.ndim == 2 and x.shape[0] != ntraj):
        raise fail(f"x0 of shape (n,) or (ntraj, n) = ({ntraj}, n)", f"shape {x.shape}")
    x = x.astype(complex if np.iscomplexobj(x) else float)
    if not np.isfinite(x).all():
        raise fail("finite x0", f"{x0!r}")
    return x


def seed(value, checkpoint) -> int | None:
    """A non-negative integer seed, or None (fresh entropy) when there is no checkpoint."""
    if value is None:
        if checkpoint is not None:
            raise fail("an integer seed with checkpoint (a resumed run must redraw the same noise)", None)
        return None
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 0:
        raise fail("seed to be a non-negative integer or None", value)
    return int(value)


def checkpoint_path(value) -> Path | None:
    """The checkpoint file as a Path in an existing directory, or None."""
    if value is None:
        return None
    path = Path(value)
    if not path.parent.is_dir():
        raise fail("checkpoint to be a file in an existing directory", str(path))
    return path


def observables(values, keep_final: bool) -> dict:
    """``{name: fn}`` with string names and callables; something must be recorded."""
    obs = dict(values or {})
    for name, fn in obs.items():
        if not isinstance(name, str) or not name:
            raise fail("observable names to be non-empty strings", name)
        if not callable(fn):
            raise fail(f"observable {name!r} to be a callable fn(x)", fn)
    if not obs and not keep_final:
        raise fail("at least one observable or keep_final=True", "nothing to record")
    return obs


def returned(what: str, value, shape: tuple, real: str | None) -> np.ndarray:
    """The array a user function returned, checked for shape (None: any size >= 1, printed as the
    noise count m) and, unless ``real`` is None, for being real (``real`` says why it must be)."""
    v = np.asarray(value)
    fits = len(v.shape) == len(shape) and all(
        s == e or (e is None and s >= 1) for s, e in zip(v.shape, shape)
    )
    if not np.issubdtype(v.dtype, np.number) or not fits:
        printed = (
            "("
            + ", ".join("m" if e is None else str(e) for e in shape)
            + ("," if len(shape) == 1 else "")
            + ")"
        )
        detail = f"shape {v.shape}" if np.issubdtype(v.dtype, np.number) else f"dtype {v.dtype}"
        raise fail(f"{what} to return a numeric array of shape {printed}", detail)
    if real is not None and np.iscomplexobj(v):
        raise fail(f"{what} to be real {real}", f"dtype {v.dtype}")
    return v
