"""Options shared by the trajectory solvers and the preparation of a run."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sps

from . import _checks
from .engine import Setup
from .propagator import Propagator, choose_kernel
from .unravel import Unravelling, initial_ensemble, operator_matrix, unravel


@dataclass(frozen=True)
class Options:
    """``batch``: trajectories evolved together (default from the dimension); ``kernel``:
    ``"auto"`` (by estimated cost), ``"dense"`` or ``"sparse"``; ``checkpoint_every``: seconds
    between checkpoint writes."""

    batch: int | None = None
    kernel: str = "auto"
    checkpoint_every: float = 30.0

    def __post_init__(self):
        if self.batch is not None:
            _checks.count("options.batch", self.batch)
        if self.kernel not in ("auto", "dense", "sparse"):
            raise _checks.fail("options.kernel", "'auto', 'dense' or 'sparse'", self.kernel)
        _checks.nonnegative("options.checkpoint_every", self.checkpoint_every)


def batch_size(options: Options, ntraj: int, dim: int) -> int:
    if options.batch is not None:
        return min(options.batch, ntraj)
    return int(min(ntraj, max(16, min(1024, 2**19 // max(dim, 1)))))


def as_unravelling(model, values, cutoffs) -> Unravelling:
    """``model`` itself if it is already an :class:`Unravelling`, else ``unravel(model, ...)``."""
    return model if isinstance(model, Unravelling) else unravel(model, values, cutoffs)


def prepare(model, values, psi0, times, *, cutoffs, options, seed, veto=(), record_jumps=False):
    """The shared :class:`Setup` of a run."""
    times = _checks.times(times)
    un = as_unravelling(model, values, cutoffs)
    probs, states = initial_ensemble(psi0, un)
    steps = np.diff(times)
    kernel = options.kernel if options.kernel != "auto" else choose_kernel(un.H_eff, steps, times[-1] - times[0])
    prop = Propagator(un.H_eff, kernel)
    return Setup(un, prop, times, probs, states, seed, frozenset(veto), record_jumps)


def matrices(ops, un, values, where="e_ops"):
    """Observables as matrices (dense for small dimension) and whether each is Hermitian."""
    mats = [operator_matrix(o, un, values, f"{where}[{i}]") for i, o in enumerate(ops)]
    herm = [abs(m - m.conj().T).max() <= 1e-12 * max(1.0, abs(m).max()) if m.nnz else True for m in mats]
    if un.dim <= 256:
        mats = [m.toarray() for m in mats]
    return mats, herm


def describe(model) -> str:
    """A model's identity for checkpoints: its repr, or a hash of an unravelling's matrices."""
    if not isinstance(model, Unravelling):
        return repr(model)
    h = hashlib.sha256()
    for m in (model.H_eff,) + tuple(c.op for c in model.channels):
        h.update(np.ascontiguousarray(m.toarray() if m.shape[0] <= 64 else m.data).tobytes())
    return f"Unravelling(dims={model.space.dims}, {h.hexdigest()})"


def fingerprint(**parts) -> dict:
    """A JSON-able description of a call, for checkpoints (arrays are hashed)."""
    out = {}
    for k, v in parts.items():
        if isinstance(v, np.ndarray) or sps.issparse(v):
            a = v.toarray() if sps.issparse(v) else v
            out[k] = hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
        else:
            out[k] = json.loads(json.dumps(v, default=str))
    return out


def run_config(kind: str, model, values, cutoffs, setup, **extra) -> dict:
    """The checkpoint description of a call."""
    return fingerprint(kind=kind, model=describe(model), values=sorted((str(k), str(v)) for k, v in (values or {}).items()),
                       cutoffs=sorted((str(k), v) for k, v in (cutoffs or {}).items()), psi0=setup.states,
                       probs=setup.probs, times=setup.times, seed=setup.seed, kernel=setup.prop.kernel, **extra)
