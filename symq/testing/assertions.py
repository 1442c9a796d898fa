"""Assertions comparing a closed-form formula with QuTiP steady states of the model.

``assert_formula_matches_steady_state(formula, model, quantity, points, rtol=..., atol=...)``
evaluates ``formula`` (a numpy function of named parameters, e.g. one of
``symq.formulas.unbalanced_dimer``) at every parameter point and compares it with the same
quantity computed from ``qutip.steadystate`` of the model at that point, independently of symq's
exact solvers: the model goes to QuTiP through :func:`symq.numerics.exact.to_qutip` (collapse
operators ``sqrt(rate) L``) and the measure is evaluated on the ``Qobj``.

``quantity`` is

* a callable ``rho (qutip.Qobj) -> number``;
* a symq operator: its expectation value ``Tr(O rho)`` (real part when ``O`` is Hermitian);
* a name in :data:`MEASURES`:

  - ``"purity"``: ``Tr rho^2``;
  - ``"linear_entropy"``: ``d/(d-1) (1 - Tr rho^2)`` (``d`` the Hilbert-space dimension, so it
    lies in [0, 1]; ``4/3 (1 - Tr rho^2)`` for two qubits);
  - ``"von_neumann_entropy"``: ``-Tr rho ln rho`` (natural logarithm);
  - ``"concurrence"``: Wootters' concurrence (``qutip.concurrence``, two qubits only);
  - ``"negativity"``: the sum of the moduli of the negative eigenvalues of the partial transpose
    on the last subsystem, ``(||rho^{T_B}||_1 - 1)/2`` (two subsystems).

A point is a dict ``{name or Symbol: value}`` holding every parameter of the model; the formula
receives the entries named like its arguments.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import numpy as np
import qutip

from ..algebra import Op
from ..errors import SymqError
from ..numerics.exact import build, to_qutip

__all__ = [
    "MEASURES",
    "assert_formula_matches_steady_state",
    "formula_values",
    "steady_state_values",
]


def _purity(rho) -> float:
    return float(np.real((rho * rho).tr()))


def _linear_entropy(rho) -> float:
    d = rho.shape[0]
    return d / (d - 1) * (1.0 - _purity(rho))


def _two_subsystems(rho, what: str):
    dims = rho.dims[0]
    if len(dims) != 2:
        raise SymqError(f"{what}: expected a state of two subsystems, got tensor dims {dims}")
    return dims


def _negativity(rho) -> float:
    _two_subsystems(rho, "negativity")
    pt = qutip.partial_transpose(rho, [0, 1]).full()
    ev = np.linalg.eigvalsh(0.5 * (pt + pt.conj().T))
    return float(-ev[ev < 0].sum())


def _concurrence(rho) -> float:
    if _two_subsystems(rho, "concurrence") != [2, 2]:
        raise SymqError(f"concurrence: expected two qubits, got tensor dims {rho.dims[0]}")
    return float(qutip.concurrence(rho))


MEASURES: dict[str, Callable] = {
    "purity": _purity,
    "linear_entropy": _linear_entropy,
    "von_neumann_entropy": lambda rho: float(qutip.entropy_vn(rho)),
    "concurrence": _concurrence,
    "negativity": _negativity,
}


def _model(model):
    """A Lindblad model from a model, a ``symq.models.ModelSpec`` or a registered model name."""
    if isinstance(model, str):
        from ..models import get

        return get(model).model
    inner = getattr(model, "model", None)
    if inner is not None and hasattr(inner, "channels"):
        return inner
    if hasattr(model, "channels") and hasattr(model, "H"):
        return model
    raise SymqError(f"steady-state comparison: expected a Lindblad model, a ModelSpec or a model name, got {model!r}")


def _fmt(x) -> str:
    x = complex(x)
    return repr(x.real) if x.imag == 0 else repr(x)


def _name(key) -> str:
    return key if isinstance(key, str) else getattr(key, "name", str(key))


def _points(points) -> list[dict]:
    if isinstance(points, Mapping):
        points = [points]
    out = []
    for p in points:
        if not isinstance(p, Mapping):
            raise SymqError(f"points: expected dicts {{parameter: value}}, got {p!r}")
        out.append({_name(k): v for k, v in p.items()})
    if not out:
        raise SymqError("points: expected at least one parameter point, got none")
    return out


def _measure(quantity, model) -> tuple[Callable, str]:
    """``((rho, values) -> number, label)`` for a callable, a measure name or a symq operator."""
    if isinstance(quantity, str):
        if quantity not in MEASURES:
            raise SymqError(f"quantity: expected one of {sorted(MEASURES)} or a callable, got {quantity!r}")
        return (lambda rho, values: MEASURES[quantity](rho)), quantity
    if isinstance(quantity, Op):
        op = model.check_operator(quantity, "quantity")
        hermitian = op.is_hermitian()

        def expect(rho, values):
            O = qutip.Qobj(build(model, values).operator(op, "quantity"), dims=rho.dims)
            val = qutip.expect(O, rho)
            return float(np.real(val)) if hermitian else complex(val)

        return expect, f"<{op}>"
    if callable(quantity):
        return (lambda rho, values: quantity(rho)), getattr(quantity, "__name__", repr(quantity))
    raise SymqError(f"quantity: expected a callable rho -> number, a measure name or a symq operator, got {quantity!r}")


def _values(model, point: dict) -> dict:
    params = {p.name: p for p in model.parameters}
    missing = sorted(set(params) - set(point))
    if missing:
        raise SymqError(f"point {point}: expected a value for every model parameter, missing {missing}")
    return {params[n]: float(point[n]) for n in params}


@lru_cache(maxsize=64)
def _steady_state(model, values: tuple):
    """``qutip.steadystate`` of ``model`` at ``values`` (cached: several quantities share a point)."""
    H, c_ops = to_qutip(model, dict(values))
    return qutip.steadystate(H, c_ops)


def steady_state_values(model, quantity, points) -> np.ndarray:
    """``quantity`` of ``qutip.steadystate`` of ``model`` at every point (see the module docstring)."""
    model = _model(model)
    measure, _ = _measure(quantity, model)
    out = []
    for p in _points(points):
        values = _values(model, p)
        out.append(measure(_steady_state(model, tuple(values.items())), values))
    return np.array(out)


def _arguments(formula) -> list[str]:
    try:
        return list(inspect.signature(formula).parameters)
    except (TypeError, ValueError):
        raise SymqError(f"formula: expected a function with named parameters, got {formula!r}") from None


def formula_values(formula, points) -> np.ndarray:
    """``formula`` at every point, its arguments taken from the point by name."""
    args = _arguments(formula)
    out = []
    for p in _points(points):
        missing = [a for a in args if a not in p]
        if missing:
            raise SymqError(f"point {p}: the formula {getattr(formula, '__name__', formula)} needs {missing}")
        out.append(np.asarray(formula(**{a: p[a] for a in args}))[()])
    return np.array(out)


def assert_formula_matches_steady_state(formula, model, quantity, points: Iterable, *, rtol: float, atol: float) -> float:
    """Assert ``|formula - quantity(steadystate)| <= atol + rtol |quantity|`` at every point.

    ``model`` is a Lindblad model, a ``ModelSpec`` or a registered model name; ``quantity`` a
    callable on the QuTiP state, a symq operator or a name in :data:`MEASURES`. Fails with an
    ``AssertionError`` naming the parameter point, both values and the tolerance; returns the
    largest ``|difference| / (atol + rtol |quantity|)`` (<= 1 on success).
    """
    if not (rtol >= 0 and atol >= 0) or rtol == atol == 0:
        raise SymqError(f"tolerances: expected rtol, atol >= 0, not both zero, got rtol={rtol}, atol={atol}")
    lindblad = _model(model)
    pts = _points(points)
    _, label = _measure(quantity, lindblad)
    name = getattr(formula, "__name__", repr(formula))
    got = formula_values(formula, pts)
    ref = steady_state_values(lindblad, quantity, pts)
    worst = 0.0
    for p, a, e in zip(pts, got, ref):
        bound = atol + rtol * abs(e)
        err = abs(a - e)
        if not err <= bound:  # also catches NaN
            raise AssertionError(
                f"formula {name} != {label} of the QuTiP steady state at {p}: formula {_fmt(a)}, "
                f"steady state {_fmt(e)} (|diff| = {err:.3g} > atol + rtol |expected| = {bound:.3g}, "
                f"rtol={rtol:g}, atol={atol:g})"
            )
        worst = max(worst, err / bound)
    return worst
