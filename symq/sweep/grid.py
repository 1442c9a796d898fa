"""Parameter points: cartesian grids and point clouds, each point with a stable integer index.

A :class:`Points` holds one flat array per parameter; point ``i`` is ``{name: arrays[name][i]}``.
For a grid the index runs in C order over the axes as given (last axis fastest) and ``shape`` is
the grid's shape; for a cloud ``shape`` is None.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from ._checks import fail, fail_text, positive_int

_DTYPES = {"b": np.bool_, "i": np.int64, "u": np.int64, "f": np.float64}


@dataclass(frozen=True, eq=False)
class Points:
    """Named parameter arrays of equal length ``n``; build with :func:`grid`, :func:`cloud` or
    :func:`random_points`."""

    arrays: dict[str, np.ndarray]
    shape: tuple[int, ...] | None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.arrays)

    @property
    def n(self) -> int:
        return len(next(iter(self.arrays.values())))

    def point(self, index: int) -> dict:
        """Point ``index`` as ``{name: python scalar}``."""
        return {k: a[index].item() for k, a in self.arrays.items()}

    def take(self, index: np.ndarray) -> dict[str, np.ndarray]:
        """The parameter arrays at the indices ``index``."""
        return {k: a[index] for k, a in self.arrays.items()}

    def digest(self) -> str:
        """SHA-256 of the names, dtypes, values and shape: equal digests mean equal points."""
        h = hashlib.sha256(repr((self.names, self.shape)).encode())
        for a in self.arrays.values():
            h.update(a.dtype.str.encode())
            h.update(np.ascontiguousarray(a).tobytes())
        return h.hexdigest()


def _column(name, values, where: str) -> np.ndarray:
    if not isinstance(name, str) or not name.isidentifier():
        raise fail(where, "parameter names that are Python identifiers", name)
    try:
        a = np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise fail(where, f"{name!r} as a 1D array of real numbers ({exc})", values) from None
    if a.dtype.kind not in _DTYPES:
        raise fail_text(where, f"{name!r} as real numbers", f"dtype {a.dtype}")
    if a.ndim != 1 or a.size == 0:
        raise fail_text(where, f"{name!r} as a non-empty 1D array", f"shape {a.shape}")
    a = a.astype(_DTYPES[a.dtype.kind])
    if a.dtype.kind == "f" and not np.all(np.isfinite(a)):
        raise fail_text(where, f"{name!r} with finite values", "NaN or inf")
    return a


def _columns(axes: dict, where: str) -> dict[str, np.ndarray]:
    if not axes:
        raise fail_text(where, "at least one parameter", "none")
    return {name: _column(name, v, where) for name, v in axes.items()}


def grid(**axes) -> Points:
    """The cartesian product of 1D axes, e.g. ``grid(g=np.linspace(0, 2, 50), s=[0.5, 1, 2])``."""
    return _grid(axes, "grid")


def _grid(axes: dict, where: str) -> Points:
    cols = _columns(axes, where)
    mesh = np.meshgrid(*cols.values(), indexing="ij")
    return Points(
        {k: m.ravel() for k, m in zip(cols, mesh, strict=True)}, tuple(len(c) for c in cols.values())
    )


def cloud(**arrays) -> Points:
    """A point cloud from equal-length arrays, point ``i`` being ``{name: arrays[name][i]}``."""
    cols = _columns(arrays, "cloud")
    lengths = {k: len(c) for k, c in cols.items()}
    if len(set(lengths.values())) != 1:
        raise fail_text("cloud", "arrays of equal length", f"lengths {lengths}")
    return Points(cols, None)


def random_points(n: int, seed: int, **ranges) -> Points:
    """``n`` random points: each range is ``(lo, hi)`` (uniform) or ``(lo, hi, 'log')`` (log-uniform),
    drawn in the order given from ``numpy.random.default_rng(seed)``."""
    positive_int(n, "random_points: n", allow_none=False)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise fail("random_points: seed", "an integer", seed)
    if not ranges:
        raise fail_text("random_points", "at least one parameter range", "none")
    rng = np.random.default_rng(seed)
    cols = {}
    for name, spec in ranges.items():
        where = f"random_points: {name}"
        if not isinstance(spec, tuple) or len(spec) not in (2, 3) or spec[2:] not in ((), ("lin",), ("log",)):
            raise fail(where, "(lo, hi), (lo, hi, 'lin') or (lo, hi, 'log')", spec)
        lo, hi = (float(v) if isinstance(v, (int, float, np.number)) else np.nan for v in spec[:2])
        if not np.isfinite(lo) or not np.isfinite(hi) or lo >= hi or (spec[2:] == ("log",) and lo <= 0):
            raise fail(where, "finite lo < hi (and lo > 0 for 'log')", spec)
        if spec[2:] == ("log",):
            cols[name] = np.exp(rng.uniform(np.log(lo), np.log(hi), n))
        else:
            cols[name] = rng.uniform(lo, hi, n)
    return cloud(**cols)


def as_points(points) -> Points:
    """``points`` as :class:`Points`; a plain dict of 1D arrays is a cartesian :func:`grid`."""
    if isinstance(points, Points):
        return points
    if not isinstance(points, dict):
        raise fail("sweep", "points as a dict of 1D arrays (a grid) or symq.sweep.cloud(...)", points)
    return _grid(points, "sweep: points")
