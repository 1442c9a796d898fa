"""States as symbolic (sympy) or numeric (numpy / QuTiP) matrices, their spaces, and ``expect``.

Every measure accepts the same three kinds of state and dispatches on the type:

* a sympy Matrix (e.g. :func:`symq.steady_state`): exact, the result is a factored expression;
* a numpy array or a ``qutip.Qobj`` density matrix: numeric, the result is a float / complex.

Operators are symq operators; their matrices are built on the state's space, in the tensor order
of :func:`symq.algebra.space` (sites sorted by name, QuTiP's order). The space is inferred from
the operators' sites when it is not given; they must then be all the state's sites (QuTiP dims,
or site dimensions; a boson's cutoff is read off the state's dimension when it is the only
unknown factor).
"""

from __future__ import annotations

from math import prod

import numpy as np
import sympy as sp

from ..algebra import Space, as_op, to_sparse
from ..algebra.kinds import Boson, Spin
from ..errors import NumericsError
from ..steady import exact_matrix


def is_symbolic(rho) -> bool:
    return isinstance(rho, sp.MatrixBase)


def _is_qobj(rho) -> bool:
    return type(rho).__module__.startswith("qutip") and hasattr(rho, "full") and hasattr(rho, "dims")


def as_array(rho, where: str) -> np.ndarray:
    """A numeric density matrix as a complex numpy array (square)."""
    if _is_qobj(rho):
        arr = np.asarray(rho.full(), dtype=complex)
    elif isinstance(rho, np.ndarray):
        arr = np.asarray(rho, dtype=complex)
    elif is_symbolic(rho):
        if rho.free_symbols:
            names = ", ".join(sorted(map(str, rho.free_symbols)))
            raise NumericsError(f"{where}: numeric only; expected a state without symbols, got one in {names}")
        arr = np.array(rho.evalf(), dtype=complex)
    else:
        raise NumericsError(f"{where}: expected a sympy Matrix, numpy array or qutip.Qobj state, got {type(rho).__name__}")
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise NumericsError(f"{where}: expected a square density matrix, got shape {arr.shape}")
    return arr


def shape_of(rho, where: str) -> int:
    """The dimension of a square state (sympy, numpy or QuTiP)."""
    if is_symbolic(rho) or isinstance(rho, np.ndarray) or _is_qobj(rho):
        n, m = rho.shape
    else:
        raise NumericsError(f"{where}: expected a sympy Matrix, numpy array or qutip.Qobj state, got {type(rho).__name__}")
    if n != m:
        raise NumericsError(f"{where}: expected a square density matrix, got shape {(n, m)}")
    return n


def state_dims(rho, dims, where: str) -> tuple:
    """Subsystem dimensions: ``dims`` if given, QuTiP's dims of a Qobj, else two qubits for 4x4."""
    n = shape_of(rho, where)
    if dims is None and _is_qobj(rho):
        dims = rho.dims[0]
    if isinstance(dims, Space):
        dims = dims.dims
    if dims is None:
        if n == 4:
            return (2, 2)
        raise NumericsError(f"{where}: expected dims=(d1, d2, ...) for a {n}x{n} state (the default is two qubits)")
    dims = tuple(int(d) for d in dims)
    if prod(dims) != n:
        raise NumericsError(f"{where}: expected dims whose product is the state dimension {n}, got {dims}")
    return dims


def resolve_space(rho, ops, space_, where: str) -> Space:
    """The space on which ``ops`` act in ``rho``: given, or the ops' sites with inferred dims."""
    n = shape_of(rho, where)
    if space_ is not None:
        if not isinstance(space_, Space):
            sites = getattr(space_, "sites", None)
            if sites is None:
                raise NumericsError(f"{where}: expected space to be a symq Space or a Lindblad model, got {space_!r}")
            space_ = _infer(rho, tuple(sites), n, where)
        if space_.dim != n:
            raise NumericsError(f"{where}: expected a space of dimension {n} (the state's), got dims {space_.dims}")
        return space_
    sites = set()
    for o in ops:
        sites.update(as_op(o, where).sites)
    return _infer(rho, tuple(sorted(sites)), n, where)


def _infer(rho, sites: tuple, n: int, where: str) -> Space:
    """The operators' sites must be all the state's sites: a Qobj's dims say how many there are;
    for an array, a single boson (or symbolic spin) takes the remaining dimension."""
    if _is_qobj(rho):
        qdims = tuple(int(d) for d in rho.dims[0])
        if len(qdims) != len(sites):
            raise NumericsError(
                f"{where}: the state has {len(qdims)} subsystems (dims {list(qdims)}) but the operators act on "
                f"sites {[s.name for s in sites]}; pass space=symq.algebra.space(model.sites, cutoffs=...) (or the model)"
            )
        return Space(sites, qdims)
    dims, unknown = [], []
    for i, s in enumerate(sites):
        if isinstance(s.kind, Boson) or (isinstance(s.kind, Spin) and not s.kind.numeric):
            dims.append(None)
            unknown.append(i)
        else:
            dims.append(s.kind.dim())
    known = prod(d for d in dims if d is not None)
    if len(unknown) == 1 and n % known == 0:
        dims[unknown[0]] = n // known
    if None in dims or prod(dims) != n:
        names = [s.name for s in sites]
        raise NumericsError(
            f"{where}: cannot infer the space of a {n}x{n} state from the operators' sites {names}; "
            "pass space=symq.algebra.space(model.sites, cutoffs=...) (or the model)"
        )
    return Space(sites, tuple(dims))


def expect(op, rho, space=None, values=None):
    """``Tr(rho op)``: exact (factored) for a sympy state, a complex number for numpy / QuTiP.

    ``space`` (a :class:`~symq.algebra.Space` or a Lindblad model) is needed when the operator
    does not act on every site of the state; ``values`` ({Symbol: value}) resolve symbolic
    coefficients of the operator (required for a numeric state).
    """
    op = as_op(op, "expect: operator")
    sp_ = resolve_space(rho, [op], space, "expect")
    if is_symbolic(rho):
        M = exact_matrix(op, sp_, values)
        total = sp.Add(*(rho[c, r] * v for (r, c), v in M.todok().items()))
        return simplify_exact(total)
    M = to_sparse(op, sp_, values)
    return complex((M.multiply(as_array(rho, "expect").T)).sum())


def expect_many(ops, rho, space=None) -> list:
    """``expect`` of several operators on one space (resolved once)."""
    ops = [as_op(o, "expect: operator") for o in ops]
    sp_ = resolve_space(rho, ops, space, "expect")
    return [expect(o, rho, sp_) for o in ops]


def simplify_exact(expr) -> sp.Expr:
    """Factored form without expanding square roots away."""
    return sp.factor(sp.together(sp.sympify(expr)))


def real_if_hermitian(x: complex, where: str, tol: float = 1e-9) -> float:
    """The real part of an expectation value of a Hermitian quantity (checked)."""
    if abs(x.imag) > tol * max(1.0, abs(x.real)):
        raise NumericsError(f"{where}: expected a real value, got {x} (is the state Hermitian?)")
    return float(x.real)
