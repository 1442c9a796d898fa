"""Sweep throughput: in-process, 1 and 2 local worker processes, and a 2-worker local Dask cluster.

    python benchmarks/bench_sweep.py [--points 2000]

The task is CPU-bound: the spectrum of a non-Hermitian chain with alternating gain and loss
(64 sites, dense ``eigvals``), returning its largest growth rate. Executors are started and
warmed up before timing, so the figures are sweep throughput; start-up times are printed apart.
Efficiency is speedup over one worker divided by the number of workers.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from threadpoolctl import threadpool_limits

import symq.sweep as sw


def growth_rate(g, s, size=64):
    """Largest imaginary part of the eigenvalues of H = g * hopping + i s (gain, loss, gain, ...)."""
    h = g * (np.eye(size, k=1) + np.eye(size, k=-1)) + np.diag(0.5j * s * (-1.0) ** np.arange(size))
    return float(np.linalg.eigvals(h).imag.max())


WARM = sw.grid(g=[1.0, 2.0], s=[1.0, 2.0])


def _start(make):
    """An executor made and warmed up by a tiny sweep, and the seconds that took."""
    t0 = time.perf_counter()
    executor = make()
    sw.sweep(growth_rate, WARM, executor=executor, chunk=1, progress=False)
    return executor, time.perf_counter() - t0


def _timed(executor, points, chunk=None):
    t0 = time.perf_counter()
    result = sw.sweep(growth_rate, points, executor=executor, chunk=chunk, progress=False)
    return result, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2000)
    args = parser.parse_args()
    side = int(np.sqrt(args.points))
    points = sw.grid(g=np.linspace(0.1, 2.0, side), s=np.linspace(0.0, 3.0, args.points // side))
    rows, starts = [], {}  # rows: (executor, workers, seconds)

    with threadpool_limits(1):
        reference, t = _timed("serial", points)
    rows.append(("in-process", 1, t))

    def record(name, workers, result, t):
        assert np.array_equal(result.values["value"], reference.values["value"]), name
        rows.append((name, workers, t))

    for workers in (1, 2):
        pool, starts[f"{workers} local worker(s)"] = _start(lambda w=workers: sw.local_executor(w))
        with pool:
            record(f"{workers} local worker(s)", workers, *_timed(pool, points))
    try:
        client, starts["dask"] = _start(
            lambda: sw.dask_client(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        )
    except sw.MissingDependency as exc:
        print(f"(dask skipped: {exc})")
    else:
        big = -(-points.n // 8)  # 8 chunks: less of the scheduler's per-task overhead
        with client:
            record("dask, 2 workers", 2, *_timed(client, points))
            record(f"dask, 2 w., chunk {big}", 2, *_timed(client, points, big))

    one = next(t for name, _, t in rows if name == "1 local worker(s)")
    print(f"{points.n} points; chunk = default (~64 chunks) unless given")
    print(f"{'executor':<24}{'wall s':>8}{'points/s':>10}{'speedup':>9}{'efficiency':>12}")
    for name, workers, t in rows:
        print(f"{name:<24}{t:>8.2f}{points.n / t:>10.0f}{one / t:>9.2f}{one / t / workers:>12.2f}")
    print(
        "start-up incl. warm-up (not in the times above): "
        + ", ".join(f"{k} {v:.2f} s" for k, v in starts.items())
    )


if __name__ == "__main__":
    main()
