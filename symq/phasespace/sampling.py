"""Initial phase-space samples of coherent and spin-coherent states.

* Coherent state ``|alpha_0>``: Wigner ``alpha_0 + delta`` with complex Gaussian vacuum noise
  ``E|delta|^2 = 1/2``; P and positive P the point ``alpha_0`` (``beta = alpha_0^*``).
* Spin-coherent state ``|theta, phi>`` (``<S> = S (sin theta cos phi, sin theta sin phi,
  cos theta)``), Wigner only: in Schwinger bosons it is the Fock state ``|2S>`` of
  ``c = u^* a + v^* b`` (``u = cos(theta/2)``, ``v = e^{i phi} sin(theta/2)``) and vacuum in
  ``d = -v a + u b``. The Fock state's Wigner function is not positive; it is sampled as the ring
  ``|c|^2 = 2S + 1/2`` with a uniform phase (exact first moment ``<c^dag c> = 2S``; the symmetric
  fourth moment is ``1/4`` too small, an ``O(1/S^2)`` relative error). Then ``a = u c - v^* d``,
  ``b = v c + u^* d``.
"""

from __future__ import annotations

import numpy as np

from ..errors import ModelError
from .fpe import FokkerPlanck


def _site(key):
    return getattr(key, "site", key)


def _vacuum(rng, shape) -> np.ndarray:
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / 2


def coherent(fpe: FokkerPlanck, amplitudes, ntraj: int, rng: np.random.Generator) -> np.ndarray:
    """Samples ``(ntraj, n)`` of the product coherent state ``{mode: alpha_0}`` (others vacuum)."""
    amp = {_site(k): complex(v) for k, v in (amplitudes or {}).items()}
    index = {m.site: i for i, m in enumerate(fpe.modes)}
    unknown = [s.name for s in amp if s not in index]
    if unknown:
        raise ModelError(f"coherent: expected modes of the equation, got {unknown}")
    n_modes = len(fpe.modes)
    alpha = np.zeros((ntraj, n_modes), dtype=complex)
    for s, v in amp.items():
        alpha[:, index[s]] = v
    rep = fpe.representation
    if rep.s == 0:
        return alpha + _vacuum(rng, alpha.shape)
    if rep.independent:
        return np.concatenate([alpha, alpha.conj()], axis=1)
    return alpha


def spin_coherent(fpe: FokkerPlanck, directions, ntraj: int, rng: np.random.Generator, default=(0.0, 0.0)) -> np.ndarray:
    """Wigner samples of the product spin-coherent state ``{spin: (theta, phi)}`` (spins not
    listed point along ``default``); bosonic modes start in the vacuum."""
    if fpe.representation.s != 0 or fpe.representation.independent:
        raise ModelError(f"spin_coherent: expected the Wigner representation, got {fpe.representation}")
    dirs = {_site(k): v for k, v in (directions or {}).items()}
    unknown = [s.name for s in dirs if s not in fpe.spins]
    if unknown:
        raise ModelError(f"spin_coherent: expected spin sites of the model, got {unknown}")
    x = _vacuum(rng, (ntraj, len(fpe.modes)))
    index = {m.site: i for i, m in enumerate(fpe.modes)}
    for spin, (ma, mb) in fpe.spins.items():
        S = spin.kind.S
        if not S.is_Number:
            raise ModelError(f"spin_coherent: expected a numeric spin length, got S = {S} for {spin.name}")
        theta, phi = dirs.get(spin, default)
        u, v = np.cos(theta / 2), np.exp(1j * phi) * np.sin(theta / 2)
        c = np.sqrt(2 * float(S) + 0.5) * np.exp(2j * np.pi * rng.random(ntraj))
        d = _vacuum(rng, ntraj)
        x[:, index[ma.site]] = u * c - np.conj(v) * d
        x[:, index[mb.site]] = v * c + np.conj(u) * d
    return x
