"""Throughput of the vectorised SDE integrators against a per-trajectory Python loop.

Problem: the positive-P equations of a driven Kerr oscillator with loss (two complex variables
alpha, beta; diagonal multiplicative noise),

    d alpha = (E - kappa/2 alpha - i chi alpha^2 beta) dt + sqrt(-i chi) alpha dW1
    d beta  = (E - kappa/2 beta  + i chi beta^2 alpha) dt + sqrt(+i chi) beta  dW2,

integrated with Euler-Maruyama (a) by ``symq.numerics.sde.integrate`` on batches of trajectories
and (b) by a plain loop over trajectories and steps calling the same drift and diffusion on one
state at a time. Both run in this process with BLAS pinned to one thread. Prints trajectory-steps
per second of each and their ratio, plus the vectorised throughput of the higher-order schemes.

Run: ``python benchmarks/bench_sde.py [--ntraj 20000] [--loop-ntraj 200] [--steps 200]``.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from threadpoolctl import threadpool_limits

from symq.numerics import sde

KAPPA, CHI, DRIVE, HORIZON = 1.0, 0.05, 1.0, 1.0
ROOT = np.array([np.sqrt(-1j * CHI), np.sqrt(1j * CHI)])


def drift(x, t):
    alpha, beta = x[:, 0], x[:, 1]
    return np.stack(
        [
            DRIVE - KAPPA / 2 * alpha - 1j * CHI * alpha**2 * beta,
            DRIVE - KAPPA / 2 * beta + 1j * CHI * beta**2 * alpha,
        ],
        axis=1,
    )


def diffusion(x, t):
    return ROOT * x


def photons(x):
    return (x[:, 0] * x[:, 1]).real


def vectorised(solver, ntraj: int, steps: int) -> tuple[float, float]:
    """Seconds taken by ``integrate`` and the final mean photon number."""
    start = time.perf_counter()
    result = sde.integrate(
        drift,
        sde.Diffusion(diffusion, noise="diagonal"),
        np.zeros(2, complex),
        np.linspace(0, HORIZON, 11),
        ntraj=ntraj,
        dt=HORIZON / steps,
        solver=solver,
        observables={"n": photons},
        seed=1,
        progress=False,
    )
    return time.perf_counter() - start, result.mean["n"][-1]


def looped(ntraj: int, steps: int) -> tuple[float, float]:
    """Seconds taken by a per-trajectory Euler-Maruyama loop and its final mean photon number."""
    rng = np.random.default_rng(1)
    h = HORIZON / steps
    final = np.empty(ntraj)
    start = time.perf_counter()
    for j in range(ntraj):
        x = np.zeros((1, 2), complex)
        for s in range(steps):
            t = s * h
            x = x + drift(x, t) * h + diffusion(x, t) * (rng.standard_normal((1, 2)) * math.sqrt(h))
        final[j] = photons(x)[0]
    return time.perf_counter() - start, final.mean()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ntraj", type=int, default=20_000, help="trajectories for the vectorised runs")
    parser.add_argument("--loop-ntraj", type=int, default=200, help="trajectories for the Python loop")
    parser.add_argument("--steps", type=int, default=200, help="time steps per trajectory")
    args = parser.parse_args()

    with threadpool_limits(1):
        vectorised(sde.EulerMaruyama(), min(args.ntraj, 1000), args.steps)  # warm-up
        fast, fast_n = min(vectorised(sde.EulerMaruyama(), args.ntraj, args.steps) for _ in range(3))
        slow, slow_n = looped(args.loop_ntraj, args.steps)
        rate_fast = args.ntraj * args.steps / fast
        rate_slow = args.loop_ntraj * args.steps / slow
        print(f"Kerr positive-P, n = 2 complex, diagonal noise, {args.steps} steps, BLAS threads pinned to 1")
        print(
            f"vectorised Euler-Maruyama: {rate_fast:12.3e} traj-steps/s  ({args.ntraj} traj, <n>(T) = {fast_n:.4f})"
        )
        print(
            f"per-trajectory loop:       {rate_slow:12.3e} traj-steps/s  ({args.loop_ntraj} traj, <n>(T) = {slow_n:.4f})"
        )
        print(f"ratio vectorised / loop:   {rate_fast / rate_slow:12.1f}")
        for solver in (sde.Milstein(), sde.PlatenWeak2()):
            seconds, _ = min(vectorised(solver, args.ntraj, args.steps) for _ in range(3))
            print(
                f"vectorised {type(solver).__name__ + ':':<15} {args.ntraj * args.steps / seconds:12.3e} traj-steps/s"
            )


if __name__ == "__main__":
    main()
