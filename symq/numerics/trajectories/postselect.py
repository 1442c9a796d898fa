"""Postselected (conditional) dynamics.

* :func:`no_jump`: trajectories with no jump at all. The conditional state is
  ``psi(t) = exp(-i H_eff t) psi0 / |...|`` and the postselection (survival) probability is
  ``|exp(-i H_eff t) psi0|^2``, computed with the exact propagators of :mod:`.propagator`.
* :func:`postselect`: trajectories with no jump in the given channels only. The other channels
  jump as usual and a trajectory that jumps in a selected channel is discarded from then on; the
  accepted fraction estimates the postselection probability.
* :func:`conditional_master_equation`: the exact counterpart, the partially unravelled master
  equation ``d rho/dt = -i (H_eff rho - rho H_eff^dag) + sum_{m not selected} C_m rho C_m^dag``
  whose trace is the postselection probability and whose normalised solution is the conditional
  state (solved with ``scipy.sparse.linalg.expm_multiply`` on the vectorised equation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sps
from scipy.sparse.linalg import expm_multiply

from . import _checks
from .mcwf import expectation_sampler, split_result
from .options import Options, as_unravelling, batch_size, matrices, prepare, run_config
from .propagator import Propagator
from .run import drive
from .samplers import PerTime
from .unravel import initial_ensemble


@dataclass(frozen=True)
class NoJumpResult:
    """Conditional no-jump evolution: normalised ``states[t]`` (rows), ``survival[t]`` (the
    postselection probability) and ``expect[i][t]`` for ``e_ops[i]``."""

    times: np.ndarray
    states: np.ndarray
    survival: np.ndarray
    expect: list


@dataclass(frozen=True)
class PostselectResult:
    """Averages over accepted trajectories: ``expect``/``stderr`` per e_op at ``times``;
    ``accepted[t]`` the fraction of trajectories with no jump in the selected channels up to
    ``t`` (``accepted_stderr`` its binomial error) and ``naccepted[t]`` their number."""

    times: np.ndarray
    expect: list
    stderr: list
    accepted: np.ndarray
    accepted_stderr: np.ndarray
    naccepted: np.ndarray
    channels: tuple
    selected: tuple


@dataclass(frozen=True)
class ConditionalResult:
    """Exact conditional evolution: ``probability[t]`` of no jump in the selected channels and the
    conditional expectations ``expect[i][t]``; ``states[t]`` the normalised density matrices."""

    times: np.ndarray
    probability: np.ndarray
    expect: list
    states: np.ndarray


def _ket(psi0, un):
    p, V = initial_ensemble(psi0, un)
    if len(p) != 1:
        raise _checks.fail("psi0", "a pure state (ket) for no-jump evolution", "a mixed density matrix")
    return V[:, 0]


def no_jump(model, values, psi0, times, *, e_ops=(), cutoffs=None, kernel: str = "auto") -> NoJumpResult:
    """Conditional no-jump evolution of the ket ``psi0`` under ``H_eff = model.no_jump_hamiltonian()``."""
    times = _checks.times(times)
    un = as_unravelling(model, values, cutoffs)
    psi = _ket(psi0, un)[:, None]
    if kernel not in ("auto", "dense", "sparse"):
        raise _checks.fail("kernel", "'auto', 'dense' or 'sparse'", kernel)
    prop = Propagator(un.H_eff, kernel if kernel != "auto" else ("dense" if un.dim <= 512 else "sparse"))
    out = [psi[:, 0]]
    for h in np.diff(times):
        psi = prop.propagate(psi, h)
        out.append(psi[:, 0])
    raw = np.array(out)
    survival = np.sum(np.abs(raw) ** 2, axis=1)
    states = raw / np.sqrt(survival)[:, None]
    mats, herm = matrices(list(e_ops), un, values)
    expect = []
    for m, h_ in zip(mats, herm):
        e = np.einsum("td,td->t", states.conj(), (m @ states.T).T)
        expect.append(e.real if h_ else e)
    return NoJumpResult(times, states, survival, expect)


def _selected(channels, un):
    labels = un.labels
    out = []
    for c in channels:
        if isinstance(c, (int, np.integer)) and not isinstance(c, bool) and 0 <= c < len(labels):
            out.append(int(c))
        elif isinstance(c, str) and c in labels:
            out.append(labels.index(c))
        else:
            raise _checks.fail("channels", f"jump channel indices 0..{len(labels) - 1} or labels {list(labels)}", c)
    return tuple(sorted(set(out)))


def postselect(model, values, psi0, times, channels, *, ntraj: int = 500, e_ops=(), seed=None, cutoffs=None,
               progress: bool = True, checkpoint=None, options: Options | None = None) -> PostselectResult:
    """Trajectories with no jump in ``channels`` (indices or labels of ``unravel(model).channels``)."""
    options = options or Options()
    ntraj = _checks.count("ntraj", ntraj)
    seed = _checks.seed(seed)
    un = as_unravelling(model, values, cutoffs)
    sel = _selected(channels, un)
    setup = prepare(un, values, psi0, times, cutoffs=cutoffs, options=options, seed=seed, veto=sel)
    mats, herm = matrices(list(e_ops), setup.un, values)
    batch = batch_size(options, ntraj, setup.un.dim)
    expect = expectation_sampler(mats, len(setup.times))
    alive = PerTime("alive", lambda b: b.alive[:, None].astype(float), 1, len(setup.times), all_rows=True)
    config = run_config("postselect", model, values, cutoffs, setup, ntraj=ntraj, batch=batch, e_ops=[str(o) for o in e_ops], selected=list(sel))
    drive(setup, [expect, alive], ntraj, batch, checkpoint=checkpoint, config=config, every=options.checkpoint_every, progress=progress)
    ex, err = split_result(expect.stats, herm)
    acc = alive.stats.mean[:, 0]
    return PostselectResult(setup.times, ex, err, acc, alive.stats.stderr[:, 0], np.rint(acc * ntraj).astype(np.int64),
                            setup.un.labels, sel)


def conditional_master_equation(model, values, psi0, times, channels, *, e_ops=(), cutoffs=None) -> ConditionalResult:
    """Exact postselection on no jump in ``channels``: the partially unravelled master equation."""
    times = _checks.times(times)
    un = as_unravelling(model, values, cutoffs)
    sel = _selected(channels, un)
    d = un.dim
    p, V = initial_ensemble(psi0, un)
    rho0 = (V * p) @ V.conj().T
    eye = sps.identity(d, format="csr", dtype=complex)
    Heff = un.H_eff
    # row-major vec: vec(A rho B) = kron(A, B^T) vec(rho)
    L = -1j * sps.kron(Heff, eye) + 1j * sps.kron(eye, Heff.conj())
    for m, c in enumerate(un.channels):
        if m not in sel:
            L = L + sps.kron(c.op, c.op.conj())
    L = L.tocsr()
    vecs = [rho0.reshape(-1)]
    v = vecs[0]
    for h in np.diff(times):
        v = expm_multiply(L * h, v)
        vecs.append(v)
    rhos = np.array(vecs).reshape(len(times), d, d)
    prob = np.trace(rhos, axis1=1, axis2=2).real
    states = rhos / prob[:, None, None]
    mats, herm = matrices(list(e_ops), un, values)
    expect = []
    for m, h_ in zip(mats, herm):
        md = m.toarray() if sps.issparse(m) else m
        e = np.einsum("ij,tji->t", md, states)
        expect.append(e.real if h_ else e)
    return ConditionalResult(times, prob, expect, states)
