"""Runtime support of generated formula modules (imported by them)."""

from __future__ import annotations

import mpmath
import sympy as sp

from ..errors import NumericsError


def evaluate_mp(srepr_text: str, dps: int, values: dict):
    """Evaluate the expression stored as ``srepr`` with ``values`` ({name: number}) at ``dps`` digits."""
    expr = sp.sympify(eval(srepr_text, sp.__dict__.copy()))  # noqa: S307 (srepr written by symq)
    by_name = {s.name: s for s in expr.free_symbols}
    unknown = set(values) - set(by_name)
    if unknown:
        raise NumericsError(f"mp: unknown parameters {sorted(unknown)}; expected {sorted(by_name)}")
    missing = set(by_name) - set(values)
    if missing:
        raise NumericsError(f"mp: missing values for {sorted(missing)}")
    with mpmath.workdps(dps):
        sub = {by_name[k]: sp.Float(mpmath.mpf(v) if not isinstance(v, str) else v, dps) for k, v in values.items()}
        return mpmath.mpmathify(sp.N(expr.xreplace(sub), dps))
