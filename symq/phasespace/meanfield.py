"""Mean-field equations of spin models (spin-lattice paper, App. B).

``d<S^k_s>/dt = <L^dag[S^k_s]>`` (``model.heisenberg``) with every expectation factorised over
sites, ``<prod_s m_s> -> prod_s <m_s>``. Within a site the factorisation depends on the operator
order, an ``O(1/S)`` choice: ``ordering="symmetric"`` (default, App. B's equations) factorises the
symmetrised product, ``<X Y> -> <X><Y> + <[X, Y]>/2`` for the canonical ``X Y`` (local degree
<= 2); ``"normal"`` factorises the canonical monomial ``S_+^p S_z^q S_-^r`` as written. Casimir
reductions such as ``S_- S_+ = S(S+1) - S_z(S_z+1)`` come first, as App. B's
``<S_x^2 + S_y^2> = S(S+1) - <S_z^2>``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.integrate as si
import sympy as sp

from ..algebra import Op, Spin
from ..algebra.matrices import numeric_coefficient
from ..errors import ModelError
from ..lindblad import Lindblad


@dataclass(frozen=True)
class MeanField:
    """``rhs[(site, k)]`` for ``k`` in ``"xyz"``: sympy expressions in the symbols ``symbols``."""

    sites: tuple
    symbols: dict
    rhs: dict

    def integrate(self, values, y0: dict, times, *, rtol=1e-8, atol=1e-8) -> dict:
        """Solve the equations (``y0[(site, k)]``), return ``{(site, k): array over times}``."""
        keys = [(s, k) for s in self.sites for k in "xyz"]
        syms = [self.symbols[key] for key in keys]
        subs = {sp.sympify(k) if not isinstance(k, sp.Basic) else k: v for k, v in values.items()}
        exprs = [self.rhs[key].xreplace(subs) for key in keys]
        left = set().union(*(e.free_symbols for e in exprs)) - set(syms)
        if left:
            raise ModelError(f"MeanField.integrate: expected values for {sorted(s.name for s in left)}")
        fn = sp.lambdify(syms, exprs, "numpy", cse=True)
        y = np.array([numeric_coefficient(y0.get(key, 0.0), None, "y0").real for key in keys])
        times = np.asarray(times, dtype=float)
        sol = si.solve_ivp(lambda t, v: np.array(fn(*v), dtype=float), (times[0], times[-1]), y, t_eval=times,
                           rtol=rtol, atol=atol, method="DOP853")
        return {key: sol.y[i] for i, key in enumerate(keys)}


def mean_field(model: Lindblad, *, ordering: str = "symmetric") -> MeanField:
    """Factorised equations of motion of ``<S_x>, <S_y>, <S_z>`` for every spin of ``model``."""
    if ordering not in ("symmetric", "normal"):
        raise ModelError(f"mean_field: expected ordering 'symmetric' or 'normal', got {ordering!r}")
    sites = tuple(s for s in model.sites if isinstance(s.kind, Spin))
    if len(sites) != len(model.sites):
        raise ModelError("mean_field: expected a model of spins only")
    symbols = {(s, k): sp.Symbol(f"S{k}_{s.name}", real=True) for s in sites for k in "xyz"}

    def product(site, mono):
        X, Y, Z = (symbols[(site, k)] for k in "xyz")
        p, q, r = mono
        return (X + sp.I * Y) ** p * Z**q * (X - sp.I * Y) ** r

    def value(site, mono):
        letters = [(1, 0, 0)] * mono[0] + [(0, 1, 0)] * mono[1] + [(0, 0, 1)] * mono[2]
        if ordering == "normal" or len(letters) < 2 or letters[0] == letters[1] and len(letters) == 2:
            return product(site, mono)
        if len(letters) > 2:
            raise ModelError(f"mean_field: symmetric ordering is implemented up to local degree 2, got {_mono(site, mono)}")
        X, Y = _mono(site, letters[0]), _mono(site, letters[1])
        commutator = X * Y - Y * X
        half = sum((c * (product(site, m[0][1]) if m else 1) for m, c in commutator.terms.items()), sp.S.Zero) / 2
        return product(site, mono) + half

    rhs = {}
    for s in sites:
        ops = {"x": (_plus(s) + _minus(s)) / 2, "y": (_plus(s) - _minus(s)) / (2 * sp.I), "z": _z(s)}
        for k, op in ops.items():
            total = sp.S.Zero
            for word, c in model.heisenberg(op).terms.items():
                term = c
                for site, mono in word:
                    term *= value(site, mono)
                total += term
            rhs[(s, k)] = sp.expand(sp.re(sp.expand(total)))
    return MeanField(sites, symbols, rhs)


def _mono(site, m) -> Op:
    return Op({((site, m),): sp.S.One}, _canonical=True)


def _plus(site) -> Op:
    return _mono(site, (1, 0, 0))


def _minus(site) -> Op:
    return _mono(site, (0, 0, 1))


def _z(site) -> Op:
    return _mono(site, (0, 1, 0))
