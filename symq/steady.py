"""Exact steady states: the density matrix of a finite model, and the fixed point of a moment system.

``steady_state(model)`` solves ``L[rho] = 0, Tr rho = 1`` exactly over the fraction field of the
model's parameters with :class:`sympy.polys.matrices.DomainMatrix` (never ``Matrix.LUsolve``).

* Symmetry first: if the model has a U(1) (excitation-number) symmetry
  (``model.u1_charges()`` is not None), a unique steady state commutes with the charge, so only
  ``rho_kl`` with equal basis-state charges can be nonzero; the Liouvillian is built directly on
  that zero-charge sector (6 unknowns instead of 16 for two qubits). Otherwise the full
  ``d^2 x d^2`` Liouvillian is used (a :class:`SlowSolveWarning` is issued for ``d > 8``).
* Exact matrices without irrational numbers: ladder matrix elements of bosons and spins are
  square roots of integers. With the positive diagonal ``D`` (``D_n^2 = n!`` for a boson, the
  product of the squared ``S_+`` ladder elements for a spin, 1 for N-level systems) the
  equations for ``sigma = D^-1 rho D^-1`` only involve ``D^-1 X D`` (left factors) and
  ``D X D^-1`` (right factors), which are rational, and ``rho = D sigma D`` brings the square
  roots back at the end.
* Real arithmetic: with real parameters (declared ``real``/``positive``) the unknowns are the
  real and imaginary parts of ``sigma``, so the system lives over ``ZZ[parameters]`` (Gaussian
  rationals, whose gcds are slow in sympy, are used only for complex parameters). It is solved
  fraction-free (``DomainMatrix.solve_den``) and each entry is factored in the polynomial domain.
* Matrices are QuTiP's: tensor order of :func:`symq.algebra.space` (sites sorted by name), qubit
  level 0 = ground (``sigma = destroy(2)``), bosons ``destroy(N)``, spins ``jmat`` (m = S..-S);
  products such as ``L^dag L`` are products of the truncated matrices, as in QuTiP.

``moment_steady_state(system)`` solves ``A v = -b`` of a :class:`~symq.moments.MomentSystem`.
"""

from __future__ import annotations

import warnings
from math import factorial, prod

import sympy as sp
from sympy.polys.matrices import DomainMatrix
from sympy.polys.matrices.exceptions import DMNonInvertibleMatrixError

from .algebra import Op, space
from .algebra.kinds import Boson, Levels, Spin
from .errors import ModelError, NumericsError
from .moments import MomentSystem

__all__ = ["SlowSolveWarning", "exact_matrix", "moment_steady_state", "steady_state"]

_SLOW_DIM = 8


class SlowSolveWarning(UserWarning):
    """An exact solve on a large unreduced Liouvillian may take a long time."""


