"""Sweeps: formula sweep of 1e6 points vs qutip.steadystate, and scaling over workers and Dask.

    python benchmarks/bench_sweep.py [--sections throughput,formula,steady] [--points 2000]
        [--formula-points 1000000] [--qutip-sample 100] [--steady-points 64] [--cutoff 15]

Sections (each prints the load average before and after, since the machine is shared):

* ``formula``: the generated ``concurrence`` of ``symq.formulas.unbalanced_dimer`` swept over a
  1000 x 1000 (g, s) grid (kappa = 1) in-process and on 2 local workers, against the bare numpy
  call on the same arrays (the sweep's overhead), and against ``qutip.steadystate`` +
  ``qutip.concurrence`` timed on a random sample of the same points (values compared) and
  extrapolated to all of them.
* ``steady``: 64 exact steady states (``symq.numerics.exact.solve_steady_state`` on the
  zero-charge sector) of two N-level oscillators with gain ``s kappa D[a1^dag]`` and loss
  ``kappa D[a2]`` (N = 15 levels each, a 2255-unknown sector), one point per chunk, with 1 and 2
  local worker processes and a local Dask cluster of 2 single-threaded worker processes.
* ``throughput``: a light CPU-bound task (the spectrum of a 64-site non-Hermitian chain with
  alternating gain and loss) in-process, on 1 and 2 local workers and on Dask.

Executors are started and warmed up before timing, so the figures are sweep times; start-up
times are printed apart. Efficiency is the speedup over one worker divided by the workers. On a
shared machine it is bounded by the cores the others leave free: a probe times the same CPU work
once alone and twice at once on the 2-worker pool and prints the cores the two workers got.
"""

from __future__ import annotations

import argparse
import os
import time
from functools import cache

import numpy as np
from threadpoolctl import threadpool_limits

import symq.sweep as sw


def growth_rate(g, s, size=64):
    """Largest imaginary part of the eigenvalues of H = g * hopping + i s (gain, loss, gain, ...)."""
    h = g * (np.eye(size, k=1) + np.eye(size, k=-1)) + np.diag(0.5j * s * (-1.0) ** np.arange(size))
    return float(np.linalg.eigvals(h).imag.max())


WARM = sw.grid(g=[1.0, 2.0], s=[1.0, 2.0])


def _load() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def _print_table(rows, n, one) -> None:
    print(f"{'executor':<26}{'wall s':>8}{'points/s':>11}{'speedup':>9}{'efficiency':>12}")
    for name, workers, t in rows:
        print(f"{name:<26}{t:>8.2f}{n / t:>11.0f}{one / t:>9.2f}{one / t / workers:>12.2f}")


