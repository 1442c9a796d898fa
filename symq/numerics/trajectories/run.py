"""The driver shared by every trajectory solver: batches, progress bar and checkpoints.

Trajectories ``0..ntraj-1`` are computed in batches of ``batch`` consecutive indices; samplers
fold each finished batch in trajectory order. With a checkpoint, the run's full state is saved
atomically at most every ``checkpoint_every`` seconds and after the last batch; calling again
with the same arguments resumes where the saved run stopped (or returns at once when finished).
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits
from tqdm.auto import tqdm

from .checkpoint import Checkpoint
from .engine import Batch, Setup


def drive(setup: Setup, samplers: list, ntraj: int, batch: int, *, checkpoint=None, config=None,
          every: float = 30.0, progress: bool = True, blas_threads: int | None = 1):
    """Run ``ntraj`` trajectories; returns the jump records (list per trajectory) or None.

    BLAS is limited to ``blas_threads`` threads during the run (None: leave as is): the batched
    products are small, and threaded BLAS on a shared machine slows them down many times.
    """
    with threadpool_limits(limits=blas_threads):
        return _drive(setup, samplers, ntraj, batch, checkpoint, config, every, progress)


def _drive(setup, samplers, ntraj, batch, checkpoint, config, every, progress):
    times = setup.times
    steps = np.diff(times)
    span = times[-1] - times[0]
    nchunks = -(-ntraj // batch)
    ckpt = Checkpoint(checkpoint, config or {}, every) if checkpoint is not None else None
    chunk, current = 0, None
    jumps = [] if setup.record_jumps else None
    saved = ckpt.load() if ckpt else None
    if saved is not None:
        chunk = int(saved["chunk"])
        for s in samplers:
            s.restore(saved)
        if "batch_ids" in saved:
            current = Batch.restore(setup, saved)
        if jumps is not None:
            jumps = [[] for _ in range(int(saved["njump_traj"]))]
            for i, tj, m in zip(saved["jump_traj"], saved["jump_times"], saved["jump_channels"]):
                jumps[int(i)].append((float(tj), int(m)))

    def snapshot(chunk_index, b):
        arrays = {"chunk": np.array(chunk_index)}
        for s in samplers:
            arrays.update(s.state())
        if b is not None:
            arrays.update(b.state())
        if jumps is not None:
            flat = [(i, tj, m) for i, js in enumerate(jumps) for tj, m in js]
            arrays["njump_traj"] = np.array(len(jumps))
            arrays["jump_traj"] = np.array([f[0] for f in flat], dtype=np.int64)
            arrays["jump_times"] = np.array([f[1] for f in flat], dtype=float)
            arrays["jump_channels"] = np.array([f[2] for f in flat], dtype=np.int64)
        return arrays

    done = min(chunk * batch, ntraj) + (0 if current is None or span == 0 else len(current.ids) * (times[current.k] - times[0]) / span)
    bar = tqdm(total=ntraj, initial=done, unit="traj", disable=not progress, dynamic_ncols=True, desc="trajectories")
    try:
        while chunk < nchunks:
            if current is None:
                current = Batch(setup, np.arange(chunk * batch, min((chunk + 1) * batch, ntraj)))
                for s in samplers:
                    s.begin(current)
                    s.sample(current)
            n = len(current.ids)
            while current.k < len(steps):
                h = steps[current.k]
                current.step(h)
                for s in samplers:
                    s.sample(current)
                bar.update(n * h / span)
                if ckpt and ckpt.due():
                    ckpt.save(snapshot(chunk, current))
            for s in samplers:
                s.end(current)
            if jumps is not None:
                jumps.extend(current.jumps)
            if span == 0:
                bar.update(n)
            chunk, current = chunk + 1, None
            if ckpt and (ckpt.due() or chunk == nchunks):
                ckpt.save(snapshot(chunk, None))
    finally:
        bar.close()
    return jumps
