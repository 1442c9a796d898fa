"""Hypothesis strategies for operators and density matrices, and a matrix comparison helper.

Sites are given the way the constructors return them: a qubit or boson operator (``q1``,
``a1``), a spin (``symq.spins("a", S)``), an N-level system (``symq.transitions("x", 3)``), any
operator acting on one site (``t[0, 1]``) or a :class:`~symq.algebra.Site`. Their *generators* are the elementary operators random products are
built from:

* ``Levels(n)`` (qubits, N-level systems): every transition ``|i><j|`` (``|0><0|`` included, as
  ``1 - sum_{i>0} |i><i|``),
* ``Boson``: ``a^k`` and ``a^{dag k}`` for ``k = 1 .. max_power``,
* ``Spin(S)``: ``S_+``, ``S_-`` and ``S_z``.

:func:`words` draws products of generators (not normal ordered, so their canonical form may be a
sum), :func:`operators` sums of words with small rational or Gaussian-rational coefficients,
:func:`density_matrices` full-rank numpy density matrices from the Ginibre ensemble.
"""

from __future__ import annotations

from functools import reduce

import numpy as np
import scipy.sparse as sps
import sympy as sp
from hypothesis import strategies as st

from ..algebra import Boson, Levels, Op, Site, Spin
from ..errors import SymqError

__all__ = [
    "assert_matrix_close",
    "boson_degree",
    "coefficients",
    "density_matrices",
    "generators",
    "operators",
    "words",
]


def _site(obj) -> Site:
    if isinstance(obj, Site):
        return obj
    site = getattr(obj, "site", None)
    if isinstance(site, Site):
        return site
    if isinstance(obj, Op) and len(obj.sites) == 1:
        return obj.sites[0]
    raise SymqError(
        f"symq.testing: expected a site operator (q1, a1, a spin, transitions), an operator on one site "
        f"or a Site, got {obj!r}"
    )


def _mono(site: Site, m) -> Op:
    return Op({((site, m),): sp.S.One}, _canonical=True)


def generators(site, *, max_power: int = 2) -> list[Op]:
    """The elementary operators of one site (see the module docstring); bosons up to ``max_power``."""
    site = _site(site)
    kind = site.kind
    if isinstance(kind, Levels):
        out = [_mono(site, (i, j)) for i in range(kind.n) for j in range(kind.n) if (i, j) != (0, 0)]
        return [1 - sum((_mono(site, (k, k)) for k in range(1, kind.n)), Op())] + out
    if isinstance(kind, Boson):
        return [_mono(site, m) for k in range(1, max_power + 1) for m in ((0, k), (k, 0))]
    if isinstance(kind, Spin):
        return [_mono(site, m) for m in ((1, 0, 0), (0, 0, 1), (0, 1, 0))]
    raise SymqError(f"symq.testing: no generators for site kind {kind!r}")


def coefficients(*, complex_: bool = True, max_numerator: int = 3, max_denominator: int = 3,
                 symbols=(), nonzero: bool = True) -> st.SearchStrategy:
    """Small rationals ``p/q`` (``|p| <= max_numerator``, ``1 <= q <= max_denominator``), Gaussian
    rationals when ``complex_``, optionally times one of ``symbols``; nonzero unless ``nonzero=False``."""
    rational = st.builds(
        sp.Rational,
        st.integers(-max_numerator, max_numerator),
        st.integers(1, max_denominator),
    )
    number = st.builds(lambda re, im: re + sp.I * im, rational, rational) if complex_ else rational
    if nonzero:
        number = number.filter(lambda c: c != 0)
    if symbols:
        factor = st.sampled_from([sp.S.One, *symbols])
        number = st.builds(lambda c, f: c * f, number, factor)
    return number