def _scaling(task, points, warm, chunk=None) -> None:
    """Time ``task`` over ``points`` in-process, on 1 and 2 local workers and a 2-worker Dask cluster."""
    rows, starts = [], {}

    def start(make):
        t0 = time.perf_counter()
        executor = make()
        sw.sweep(task, warm, executor=executor, chunk=1, progress=False)
        return executor, time.perf_counter() - t0

    def timed(executor, chunk_=chunk):
        t0 = time.perf_counter()
        result = sw.sweep(task, points, executor=executor, chunk=chunk_, progress=False)
        return result, time.perf_counter() - t0

    with threadpool_limits(1):
        sw.sweep(task, warm, executor="serial", progress=False)  # imports and caches, as the workers' warm-up
        reference, t = timed("serial")
    rows.append(("in-process", 1, t))
    assert not reference.failures, reference.summary()

    def record(name, workers, result, t):
        for k, v in reference.values.items():
            assert np.array_equal(result.values[k], v), name
        rows.append((name, workers, t))

    for workers in (1, 2):
        pool, starts[f"{workers} local worker(s)"] = start(lambda w=workers: sw.local_executor(w))
        with pool:
            record(f"{workers} local worker(s)", workers, *timed(pool))
            if workers == 2:
                cores = _cores_available(pool)
    try:
        client, starts["dask"] = start(
            lambda: sw.dask_client(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        )
    except sw.MissingDependency as exc:
        print(f"(dask skipped: {exc})")
    else:
        with client:
            record("dask, 2 workers", 2, *timed(client))
            if chunk is None:
                big = -(-points.n // 8)  # 8 chunks: less of the scheduler's per-task overhead
                record(f"dask, 2 w., chunk {big}", 2, *timed(client, big))
    one = next(t for name, _, t in rows if name == "1 local worker(s)")
    print(f"{points.n} points; chunk = {chunk or 'default (~64 chunks)'}")
    _print_table(rows, points.n, one)
    print("start-up incl. warm-up (not in the times above): " + ", ".join(f"{k} {v:.2f} s" for k, v in starts.items()))
    print(f"cores the machine gave 2 busy workers (probe after the 2-worker run): {cores:.2f} of 2")


def _spin(n: int) -> float:
    """A fixed amount of CPU work (``n`` dense 64 x 64 eigenvalue problems)."""
    t0 = time.process_time()
    for _ in range(n):
        growth_rate(1.0, 1.0)
    return time.process_time() - t0


def _cores_available(pool, n: int = 200) -> float:
    """How many cores two workers of ``pool`` got: the same work once alone, then twice at once;
    2 when both ran at full speed, 1 when they shared one core (other load on the machine)."""
    t0 = time.perf_counter()
    pool.submit(_spin, n).result()
    alone = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in [pool.submit(_spin, n) for _ in range(2)]:
        f.result()
    return 2 * alone / (time.perf_counter() - t0)


def throughput(args) -> None:
    side = int(np.sqrt(args.points))
    points = sw.grid(g=np.linspace(0.1, 2.0, side), s=np.linspace(0.0, 3.0, args.points // side))
    print("-- throughput: growth rate of a 64-site gain/loss chain (dense eigvals)")
    _scaling(growth_rate, points, WARM)


def _qutip_concurrence(s, g):
    """``qutip.steadystate`` of the qubit dimer (kappa = 1, omega_0 = 0) and ``qutip.concurrence``."""
    import qutip

    a = qutip.destroy(2)
    s1, s2 = qutip.tensor(a, qutip.qeye(2)), qutip.tensor(qutip.qeye(2), a)
    H = g * (s1.dag() * s2 + s2.dag() * s1)
    return qutip.concurrence(qutip.steadystate(H, [np.sqrt(s) * s1.dag(), s2]))


def formula(args) -> None:
    from symq.formulas.unbalanced_dimer import concurrence

    side = round(np.sqrt(args.formula_points))
    g, s = np.linspace(0.01, 3.0, side), np.linspace(0.1, 3.0, side)
    points = sw.grid(g=g, s=s, kappa=[1.0])
    task, key, _ = sw.formula_task("unbalanced_dimer", ["concurrence"])
    print(f"-- formula: concurrence of the qubit dimer over a {side} x {side} grid ({points.n} points)")
    with threadpool_limits(1):
        t0 = time.perf_counter()
        bare = concurrence(points.arrays["s"], points.arrays["g"], points.arrays["kappa"])
        t_bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        serial = sw.sweep(task, points, executor="serial", progress=False, task_key=key)
        t_serial = time.perf_counter() - t0
    assert np.array_equal(serial.values["concurrence"], bare)
    with sw.local_executor(2) as pool:
        sw.sweep(task, sw.grid(g=[1.0, 2.0], s=[1.0], kappa=[1.0]), executor=pool, chunk=1, progress=False)
        t0 = time.perf_counter()
        two = sw.sweep(task, points, executor=pool, progress=False, task_key=key)
        t_two = time.perf_counter() - t0
    assert np.array_equal(two.values["concurrence"], bare)

    rng = np.random.default_rng(1)
    sample = rng.choice(points.n, args.qutip_sample, replace=False)
    with threadpool_limits(1):
        _qutip_concurrence(1.0, 1.0)  # imports and caches outside the timing
        t0 = time.perf_counter()
        ref = np.array([_qutip_concurrence(points.arrays["s"][i], points.arrays["g"][i]) for i in sample])
        t_qutip = (time.perf_counter() - t0) / len(sample)
    err = float(np.max(np.abs(ref - bare[sample])))
    assert err < 1e-8, err  # qutip.steadystate's direct solve is accurate to ~1e-12 on a 16x16 Liouvillian
    extrapolated = t_qutip * points.n
    print(f"{'route':<44}{'wall s':>12}{'per point':>12}")
    for name, t in (("numpy call of the formula (no sweep)", t_bare), ("sweep, in-process (100 chunks)", t_serial),
                    ("sweep, 2 local workers", t_two)):
        print(f"{name:<44}{t:>12.3f}{t / points.n * 1e9:>10.0f} ns")
    print(f"{'qutip.steadystate + concurrence, extrapolated':<44}{extrapolated:>12.0f}{t_qutip * 1e3:>10.2f} ms"
          f"   (sample of {len(sample)} points, max |diff| {err:.1e})")
    print(f"ratio qutip / sweep in-process: {extrapolated / t_serial:.3g}; qutip / sweep 2 workers: "
          f"{extrapolated / t_two:.3g}; sweep overhead over the bare call: {t_serial / t_bare:.2f}x")


@cache
def _oscillator_dimer():
    from symq.numerics.exact.reproductions import oscillator_dimer_model

    return oscillator_dimer_model()


def dimer_steady_state(s, g, N):
    """Purity and residual of the exact steady state of two N-level oscillators (kappa = 1)."""
    from symq.numerics.exact import solve_steady_state

    model, (s_, g_, k_), (a1, a2) = _oscillator_dimer()
    st = solve_steady_state(model, {s_: s, g_: g, k_: 1.0}, cutoffs={a1: N, a2: N}, on_truncation="ignore")
    rho = st.rho.full()
    return {"purity": float(np.vdot(rho, rho).real), "residual": st.residual}


def steady(args) -> None:
    n = round(np.sqrt(args.steady_points))
    points = sw.grid(s=np.linspace(0.2, 0.8, n), g=np.linspace(0.3, 2.0, args.steady_points // n), N=[args.cutoff])
    warm = sw.grid(s=[0.5], g=[0.5, 1.0], N=[args.cutoff])
    print(f"-- steady: {points.n} exact steady states of two {args.cutoff}-level oscillators, one per chunk")
    _scaling(dimer_steady_state, points, warm, chunk=1)


SECTIONS = {"formula": formula, "steady": steady, "throughput": throughput}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", default="formula,steady,throughput")
    parser.add_argument("--points", type=int, default=2000, help="throughput section")
    parser.add_argument("--formula-points", type=int, default=1_000_000)
    parser.add_argument("--qutip-sample", type=int, default=100)
    parser.add_argument("--steady-points", type=int, default=64)
    parser.add_argument("--cutoff", type=int, default=15, help="levels per oscillator in the steady section")
    args = parser.parse_args()
    for name in args.sections.split(","):
        print(f"[{_load()}, {os.cpu_count()} cores]")
        SECTIONS[name](args)
    print(f"[{_load()}]")


if __name__ == "__main__":
    main()
