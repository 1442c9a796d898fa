"""Hypothesis strategies for physical parameters.

``params(s=(0.05, 20), g=("kappa", 1e-3, 1e2), kappa=(1e-2, 1e2))`` draws a dict of floats:

* ``(low, high)`` samples log-uniformly in [low, high] (both > 0); ``(low, high, "lin")`` uniformly;
* ``(other, low, high)`` samples the ratio ``name/other`` log-uniformly, so a coupling can be
  given in units of a rate, as the papers do (``g/kappa in [1e-3, 1e2]``);
* a number is a fixed value.

Keys may be names or sympy Symbols; the drawn dict has the same keys.
"""

from __future__ import annotations

import math

from hypothesis import strategies as st

from ..errors import SymqError

__all__ = ["params", "log_uniform"]


def log_uniform(low: float, high: float) -> st.SearchStrategy[float]:
    """Floats log-uniform in [low, high] (0 < low < high)."""
    if not (0 < low < high):
        raise SymqError(f"log_uniform: expected 0 < low < high, got low={low}, high={high}")
    a, b = math.log(low), math.log(high)
    return st.floats(a, b, allow_nan=False, allow_infinity=False).map(lambda x: min(max(math.exp(x), low), high))


def _name(key) -> str:
    return key if isinstance(key, str) else getattr(key, "name", str(key))


def params(**spec) -> st.SearchStrategy[dict]:
    """A strategy of parameter dicts; see the module docstring for the specification forms."""
    return params_of(spec)


def params_of(spec: dict) -> st.SearchStrategy[dict]:
    """Like :func:`params` with a dict whose keys may be sympy Symbols."""
    base, ratios = {}, {}
    names = {_name(k): k for k in spec}
    for key, rule in spec.items():
        if isinstance(rule, (int, float)):
            base[key] = st.just(float(rule))
        elif isinstance(rule, tuple) and len(rule) == 2:
            base[key] = log_uniform(float(rule[0]), float(rule[1]))
        elif isinstance(rule, tuple) and len(rule) == 3 and rule[2] == "lin":
            base[key] = st.floats(float(rule[0]), float(rule[1]), allow_nan=False)
        elif isinstance(rule, tuple) and len(rule) == 3:
            ref = _name(rule[0])
            if ref not in names or isinstance(spec[names[ref]], tuple) and len(spec[names[ref]]) == 3 and spec[names[ref]][2] != "lin":
                raise SymqError(f"params {_name(key)}: the reference {ref!r} must be another parameter given directly")
            ratios[key] = (names[ref], log_uniform(float(rule[1]), float(rule[2])))
        else:
            raise SymqError(f"params {_name(key)}: expected (low, high), (low, high, 'lin'), (other, low, high) or a number, got {rule!r}")

    @st.composite
    def draw(d):
        out = {k: d(v) for k, v in base.items()}
        for k, (ref, ratio) in ratios.items():
            out[k] = out[ref] * d(ratio)
        return {k: out[k] for k in spec}

    return draw()
