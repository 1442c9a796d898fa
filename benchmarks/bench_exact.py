"""Exact backend vs QuTiP: steady states and Liouvillian gaps of two N-level oscillators.

    python benchmarks/bench_exact.py [--max-n 30] [--gap-max-n 20] [--mem-gib 16] [--timeout 900]

Model: ``H = g (a1^dag a2 + h.c.)``, gain ``s kappa D[a1^dag]``, loss ``kappa D[a2]`` with
``s = 0.5, g = 0.8, kappa = 1`` (a stable regime; cutoffs N per mode). Every measurement runs in
its own subprocess with BLAS pinned to one thread and ``RLIMIT_AS`` set to ``--mem-gib`` (QuTiP's
N = 30 solve has needed ~14 GB and can crash), so a failure is reported instead of taking the
machine down; only one subprocess runs at a time. Reported per case: wall and CPU seconds, peak
resident memory of the subprocess (``ru_maxrss``, includes ~0.2 GB of interpreter and imports),
and the residual ``||L vec(rho)||_2`` evaluated by the same code for every solver. Ratios are
QuTiP time / symq time. QuTiP variants: the default ``steadystate(H, c_ops)``
(direct, scipy ``spsolve``; the fastest QuTiP route found here), ``use_rcm=True`` (similar CPU
time), and on request (``--qutip``) ``solver="splu", csc=True, permc_spec="MMD_AT_PLUS_A"``, which
on QuTiP's full Liouvillian was far slower (N = 20: > 10 min against 78 s CPU for the default).
Gaps: symq's sector scan (all sectors) against ``scipy.sparse.linalg.eigs`` with shift-invert at
``sigma = 0.05`` on the full Liouvillian (k = 12 nearest eigenvalues).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np

CASES = {
    "symq": "symq sector solver (real, MMD_AT_PLUS_A)",
    "qutip-default": "qutip.steadystate default",
    "qutip-rcm": "qutip.steadystate use_rcm=True",
    "qutip-splu-mmd": "qutip.steadystate solver=splu, csc, MMD_AT_PLUS_A",
    "gap-symq": "symq liouvillian_gap (all sectors)",
    "gap-scipy": "scipy eigs(sigma) on the full Liouvillian",
}


def _model(N):
    import symq.numerics.exact.reproductions as rep

    model, (s, g, k), (a1, a2) = rep.oscillator_dimer_model()
    return model, {s: 0.5, g: 0.8, k: 1.0}, {a1: N, a2: N}


def _worker(case: str, N: int) -> dict:
    """Run one measurement; returns a JSON-able dict."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import scipy.sparse.linalg as sla

    from symq.numerics.exact import (
        build,
        liouvillian,
        liouvillian_gap,
        solve_steady_state,
        to_qutip,
    )
    from symq.numerics.exact._qutip import qutip

    model, vals, cut = _model(N)
    num = build(model, vals, cutoffs=cut)
    out = {}
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    if case == "symq":
        res = solve_steady_state(model, vals, cutoffs=cut)
        rho = res.rho.full()
        out.update(sector=res.sector_size, lu_nnz=res.lu_nnz)
    elif case.startswith("qutip"):
        H, c_ops = to_qutip(model, vals, cutoffs=cut)
        opts = {"qutip-default": {}, "qutip-rcm": {"use_rcm": True},
                "qutip-splu-mmd": {"solver": "splu", "csc": True, "permc_spec": "MMD_AT_PLUS_A"}}[case]
        rho = qutip.steadystate(H, c_ops, **opts).full()
    elif case == "gap-symq":
        out["gap"] = liouvillian_gap(model, vals, cutoffs=cut, k=4, n_shifts=1, progress=False)
    elif case == "gap-scipy":
        L = liouvillian(num).tocsc()
        ev = sla.eigs(L, k=12, sigma=0.05, which="LM", return_eigenvectors=False)
        ev = ev[np.abs(ev) > 1e-9]
        out["gap"] = float(-ev.real.max())
    out["wall"] = time.perf_counter() - t0
    out["cpu"] = time.process_time() - c0
    if "gap" not in out:
        out["residual"] = num.residual(rho)
        out["trace_err"] = abs(np.trace(rho) - 1)
    out["peak_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    out["base_gib"] = base / 1024**2
    return out


def _run(case: str, N: int, mem_gib: float, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--worker", case, str(N), "--mem-gib", str(mem_gib)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout > {timeout:.0f} s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        tail = (p.stderr.strip().splitlines() or ["?"])[-1][:120]
        return {"error": f"exit {p.returncode}: {tail}"}
    return json.loads(lines[-1])


def _fmt(r: dict) -> str:
    if "error" in r:
        return f"FAILED ({r['error']})"
    extra = f"residual {r['residual']:.1e}" if "residual" in r else f"gap {r['gap']:.10f}"
    return f"wall {r['wall']:8.2f} s  cpu {r['cpu']:8.2f} s  peak {r['peak_gib']:6.2f} GiB  {extra}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-n", type=int, default=30, help="largest cutoff N (10, 20, 30, 40)")
    ap.add_argument("--gap-max-n", type=int, default=20, help="largest N for the gap comparison")
    ap.add_argument("--mem-gib", type=float, default=16.0, help="RLIMIT_AS of each subprocess (GiB)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per subprocess")
    ap.add_argument("--qutip", default="qutip-default,qutip-rcm",
                    help="comma-separated QuTiP variants to run")
    ap.add_argument("--worker", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    limit = int(min(args.mem_gib, 20.0) * 1024**3)
    if args.worker:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        print(json.dumps(_worker(args.worker[0], int(args.worker[1]))), flush=True)
        return
    Ns = [n for n in (10, 20, 30, 40) if n <= args.max_n]
    print(f"two N-level oscillators, s=0.5, g=0.8, kappa=1; subprocess memory limit {min(args.mem_gib, 20.0):.0f} GiB; "
          "BLAS 1 thread\n")
    for N in Ns:
        print(f"== steady state, N = {N} (Liouvillian {N**4}) ==", flush=True)
        ours = _run("symq", N, args.mem_gib, args.timeout)
        print(f"  {CASES['symq']:<62} {_fmt(ours)}  sector {ours.get('sector', '?')}", flush=True)
        for case in [c for c in args.qutip.split(",") if c]:
            r = _run(case, N, args.mem_gib, args.timeout)
            ok = "error" not in r and "error" not in ours
            ratio = f"  ratio wall {r['wall'] / ours['wall']:.1f}x cpu {r['cpu'] / ours['cpu']:.1f}x" if ok else ""
            print(f"  {CASES[case]:<62} {_fmt(r)}{ratio}", flush=True)
        print(flush=True)
    for N in [n for n in Ns if n <= args.gap_max_n]:
        print(f"== Liouvillian gap, N = {N} ==", flush=True)
        ours = _run("gap-symq", N, args.mem_gib, args.timeout)
        ref = _run("gap-scipy", N, args.mem_gib, args.timeout)
        print(f"  {CASES['gap-symq']:<62} {_fmt(ours)}", flush=True)
        ok = "error" not in ref and "error" not in ours
        ratio = f"  ratio wall {ref['wall'] / ours['wall']:.1f}x cpu {ref['cpu'] / ours['cpu']:.1f}x" if ok else ""
        print(f"  {CASES['gap-scipy']:<62} {_fmt(ref)}{ratio}", flush=True)
        if "error" not in ref and "error" not in ours:
            print(f"  |gap difference| = {abs(ref['gap'] - ours['gap']):.1e}", flush=True)
        print(flush=True)


if __name__ == "__main__":
    main()
