"""Hypothesis strategies and assertion helpers, public for users' own tests of symq models.

Needs ``hypothesis`` (the ``test`` extra). One module per kind of helper; each adds its names to
``__all__`` below.
"""

from .operators import (
    assert_matrix_close,
    boson_degree,
    coefficients,
    density_matrices,
    generators,
    operators,
    words,
)

__all__ = [
    # operators: random operators over sites, random density matrices, matrix comparison
    "assert_matrix_close",
    "boson_degree",
    "coefficients",
    "density_matrices",
    "generators",
    "operators",
    "words",
]

from .params import log_uniform, params, params_of

__all__ += ["log_uniform", "params", "params_of"]

from .assertions import MEASURES, assert_formula_matches_steady_state, formula_values, steady_state_values

__all__ += ["MEASURES", "assert_formula_matches_steady_state", "formula_values", "steady_state_values"]
