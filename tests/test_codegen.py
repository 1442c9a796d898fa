"""Codegen: generated numpy functions equal sympy's exact evaluation and broadcast."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from symq.codegen import Formula, generate_module, lambdify
from symq.errors import SymqError

x, y = sp.symbols("x y", positive=True)
EXPRS = [
    x**2 / (x + y),
    sp.Max(0, x - y) * sp.sqrt(x) + sp.Heaviside(x - 1),
    sp.Piecewise((x * y, x < y), (x + y, True)),
    sp.exp(-x) * sp.cos(y) + sp.log(1 + x * y),
]


@pytest.mark.parametrize("expr", EXPRS, ids=str)
@given(xv=st.floats(0.01, 10), yv=st.floats(0.01, 10))
def test_lambdify_matches_exact_evaluation(expr, xv, yv):
    f = lambdify(expr, [x, y])
    exact = complex(sp.N(expr.subs({x: xv, y: yv}), 30)).real
    # float64 evaluation of a few elementary operations: 1e-12 relative is ample
    assert f(xv, yv) == pytest.approx(exact, rel=1e-12, abs=1e-14)


def test_lambdify_broadcasts():
    f = lambdify(sp.Max(0, x - y) + x, [x, y])
    xs = np.linspace(0.1, 2, 5)
    out = f(xs[:, None], np.array([0.5, 1.0])[None, :])
    assert out.shape == (5, 2)
    assert np.allclose(out, np.maximum(0, xs[:, None] - np.array([0.5, 1.0])) + xs[:, None])
    assert f(1.0, 2.0).shape == ()


def test_generated_module_roundtrip_and_mp():
    src = generate_module("demo", [Formula("h", x**2 / (x + y), (x, y), "a demo quantity", "x > 0")], "Demo", "symq derive demo")
    ns = {}
    exec(src, ns)
    assert np.allclose(ns["h"](np.array([1.0, 2.0]), 1.0), [0.5, 4 / 3])
    assert "a demo quantity" in ns["h"].__doc__ and "\\frac{x^{2}}{x + y}" in ns["h"].__doc__
    val = ns["mp"]("h", 40, x="1", y="3")
    assert abs(val - sp.Rational(1, 4)) < sp.Float("1e-38")


def test_codegen_errors():
    with pytest.raises(SymqError, match="depend only on"):
        lambdify(x + y, [x])
    f = Formula("h", x, (x,), "d")
    with pytest.raises(SymqError, match="unique"):
        generate_module("demo", [f, f], "Demo", "cmd")