# -- exact local matrices -----------------------------------------------------------------------
def _local_exact(kind, mono, dim: int) -> dict:
    """Exact matrix ``{(row, col): value}`` of a local monomial (QuTiP's basis order)."""
    if isinstance(kind, Levels):
        return {(mono[0], mono[1]): sp.S.One}
    out = {}
    if isinstance(kind, Boson):
        m, n = mono
        for c in range(n, dim):
            r = c - n + m
            if r < dim:  # a^n |c> then a^dag^m, truncated like products of destroy(N)
                out[(r, c)] = sp.sqrt(sp.Integer(factorial(c) // factorial(c - n) * factorial(r) // factorial(c - n)))
        return out
    if isinstance(kind, Spin):
        S = sp.Rational(dim - 1, 2)
        m, k, n = mono
        for c in range(dim):
            mv, val = S - c, sp.S.One
            for _ in range(n):  # S_- |mv> = sqrt((S + mv)(S - mv + 1)) |mv - 1>
                val *= sp.sqrt((S + mv) * (S - mv + 1))
                mv -= 1
            val *= mv**k
            for _ in range(m):  # S_+ |mv> = sqrt((S - mv)(S + mv + 1)) |mv + 1>
                val *= sp.sqrt((S - mv) * (S + mv + 1))
                mv += 1
            if val != 0:
                out[(int(S - mv), c)] = val
        return out
    raise ModelError(f"steady_state: expected qubit, N-level, boson or spin sites, got kind {kind!r}")


def _ladder_squares(kind, dim: int) -> list:
    """``D_i^2`` of the rescaling that makes every ladder matrix element rational."""
    if isinstance(kind, Boson):
        return [sp.Integer(factorial(n)) for n in range(dim)]
    if isinstance(kind, Spin):
        S = sp.Rational(dim - 1, 2)
        sq = [sp.S.One] * dim  # index dim-1 is m = -S
        for i in range(dim - 2, -1, -1):
            mv = S - (i + 1)
            sq[i] = sq[i + 1] * (S - mv) * (S + mv + 1)
        return sq
    return [sp.S.One] * dim


class _Basis:
    """The truncated product space with exact, rescaled operator matrices."""

    def __init__(self, space_, values):
        self.space = space_
        self.values = values
        self.dims = space_.dims
        self.dim = space_.dim
        self.strides = [prod(self.dims[i + 1:]) for i in range(len(self.dims))]
        local_sq = [_ladder_squares(s.kind, d) for s, d in zip(space_.sites, self.dims)]
        self.d2 = [prod((local_sq[i][self._digit(k, i)] for i in range(len(self.dims))), start=sp.S.One)
                   for k in range(self.dim)]
        self.d = [sp.sqrt(x) for x in self.d2]
        self._local = {}

    def _digit(self, k: int, i: int) -> int:
        return (k // self.strides[i]) % self.dims[i]

    def _local_scaled(self, site_index: int, mono, side: str) -> dict:
        key = (site_index, mono, side)
        if key not in self._local:
            site, dim = self.space.sites[site_index], self.dims[site_index]
            sq = _ladder_squares(site.kind, dim)
            out = {}
            for (r, c), v in _local_exact(site.kind, mono, dim).items():
                # left: D^-1 X D ; right: D X D^-1 (both rational by construction of D)
                w = v * (sp.sqrt(sq[c] / sq[r]) if side == "left" else sp.sqrt(sq[r] / sq[c]))
                if not w.is_Rational:
                    raise NumericsError(f"steady_state: internal rescaling left an irrational element {w}")
                out[(r, c)] = w
            self._local[key] = out
        return self._local[key]

    def matrix(self, op: Op, side: str) -> dict:
        """``{(row, col): coefficient}`` of ``D^-1 op D`` (side='left') or ``D op D^-1`` ('right')."""
        return _op_entries(op, self.space, self.values,
                           lambda i, mono: self._local_scaled(i, mono, side))


def _op_entries(op: Op, space_, values, local) -> dict:
    """``{(row, col): coefficient}`` of ``op``: Kronecker products of ``local(site_index, monomial)``."""
    dims = space_.dims
    out: dict = {}
    for word, coeff in op.terms.items():
        c = sp.sympify(coeff).xreplace(values) if values else coeff
        factors = {space_.index(site): local(space_.index(site), mono) for site, mono in word}
        entries = [((0, 0), c)]
        for i, dim in enumerate(dims):
            f = factors.get(i)
            items = list(f.items()) if f is not None else [((j, j), sp.S.One) for j in range(dim)]
            entries = [((r * dim + lr, col * dim + lc), v * lv) for (r, col), v in entries for (lr, lc), lv in items]
        for rc, v in entries:
            out[rc] = out.get(rc, 0) + v
    return {rc: v for rc, v in out.items() if v != 0}


def exact_matrix(op: Op, space_, values=None) -> sp.SparseMatrix:
    """The exact matrix of ``op`` on ``space_`` (square roots kept exact; QuTiP's basis order).

    The exact counterpart of :func:`symq.algebra.to_sparse`; ``values`` ({Symbol: value}) are
    substituted into the coefficients, the other symbols stay.
    """
    values = {sp.sympify(k): sp.sympify(v) for k, v in (values or {}).items()}
    entries = _op_entries(op, space_, values, lambda i, mono: _local_exact(space_.sites[i].kind, mono, space_.dims[i]))
    return sp.SparseMatrix(space_.dim, space_.dim, entries)


def _matmul(a: dict, b: dict) -> dict:
    by_row: dict = {}
    for (r, c), v in b.items():
        by_row.setdefault(r, []).append((c, v))
    out: dict = {}
    for (r, k), v in a.items():
        for c, w in by_row.get(k, ()):
            out[(r, c)] = out.get((r, c), 0) + v * w
    return {rc: sp.expand(v) for rc, v in out.items() if sp.expand(v) != 0}


def _dagger(a: dict) -> dict:
    return {(c, r): sp.conjugate(v) for (r, c), v in a.items()}


def _model_space(model, cutoffs, values):
    kinds = {type(s.kind) for s in model.sites}
    if Boson in kinds:
        missing = [s.name for s in model.sites if isinstance(s.kind, Boson)
                   and not any(getattr(k, "site", k) == s for k in (cutoffs or {}))]
        if missing:
            raise NumericsError(
                f"steady_state: expected a Fock cutoff for every boson (cutoffs={{a: N}}), got none for "
                f"{missing}; the exact steady state of an untruncated boson is not a finite matrix"
            )
    for s in model.sites:
        if isinstance(s.kind, Spin) and not s.kind.numeric:
            S = sp.sympify(s.kind.S).xreplace(values)
            if not S.is_Number:
                raise NumericsError(
                    f"steady_state: spin {s.name!r} has symbolic length {s.kind.S}; expected a number "
                    f"(pass values={{{s.kind.S}: 1}}), the matrix dimension 2S+1 must be known"
                )
    return space(list(model.sites), cutoffs=cutoffs, values=values)


def _superoperator_terms(model, basis: _Basis):
    """``[(A, B), ...]`` with ``L[rho] = sum A rho B`` in the rescaled basis (A left, B right)."""
    eye = {(k, k): sp.S.One for k in range(basis.dim)}
    H = model.H
    terms = [({rc: -sp.I * v for rc, v in basis.matrix(H, "left").items()}, eye),
             (eye, {rc: sp.I * v for rc, v in basis.matrix(H, "right").items()})]
    for ch in model.channels:
        rate = sp.sympify(ch.rate).xreplace(basis.values) if basis.values else ch.rate
        Lj_left = basis.matrix(ch.left, "left")
        Lk_dag_right = _dagger(basis.matrix(ch.right, "left"))  # (D^-1 L D)^dag = D L^dag D^-1
        Lk_dag_left = _dagger(basis.matrix(ch.right, "right"))  # (D L D^-1)^dag = D^-1 L^dag D
        Lj_right = basis.matrix(ch.left, "right")
        K_left = _matmul(Lk_dag_left, Lj_left)      # D^-1 L_k^dag L_j D
        K_right = _matmul(Lk_dag_right, Lj_right)   # D L_k^dag L_j D^-1
        terms.append(({rc: rate * v for rc, v in Lj_left.items()}, Lk_dag_right))
        terms.append(({rc: -rate / 2 * v for rc, v in K_left.items()}, eye))
        terms.append((eye, {rc: -rate / 2 * v for rc, v in K_right.items()}))
    return terms


def _sector(model, space_) -> list:
    if model.u1_charges() is not None:
        q = space_.state_charges()
        return [(k, l) for k in range(space_.dim) for l in range(space_.dim) if q[k] == q[l]]
    if space_.dim > _SLOW_DIM:
        warnings.warn(
            f"steady_state: the model has no U(1) symmetry, so the exact solve uses the full "
            f"{space_.dim ** 2}x{space_.dim ** 2} Liouvillian (dimension {space_.dim} > {_SLOW_DIM}); "
            "this may be slow",
            SlowSolveWarning,
            stacklevel=3,
        )
    return [(k, l) for k in range(space_.dim) for l in range(space_.dim)]


def _integer_rows(elems: dict, rhs: dict) -> tuple[dict, dict]:
    """Scale each equation by the lcm of its rational denominators (integer ring arithmetic is
    several times faster than sympy's pure-Python rationals when gmpy2 is absent)."""
    out, out_rhs = {}, {}
    for r, cols in elems.items():
        terms = [t for c in (*cols.values(), rhs.get(r, 0)) for t in sp.Add.make_args(sp.sympify(c))]
        L = sp.ilcm(1, *(t.as_coeff_Mul()[0].q for t in terms if t.as_coeff_Mul()[0].is_Rational))
        out[r] = {c: sp.expand(L * v) for c, v in cols.items()}
        if r in rhs:
            out_rhs[r] = L * rhs[r]
    return out, out_rhs


def _solve(elems: dict, rhs: dict, n: int, singular: str) -> list:
    """Solve the ``n x n`` system ``{row: {col: expr}} x = {row: expr}``; factored values of ``x``.

    Fraction-free over the parameters' polynomial ring, then one cancellation per entry. With
    symbols, ``solve_den`` by the Berkowitz characteristic polynomial: measured ~10x faster than
    fraction-free rref for the boson dimer (cutoff 3) and > 40x for the spin-3/2 dimer (44
    unknowns), and than LU over the fraction field, whose polynomial gcds dominate. Without
    symbols, fraction-free rref (Berkowitz is O(n^4)).
    """
    elems, rhs = _integer_rows(elems, rhs)
    # function generators (conjugate(W), re(W), ...) become plain symbols so that the domain is a
    # polynomial ring over QQ or QQ_I and not sympy's slow EX domain
    funcs = {f for cols in elems.values() for v in cols.values() for f in sp.sympify(v).atoms(sp.Function)}
    to_sym = {f: sp.Dummy(f"f{i}") for i, f in enumerate(sorted(funcs, key=str))}
    if to_sym:
        elems = {r: {c: sp.sympify(v).xreplace(to_sym) for c, v in cols.items()} for r, cols in elems.items()}
    M = DomainMatrix.from_dict_sympy(n, n, elems)
    b = DomainMatrix.from_dict_sympy(n, 1, {r: {0: v} for r, v in rhs.items()})
    M, b = M.unify(b)
    try:
        num, den = M.solve_den(b, method="rref" if M.domain.is_Numerical else "charpoly")
    except DMNonInvertibleMatrixError:
        raise ModelError(singular) from None
    sol = num.to_field() / den
    K, cache = sol.domain, {}
    back = {d: f for f, d in to_sym.items()}
    return [_factored(K, v, cache).xreplace(back) for v in sol.to_list_flat()]


def _factored(K, v, cache: dict) -> sp.Expr:
    """A fraction-field element as a factored sympy expression, factoring in the domain itself
    (no round trip through expanded expressions); equal denominators are factored once."""
    if not (K.is_FractionField and K.domain.is_ZZ):
        return sp.factor(K.to_sympy(v))

    def factor_poly(p):
        if p not in cache:
            c, facs = p.factor_list()
            cache[p] = sp.Mul(sp.sympify(c), *(f.as_expr() ** m for f, m in facs))
        return cache[p]

    return factor_poly(K.numer(v)) / factor_poly(K.denom(v))


def steady_state(model, *, values=None, cutoffs=None) -> sp.Matrix:
    """The exact steady-state density matrix of a finite-dimensional Lindblad model.

    Parameters
    ----------
    model
        A :class:`~symq.lindblad.Lindblad` model over qubits, N-level systems, spins with a
        numeric S, and bosons with a Fock cutoff.
    values
        ``{Symbol: value}`` substituted before solving (numbers or expressions); also resolves a
        symbolic spin length S. The remaining parameters stay symbolic.
    cutoffs
        ``{boson operator: N}`` Fock cutoffs (QuTiP ``destroy(N)``); required for bosons.

    Returns
    -------
    sympy.Matrix
        ``rho`` in the tensor order of ``symq.algebra.space(model.sites)`` (QuTiP's order), with
        factored entries. Raises :class:`~symq.errors.ModelError` if the steady state is not unique
        (with U(1) symmetry: not unique within the zero-charge sector; stationary coherences
        between charge sectors, e.g. of a decoherence-free subspace, are not searched for).
    """
    values = {sp.sympify(k): sp.sympify(v) for k, v in (values or {}).items()}
    space_ = _model_space(model, cutoffs, values)
    basis = _Basis(space_, values)
    unknowns = _sector(model, space_)
    rows = _liouvillian(model, basis, unknowns)
    coeffs = [c for cols in rows.values() for c in cols.values()]
    real = all(sym.is_real for c in coeffs for sym in c.free_symbols) and not any(
        c.has(sp.conjugate, sp.re, sp.im) for c in coeffs)
    solve = _solve_real if real else _solve_complex
    sol = solve(rows, unknowns, basis)
    rho = sp.zeros(space_.dim, space_.dim)
    for (k, l), v in sol.items():
        if v != 0:
            if v.has(sp.sin, sp.cos):  # phases exp(i phi) split into cos, sin: restore sin^2 + cos^2 = 1
                v = sp.factor(sp.trigsimp(v))
            rho[k, l] = basis.d[k] * basis.d[l] * v
    return rho


_SINGULAR = ("steady_state: expected a unique steady state, got a degenerate Liouvillian "
             "(several steady states: a conserved quantity or a decoupled subsystem)")


def _liouvillian(model, basis: _Basis, unknowns: list) -> dict:
    """``{(i, j): {(k, l): coefficient of sigma_kl in <i|L[rho]|j>}}`` on the given sector."""
    index = set(unknowns)
    rows: dict = {}
    for A, B in _superoperator_terms(model, basis):
        a_by_col: dict = {}
        for (i, k), v in A.items():
            a_by_col.setdefault(k, []).append((i, v))
        b_by_row: dict = {}
        for (l, j), v in B.items():
            b_by_row.setdefault(l, []).append((j, v))
        for k, l in unknowns:
            for i, a in a_by_col.get(k, ()):
                for j, b in b_by_row.get(l, ()):
                    if (i, j) not in index:
                        raise NumericsError(
                            f"steady_state: internal error, the Liouvillian leaves the symmetry sector at ({i}, {j})"
                        )
                    rows.setdefault((i, j), {}).setdefault((k, l), []).append(a * b)
    out = {}
    for ij, cols in rows.items():
        cols = {kl: sp.expand(sp.Add(*vs)) for kl, vs in cols.items()}
        out[ij] = {kl: c for kl, c in cols.items() if c != 0}
    return out


def _solve_complex(rows: dict, unknowns: list, basis: _Basis) -> dict:
    """Solve over ``QQ_I(parameters)`` (used when some parameter is not declared real)."""
    index = {kl: n for n, kl in enumerate(unknowns)}
    elems = {index[ij]: {index[kl]: c for kl, c in cols.items()} for ij, cols in rows.items()}
    # the (k,k) equations sum to zero (trace preservation): replace one by Tr rho = 1
    trace_row = index[(0, 0)]
    elems[trace_row] = {index[(k, k)]: basis.d2[k] for k in range(basis.dim)}
    n = len(unknowns)
    flat = _solve(elems, {trace_row: sp.S.One}, n, _SINGULAR)
    return {kl: flat[index[kl]] for kl in unknowns}


def _re_im(c) -> tuple:
    """Real and imaginary parts of an expanded coefficient over real symbols."""
    if c.atoms(sp.Function) or any(p.has(sp.I) for p in c.atoms(sp.Pow)):
        return sp.expand(sp.re(c)), sp.expand(sp.im(c))  # e.g. exp(I*phi): cos(phi), sin(phi)
    im = c.coeff(sp.I) if c.has(sp.I) else sp.S.Zero  # a polynomial, linear in I once expanded
    return (sp.expand(c - sp.I * im) if im != 0 else c), im


def _solve_real(rows: dict, unknowns: list, basis: _Basis) -> dict:
    """Solve for the real and imaginary parts of ``sigma`` over ``QQ(parameters)``.

    With real parameters the Liouvillian preserves Hermiticity, so ``sigma_kk`` and
    ``sigma_kl = x_kl + i y_kl`` (k < l) are the unknowns and ``Re``/``Im`` of the equations
    ``(i, j)`` with ``i <= j`` the equations; this avoids Gaussian-rational arithmetic, whose
    polynomial gcds are very slow in sympy.
    """
    real_unknowns = []
    for k, l in unknowns:
        if k == l:
            real_unknowns.append((k, l, "re"))
        elif k < l:
            real_unknowns += [(k, l, "re"), (k, l, "im")]
    col = {u: n for n, u in enumerate(real_unknowns)}
    elems: dict = {}
    for (i, j), cols in rows.items():
        if i > j:
            continue
        eq_re, eq_im = {}, {}
        for (k, l), c in cols.items():
            # c * sigma_kl with sigma_kl = x + i y (k < l) or x - i y (k > l)
            a, b = (k, l) if k <= l else (l, k)
            sign = 1 if k <= l else -1
            c_re, c_im = _re_im(c)
            x, y = col[(a, b, "re")], col.get((a, b, "im"))
            eq_re[x] = eq_re.get(x, 0) + c_re
            eq_im[x] = eq_im.get(x, 0) + c_im
            if y is not None:  # c * (i sign y) = i sign c_re y - sign c_im y
                eq_re[y] = eq_re.get(y, 0) - sign * c_im
                eq_im[y] = eq_im.get(y, 0) + sign * c_re
        elems[col[(i, j, "re")]] = eq_re
        if i < j:
            elems[col[(i, j, "im")]] = eq_im
    trace_row = col[(0, 0, "re")]
    elems[trace_row] = {col[(k, k, "re")]: basis.d2[k] for k in range(basis.dim)}
    elems = {r: {c: sp.expand(v) for c, v in cols.items() if sp.expand(v) != 0} for r, cols in elems.items()}
    n = len(real_unknowns)
    flat = _solve(elems, {trace_row: sp.S.One}, n, _SINGULAR)
    val = {u: flat[n_] for u, n_ in col.items()}
    out = {}
    for k, l in unknowns:
        a, b = (k, l) if k <= l else (l, k)
        y = val.get((a, b, "im"), sp.S.Zero)
        x = val[(a, b, "re")]
        z = sp.I * y if k <= l else -sp.I * y
        out[(k, l)] = x + z if (x == 0 or y == 0) else sp.factor(x + z)
    return out


def moment_steady_state(system: MomentSystem) -> dict:
    """The fixed point ``A v = -b`` of a moment system as ``{operator: factored expression}``."""
    if not isinstance(system, MomentSystem):
        raise ModelError(f"moment_steady_state: expected a MomentSystem, got {type(system).__name__}")
    n = len(system)
    elems = {i: {j: system.A[i, j] for j in range(n) if system.A[i, j] != 0} for i in range(n)}
    rhs = {i: -system.b[i] for i in range(n) if system.b[i] != 0}
    flat = _solve(elems, rhs, n,
                  f"moment_steady_state: expected an invertible {n}x{n} moment matrix A, got a singular one "
                  "(the moments are not fixed by the dynamics: a conserved quantity or a missing constraint)")
    return dict(zip(system.basis, flat))
