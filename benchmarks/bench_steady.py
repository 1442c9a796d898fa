"""Exact steady state of the unbalanced gain/loss qubit dimer: symq vs the naive sympy route.

    python benchmarks/bench_steady.py [--timeout 900]

symq: ``symq.steady.steady_state`` (zero-charge U(1) sector, 6 unknowns, DomainMatrix over
``ZZ[s, g, kappa]``); first call and the median of 5 repeated calls.
Naive: the full 16x16 symbolic Liouvillian (row-major vectorisation), one row replaced by the
trace condition, ``Matrix.LUsolve``, then ``cancel`` (and, separately, ``simplify``) of each
entry; run in a child process capped at ``--timeout`` wall seconds (an unfinished stage's figure
is a lower bound). The cancelled naive state is compared with symq's exactly.
All figures are CPU seconds of the process doing the work (the machine is shared; wall time
would measure the neighbours). BLAS threads are pinned to 1 (neither route uses BLAS much: both
are pure-Python sympy).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue as queue_mod
import statistics
import time

import sympy as sp
from threadpoolctl import threadpool_limits

import symq
from symq.steady import steady_state

s, g, kappa, w0 = sp.symbols("s g kappa omega_0", positive=True)


def dimer():
    q1, q2 = symq.qubits("1 2")
    H = w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1)
    return symq.Lindblad(H, jumps=[(s * kappa, q1.dag()), (kappa, q2)])


def naive_steady_state(queue) -> None:
    """The textbook route: dense symbolic Liouvillian, Matrix.LUsolve, simplify (CPU seconds)."""
    c0 = time.process_time()
    sm = sp.Matrix([[0, 1], [0, 0]])  # QuTiP destroy(2): level 0 = ground
    eye2 = sp.eye(2)
    s1, s2 = sp.kronecker_product(sm, eye2), sp.kronecker_product(eye2, sm)
    H = w0 * (s1.H * s1 + s2.H * s2) + g * (s1.H * s2 + s2.H * s1)
    eye = sp.eye(4)
    # vec(A rho B) = (A (x) B^T) vec(rho) for row-major vec
    L = -sp.I * (sp.kronecker_product(H, eye) - sp.kronecker_product(eye, H.T))
    for rate, c in ((s * kappa, s1.H), (kappa, s2)):
        cdc = c.H * c
        L += rate * (sp.kronecker_product(c, c.conjugate())
                     - (sp.kronecker_product(cdc, eye) + sp.kronecker_product(eye, cdc.T)) / 2)
    L, rhs = sp.Matrix(L), sp.zeros(16, 1)
    L[0, :] = sp.Matrix([[1 if k % 5 == 0 else 0 for k in range(16)]])  # Tr rho = sum rho_kk
    rhs[0] = 1
    x = L.LUsolve(rhs)
    t_lu = time.process_time() - c0
    queue.put(("lusolve", t_lu))
    c1 = time.process_time()
    rho = x.reshape(4, 4).applyfunc(sp.cancel)
    queue.put(("cancel", t_lu + time.process_time() - c1, rho))
    c1 = time.process_time()
    x.reshape(4, 4).applyfunc(sp.simplify)
    queue.put(("simplify", t_lu + time.process_time() - c1))


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a child process (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=900.0, help="cap on the naive route, seconds")
    args = parser.parse_args()
    model = dimer()
    with threadpool_limits(1):
        c0 = time.process_time()
        rho = steady_state(model)
        first = time.process_time() - c0
        reps = []
        for _ in range(5):
            c0 = time.process_time()
            steady_state(model)
            reps.append(time.process_time() - c0)
    warm = statistics.median(reps)
    print(f"symq steady_state (6-element sector): first call {first:.3f} s, median of 5 {warm:.3f} s (CPU)")

    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=naive_steady_state, args=(queue,))
    t0 = time.perf_counter()
    proc.start()
    results = {}
    while proc.is_alive() or not queue.empty():
        remaining = args.timeout - (time.perf_counter() - t0)
        if remaining <= 0:
            break
        try:
            item = queue.get(timeout=min(remaining, 1.0))
        except queue_mod.Empty:
            continue
        results[item[0]] = item[1:]
        if item[0] == "simplify":
            break
    elapsed = _cpu_seconds(proc.pid)
    if proc.is_alive():
        proc.terminate()
    proc.join()
    if proc.exitcode not in (0, -15) and "simplify" not in results:
        raise SystemExit(f"the naive route failed (exit code {proc.exitcode})")

    stages = (("lusolve", "Matrix.LUsolve on the 16x16 Liouvillian (unsimplified result)"),
              ("cancel", "LUsolve + cancel of each entry (a usable rational form)"),
              ("simplify", "LUsolve + simplify of each entry"))
    for key, label in stages:
        if key in results:
            t_stage = results[key][0]
            print(f"naive {label}: {t_stage:.1f} s CPU  (ratio {t_stage / warm:,.0f}x)")
        else:
            print(f"naive {label}: not finished after {elapsed:.0f} s CPU (wall cap {args.timeout:.0f} s)"
                  f"  (ratio > {elapsed / warm:,.0f}x)")
    if "cancel" in results:
        rho_naive = results["cancel"][1]
        print("naive and symq states agree exactly:", (rho - rho_naive).applyfunc(sp.cancel).is_zero_matrix)


if __name__ == "__main__":
    main()
