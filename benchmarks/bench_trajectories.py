"""Benchmark: symq.numerics.trajectories.mcwf against qutip.mcsolve (serial and parallel maps).

Run: ``python benchmarks/bench_trajectories.py [--ntraj-qubits 500] [--ntraj-oscillators 100]``.
Both solvers get the same model, initial state, output times, observables and trajectory count;
BLAS is pinned to one thread (threadpoolctl, and the environment for QuTiP's worker processes).
Printed: wall times, the ratio qutip/mcwf for each map, and the largest deviation between the two
averages in units of mcwf's standard error. Both use the same seed, and QuTiP 5 derives its
per-trajectory generators from ``SeedSequence(seed).spawn`` exactly as mcwf does, so the two follow
the same trajectories: the deviation measures QuTiP's ODE tolerance, not sampling noise.
mcwf is timed twice: on the prebuilt unravelling (matrices, like the Qobjs QuTiP is given) and from
the symbolic model (including the model -> sparse matrix assembly by symq.algebra.to_sparse).

Problems: (1) two qubits with gain s*kappa on qubit 1, loss kappa on qubit 2 and exchange g
(d = 4); (2) the two-oscillator power grid of Huber & Rabl with saturable gain and loss,
A = a/(1 + a^dag a/n0), n0 = 1, 20 Fock levels per oscillator (d = 400).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

warnings.filterwarnings("ignore", message="matplotlib not found")
import qutip  # noqa: E402

import symq  # noqa: E402
from symq.numerics.trajectories import mcwf, unravel  # noqa: E402


def qubit_problem():
    s, g, kappa = sp.symbols("s g kappa", positive=True)
    q1, q2 = symq.qubits("1 2")
    model = symq.Lindblad(g * (q1.dag() * q2 + q2.dag() * q1), jumps=[(s * kappa, q1.dag()), (kappa, q2)])
    values = {s: 0.5, g: 1.0, kappa: 1.0}
    psi0 = np.zeros(4, complex)
    psi0[1] = 1
    return "2 qubits (d=4)", model, values, psi0, np.linspace(0, 10, 101), [q1.dag() * q1, q2.dag() * q2]


def grid_problem(levels=20, n0=1.0):
    g, gi, ge, gam = sp.symbols("g Gamma_i Gamma_e gamma", positive=True)
    t1, t2 = symq.transitions("1 2", levels)

    def lower(t, f):
        return symq.Op({((t.site, (k - 1, k)),): sp.Float(np.sqrt(k) * f(k - 1)) for k in range(1, levels)})

    a1, a2 = lower(t1, lambda n: 1.0), lower(t2, lambda n: 1.0)
    A1, A2 = lower(t1, lambda n: 1 / (1 + n / n0)), lower(t2, lambda n: 1 / (1 + n / n0))
    model = symq.Lindblad(-g / 2 * (a1.dag() * a2 + a2.dag() * a1),
                          jumps=[(gi, A1.dag()), (ge, A2), (gam, a1), (gam, a2)])
    values = {g: 1.0, gi: 4.0, ge: 8.0, gam: 0.01}
    psi0 = np.zeros(levels * levels, complex)
    psi0[0] = 1
    return f"two oscillators N={levels} (d={levels * levels})", model, values, psi0, np.linspace(0, 10, 101), [a1.dag() * a1, a2.dag() * a2]


def qutip_problem(model, values, psi0, e_ops):
    un = unravel(model, values)
    dims = [list(un.space.dims)] * 2
    H = qutip.Qobj(un.H, dims=dims)
    c_ops = [qutip.Qobj(c.op, dims=dims) for c in un.channels]
    ops = [qutip.Qobj(symq.algebra.to_sparse(o, un.space, values), dims=dims) for o in e_ops]
    ket = qutip.Qobj(psi0, dims=[list(un.space.dims), [1] * len(un.space.dims)])
    return H, c_ops, ops, ket


def bench(problem, ntraj: int) -> dict:
    name, model, values, psi0, times, e_ops = problem
    H, c_ops, ops, ket = qutip_problem(model, values, psi0, e_ops)
    out = {"name": name, "ntraj": ntraj}
    with threadpool_limits(limits=1):
        t0 = time.perf_counter()
        res = mcwf(model, values, psi0, times, ntraj=ntraj, e_ops=e_ops, seed=1, progress=False)
        out["mcwf_model"] = time.perf_counter() - t0
        un = unravel(model, values)
        t0 = time.perf_counter()
        res = mcwf(un, values, psi0, times, ntraj=ntraj, e_ops=e_ops, seed=1, progress=False)
        out["mcwf"] = time.perf_counter() - t0
        out["kernel"] = res.kernel
        for label, opts in (("serial", {"map": "serial"}), ("parallel", {"map": "parallel", "num_cpus": os.cpu_count()})):
            t0 = time.perf_counter()
            ref = qutip.mcsolve(H, ket, times, c_ops, e_ops=ops, ntraj=ntraj, seeds=1,
                                options=dict(opts, progress_bar=False, store_states=False))
            out[label] = time.perf_counter() - t0
            dev = 0.0
            for i in range(len(ops)):
                ok = res.stderr[i] > 0
                dev = max(dev, float(np.max(np.abs(res.expect[i] - np.real(ref.expect[i]))[ok] / res.stderr[i][ok])))
            out[f"dev_{label}"] = dev
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntraj-qubits", type=int, default=1000)
    parser.add_argument("--ntraj-oscillators", type=int, default=400)
    args = parser.parse_args()
    print(f"qutip {qutip.__version__}, {os.cpu_count()} cores, BLAS pinned to 1 thread")
    for problem, n in ((qubit_problem(), args.ntraj_qubits), (grid_problem(), args.ntraj_oscillators)):
        r = bench(problem, n)
        best = min(r["serial"], r["parallel"])
        print(f"{r['name']}, ntraj={r['ntraj']}: mcwf {r['mcwf']:.2f} s on prebuilt matrices ({r['kernel']} kernel), "
              f"{r['mcwf_model']:.2f} s from the symbolic model; mcsolve serial {r['serial']:.2f} s, parallel {r['parallel']:.2f} s")
        print(f"    ratios mcsolve/mcwf (prebuilt): serial {r['serial'] / r['mcwf']:.1f}x, parallel {r['parallel'] / r['mcwf']:.1f}x, "
              f"best {best / r['mcwf']:.1f}x; from the model: best {best / r['mcwf_model']:.1f}x")
        print(f"    check (same seeds, same trajectories): max |mcwf - mcsolve| / stderr = {r['dev_serial']:.1f} (serial), {r['dev_parallel']:.1f} (parallel)")


if __name__ == "__main__":
    main()
