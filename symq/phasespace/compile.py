"""Derived equations -> vectorised numpy right-hand sides for :func:`symq.numerics.sde.integrate`.

The drift, the noise columns (:meth:`FokkerPlanck.noise`) and any phase-space functions are
turned into numpy code by ``sympy.lambdify`` with common-subexpression elimination. A batch ``x``
has shape ``(k, n)`` (complex): the ``alpha``'s (Wigner, P; ``alpha^*`` is ``conj(alpha)``) or the
``alpha``'s then ``beta``'s (positive P), in the order of ``CompiledSDE.state``. Parameters stay
arguments of the generated code, so one compilation serves a whole parameter sweep
(:meth:`CompiledSDE.bind`).

The noise structure is declared for the integrator: ``additive`` when no coefficient depends on
the state (linear models), ``diagonal`` when every state variable has its own real noise whose
coefficient depends on that variable only (e.g. the positive-P Kerr oscillator), else
``general`` (``(k, n, m)`` arrays; memory ``16 n m`` bytes per trajectory).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..algebra.matrices import numeric_coefficient
from ..errors import ModelError
from ..numerics.sde import Diffusion
from .fpe import FokkerPlanck
from .variables import conjugate


def _lambdify(args, exprs):
    return sp.lambdify(args, list(exprs), modules="numpy", cse=True)


@dataclass(frozen=True)
class BoundSDE:
    """Drift and diffusion at fixed parameter values, ready for ``integrate``."""

    drift: Callable
    diffusion: Diffusion
    n: int
    m: int


class CompiledSDE:
    """The Ito SDE of a :class:`FokkerPlanck` equation as numpy code; see the module docstring."""

    def __init__(self, fpe: FokkerPlanck, parameters=None):
        self.fpe = fpe
        self.state = fpe.state
        self.parameters = tuple(sorted(fpe.parameters, key=lambda s: s.name)) if parameters is None else tuple(parameters)
        self._partners = () if fpe.representation.independent else tuple(m.w for m in fpe.modes)
        args = list(self.state) + list(self._partners) + list(self.parameters)
        self._drift = _lambdify(args, [fpe.drift.get(v, sp.S.Zero) for v in self.state])
        cols = fpe.noise()
        index = {v: i for i, v in enumerate(self.state)}
        self.m = len(cols)
        entries = [(index[v], j, c) for j, col in enumerate(cols) for v, c in col.items()]
        state_syms = set(self.state) | set(self._partners)
        self.noise_kind = self._kind(entries, state_syms)
        if self.noise_kind == "diagonal":
            entries = [(i, i, c) for i, _, c in entries]
            self.m = len(self.state)
        self._rows = np.array([e[0] for e in entries], dtype=int)
        self._cols = np.array([e[1] for e in entries], dtype=int)
        self._noise = _lambdify(args, [e[2] for e in entries])
        self.n = len(self.state)

    def _kind(self, entries, state_syms) -> str:
        if not entries:
            return "additive"
        if all(not (c.free_symbols & state_syms) for _, _, c in entries):
            return "additive"
        rows = [i for i, _, _ in entries]
        cols = [j for _, j, _ in entries]
        if len(set(rows)) == len(rows) == len(self.state) and len(set(cols)) == len(cols):
            own = all(
                c.free_symbols & state_syms <= {self.state[i], *self._partner_of(i)} for i, _, c in entries
            )
            if own:
                return "diagonal"
        return "general"

    def _partner_of(self, i: int) -> tuple:
        return () if self.fpe.representation.independent else (self.fpe.modes[i].w,)

    def _values(self, values: Mapping) -> list:
        vals = {sp.sympify(k) if not isinstance(k, sp.Basic) else k: v for k, v in (values or {}).items()}
        missing = [p.name for p in self.parameters if p not in vals]
        if missing:
            raise ModelError(f"CompiledSDE.bind: expected values for the parameters {missing}")
        return [numeric_coefficient(vals[p], None, f"parameter {p}") for p in self.parameters]

    def _columns(self, x: np.ndarray) -> list:
        cols = [x[:, i] for i in range(x.shape[1])]
        if self._partners:
            xc = np.conj(x)
            cols += [xc[:, i] for i in range(x.shape[1])]
        return cols

    def bind(self, values: Mapping) -> BoundSDE:
        """Drift ``fn(x, t)`` and :class:`~symq.numerics.sde.Diffusion` at ``values``."""
        params = [v.real if v.imag == 0 else v for v in self._values(values)]
        n, m, rows, cols, kind = self.n, self.m, self._rows, self._cols, self.noise_kind
        drift_fn, noise_fn = self._drift, self._noise

        def drift(x, t):
            out = np.empty(x.shape, dtype=complex)
            for i, v in enumerate(drift_fn(*self._columns(x), *params)):
                out[:, i] = v
            return out

        if kind == "additive":
            zero = np.zeros((1, n), dtype=complex)
            b = np.zeros((n, m), dtype=complex)
            for (i, j), v in zip(zip(rows, cols), noise_fn(*self._columns(zero), *params)):
                b[i, j] = np.asarray(v).reshape(-1)[0]

            def diffusion(x, t):
                return b

        elif kind == "diagonal":

            def diffusion(x, t):
                out = np.zeros(x.shape, dtype=complex)
                for i, v in zip(rows, noise_fn(*self._columns(x), *params)):
                    out[:, i] = v
                return out

        else:

            def diffusion(x, t):
                k = len(x)
                out = np.zeros((k, n, m), dtype=complex)
                values = noise_fn(*self._columns(x), *params)
                out[:, rows, cols] = np.stack([np.broadcast_to(v, (k,)) for v in values], axis=1)
                return out

        return BoundSDE(drift, Diffusion(diffusion, noise=kind), n, m)

    def function(self, exprs) -> Callable:
        """``fn(x, values=None)`` -> ``(k, len(exprs))``: phase-space functions on a batch (real if
        every expression is real-valued); ``values`` binds the parameters they contain."""
        exprs = [sp.sympify(e) for e in exprs]
        extra = set().union(*(e.free_symbols for e in exprs)) - set(self.state) - set(self._partners)
        params = sorted(extra, key=lambda s: s.name)
        real = not self.fpe.representation.independent and all(
            sp.expand(conjugate(e, self.fpe.modes) - e) == 0 for e in exprs
        )
        fn = _lambdify(list(self.state) + list(self._partners) + params, exprs)

        def evaluate(x, values: Mapping | None = None):
            vals = {sp.sympify(k) if not isinstance(k, sp.Basic) else k: v for k, v in (values or {}).items()}
            missing = [p.name for p in params if p not in vals]
            if missing:
                raise ModelError(f"phase-space function: expected values for {missing}")
            out = np.empty((len(x), len(exprs)), dtype=float if real else complex)
            for i, v in enumerate(fn(*self._columns(x), *[vals[p] for p in params])):
                out[:, i] = v.real if real and np.iscomplexobj(v) else v
            return out

        return evaluate


def compile_sde(fpe: FokkerPlanck, parameters=None) -> CompiledSDE:
    """Compile ``fpe``'s drift and noise (parameters as arguments; see :class:`CompiledSDE`)."""
    return CompiledSDE(fpe, parameters)
