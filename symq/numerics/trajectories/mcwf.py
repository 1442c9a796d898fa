"""``mcwf``: Monte Carlo wave-function (quantum jump) trajectories of a symq Lindblad model."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _checks
from .engine import Batch
from .options import Options, batch_size, matrices, prepare, run_config
from .run import drive
from .samplers import PerTime
from .statistics import join_complex, split_complex


@dataclass(frozen=True)
class McwfResult:
    """Trajectory averages at ``times``: ``expect[i]`` and its standard error ``stderr[i]`` for
    ``e_ops[i]`` (real for Hermitian observables; for others ``stderr.real``/``stderr.imag`` are
    the errors of the real/imaginary parts). ``jumps[n]`` lists ``(time, channel)`` of trajectory
    ``n`` (``record_jumps=True``); ``channels`` labels the jump channels (see :mod:`.unravel`)."""

    times: np.ndarray
    expect: list
    stderr: list
    ntraj: int
    channels: tuple
    seed: int
    kernel: str
    jumps: list | None = None


def expectation_sampler(mats, ntimes: int, name: str = "expect") -> PerTime:
    def fn(batch: Batch):
        return split_complex(batch.expect(mats)).reshape(len(batch.ids), -1)

    return PerTime(name, fn, 2 * len(mats), ntimes)


def split_result(stats, herm):
    nops = len(herm)
    if not nops:
        return [], []
    mean = stats.mean.reshape(-1, nops, 2)
    err = stats.stderr.reshape(-1, nops, 2)
    expect = [join_complex(mean[:, i], herm[i]) for i in range(nops)]
    stderr = [join_complex(err[:, i], herm[i]) for i in range(nops)]
    return expect, stderr


def mcwf(model, values, psi0, times, *, ntraj: int = 500, e_ops=(), seed=None, cutoffs=None,
         progress: bool = True, checkpoint=None, record_jumps: bool = False, options: Options | None = None) -> McwfResult:
    """Quantum-jump trajectories of ``model`` (a :class:`symq.Lindblad`) with parameters ``values``.

    ``psi0``: a ket (QuTiP ``Qobj`` or numpy vector in the tensor order of
    ``symq.algebra.space(model.sites)``), or a density matrix whose eigenstates are sampled with
    their weights. ``times``: output times (the first is the initial time). ``e_ops``: symq
    operators (QuTiP / numpy matrices also accepted) averaged on the fly. ``seed``: trajectory
    ``i`` uses the stream ``SeedSequence(seed, spawn_key=(i,))``; the same seed gives the same
    result. ``checkpoint``: path of a checkpoint file; the run resumes from it if it exists.
    Collective channels are diagonalised into independent jump operators (:mod:`.unravel`).
    """
    options = options or Options()
    ntraj = _checks.count("ntraj", ntraj)
    seed = _checks.seed(seed)
    setup = prepare(model, values, psi0, times, cutoffs=cutoffs, options=options, seed=seed, record_jumps=record_jumps)
    mats, herm = matrices(list(e_ops), setup.un, values)
    batch = batch_size(options, ntraj, setup.un.dim)
    sampler = expectation_sampler(mats, len(setup.times))
    config = run_config("mcwf", model, values, cutoffs, setup, ntraj=ntraj, batch=batch, e_ops=[str(o) for o in e_ops], record_jumps=record_jumps)
    jumps = drive(setup, [sampler], ntraj, batch, checkpoint=checkpoint, config=config,
                  every=options.checkpoint_every, progress=progress)
    expect, stderr = split_result(sampler.stats, herm)
    return McwfResult(setup.times, expect, stderr, ntraj, setup.un.labels, seed, setup.prop.kernel, jumps)
