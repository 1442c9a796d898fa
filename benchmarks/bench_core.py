"""Core benchmark: deriving moment systems and exceptional points.

Prints wall times for the qubit dimer (first and second moments, their EP loci) and for a chain
of 4 qubits with alternating gain and loss, and the ratio of symq's characteristic polynomial +
discriminant (DomainMatrix over the parameters' polynomial ring) to the naive sympy route
(``Matrix.charpoly`` on expressions, then ``discriminant`` and ``factor``), side by side.

Run: ``python benchmarks/bench_core.py [--naive-timeout 600]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time

import sympy as sp

import symq


def _timed(f, *a, **k):
    t = time.perf_counter()
    out = f(*a, **k)
    return out, time.perf_counter() - t


def dimer():
    s, g, kappa, w0 = sp.symbols("s g kappa omega_0", positive=True)
    q1, q2 = symq.qubits("1 2")
    H = w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1)
    return symq.Lindblad(H, jumps=[(s * kappa, q1.dag()), (kappa, q2)]), (q1, q2), g


def chain(n=4):
    s, g, kappa = sp.symbols("s g kappa", positive=True)
    qs = symq.qubits(" ".join(str(i + 1) for i in range(n)))
    H = sum((g * (qs[i].dag() * qs[i + 1] + qs[i + 1].dag() * qs[i]) for i in range(n - 1)), symq.Op())
    jumps = [(s * kappa, q.dag()) if i % 2 == 0 else (kappa, q) for i, q in enumerate(qs)]
    return symq.Lindblad(H, jumps=jumps), qs, g


def _naive(M, queue):
    lam = sp.Symbol("lambda")
    p = M.charpoly(lam).as_expr()
    queue.put(sp.factor(sp.discriminant(p, lam)))


def naive_discriminant(M, timeout):
    """The naive sympy route in a subprocess, so that it can be stopped at ``timeout`` seconds."""
    q = mp.Queue()
    proc = mp.Process(target=_naive, args=(M, q))
    t = time.perf_counter()
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None, timeout
    return q.get(), time.perf_counter() - t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--naive-timeout", type=float, default=600.0)
    args = ap.parse_args(argv)

    model, (q1, q2), g = dimer()
    first, t1 = _timed(model.moments, [q1, q2])
    second, t2 = _timed(model.moments, [q1.dag() * q1, q2.dag() * q2, q1.dag() * q2, q1 * q2.dag()])
    eps1, te1 = _timed(symq.exceptional_points, first, solve_for=g)
    eps2, te2 = _timed(symq.exceptional_points, second, solve_for=g)
    print(f"dimer: first moments ({len(first)}) {t1 * 1e3:.1f} ms, second moments ({len(second)}) {t2 * 1e3:.1f} ms")
    print(f"dimer: EP loci first {te1:.2f} s ({len(eps1)} loci), second {te2:.2f} s ({len(eps2)} loci)")
    for name, system in (("first", first), ("second", second)):
        d, ts = _timed(symq.discriminant, system)
        ref, tn = naive_discriminant(system.matrix(), args.naive_timeout)
        same = "n/a" if ref is None else sp.expand(sp.factor(ref) / d).is_constant()
        ratio = f"{tn / ts:.0f}x" if ref is not None else f">{tn / ts:.0f}x (naive stopped at {tn:.0f} s)"
        print(f"dimer {name}: discriminant symq {ts:.3f} s vs naive sympy {tn:.2f} s -> {ratio}; same up to a constant: {same}")

    cmodel, qs, g = chain(4)
    cfirst, tc1 = _timed(cmodel.moments, list(qs))
    csecond, tc2 = _timed(cmodel.moments, [qs[0].dag() * qs[0]], max_size=400)
    print(f"chain of 4: first moments close at {len(cfirst)} operators in {tc1:.2f} s; "
          f"second moments (seed n_1) at {len(csecond)} in {tc2:.2f} s")
    s, kappa = sp.symbols("s kappa", positive=True)
    fixed = sp.I * cfirst.A.xreplace({s: 1, kappa: 1})
    _, tcp = _timed(symq.characteristic_polynomial, fixed)
    print(f"chain of 4: characteristic polynomial of the {fixed.rows}x{fixed.rows} first-moment matrix "
          f"(s = kappa = 1, symbolic g) {tcp:.1f} s; its degree-{fixed.rows} discriminant is out of reach symbolically")
    eps, tn = _timed(symq.spectral.exceptional_points_numeric, cfirst, g, {s: 1, kappa: 1}, (0.01, 5), grid=200, log=True)
    print(f"chain of 4: numerical EP scan of g in [0.01, 5] kappa (s = 1, 200 points + refinement) {tn:.1f} s: "
          + ", ".join(f"g = {e.value:.6f} (overlap {e.overlap:.8f})" for e in eps))

if __name__ == "__main__":
    main()
