"""``integrate``: ensemble averages of observables of an Ito SDE over many trajectories."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits
from tqdm.auto import tqdm

from . import _checks
from . import checkpoint as _checkpoint
from .checkpoint import Progress
from .solvers import AbstractSolver, EulerMaruyama
from .terms import Diffusion, SDETerm

MEMORY_BUDGET = 64 * 2**20
"""Bytes the default ``chunk`` may use for the batch and the solvers' stage arrays."""


@dataclass(frozen=True)
class SDEResult:
    """Ensemble averages at the sample times.

    ``mean[name]`` and ``stderr[name]`` have shape ``(len(times), *shape)`` for an observable
    returning ``(k, *shape)``; ``stderr`` is the standard error of the mean (for a complex
    observable ``sqrt(E|f - mean|**2 / ntraj)``; NaN for a single trajectory). ``seed`` is the
    entropy used, which reproduces a run whose seed was drawn fresh; ``final`` holds the states at
    ``times[-1]`` if ``keep_final=True``.
    """

    times: np.ndarray
    mean: dict[str, np.ndarray]
    stderr: dict[str, np.ndarray]
    ntraj: int
    nsteps: int
    seed: int
    final: np.ndarray | None = None


@dataclass(frozen=True)
class _Grid:
    """The time steps: step ``s`` goes from ``start[s]`` to ``start[s] + size[s]`` and ends at
    sample time ``sample[s]`` (-1 if it ends between samples)."""

    start: np.ndarray
    size: np.ndarray
    sample: np.ndarray

    @classmethod
    def of(cls, times: np.ndarray, dt: float) -> _Grid:
        spans = np.diff(times)
        counts = np.maximum(1, np.ceil(spans / dt * (1 - 1e-12))).astype(int)
        size = np.repeat(spans / counts, counts)
        start = np.repeat(times[:-1], counts) + size * np.concatenate([np.arange(c) for c in counts])
        sample = np.full(counts.sum(), -1)
        sample[np.cumsum(counts) - 1] = np.arange(1, len(times))
        return cls(start, size, sample)


