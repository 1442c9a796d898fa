"""Gaussian states of quadratic boson models: covariance (Lyapunov) equations and measures.

Convention (stated once, used everywhere): quadratures ``R = (x_1, p_1, ..., x_n, p_n)`` with

    x = c (a + a^dag),   p = -i c (a - a^dag),   c^2 = v0 (the vacuum variance),

so ``[x, p] = 2 i v0``. The default ``v0 = 1/2`` gives ``[x, p] = i`` (hbar = 1); ``v0 = 1`` is
``X = a + a^dag`` (the spin-lattice paper's App. A: ``V_vacuum = 1``, purity ``1/sqrt(det V)``);
``v0 = 1/4`` gives the form ``1/(4^n sqrt(det sigma))``. The covariance matrix is
``sigma_ij = <{dR_i, dR_j}>/2``, ``dR = R - <R>``.

For a model whose Hamiltonian is at most quadratic and whose jump operators are at most linear
in the modes (checked), ``d<R>/dt = A <R> + d`` and::

    d sigma / dt = A sigma + sigma A^T + D,

with A (drift) read off ``L^dag[R_i]`` and D (diffusion) the constant left in ``L^dag[R_i R_j
+ R_j R_i]/2`` after the drift terms are removed. The steady state solves the Lyapunov equation
``A sigma + sigma A^T + D = 0`` exactly (DomainMatrix over the parameters' field).

Measures (``n`` modes):

* purity ``Tr rho^2 = v0^n / sqrt(det sigma)``;
* symplectic eigenvalues ``nu_k``: the moduli of the eigenvalues of ``i Omega sigma / v0 * v0``
  (``Omega`` the symplectic form; vacuum ``nu = v0``);
* logarithmic negativity for a bipartition: ``E_N = sum_k max(0, -ln(nu~_k / v0))`` from the
  symplectic eigenvalues ``nu~`` of the partially transposed covariance (``p -> -p`` on one
  party); the negativity is ``N = (e^{E_N} - 1)/2``. For two modes ``nu~_-`` has the closed form
  ``sqrt((Delta~ - sqrt(Delta~^2 - 4 det sigma))/2)``, ``Delta~ = det A + det B - 2 det C``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix
from sympy.polys.matrices.exceptions import DMNonInvertibleMatrixError

from ..algebra import Op
from ..algebra.kinds import Boson
from ..errors import ModelError
from ..lindblad import Lindblad

__all__ = [
    "GaussianModel",
    "gaussian",
    "log_negativity",
    "negativity",
    "purity",
    "symplectic_eigenvalues",
    "two_mode_nu_minus",
]


HALF = sp.Rational(1, 2)  # the default vacuum variance v0 ([x, p] = i)


def _mono(site, m) -> Op:
    return Op({((site, m),): sp.S.One}, _canonical=True)


@dataclass(frozen=True)
class GaussianModel:
    """The linear (Gaussian) dynamics of a quadratic boson model.

    ``modes``: the boson sites in order; ``quadratures``: the Ops ``R``; ``A``: drift,
    ``d``: constant drive of ``<R>``; ``D``: diffusion; ``vacuum``: the vacuum variance v0.
    """

    model: Lindblad
    modes: tuple
    quadratures: tuple
    A: sp.Matrix
    d: sp.Matrix
    D: sp.Matrix
    vacuum: sp.Expr

    def steady_mean(self) -> sp.Matrix:
        """``<R>`` in the steady state, ``-A^{-1} d``."""
        return _solve(self.A, -self.d, "GaussianModel.steady_mean")

    def steady_covariance(self) -> sp.Matrix:
        """The solution of ``A sigma + sigma A^T + D = 0`` (symmetric), with factored entries.

        The steady state exists and is reached when A is Hurwitz (every eigenvalue has a negative
        real part); at and beyond a stability boundary the solution is unphysical (checked by
        :func:`purity` and the uncertainty relation, not here).
        """
        N = self.A.rows
        pairs = [(i, j) for i in range(N) for j in range(i, N)]
        index = {p: k for k, p in enumerate(pairs)}
        key = lambda i, j: index[(min(i, j), max(i, j))]
        rows = {}
        rhs = {}
        for r, (i, j) in enumerate(pairs):
            row: dict = {}
            for k in range(N):  # (A sigma)_ij + (sigma A^T)_ij = sum_k A_ik s_kj + s_ik A_jk
                if self.A[i, k] != 0:
                    c = key(k, j)
                    row[c] = row.get(c, 0) + self.A[i, k]
                if self.A[j, k] != 0:
                    c = key(i, k)
                    row[c] = row.get(c, 0) + self.A[j, k]
            rows[r] = {c: v for c, v in row.items() if v != 0}
            if self.D[i, j] != 0:
                rhs[r] = {0: -self.D[i, j]}
        n = len(pairs)
        M = DomainMatrix.from_dict_sympy(n, n, rows)
        b = DomainMatrix.from_dict_sympy(n, 1, rhs)
        x = _solve_dm(M, b, "GaussianModel.steady_covariance")
        sigma = sp.zeros(N, N)
        for (i, j), k in index.items():
            sigma[i, j] = sigma[j, i] = x[k]
        return sigma


def _solve_dm(M: DomainMatrix, b: DomainMatrix, where: str) -> list:
    M, b = M.unify(b)
    try:
        num, den = M.solve_den(b)
    except DMNonInvertibleMatrixError:
        raise ModelError(f"{where}: expected an invertible drift (no zero eigenvalue), got a singular one") from None
    K = num.domain
    den = K.to_sympy(den)
    return [sp.factor(K.to_sympy(v) / den) for v in num.to_list_flat()]


def _solve(A: sp.Matrix, b: sp.Matrix, where: str) -> sp.Matrix:
    return sp.Matrix(_solve_dm(DomainMatrix.from_Matrix(A), DomainMatrix.from_Matrix(b), where))


def _linear(op: Op, modes, c, where) -> tuple:
    """Coefficients of ``op = sum_k r_k R_k + const``; error if op is not linear in the modes."""
    n = len(modes)
    row = [sp.S.Zero] * (2 * n)
    const = sp.S.Zero
    for word, coeff in op.terms.items():
        if not word:
            const += coeff
            continue
        if len(word) != 1 or word[0][1] not in ((0, 1), (1, 0)):
            raise ModelError(f"{where}: expected a quadratic model (linear equations of motion), got the term "
                             f"{Op({word: coeff})}; use holstein_primakoff(order=0) or a linear model")
        site, m = word[0]
        k = modes.index(site)
        # a = (x + i p)/(2c), a^dag = (x - i p)/(2c)
        sign = 1 if m == (0, 1) else -1
        row[2 * k] += coeff / (2 * c)
        row[2 * k + 1] += sign * sp.I * coeff / (2 * c)
    return [sp.expand(x) for x in row], sp.expand(const)


def gaussian(model: Lindblad, *, vacuum=HALF) -> GaussianModel:
    """The drift and diffusion matrices of a quadratic boson model (see the module docstring)."""
    if not isinstance(model, Lindblad):
        raise ModelError(f"gaussian: expected a Lindblad model, got {type(model).__name__}")
    vacuum = sp.sympify(vacuum)
    if not vacuum.is_positive:
        raise ModelError(f"gaussian: expected a positive vacuum variance, got {vacuum}")
    modes = tuple(model.sites)
    foreign = [s.name for s in modes if not isinstance(s.kind, Boson)]
    if foreign:
        raise ModelError(f"gaussian: expected a model of bosons only, got the non-boson sites {foreign}")
    c = sp.sqrt(vacuum)
    R = []
    for s in modes:
        a, ad = _mono(s, (0, 1)), _mono(s, (1, 0))
        R += [c * (a + ad), -sp.I * c * (a - ad)]
    N = len(R)
    A, d = sp.zeros(N, N), sp.zeros(N, 1)
    for i, Ri in enumerate(R):
        row, const = _linear(model.adjoint(Ri), list(modes), c, "gaussian")
        A[i, :] = sp.Matrix([row])
        d[i] = const
    D = sp.zeros(N, N)
    for i in range(N):
        for j in range(i, N):
            Sij = (R[i] * R[j] + R[j] * R[i]) / 2
            rest = model.adjoint(Sij) - d[i] * R[j] - d[j] * R[i]
            for k in range(N):
                if A[i, k] != 0:
                    rest = rest - A[i, k] * (R[k] * R[j] + R[j] * R[k]) / 2
                if A[j, k] != 0:
                    rest = rest - A[j, k] * (R[i] * R[k] + R[k] * R[i]) / 2
            if any(w for w in rest.terms):
                raise ModelError(f"gaussian: expected a quadratic model, but the second moments of {Ri} do not close")
            D[i, j] = D[j, i] = sp.factor(rest.coeff())
    if any(sp.expand(x - sp.conjugate(x)) != 0 for x in list(A) + list(D)):
        raise ModelError(f"gaussian: expected a real drift matrix, got {A}; are the parameters real?")
    return GaussianModel(model, modes, tuple(R), A.applyfunc(sp.factor), d.applyfunc(sp.factor), D, vacuum)


# -- measures ---------------------------------------------------------------------------------------
def _symplectic_form(n: int) -> sp.Matrix:
    return sp.diag(*[sp.Matrix([[0, 1], [-1, 0]])] * n)


def purity(sigma, *, vacuum=HALF):
    """``Tr rho^2 = v0^n / sqrt(det sigma)`` (sympy for a sympy matrix, float for a numpy array)."""
    if isinstance(sigma, sp.MatrixBase):
        n = sigma.rows // 2
        return sp.factor(sp.sympify(vacuum) ** n / sp.sqrt(sp.factor(sigma.det())))
    sigma = np.asarray(sigma, dtype=float)
    n = sigma.shape[0] // 2
    return float(vacuum) ** n / np.sqrt(np.linalg.det(sigma))


def _transpose(n: int, party) -> np.ndarray:
    P = np.ones(2 * n)
    for k in party:
        P[2 * k + 1] = -1
    return P


def symplectic_eigenvalues(sigma) -> np.ndarray:
    """The n symplectic eigenvalues (ascending) of a numeric covariance matrix: |eig(i Omega sigma)|."""
    sigma = np.asarray(sigma, dtype=float)
    n = sigma.shape[0] // 2
    Om = np.array(_symplectic_form(n), dtype=float)
    ev = np.sort(np.abs(np.linalg.eigvals(1j * Om @ sigma)))
    return ev[::2]


def log_negativity(sigma, party=(0,), *, vacuum=HALF) -> float:
    """``E_N`` of a numeric covariance for the bipartition ``party`` (mode indices) | rest."""
    sigma = np.asarray(sigma, dtype=float)
    n = sigma.shape[0] // 2
    P = _transpose(n, party)
    nu = symplectic_eigenvalues(P[:, None] * sigma * P[None, :])
    return float(np.sum(np.maximum(0.0, -np.log(nu / float(vacuum)))))


def negativity(sigma, party=(0,), *, vacuum=HALF) -> float:
    """``N = (||rho^T_B||_1 - 1)/2 = (e^{E_N} - 1)/2`` of a numeric covariance."""
    return (np.exp(log_negativity(sigma, party, vacuum=vacuum)) - 1) / 2


def two_mode_nu_minus(sigma: sp.Matrix) -> sp.Expr:
    """Closed form of the smallest symplectic eigenvalue of the partial transpose of a two-mode
    covariance: ``sqrt((Delta~ - sqrt(Delta~^2 - 4 det sigma))/2)``, ``Delta~ = det A + det B - 2 det C``."""
    if sigma.shape != (4, 4):
        raise ModelError(f"two_mode_nu_minus: expected a 4x4 covariance matrix, got shape {sigma.shape}")
    Am, Bm, Cm = sigma[:2, :2], sigma[2:, 2:], sigma[:2, 2:]
    delta = sp.factor(Am.det() + Bm.det() - 2 * Cm.det())
    det = sp.factor(sigma.det())
    return sp.sqrt((delta - sp.sqrt(sp.factor(delta**2 - 4 * det))) / 2)