def words(sites, *, min_length: int = 1, max_length: int = 3, max_power: int = 2) -> st.SearchStrategy:
    """Products of ``min_length .. max_length`` generators of ``sites``, in random order (an ``Op``)."""
    gens = [g for s in sites for g in generators(s, max_power=max_power)]
    if not gens:
        raise SymqError("symq.testing.words: expected at least one site, got none")
    return st.lists(st.sampled_from(gens), min_size=min_length, max_size=max_length).map(
        lambda fs: reduce(lambda x, y: x * y, fs, Op.scalar(1))
    )


def operators(sites, *, max_terms: int = 3, max_length: int = 3, max_power: int = 2,
              complex_: bool = True, symbols=(), hermitian: bool = False) -> st.SearchStrategy:
    """Sums of ``1 .. max_terms`` words with small (Gaussian-)rational coefficients; ``O + O^dag``
    when ``hermitian``. The result may be zero (terms can cancel)."""
    term = st.builds(
        lambda c, w: c * w,
        coefficients(complex_=complex_, symbols=symbols),
        words(sites, min_length=0, max_length=max_length, max_power=max_power),
    )
    out = st.lists(term, min_size=1, max_size=max_terms).map(lambda ts: sum(ts, Op()))
    return out.map(lambda o: o + o.dag()) if hermitian else out


def boson_degree(op: Op) -> int:
    """The largest number of boson factors (``a`` and ``a^dag``) in any word of ``op``.

    A truncated boson matrix (cutoff N) of an operator of degree d acts exactly on Fock states
    with ``n <= N - 1 - d``; products of operators add their degrees.
    """
    return max((sum(sum(m) for s, m in w if isinstance(s.kind, Boson)) for w in op.terms), default=0)


def _ginibre(dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    G = rng.standard_normal((dim, dim)) + 1j * rng.standard_normal((dim, dim))
    rho = G @ G.conj().T
    return rho / np.trace(rho).real


def density_matrices(dim: int, *, support=None) -> st.SearchStrategy:
    """Random density matrices (numpy, ``dim x dim``): Hermitian, positive, trace 1.

    Drawn from the Ginibre ensemble ``G G^dag / tr``, so full rank on ``support`` (the basis
    indices the state lives on; all of them by default) almost surely. Use ``support`` to keep a
    truncated boson away from its cutoff (e.g. the indices of low Fock states).
    """
    idx = np.arange(dim) if support is None else np.unique(np.asarray(support, dtype=int))
    if idx.size == 0 or idx.min() < 0 or idx.max() >= dim:
        raise SymqError(f"symq.testing.density_matrices: expected support indices in 0..{dim - 1}, got {support!r}")

    def build(seed: int) -> np.ndarray:
        out = np.zeros((dim, dim), dtype=complex)
        out[np.ix_(idx, idx)] = _ginibre(idx.size, seed)
        return out

    return st.integers(0, 2**32 - 1).map(build)


def assert_matrix_close(actual, expected, *, rtol: float, atol: float, what: str = "matrix") -> None:
    """Assert ``|actual - expected| <= atol + rtol |expected|`` elementwise (numpy or sparse).

    The message names ``what``, the worst entry and its size relative to the tolerance.
    """
    a = actual.toarray() if sps.issparse(actual) else np.asarray(actual)
    e = expected.toarray() if sps.issparse(expected) else np.asarray(expected)
    if a.shape != e.shape:
        raise AssertionError(f"{what}: expected shape {e.shape}, got {a.shape}")
    if a.size == 0:
        return
    err = np.abs(a - e)
    bound = atol + rtol * np.abs(e)
    if not np.all(err <= bound):
        k = np.unravel_index(np.argmax(err - bound), err.shape)
        raise AssertionError(
            f"{what}: entries differ beyond atol={atol:g}, rtol={rtol:g}; worst at {tuple(map(int, k))}: "
            f"got {a[k]!r}, expected {e[k]!r} (|diff| = {err[k]:.3g}, allowed {bound[k]:.3g}); "
            f"{int(np.count_nonzero(err > bound))} of {err.size} entries out of tolerance"
        )
