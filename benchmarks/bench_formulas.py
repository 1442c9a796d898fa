"""Generated formulas vs a QuTiP steady-state loop: concurrence and purity of the unbalanced dimer.

    python benchmarks/bench_formulas.py [--points 100000] [--sample 300] [--seed 1]

Parameter points are drawn as in the tests: s log-uniform in [0.05, 20], g/kappa log-uniform in
[1e-3, 1e2], kappa log-uniform in [1e-2, 1e2].

Formulas: ``symq.formulas.unbalanced_dimer.concurrence`` and ``.purity``, each one vectorised call
over all ``--points`` points (median of 5 repeats).
QuTiP: for each of ``--sample`` of the same points, build H and the collapse operators in QuTiP,
``qutip.steadystate``, then ``qutip.concurrence`` and ``Tr rho^2``; the per-point time is
extrapolated to ``--points``. Both run side by side in this process and are reported as CPU
seconds (the machine is shared) with BLAS pinned to one thread; the ratio is the figure to quote.
The largest deviation between formula and QuTiP on the sample is printed too.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import qutip as qt
from threadpoolctl import threadpool_limits

from symq.formulas import unbalanced_dimer as F

S1 = qt.tensor(qt.destroy(2), qt.qeye(2))
S2 = qt.tensor(qt.qeye(2), qt.destroy(2))


def points(n: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    logu = lambda lo, hi: np.exp(rng.uniform(np.log(lo), np.log(hi), n))
    s, kappa = logu(0.05, 20.0), logu(1e-2, 1e2)
    return {"s": s, "g": kappa * logu(1e-3, 1e2), "kappa": kappa}


def qutip_measures(s: float, g: float, kappa: float) -> tuple[float, float]:
    """(concurrence, purity) of qutip.steadystate at one point (omega_0 = 0: the measures do not depend on it)."""
    H = g * (S1.dag() * S2 + S2.dag() * S1)
    rho = qt.steadystate(H, [np.sqrt(s * kappa) * S1.dag(), np.sqrt(kappa) * S2])
    return qt.concurrence(rho), float(np.real((rho * rho).tr()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000, help="parameter points for the formulas")
    parser.add_argument("--sample", type=int, default=300, help="points of the QuTiP loop (extrapolated)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    p = points(args.points, args.seed)
    with threadpool_limits(1):
        times = []
        for _ in range(5):
            c0 = time.process_time()
            C = F.concurrence(p["s"], p["g"], p["kappa"])
            P = F.purity(p["s"], p["g"], p["kappa"])
            times.append(time.process_time() - c0)
        t_formula = statistics.median(times)

        idx = np.random.default_rng(args.seed + 1).choice(args.points, size=args.sample, replace=False)
        c0 = time.process_time()
        ref = np.array([qutip_measures(p["s"][i], p["g"][i], p["kappa"][i]) for i in idx])
        t_loop = time.process_time() - c0
    t_qutip = t_loop / args.sample * args.points
    dC = np.abs(C[idx] - ref[:, 0])
    dP = np.abs(P[idx] - ref[:, 1]) / ref[:, 1]
    print(f"points: {args.points}; QuTiP sample: {args.sample} (CPU seconds, BLAS 1 thread)")
    print(f"formulas (concurrence + purity, vectorised): {t_formula:.4f} s  ({t_formula / args.points * 1e9:.0f} ns/point)")
    print(f"QuTiP steadystate + measures: {t_loop:.3f} s for {args.sample} points = "
          f"{t_loop / args.sample * 1e3:.3f} ms/point -> {t_qutip:.1f} s extrapolated to {args.points}")
    print(f"ratio QuTiP / formulas: {t_qutip / t_formula:.3g}")
    print(f"max |concurrence difference| on the sample: {dC.max():.2e}; max relative purity difference: {dP.max():.2e}")
    print(f"entangled points in the sample: {int(np.sum(ref[:, 0] > 0))} of {args.sample}")


if __name__ == "__main__":
    main()
