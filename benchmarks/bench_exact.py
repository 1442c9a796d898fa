"""Exact backend vs QuTiP: steady states and Liouvillian gaps of two N-level oscillators.

    python benchmarks/bench_exact.py [--ns 10,20,30,40] [--gap-ns 10,20,30,40] [--mem-gib 8] [--timeout 900]

Model: ``H = g (a1^dag a2 + h.c.)``, gain ``s kappa D[a1^dag]``, loss ``kappa D[a2]`` with
``s = 0.5, g = 0.8, kappa = 1`` (a stable regime; cutoffs N per mode). Every measurement runs in
its own subprocess with BLAS pinned to one thread and ``RLIMIT_AS`` set to ``--mem-gib`` (default
8 GiB on this shared machine; QuTiP's N = 30 solve has needed ~14 GB and can crash, N = 40 does
not fit), so a failure (MemoryError, segfault, timeout) is reported instead of taking the machine
down; only one subprocess runs at a time. A summary table of wall time, peak memory and their
ratios ends the run. Reported per case: wall and CPU seconds, peak
resident memory of the subprocess (``ru_maxrss``, includes ~0.2 GB of interpreter and imports),
and the residual ``||L vec(rho)||_2`` evaluated by the same code for every solver. Ratios are
QuTiP time / symq time. QuTiP variants: the default ``steadystate(H, c_ops)``
(direct, scipy ``spsolve``; the fastest QuTiP route found here), ``use_rcm=True`` (similar CPU
time), and on request (``--qutip``) ``solver="splu", csc=True, permc_spec="MMD_AT_PLUS_A"``, which
on QuTiP's full Liouvillian was far slower (N = 20: > 10 min against 78 s CPU for the default).
Gaps: symq's sector scan (all sectors) against ``scipy.sparse.linalg.eigs`` with shift-invert at
``sigma = 0.05`` on the full Liouvillian (k = 12 nearest eigenvalues). That reference can miss the
slowest mode when it has a large imaginary part (here ``-kappa/8 +- 0.71i``): at N = 20 it returned
twice the gap, the failure the per-sector scan with shifts along the imaginary axis avoids; the
``|gap diff|`` column shows it.
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


def _children_peak_gib() -> float:
    """Largest peak RSS of any reaped subprocess so far (``RUSAGE_CHILDREN``), GiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2


