"""Linear phase-space equations: Holstein-Primakoff bosons and exact Gaussian steady states.

For a quadratic model (e.g. the Holstein-Primakoff linearisation of a spin lattice around a
polarised configuration, spin-lattice paper App. A) the Wigner equation has affine drift
``A(x) = J x + a0`` and constant diffusion ``D``, nothing is truncated, and the steady state is
the Gaussian with mean ``J mu + a0 = 0`` and covariance ``J C + C J^T + D = 0`` (Lyapunov), over
the variables ``(alpha_1, alpha_1^*, ...)``. Symmetric moments follow as ``E[x y] = C + mu mu``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import sympy as sp

from ..algebra import Op, Site, bosons
from ..algebra.matrices import numeric_coefficient
from ..errors import ModelError
from ..lindblad import Lindblad
from .fpe import FokkerPlanck


def _hp_local(site: Site, monomial, up: bool, S) -> Op:
    c = bosons(f"c_{site.name}")
    m, k, n = monomial
    root = sp.sqrt(2 * S)
    plus, minus = (root * c, root * c.dag()) if up else (root * c.dag(), root * c)
    sz = S - c.dag() * c if up else -S + c.dag() * c
    return plus**m * sz**k * minus**n


def holstein_primakoff(model: Lindblad, up: dict) -> Lindblad:
    """``model`` with each spin ``s`` replaced by a boson ``c_s`` around ``S_z = +S`` (``up[s]``
    true: ``S_+ = sqrt(2S) c``, ``S_- = sqrt(2S) c^dag``, ``S_z = S - c^dag c``, App. A Eq. A2) or
    ``S_z = -S`` (false: Eq. A1), keeping ``sqrt(1 - c^dag c / 2S) ~ 1``."""
    orient = {getattr(k, "site", k): bool(v) for k, v in up.items()}

    def image(op: Op) -> Op:
        out = Op()
        for word, coeff in op.terms.items():
            term = Op.scalar(coeff)
            for site, mono in word:
                if site not in orient:
                    raise ModelError(f"holstein_primakoff: expected an orientation for spin {site.name!r}")
                term = term * _hp_local(site, mono, orient[site], site.kind.S)
            out = out + term
        return out

    if len(model.jumps) != len(model.channels):
        raise ModelError("holstein_primakoff: expected diagonal jump channels")
    return Lindblad(image(model.H), [(rate, image(L)) for rate, L in model.jumps])


@dataclass(frozen=True)
class Gaussian:
    """Steady Gaussian of a linear equation: ``mean`` and ``cov`` over ``variables``."""

    variables: tuple
    mean: np.ndarray
    cov: np.ndarray

    def expect(self, expr) -> complex:
        """``E[expr]`` for a polynomial of degree <= 2 in the variables."""
        poly = sp.Poly(sp.expand(expr), *self.variables)
        if poly.total_degree() > 2:
            raise ModelError(f"Gaussian.expect: expected a polynomial of degree <= 2, got {expr}")
        total = 0j
        for powers, c in poly.terms():
            idx = [i for i, p in enumerate(powers) for _ in range(p)]
            c = complex(c)
            if not idx:
                total += c
            elif len(idx) == 1:
                total += c * self.mean[idx[0]]
            else:
                i, j = idx
                total += c * (self.cov[i, j] + self.mean[i] * self.mean[j])
        return total


def gaussian_steady_state(fpe: FokkerPlanck, values) -> Gaussian:
    """The exact steady state of a linear (affine drift, constant diffusion) equation."""
    variables = fpe.variables
    subs = {sp.sympify(k) if not isinstance(k, sp.Basic) else k: v for k, v in values.items()}
    num = lambda e: numeric_coefficient(sp.sympify(e).xreplace(subs), None, "gaussian_steady_state")
    A = fpe.drift_vector()
    J = A.jacobian(variables)
    zero = {v: 0 for v in variables}
    if J.free_symbols & set(variables) or fpe.diffusion_matrix().free_symbols & set(variables):
        raise ModelError("gaussian_steady_state: expected affine drift and constant diffusion (a quadratic model)")
    Jn = np.array([[num(J[i, j]) for j in range(len(variables))] for i in range(len(variables))])
    a0 = np.array([num(A[i].xreplace(zero)) for i in range(len(variables))])
    Dn = np.array([[num(e) for e in row] for row in fpe.diffusion_matrix().tolist()])
    if np.linalg.eigvals(Jn).real.max() >= 0:
        raise ModelError("gaussian_steady_state: the linear dynamics is not stable (an eigenvalue of the drift has Re >= 0)")
    mean = np.linalg.solve(Jn, -a0)
    cov = sla.solve_sylvester(Jn, Jn.T, -Dn)  # J C + C J^T = -D (not the J^H of solve_continuous_lyapunov)
    return Gaussian(variables, mean, cov)
