"""Sweep tasks: per-point functions and :func:`vectorized` ones, their keys, and the chunk runner.

A per-point task is called as ``task(**point)`` with python scalars and returns a number or a
dict of numbers. A vectorised task is called once per chunk with one array per parameter and
returns an array (one output) or a dict of arrays, each of the chunk's length; when a chunk fails
it is retried point by point (with length-1 arrays) so that only the failing points are lost.
"""

from __future__ import annotations

import hashlib
import inspect
import numbers
import traceback
from dataclasses import dataclass

import numpy as np

from ._checks import SweepError, fail, fail_text


@dataclass(frozen=True)
class Vectorized:
    """A task called with whole arrays; ``outputs`` names the arrays it returns."""

    fn: object
    outputs: tuple[str, ...]

    def __call__(self, **arrays):
        return self.fn(**arrays)


def vectorized(fn, outputs=("value",)) -> Vectorized:
    """Mark ``fn`` as vectorised: ``fn(**arrays)`` returns an array (one output) or a dict
    ``{output: array}``. Do not rebind ``fn``'s own name to the result (``f = vectorized(f)``):
    process workers unpickle ``fn`` by that name."""
    if not callable(fn):
        raise fail("vectorized: fn", "a callable", fn)
    outputs = (outputs,) if isinstance(outputs, str) else tuple(outputs)
    if not outputs or not all(isinstance(o, str) and o for o in outputs) or len(set(outputs)) != len(outputs):
        raise fail("vectorized: outputs", "distinct non-empty output names", outputs)
    return Vectorized(fn, outputs)


def derive_task_key(task) -> str:
    """The derived key of ``task``: ``module.qualname`` plus a hash of its source, its outputs (if
    vectorised) and the symq version. Only the function's own source is seen: pass an explicit
    ``task_key`` to :func:`~symq.sweep.sweep` when results depend on other code or data."""
    from .. import __version__

    fn = task.fn if isinstance(task, Vectorized) else task
    try:
        source = inspect.getsource(fn)
    except (OSError, TypeError):
        raise SweepError(
            f"sweep: cannot derive a task_key for {fn!r} (its source is not available); "
            "pass task_key='a name you change whenever the task changes'"
        ) from None
    name = f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', type(fn).__qualname__)}"
    outputs = task.outputs if isinstance(task, Vectorized) else None
    digest = hashlib.sha256(repr((name, source, outputs, __version__)).encode()).hexdigest()
    return f"{name}@{digest[:16]}"


def _number(value, where: str):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, numbers.Complex):
        return value
    raise fail(where, "a real or complex number", value)


def _point_outputs(value) -> dict:
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise fail("sweep: task result", "a dict with string keys", value)
        return {k: _number(v, f"sweep: task result {k!r}") for k, v in value.items()}
    return {"value": _number(value, "sweep: task result")}


def _array_outputs(value, outputs: tuple[str, ...], m: int) -> dict[str, np.ndarray]:
    if not isinstance(value, dict):
        if len(outputs) != 1:
            raise fail("sweep: vectorized task result", f"a dict with keys {list(outputs)}", value)
        value = {outputs[0]: value}
    if set(value) != set(outputs):
        raise fail_text("sweep: vectorized task result", f"keys {sorted(outputs)}", f"keys {sorted(value)}")
    out = {}
    for k in outputs:
        a = np.asarray(value[k])
        if a.shape != (m,) or a.dtype.kind not in "biufc":
            raise fail_text(
                f"sweep: vectorized task output {k!r}", f"{m} numbers", f"dtype {a.dtype}, shape {a.shape}"
            )
        out[k] = a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)
    return out


def _stack(rows: list[dict], m: int) -> dict[str, np.ndarray]:
    """Per-point output dicts (None for a failed point) as arrays, NaN where a point has no value."""
    names = dict.fromkeys(k for r in rows if r for k in r)
    out = {}
    for k in names:
        dtype = np.complex128 if any(r and k in r and np.iscomplexobj(r[k]) for r in rows) else np.float64
        a = np.full(m, np.nan, dtype)
        for i, r in enumerate(rows):
            if r and k in r:
                a[i] = r[k]
        out[k] = a
    return out


def _one_point(task, columns: dict[str, np.ndarray], j: int) -> dict:
    """Outputs of point ``j`` of a chunk (a vectorised task gets length-1 arrays)."""
    if isinstance(task, Vectorized):
        out = _array_outputs(task(**{k: c[j : j + 1] for k, c in columns.items()}), task.outputs, 1)
        return {k: a[0] for k, a in out.items()}
    return _point_outputs(task(**{k: c[j].item() for k, c in columns.items()}))


def run_chunk(task, index: np.ndarray, columns: dict[str, np.ndarray]) -> dict:
    """Run ``task`` on one chunk: ``{"index", "values": {output: array}, "failed": [(index, tb)]}``."""
    if isinstance(task, Vectorized) and len(index) > 1:
        try:
            values = _array_outputs(task(**columns), task.outputs, len(index))
            return {"index": index, "values": values, "failed": []}
        except Exception:
            pass  # retried point by point below, to isolate the failing points
    rows, failed = [], []
    for j, i in enumerate(index):
        try:
            rows.append(_one_point(task, columns, j))
        except Exception:
            rows.append(None)
            failed.append((int(i), traceback.format_exc()))
    return {"index": index, "values": _stack(rows, len(index)), "failed": failed}
