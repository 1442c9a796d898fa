"""U(1) charge sectors of the Liouvillian, built block by block.

With a U(1) symmetry every basis state ``|i>`` has a charge ``c_i`` (its excitation number), H
conserves it and each jump changes it by a definite amount. The Liouvillian then maps the
*sector* ``q`` -- the matrix elements ``rho_ij`` with ``c_i - c_j = q`` -- to itself. Sector
``-q`` holds the adjoints of sector ``q`` (complex-conjugate spectrum); the steady state lives in
sector 0.

A sector vector is the concatenation, over row charges ``c`` in increasing order, of the
column-stacked blocks ``rho[states of charge c, states of charge c - q]``. Each block of the
sector Liouvillian is assembled directly from sub-blocks of the operators as
``kron(B_sub^T, A_sub)``; the full Liouvillian is never formed. A model without the symmetry
has a single sector (``q = 0``) that is the full Liouvillian in QuTiP's column-stacking order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import scipy.sparse as sps

from ...errors import NumericsError
from .build import NumericModel


@dataclass(frozen=True, eq=False)
class Sector:
    """The index structure of sector ``q``: blocks ``(row charge c, column charge c - q)``."""

    q: int
    classes: dict = field(repr=False)  # charge -> state indices (sorted)
    blocks: tuple = field(repr=False)  # (c, offset, n_rows, n_cols)
    size: int = 0

    @cached_property
    def rows(self) -> np.ndarray:
        """Full-matrix row index ``i`` of every sector entry."""
        return self._indices()[0]

    @cached_property
    def cols(self) -> np.ndarray:
        return self._indices()[1]

    def _indices(self):
        rows, cols = [], []
        for c, _, nr, nc in self.blocks:
            ri, ci = self.classes[c], self.classes[c - self.q]
            rows.append(np.tile(ri, nc))
            cols.append(np.repeat(ci, nr))
        if not rows:
            return np.zeros(0, int), np.zeros(0, int)
        return np.concatenate(rows), np.concatenate(cols)

    @cached_property
    def full_index(self) -> np.ndarray:
        """Position ``i + j*n`` of every sector entry in the column-stacked full vector."""
        n = sum(len(v) for v in self.classes.values())
        return self.rows + self.cols * n

    def to_matrix(self, x: np.ndarray, dim: int) -> np.ndarray:
        """The dense ``dim x dim`` matrix whose sector-``q`` entries are ``x`` (others zero)."""
        out = np.zeros((dim, dim), dtype=complex)
        out[self.rows, self.cols] = x
        return out

    def from_matrix(self, rho: np.ndarray) -> np.ndarray:
        """The sector-``q`` entries of a dense matrix, as a sector vector."""
        return np.asarray(rho)[self.rows, self.cols]

    @cached_property
    def trace_row(self) -> np.ndarray:
        """Sector positions of the diagonal entries (sector 0 only)."""
        if self.q != 0:
            raise NumericsError(f"trace_row: expected sector 0, got sector {self.q}")
        return np.flatnonzero(self.rows == self.cols)


class SectorBuilder:
    """Builds sector Liouvillians of a :class:`NumericModel`, caching operator sub-blocks."""

    def __init__(self, num: NumericModel):
        self.num = num
        ch = num.state_charges
        self.classes = {int(c): np.flatnonzero(ch == c) for c in np.unique(ch)}
        self._sub = {}

    @property
    def charges(self) -> list:
        """Every sector charge q that holds at least one matrix element."""
        cs = sorted(self.classes)
        return sorted({a - b for a in cs for b in cs})

    def sector(self, q: int) -> Sector:
        blocks, off = [], 0
        for c in sorted(self.classes):
            if c - q in self.classes:
                nr, nc = len(self.classes[c]), len(self.classes[c - q])
                blocks.append((c, off, nr, nc))
                off += nr * nc
        if not self.num.u1 and q != 0:
            raise NumericsError(f"sector: the model has no U(1) symmetry, so only sector 0 exists, got q={q}")
        return Sector(q, self.classes, tuple(blocks), off)

    def _block(self, key, M, rc, cc):
        k = (key, rc, cc)
        if k not in self._sub:
            sub = M[self.classes[rc]][:, self.classes[cc]]
            self._sub[k] = sps.csr_matrix(sub) if sub.nnz else None
        return self._sub[k]

    def matrix(self, sec: Sector | int) -> sps.csr_matrix:
        """The Liouvillian restricted to sector ``sec`` (CSR, ``sec.size`` square)."""
        if not isinstance(sec, Sector):
            sec = self.sector(sec)
        offsets = {c: off for c, off, _, _ in sec.blocks}
        rows, cols, vals = [], [], []
        for t_id, t in enumerate(self.num.terms):
            a = t.charge
            for c, off, nr, nc in sec.blocks:
                d = c - sec.q
                if c + a not in offsets:
                    continue
                A = self._block((t_id, "A"), t.A, c + a, c)
                B = self._block((t_id, "B"), t.B, d, d + a)
                if A is None or B is None:
                    continue
                m = sps.kron(B.T, A, format="coo")
                rows.append(m.row + offsets[c + a])
                cols.append(m.col + off)
                vals.append(m.data)
        n = sec.size
        if not rows:
            return sps.csr_matrix((n, n), dtype=complex)
        out = sps.coo_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
        ).tocsr()
        out.sum_duplicates()
        out.eliminate_zeros()
        return out
