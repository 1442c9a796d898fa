"""Saturable jump operators ``A = f(a^dag a) a`` (microscopic power grids, Eq. 2 and App. A).

A :class:`Saturable` stands for ``f(a^dag a) a`` (or its adjoint ``a^dag f(a^dag a)``) with a
real function ``f``. It cannot be a symq :class:`~symq.Op` (``f`` need not be a polynomial), so
models with such jumps are a :class:`Model`: a Lindblad model plus saturable channels. App. A's
two approximations are explicit choices of the derivation (see :func:`symq.phasespace.derive`):

* ``saturation=m`` (an int): ``f(a^dag a) = sum_k fbar_k a^dag^k a^k`` (App. A, Eq. A6), the
  normally ordered (Newton) series, kept to order ``m``; ``fbar_k = Delta^k f(0) / k!`` with
  ``Delta f(n) = f(n + 1) - f(n)``, since ``a^dag^k a^k = n (n-1) ... (n-k+1)``.
* ``saturation="replace"``: ``f(a^dag a) rho -> f(|alpha|^2) P`` on either side (App. A, Eqs. A9
  and A10: derivatives of ``f`` and the difference between ``<alpha|f|alpha>`` and ``f(|alpha|^2)``
  dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import factorial

import numpy as np
import scipy.sparse as sps
import sympy as sp

from ..algebra import Boson, Op, as_op
from ..algebra.matrices import numeric_coefficient
from ..errors import ModelError
from ..lindblad import Lindblad

_n = sp.Symbol("n", nonnegative=True)


@dataclass(frozen=True)
class Saturable:
    """``f(a^dag a) a`` for a boson ``a`` (``dagger=True``: ``a^dag f(a^dag a)``).

    ``f`` is a callable taking and returning sympy expressions, or a one-argument ``sp.Lambda``;
    it must be real on the non-negative integers (e.g. ``lambda x: 1 / (1 + x / n0)``).
    """

    mode: Op
    f: sp.Lambda
    dagger: bool = False

    def __post_init__(self):
        mode = as_op(self.mode, "Saturable mode")
        word = mode.words[0] if mode.is_monomial else None
        if word is None or len(word) != 1 or not isinstance(word[0][0].kind, Boson) or word[0][1] != (0, 1) or mode.coeff(word) != 1:
            raise ModelError(f"Saturable: expected an annihilation operator a of a boson, got {self.mode}")
        f = self.f
        if not isinstance(f, sp.Lambda):
            if not callable(f):
                raise ModelError(f"Saturable: expected f to be a callable or sympy Lambda, got {f!r}")
            f = sp.Lambda(_n, sp.sympify(f(_n)))
        if len(f.variables) != 1:
            raise ModelError(f"Saturable: expected a function of one variable, got {f}")
        object.__setattr__(self, "f", f)

    @property
    def site(self):
        return self.mode.words[0][0][0]

    def dag(self) -> Saturable:
        return Saturable(self.mode, self.f, not self.dagger)

    def coefficients(self, order: int) -> list:
        """``fbar_0 ... fbar_order`` of ``f(a^dag a) = sum_k fbar_k a^dag^k a^k`` (Eq. A6)."""
        if not (isinstance(order, int) and order >= 0):
            raise ModelError(f"Saturable.coefficients: expected a non-negative integer order, got {order!r}")
        return [
            sp.factor(sum((-1) ** (k - j) * self.f(j) / (factorial(j) * factorial(k - j)) for j in range(k + 1)))
            for k in range(order + 1)
        ]

    def expand(self, order: int) -> Op:
        """The jump operator with ``f`` replaced by its normally ordered series to ``order``."""
        a = self.mode
        fn = sum((c * a.dag() ** k * a**k for k, c in enumerate(self.coefficients(order))), Op())
        return a.dag() * fn if self.dagger else fn * a

    def matrix(self, cutoff: int, values=None) -> sps.csr_matrix:
        """The exact operator on Fock states ``0 .. cutoff - 1`` (QuTiP's ``destroy`` convention)."""
        fn = np.array([numeric_coefficient(self.f(k), values, f"Saturable f({k})") for k in range(cutoff)])
        a = sps.diags(np.sqrt(np.arange(1, cutoff, dtype=float)), 1, format="csr", dtype=complex)
        out = sps.diags(fn) @ a
        return (out.conj().T if self.dagger else out).tocsr()

    def __str__(self):
        a = str(self.mode)
        x = f"{a}†{a}"
        return f"{a}† f({x})" if self.dagger else f"f({x}) {a}"


def _rate(rate, k: int):
    rate = sp.sympify(rate)
    if rate.is_nonnegative is not True:
        raise ModelError(
            f"Model jumps[{k}]: expected a rate that is non-negative by its assumptions "
            f"(declare symbols with positive=True), got {rate}"
        )
    return rate


class Model:
    """A Lindblad model whose jumps may include :class:`Saturable` operators.

    ``Model(H, jumps=[(rate, L), ...])`` with ``L`` an :class:`~symq.Op` or a :class:`Saturable`;
    same conventions as :class:`symq.Lindblad` (``convention="2L"`` doubles every rate).
    ``lindblad`` holds the operator jumps, ``saturable`` the pairs ``(rate, Saturable)``.
    """

    def __init__(self, H, jumps=(), *, convention: str = "standard"):
        plain, saturable = [], []
        for k, item in enumerate(jumps):
            if isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[1], Saturable):
                saturable.append((_rate(item[0], k) * (2 if convention == "2L" else 1), item[1]))
            else:
                plain.append(item)
        self.lindblad = Lindblad(H, plain, convention=convention)
        self.saturable = tuple(saturable)

    @property
    def H(self) -> Op:
        return self.lindblad.H

    @property
    def sites(self) -> tuple:
        return tuple(sorted(set(self.lindblad.sites) | {s.site for _, s in self.saturable}))

    @property
    def parameters(self) -> set:
        out = set(self.lindblad.parameters)
        for rate, s in self.saturable:
            out |= rate.free_symbols | s.f.expr.free_symbols - set(s.f.variables)
        return out

    def expand(self, order: int) -> Lindblad:
        """The plain Lindblad model with every ``f`` replaced by its series to ``order``."""
        jumps = list(self.lindblad.jumps) + [(rate, s.expand(order)) for rate, s in self.saturable]
        if len(self.lindblad.jumps) != len(self.lindblad.channels):
            raise ModelError("Model.expand: collective channels are not supported together with saturable jumps")
        return Lindblad(self.H, jumps)

    def numeric(self, values=None, *, cutoffs=None):
        """The model on a truncated Fock space as a :class:`symq.numerics.exact.NumericModel`, every
        ``f(a^dag a)`` exact (diagonal on Fock states), for the exact backend (e.g.
        ``symq.numerics.exact.steady_state(model.numeric(values, cutoffs=...))``). Every site of a
        saturable jump must also appear in the operator part (Hamiltonian or plain jumps)."""
        from ..numerics.exact.build import NumericModel, build

        num = build(self.lindblad, values, cutoffs=cutoffs)
        sites = list(num.space.sites)
        channels, charges = list(num.channels), num.jump_charges
        for k, (rate, s) in enumerate(self.saturable):
            if s.site not in sites:
                raise ModelError(
                    f"Model.numeric: expected the saturable site {s.site.name!r} among the sites of the "
                    f"operator part {[x.name for x in sites]}"
                )
            i = sites.index(s.site)
            left = sps.identity(int(np.prod(num.space.dims[:i], dtype=int)), format="csr")
            right = sps.identity(int(np.prod(num.space.dims[i + 1 :], dtype=int)), format="csr")
            L = sps.kron(sps.kron(left, s.matrix(num.space.dims[i], num.values)), right, format="csr")
            channels.append((numeric_coefficient(rate, num.values, f"rate of saturable jump {k}"), L, L))
            if charges is not None:
                charges = (*charges, 1 if s.dagger else -1)
        return NumericModel(self, num.space, num.H, tuple(channels), charges, num.values, num.cutoffs)

    def __repr__(self):
        extra = ", ".join(f"({r}, {s})" for r, s in self.saturable)
        return f"Model({self.lindblad!r}, saturable=[{extra}])"