def default_chunk(ntraj: int, n: int, m: int) -> int:
    """The largest batch (at most 65536) whose peak memory, about ``16 (8n + 6nm + m^2)`` bytes
    per trajectory, fits :data:`MEMORY_BUDGET`."""
    return max(1, min(ntraj, 65536, MEMORY_BUDGET // (16 * (8 * n + 6 * n * m + m * m))))


def integrate(
    drift: Callable,
    diffusion: Callable | Diffusion,
    x0,
    times,
    *,
    ntraj: int,
    dt: float,
    solver: AbstractSolver = EulerMaruyama(),
    observables: Mapping[str, Callable] | None = None,
    seed: int | None = None,
    chunk: int | None = None,
    progress: bool = True,
    checkpoint: str | Path | None = None,
    checkpoint_every: int = 1000,
    keep_final: bool = False,
    blas_threads: int | None = 1,
) -> SDEResult:
    """Integrate ``dX = drift(X, t) dt + diffusion(X, t) dW`` (Ito) for ``ntraj`` trajectories.

    Conventions: a state is a row of ``n`` real or complex numbers, a batch ``x`` has shape
    ``(k, n)``; ``dW`` holds ``m`` independent real Wiener increments, each ``N(0, h)`` over a
    step ``h``. A plain callable ``diffusion`` returns ``(k, n, m)``; wrap it in
    :class:`Diffusion` to declare diagonal, commutative or additive noise (fast paths, higher
    strong order). A complex Wiener increment ``dZ = (dW1 + i dW2) / sqrt(2)`` (``E|dZ|^2 = h``,
    ``E dZ^2 = 0``) is two real noises: columns ``b / sqrt(2)`` and ``1j * b / sqrt(2)``.

    ``x0`` is one state ``(n,)`` shared by all trajectories, or one per trajectory
    ``(ntraj, n)``. The run starts at ``times[0]``; each interval between sample times is split
    into equal steps no longer than ``dt``. ``observables`` maps names to ``fn(x)`` returning
    ``(k,)`` or ``(k, *shape)``, real or complex; their running means and variances are updated
    at every sample time, full paths are never stored.

    Trajectories are integrated ``chunk`` at a time (peak memory about
    ``chunk * 16 * (8n + 6nm + m^2)`` bytes, default: see :func:`default_chunk`; plus
    ``ntraj * n`` numbers for a per-trajectory ``x0`` or ``keep_final=True``). Batch ``c``
    draws its noise from its own generator ``PCG64(SeedSequence(seed, spawn_key=(c,)))``, so the
    same ``seed`` and ``chunk`` give bitwise identical results. With ``checkpoint=path`` the
    accumulators, the batch state and its generator state are written atomically every
    ``checkpoint_every`` steps and after each batch; calling again with the same arguments
    resumes from the file and returns exactly what an uninterrupted run returns.

    BLAS runs on ``blas_threads`` threads during the call (None: leave it alone): the batch
    products are many small matrix products, which multithreaded BLAS slows down on a shared
    machine (a (20000, 2) x (2, 1) complex product took 8 ms on 2 busy cores, 0.06 ms on one).

    Raises :class:`symq.NumericsError` on invalid input, and when a state or an observable is not
    finite at a sample time (floating-point warnings inside a step are silenced in favour of this
    check).
    """
    term = SDETerm(drift, diffusion)
    ntraj = _checks.count("ntraj", ntraj)
    dt = _checks.positive("dt", dt)
    times = _checks.times(times)
    x0 = _checks.state(x0, ntraj)
    observables = _checks.observables(observables, keep_final)
    if not isinstance(solver, AbstractSolver):
        raise _checks.fail("solver to be an AbstractSolver such as EulerMaruyama()", solver)
    seed = _checks.seed(seed, checkpoint)
    path = _checks.checkpoint_path(checkpoint)
    every = _checks.count("checkpoint_every", checkpoint_every)
    if blas_threads is not None:
        blas_threads = _checks.count("blas_threads", blas_threads)
    solver.init(term)
    grid = _Grid.of(times, dt)
    n = x0.shape[-1]
    m = term.probe(_batch(x0, 0, min(ntraj, 3)), float(times[0]))
    chunk = default_chunk(ntraj, n, m) if chunk is None else _checks.count("chunk", chunk)
    entropy = np.random.SeedSequence(seed).entropy
    config = {
        "solver": repr(solver),
        "noise": term.noise,
        "n": n,
        "m": m,
        "dtype": str(x0.dtype),
        "x0": hashlib.sha256(np.ascontiguousarray(x0).tobytes()).hexdigest(),
        "times": times.tolist(),
        "dt": dt,
        "ntraj": ntraj,
        "chunk": chunk,
        "seed": entropy,
        "observables": list(observables),
        "keep_final": keep_final,
    }
    plan = _Plan(
        term=term,
        solver=solver,
        grid=grid,
        times=times,
        x0=x0,
        observables=observables,
        ntraj=ntraj,
        chunk=chunk,
        entropy=entropy,
        config=config,
        path=path,
        every=every,
    )
    state = (_checkpoint.load(plan.path, config) if plan.path is not None else None) or Progress.fresh(
        observables, len(times), np.zeros((ntraj, n), dtype=x0.dtype) if keep_final else None
    )
    with (
        threadpool_limits(blas_threads, user_api="blas"),
        tqdm(
            total=ntraj * plan.nsteps,
            initial=plan.done(state),
            unit="traj-step",
            unit_scale=True,
            disable=not progress,
        ) as bar,
    ):
        plan.run(state, bar)
    return SDEResult(
        times=times,
        mean={name: stats.mean for name, stats in state.moments.items()},
        stderr={name: stats.stderr() for name, stats in state.moments.items()},
        ntraj=ntraj,
        nsteps=plan.nsteps,
        seed=entropy,
        final=state.final,
    )


@dataclass(frozen=True)
class _Plan:
    """Everything one call fixes; :meth:`run` carries a :class:`Progress` to the end."""

    term: SDETerm
    solver: AbstractSolver
    grid: _Grid
    times: np.ndarray
    x0: np.ndarray
    observables: Mapping[str, Callable]
    ntraj: int
    chunk: int
    entropy: int
    config: dict
    path: Path | None
    every: int

    @property
    def nsteps(self) -> int:
        return len(self.grid.size)

    def rows(self, c: int) -> tuple[int, int]:
        """The trajectories ``lo:hi`` of batch ``c``."""
        return c * self.chunk, min(self.ntraj, (c + 1) * self.chunk)

    def done(self, state: Progress) -> int:
        """Trajectory-steps already taken."""
        lo, hi = self.rows(state.chunk)
        return min(lo, self.ntraj) * self.nsteps + state.step * max(0, hi - lo)

    def run(self, state: Progress, bar) -> None:
        grid, times = self.grid, self.times
        while state.chunk * self.chunk < self.ntraj:
            lo, hi = self.rows(state.chunk)
            if state.step == 0:
                seq = np.random.SeedSequence(self.entropy, spawn_key=(state.chunk,))
                state.x, state.rng = _batch(self.x0, lo, hi), np.random.Generator(np.random.PCG64(seq))
                _record(state, self.observables, 0, float(times[0]))
            for s in range(state.step, self.nsteps):
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    state.x = self.solver.step(self.term, grid.start[s], grid.size[s], state.x, state.rng)
                if grid.sample[s] >= 0:
                    _record(state, self.observables, grid.sample[s], float(times[grid.sample[s]]))
                bar.update(hi - lo)
                state.step = s + 1
                if self.path is not None and state.step % self.every == 0 and state.step < self.nsteps:
                    _checkpoint.save(self.path, self.config, state)
            if state.final is not None:
                state.final[lo:hi] = state.x
            state.chunk, state.step, state.x, state.rng = state.chunk + 1, 0, None, None
            if self.path is not None:
                _checkpoint.save(self.path, self.config, state)


def _batch(x0: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Initial states of trajectories ``lo:hi`` as a fresh ``(hi - lo, n)`` array."""
    return np.array(x0[lo:hi]) if x0.ndim == 2 else np.tile(x0, (hi - lo, 1))


def _record(state: Progress, observables: Mapping[str, Callable], i: int, t: float) -> None:
    """Check the batch is finite and merge every observable into sample time ``i``."""
    x = state.x
    if not np.isfinite(x).all():
        bad = np.flatnonzero(~np.isfinite(x).all(axis=1))
        raise _checks.fail(
            f"finite states at t = {t} (the SDE diverges, or dt is too large)",
            f"non-finite values in {len(bad)} trajectories of batch {state.chunk}, e.g. row {bad[0]}",
        )
    view = x.view()
    view.flags.writeable = False
    for name, fn in observables.items():
        stats = state.moments[name]
        value = np.asarray(fn(view))
        if stats.mean is None:
            shape, real = (len(x), *value.shape[1:]), None
        else:
            shape = (len(x), *stats.mean.shape[1:])
            real = None if np.iscomplexobj(stats.mean) else "as at its first sample"
        value = _checks.returned(f"observable {name!r}", value, shape, real)
        if not np.isfinite(value).all():
            raise _checks.fail(f"finite values of observable {name!r} at t = {t}", "NaN or infinity")
        with np.errstate(over="ignore", invalid="ignore"):
            stats.add(i, value)
        if not (np.isfinite(stats.mean[i]).all() and np.isfinite(stats.m2[i]).all()):
            raise _checks.fail(
                f"finite moments of observable {name!r} at t = {t}",
                f"an overflow (largest |value| {np.abs(value).max():.3g})",
            )
