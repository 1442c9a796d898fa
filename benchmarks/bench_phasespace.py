"""Truncated-Wigner throughput for the spin chain, and the wall time of the spin-lattice paper's Fig. 5.

1. Throughput: the TWA equations of a periodic chain of ``N`` unit cells of spins ``S`` (Schwinger
   bosons, positive diffusion approximation; ``4N`` complex variables, ``4N`` real noises) are
   integrated with :class:`symq.phasespace.schemes.HeunMaruyama` (a) by
   ``symq.numerics.sde.integrate`` on batches of trajectories and (b) by a plain loop over
   trajectories and steps applying the same scheme and the same compiled drift and noise to one
   state at a time. Prints trajectory-steps per second of each and their ratio.
2. Fig. 5(a-b): ``<S^z_{a,b}>/S`` and ``(Delta S^z_{a,b})^2/S`` along ``Gamma_g = 1.5 g``,
   ``h = 0.5 g``, varying ``Gamma_l`` (:func:`symq.phasespace.twa.fig5`) for the paper's ``N = 50``
   unit cells (S = 100, 16 trajectories, t = 200/g, dt = 0.02/g, 12 points): by default a fraction
   (1 point, t = 20/g) is run and the full wall time extrapolated; ``--fig5-points 12
   --fig5-t-end 200`` runs all of it.

BLAS is pinned to one thread. Run: ``python benchmarks/bench_phasespace.py [--cells 10] [--ntraj 256] [--loop-ntraj 4]
[--steps 200] [--fig5-cells 50] [--fig5-points 1] [--fig5-t-end 20] [--out fig5.json]
[--checkpoint-dir DIR] [--skip-fig5]``.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from threadpoolctl import threadpool_limits

from symq.numerics.sde import SDETerm
from symq.phasespace import models, twa
from symq.phasespace.schemes import HeunMaruyama

VALUES = {models.g: 1.0, models.h: 0.5, models.Gamma_g: 1.5, models.Gamma_l: 1.0}


def throughput(cells: int, S: int, ntraj: int, loop_ntraj: int, steps: int, dt: float = 0.02) -> None:
    start = time.perf_counter()
    chain = twa.ChainTWA(cells, S)
    print(f"chain of {cells} cells, S = {S}: derived and compiled in {time.perf_counter() - start:.1f} s "
          f"({chain.sde.n} complex variables, {chain.sde.m} real noises, {chain.sde.noise_kind} noise)")
    obs = {"sz": chain.observables()["sz"]}
    x0 = chain.sample(ntraj, 0)
    start = time.perf_counter()
    chain.run(VALUES, x0, np.array([0.0, steps * dt]), dt=dt, observables=obs, seed=1, progress=False)
    vec = ntraj * steps / (time.perf_counter() - start)
    bound = chain.sde.bind(VALUES)
    term = SDETerm(bound.drift, bound.diffusion)
    scheme = HeunMaruyama()
    rng = np.random.default_rng(2)
    start = time.perf_counter()
    for k in range(loop_ntraj):
        x = x0[k : k + 1].copy()
        for s in range(steps):
            x = scheme.step(term, s * dt, dt, x, rng)
        obs["sz"](x)
    loop = loop_ntraj * steps / (time.perf_counter() - start)
    print(f"vectorised integrate: {vec:12.0f} traj-steps/s  ({ntraj} trajectories, chunk {chain.chunk(ntraj)})")
    print(f"per-trajectory loop:  {loop:12.0f} traj-steps/s  ({loop_ntraj} trajectories)")
    print(f"ratio: {vec / loop:.1f}x")


FIG5 = {"N": 50, "S": 100, "points": 12, "ntraj": 16, "t_burn": 100.0, "t_end": 200.0, "dt": 0.02}
"""The full Fig. 5(a-b) run of :func:`symq.phasespace.twa.fig5` (12 values of Gamma_l in [0.1, 3] g)."""


def fig5(cells: int, points: int, t_end: float, out: str | None, checkpoint_dir: str | None) -> None:
    """Fig. 5(a-b) on ``points`` of the 12 Gamma_l values for ``t_end`` (burn-in: half of it), and the
    wall time of the full figure extrapolated from the measured integration time per point and
    step (the cost of a step does not depend on Gamma_l or t; derivation and compilation are a
    fixed cost, measured separately)."""
    full = FIG5
    gamma_l = np.linspace(0.1, 3.0, full["points"])
    pick = gamma_l[np.round(np.linspace(0, full["points"] - 1, points)).astype(int)]
    start = time.perf_counter()
    chain = twa.ChainTWA(cells, full["S"])
    setup = time.perf_counter() - start
    print(f"\nFig. 5(a-b): N = {cells} cells, S = {full['S']}: derived and compiled in {setup:.1f} s "
          f"({chain.sde.n} complex variables, {chain.sde.m} real noises)")
    start = time.perf_counter()
    res = twa.fig5(N=cells, S=full["S"], gamma_l=pick, ntraj=full["ntraj"], t_burn=t_end / 2, t_end=t_end,
                   dt=full["dt"], progress=False, checkpoint_dir=checkpoint_dir, runner=chain)
    wall = time.perf_counter() - start
    lo, hi = res["boundaries"]
    print(f"{full['ntraj']} trajectories, dt = {full['dt']}, t = {t_end}/g (average after {t_end / 2}/g); "
          f"HPA phase boundaries Gamma_l = {lo:.3f} g and {hi:.3f} g")
    print(" Gamma_l   <Sz_a>/S          <Sz_b>/S          dSz_a^2/S       dSz_b^2/S")
    for i, gl in enumerate(res["gamma_l"]):
        print(f"  {gl:5.2f}  " + "  ".join(
            f"{res[k][i]:7.3f}±{res[k + '_err'][i]:.3f}" for k in ("sz_a", "sz_b", "var_a", "var_b")))
    scale = (full["points"] / points) * (full["t_end"] / t_end)
    print(f"integration wall time: {wall:.1f} s for {points} point(s) x {t_end / full['dt']:.0f} steps")
    if cells == full["N"]:
        print(f"full Fig. 5(a-b) ({full['points']} points x {full['t_end'] / full['dt']:.0f} steps, N = 50): "
              f"about {setup + wall * scale:.0f} s extrapolated (x{scale:.1f}) on this machine")
    if out:
        with open(out, "w") as f:
            json.dump({k: np.asarray(v).tolist() for k, v in res.items()}
                      | {"wall_s": wall, "setup_s": setup, "scale_to_full": scale, "cells": cells}, f, indent=1)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cells", type=int, default=10)
    p.add_argument("--spin", type=int, default=100)
    p.add_argument("--ntraj", type=int, default=256)
    p.add_argument("--loop-ntraj", type=int, default=4)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--fig5-cells", type=int, default=FIG5["N"])
    p.add_argument("--fig5-points", type=int, default=1, help="how many of the 12 Gamma_l values to run")
    p.add_argument("--fig5-t-end", type=float, default=20.0, help="run length per point (paper size: 200)")
    p.add_argument("--skip-fig5", action="store_true")
    p.add_argument("--out", help="write the Fig. 5 data as JSON")
    p.add_argument("--checkpoint-dir", help="checkpoint every Fig. 5 point here (resumes)")
    args = p.parse_args()
    with threadpool_limits(1):
        throughput(args.cells, args.spin, args.ntraj, args.loop_ntraj, args.steps)
        if not args.skip_fig5:
            fig5(args.fig5_cells, args.fig5_points, args.fig5_t_end, args.out, args.checkpoint_dir)


if __name__ == "__main__":
    main()