def _run(case: str, N: int, mem_gib: float, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--worker", case, str(N), "--mem-gib", str(mem_gib)]
    before = _children_peak_gib()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        after = _children_peak_gib()
        peak = f", peak RSS {after:.2f} GiB" if after > before else ""
        return {"error": f"timeout > {timeout:.0f} s{peak}"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        tail = (p.stderr.strip().splitlines() or ["?"])[-1][:120]
        after = _children_peak_gib()
        peak = f", peak RSS {after:.2f} GiB" if after > before else ""
        return {"error": f"exit {p.returncode}: {tail}{peak}"}
    return json.loads(lines[-1])


def _fmt(r: dict) -> str:
    if "error" in r:
        return f"FAILED ({r['error']})"
    extra = f"residual {r['residual']:.1e}" if "residual" in r else f"gap {r['gap']:.10f}"
    return f"wall {r['wall']:8.2f} s  cpu {r['cpu']:8.2f} s  peak {r['peak_gib']:6.2f} GiB  {extra}"


def _ratio(ref: dict, ours: dict, key: str) -> str:
    if "error" in ref or "error" in ours:
        return "-"
    return f"{ref[key] / ours[key]:.1f}x"


def _cell(r: dict) -> str:
    return "FAILED" if "error" in r else f"{r['wall']:.2f} s / {r['peak_gib']:.2f} GiB"


def _table(steady: dict, gaps: dict, qutip_cases: list) -> None:
    """The ratio table: wall time / peak memory per solver, QuTiP (or scipy) over symq."""
    print("== summary (wall / peak RSS; ratio = reference wall / symq wall, reference peak / symq peak) ==")
    head = f"{'N':>3}  {'symq steady':>22}"
    for case in qutip_cases:
        head += f"  {case:>22}  {'ratio t':>7}  {'ratio mem':>9}"
    print(head)
    for N, (ours, refs) in steady.items():
        line = f"{N:>3}  {_cell(ours):>22}"
        for case in qutip_cases:
            r = refs[case]
            line += f"  {_cell(r):>22}  {_ratio(r, ours, 'wall'):>7}  {_ratio(r, ours, 'peak_gib'):>9}"
        print(line)
    print(f"{'N':>3}  {'symq gap':>22}  {'scipy eigs (full L)':>22}  {'ratio t':>7}  {'ratio mem':>9}  |gap diff|")
    for N, (ours, ref) in gaps.items():
        diff = f"{abs(ref['gap'] - ours['gap']):.1e}" if "error" not in ref and "error" not in ours else "-"
        print(f"{N:>3}  {_cell(ours):>22}  {_cell(ref):>22}  {_ratio(ref, ours, 'wall'):>7}  "
              f"{_ratio(ref, ours, 'peak_gib'):>9}  {diff}")
    for N, (ours, refs) in steady.items():
        for name, r in [("symq", ours), *refs.items()]:
            if "error" in r:
                print(f"N = {N}, {name}: {r['error']}")
    for N, pair in gaps.items():
        for name, r in zip(("gap-symq", "gap-scipy"), pair):
            if "error" in r:
                print(f"N = {N}, {name}: {r['error']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ns", default="10,20,30,40", help="comma-separated cutoffs N for the steady states")
    ap.add_argument("--gap-ns", default="10,20,30,40", help="comma-separated cutoffs N for the gaps")
    ap.add_argument("--gap-reference", action=argparse.BooleanOptionalAction, default=True,
                    help="run the scipy eigs reference for the gaps (--no-gap-reference: symq only)")
    ap.add_argument("--mem-gib", type=float, default=8.0,
                    help="RLIMIT_AS of each subprocess (GiB); the machine is shared, keep it at most 8")
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
    Ns = [int(n) for n in args.ns.split(",") if n]
    gap_Ns = [int(n) for n in args.gap_ns.split(",") if n]
    qutip_cases = [c for c in args.qutip.split(",") if c]
    print(f"two N-level oscillators, s=0.5, g=0.8, kappa=1; subprocess memory limit {min(args.mem_gib, 20.0):.0f} GiB; "
          "BLAS 1 thread\n")
    steady, gaps = {}, {}
    for N in Ns:
        print(f"== steady state, N = {N} (Liouvillian {N**4}) ==", flush=True)
        ours = _run("symq", N, args.mem_gib, args.timeout)
        print(f"  {CASES['symq']:<62} {_fmt(ours)}  sector {ours.get('sector', '?')}", flush=True)
        refs = {}
        for case in qutip_cases:
            r = refs[case] = _run(case, N, args.mem_gib, args.timeout)
            ok = "error" not in r and "error" not in ours
            ratio = f"  ratio wall {r['wall'] / ours['wall']:.1f}x cpu {r['cpu'] / ours['cpu']:.1f}x" if ok else ""
            print(f"  {CASES[case]:<62} {_fmt(r)}{ratio}", flush=True)
        steady[N] = (ours, refs)
        print(flush=True)
    for N in gap_Ns:
        print(f"== Liouvillian gap, N = {N} ==", flush=True)
        ours = _run("gap-symq", N, args.mem_gib, args.timeout)
        ref = _run("gap-scipy", N, args.mem_gib, args.timeout) if args.gap_reference else {"error": "not run"}
        gaps[N] = (ours, ref)
        print(f"  {CASES['gap-symq']:<62} {_fmt(ours)}", flush=True)
        ok = "error" not in ref and "error" not in ours
        ratio = f"  ratio wall {ref['wall'] / ours['wall']:.1f}x cpu {ref['cpu'] / ours['cpu']:.1f}x" if ok else ""
        print(f"  {CASES['gap-scipy']:<62} {_fmt(ref)}{ratio}", flush=True)
        if ok:
            print(f"  |gap difference| = {abs(ref['gap'] - ours['gap']):.1e}", flush=True)
        print(flush=True)
    _table(steady, gaps, qutip_cases)


if __name__ == "__main__":
    main()
