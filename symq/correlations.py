"""Two-time correlations and spectra by the quantum regression theorem.

For ``tau >= 0`` and a stationary state ``rho``::

    C(tau) = <A(t) X(t + tau) B(t)> = Tr[X e^{L tau}(B rho A)].

If ``X`` belongs to a closed moment system ``d/dt v = M v + b`` (basis ``w_i``), the vector
``u_i(tau) = Tr[w_i e^{L tau}(B rho A)]`` obeys the same equations,
``du/dtau = M u + b <A B>``, with ``u_i(0) = <A w_i B>``. Hence

* ``g1_n(tau) = <sigma_n^dag(t) sigma_n(t+tau)> / <sigma_n^dag sigma_n>``: A = sigma^dag, X = sigma, B = 1;
* ``g2(tau) = <A(t) X(t+tau) B(t)> / norm`` with A = sigma_m^dag, X = sigma_n^dag sigma_n, B = sigma_m;
* the spectrum ``S(omega) = (1/pi) Re int_0^inf e^{i omega tau} g1(tau) dtau``
  = ``(1/pi) Re [ e_X . (-i omega - M)^{-1} u(0) ] / norm`` (a rational function of omega;
  a peak near ``omega = omega_0`` for ``g1 ~ e^{-i omega_0 tau}``).

``expect`` is any callable giving steady-state expectation values of operators: symbolic
(``symq.measures.expect`` on an exact state) or numeric.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .algebra import Op
from .errors import ModelError
from .moments import MomentSystem


@dataclass(frozen=True)
class Regression:
    """``u(tau)`` for ``du/dtau = M u + b c`` with ``u(0) = u0``; the correlation is ``u[index] / norm``."""

    system: MomentSystem
    u0: sp.Matrix
    c: sp.Expr
    index: int
    norm: sp.Expr

    def numeric(self, values, taus) -> np.ndarray:
        """``C(tau)/norm`` at numeric parameter ``values`` for an array of delays (exact expm)."""
        M, b = self.system.numeric(values)
        sub = {sp.sympify(k): v for k, v in values.items()}
        u0 = np.array([complex(sp.N(x.xreplace(sub))) for x in self.u0], dtype=complex)
        c = complex(sp.N(sp.sympify(self.c).xreplace(sub)))
        norm = complex(sp.N(sp.sympify(self.norm).xreplace(sub)))
        taus = np.atleast_1d(np.asarray(taus, dtype=float))
        # stationary part: u_inf = -M^{-1} b c (M is invertible for a damped system)
        u_inf = -np.linalg.solve(M, b * c) if np.any(b * c) else np.zeros_like(u0)
        w, V = np.linalg.eig(M)
        if np.linalg.cond(V) < 1e8:
            coef = np.linalg.solve(V, u0 - u_inf)
            vals = (V[self.index] * coef) @ np.exp(np.outer(w, taus))
        else:  # at or near an exceptional point the eigenbasis is ill-conditioned: use expm
            vals = np.array([(sla.expm(M * t) @ (u0 - u_inf))[self.index] for t in taus])
        return (vals + u_inf[self.index]) / norm

    def laplace(self, z: sp.Expr) -> sp.Expr:
        """``int_0^inf e^{-z tau} C(tau) dtau / norm``, exact: ``[(z - M)^{-1}(u0 + b c / z)]_X / norm``."""
        n = len(self.system)
        zI_M = sp.eye(n) * z - self.system.A
        rhs = self.u0 + self.system.b * self.c / z
        dM = DomainMatrix.from_Matrix(zI_M.row_join(rhs))
        K = dM.domain.get_field() if not dM.domain.is_Field else dM.domain
        sol = dM.convert_to(K).rref()[0].to_Matrix()[:, n]
        return sp.factor(sp.cancel(sol[self.index] / self.norm))


def numeric_expect(rho: np.ndarray, space_, values=None):
    """``op -> Tr(op rho)`` for a numeric density matrix on ``space_`` (see ``symq.algebra.space``)."""
    from .algebra import to_sparse

    rho = np.asarray(rho)

    def expect(op):
        op = op if isinstance(op, Op) else Op.scalar(op)
        return complex((to_sparse(op, space_, values) @ rho).trace())

    return expect


def regression(system: MomentSystem, X, expect, A=None, B=None) -> Regression:
    """The regression problem of ``<A(t) X(t+tau) B(t)>`` normalised by 1 (see :func:`correlation`)."""
    A = Op.scalar(1) if A is None else A
    B = Op.scalar(1) if B is None else B
    index = system.index(X)
    u0 = sp.Matrix([sp.sympify(expect(A * w * B)) for w in system.basis])
    c = sp.sympify(expect(A * B)) if any(x != 0 for x in system.b) else sp.S.Zero
    return Regression(system, u0, c, index, sp.S.One)


def _norm(r: Regression, norm) -> Regression:
    return Regression(r.system, r.u0, r.c, r.index, sp.sympify(norm))


def g1(model, sigma, expect, system: MomentSystem | None = None) -> Regression:
    """First-order coherence ``<sigma^dag(t) sigma(t+tau)> / <sigma^dag sigma>``."""
    system = system or model.moments([sigma])
    n = expect(sigma.dag() * sigma)
    if n == 0:
        raise ModelError(f"g1: the steady-state population of {sigma} vanishes; g1 is undefined")
    return _norm(regression(system, sigma, expect, A=sigma.dag()), n)


def g2(model, sigma_a, sigma_b, expect, system: MomentSystem | None = None) -> Regression:
    """``<a^dag(t) b^dag(t+tau) b(t+tau) a(t)> / (<a^dag a><b^dag b>)`` (direct when a = b)."""
    X = sigma_b.dag() * sigma_b
    system = system or model.moments([X])
    norm = expect(sigma_a.dag() * sigma_a) * expect(X)
    return _norm(regression(system, X, expect, A=sigma_a.dag(), B=sigma_a), norm)


def spectrum(r: Regression, omega: sp.Symbol) -> sp.Expr:
    """``S(omega) = (1/pi) Re int_0^inf e^{i omega tau} C(tau) dtau`` as an exact rational function."""
    if not (omega.is_real or omega.is_positive):
        raise ModelError(f"spectrum: expected a real Symbol for the frequency, got {omega!r} without real=True")
    f = r.laplace(-sp.I * omega)
    num, den = sp.fraction(sp.together(f))
    den_c = sp.conjugate(den)
    real = sp.expand(num * den_c + sp.conjugate(num) * den) / (2 * sp.expand(den * den_c))
    return sp.cancel(real) / sp.pi


def spectrum_numeric(r: Regression, values, omegas) -> np.ndarray:
    """``S(omega)`` at numeric parameter values for an array of frequencies (resolvent solves)."""
    M, b = r.system.numeric(values)
    sub = {sp.sympify(k): v for k, v in values.items()}
    u0 = np.array([complex(sp.N(x.xreplace(sub))) for x in r.u0], dtype=complex)
    c = complex(sp.N(sp.sympify(r.c).xreplace(sub)))
    norm = complex(sp.N(sp.sympify(r.norm).xreplace(sub)))
    out = []
    eye = np.eye(len(u0))
    drive = b * c
    for w in np.atleast_1d(omegas):
        z = -1j * w
        rhs = u0 + drive / z if np.any(drive) else u0  # the stationary part is a delta at omega = 0
        out.append(np.linalg.solve(z * eye - M, rhs)[r.index])
    return np.real(np.array(out) / norm) / np.pi
