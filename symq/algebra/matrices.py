"""Sparse matrix representations of operators on a truncated tensor-product space.

The tensor order is the order of ``Space.sites`` (by default the sites sorted by name, which is
also QuTiP's order when the same list is used to build Qobj dimensions): the first site is the
left-most (slowest) factor of the Kronecker product.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import numpy as np
import scipy.sparse as sps
import sympy as sp

from ..errors import NumericsError
from .operator import Op, Site


@dataclass(frozen=True)
class Space:
    """An ordered list of sites with their (truncated) dimensions."""

    sites: tuple
    dims: tuple

    @property
    def dim(self) -> int:
        return int(np.prod(self.dims)) if self.dims else 1

    def state_charges(self) -> np.ndarray:
        """Total U(1) charge of every product basis state, in Kronecker order."""
        total = np.zeros(1, dtype=int)
        for s, d in zip(self.sites, self.dims):
            total = (total[:, None] + s.kind.state_charges(d)[None, :]).ravel()
        return total

    def index(self, site: Site) -> int:
        try:
            return self.sites.index(site)
        except ValueError:
            raise NumericsError(f"space: the operator acts on site {site.name!r}, which is not in this space") from None


def _site_of(key) -> Site:
    if isinstance(key, Site):
        return key
    site = getattr(key, "site", None)
    if isinstance(site, Site):
        return site
    raise NumericsError(f"cutoffs: expected keys that are site operators (e.g. a boson a1), got {key!r}")


def space(ops_or_sites, cutoffs=None, values=None) -> Space:
    """The space of every site the operators act on, sorted by name.

    ``cutoffs`` maps a site operator (or Site) to its Fock cutoff; it is required for bosons.
    ``values`` resolves a symbolic spin length S.
    """
    sites = set()
    for o in ops_or_sites:
        if isinstance(o, Site):
            sites.add(o)
        elif isinstance(o, Op):
            sites.update(o.sites)
        else:
            raise NumericsError(f"space: expected operators or sites, got {o!r}")
    cut = {_site_of(k): v for k, v in (cutoffs or {}).items()}
    unknown = set(cut) - sites
    if unknown:
        raise NumericsError(f"cutoffs: sites {sorted(s.name for s in unknown)} are not in the model")
    ordered = tuple(sorted(sites))
    dims = []
    for s in ordered:
        try:
            dims.append(s.kind.dim(cut.get(s), values))
        except NumericsError as e:
            raise NumericsError(f"site {s.name!r}: {e}") from None
    return Space(ordered, tuple(dims))


def numeric_coefficient(c, values, where="coefficient") -> complex:
    """Evaluate a sympy coefficient with ``values``; error naming the symbols left unresolved."""
    c = sp.sympify(c)
    if values:
        c = c.xreplace({sp.sympify(k): sp.sympify(v) for k, v in values.items()})
    if c.free_symbols:
        names = ", ".join(sorted(str(s) for s in c.free_symbols))
        raise NumericsError(f"{where}: no numeric value given for {names}")
    return complex(sp.N(c))


def to_sparse(op: Op, space_: Space, values=None) -> sps.csr_matrix:
    """The matrix of ``op`` on ``space_`` (complex CSR), coefficients evaluated with ``values``."""
    dims = space_.dims
    out = sps.csr_matrix((space_.dim, space_.dim), dtype=complex)
    for word, c in op.terms.items():
        factors = [sps.identity(d, dtype=complex, format="csr") for d in dims]
        for site, mono in word:
            i = space_.index(site)
            factors[i] = site.kind.matrix(mono, dims[i])
        mat = reduce(lambda a, b: sps.kron(a, b, format="csr"), factors) if factors else sps.identity(1, dtype=complex, format="csr")
        out = out + numeric_coefficient(c, values, f"coefficient of {op._word_str(word)}") * mat
    return out.tocsr()


def to_dense(op: Op, space_: Space, values=None) -> np.ndarray:
    return to_sparse(op, space_, values).toarray()
