"""Stochastic entropy production along quantum-jump trajectories (Tacchino et al., App. B).

Each jump channel ``k`` (jump operator ``C_k = sqrt(gamma_k) L_k``) is paired with its reverse
``k~``, the channel whose operator is proportional to ``C_k^dag`` (absorption <-> emission). With
the reversed jump operators ``K~_k = sqrt(rho_inf) K_k^dag sqrt(rho_inf)^-1`` of a bath obeying
detailed balance, ``K~_k = K_k~`` and the probability ratio of a jump and its reverse is the rate
ratio ``gamma_k / gamma_k~`` (with the operators' norms: ``|C_k|_F^2 / |C_k~|_F^2``), which equals
``exp(-beta_k dQ_k)`` for a jump exchanging energy ``dQ_k`` with a bath at inverse temperature
``beta_k`` (positive or negative). No-jump stretches contribute nothing. So a trajectory produces

* the conditional (bath) entropy ``Delta_cond S(t) = sum_{jumps <= t} ln(gamma_k / gamma_k~)``,
* the boundary term ``ln p(psi(t0)) - ln <psi(t)|rho_ref|psi(t)>`` for an initial state drawn
  from ``rho0`` with probability ``p`` (``rho_ref = rho0``: a stationary ensemble; the term is
  exact when the trajectory stays in eigenstates of ``rho0``, as for detailed-balance ladders),

and ``<Delta S>`` grows at the rate ``-sum_i beta_i Qdot_i`` (the paper's Eq. 6, with
``beta_i`` the inverse temperature in units of inverse energy), while ``<exp(-Delta S)> = 1``
(integral fluctuation theorem) for the total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse.linalg as spla

from . import _checks
from .options import Options, batch_size, prepare, run_config
from .run import drive
from .samplers import PerTime


@dataclass(frozen=True)
class EntropyResult:
    """Means and standard errors over trajectories at ``times``: ``conditional`` (bath) entropy,
    ``total`` (with the boundary term) and ``fluctuation`` = ``<exp(-total)>``; ``rate`` =
    ``conditional[-1] / (times[-1] - times[0])``. ``weights[k] = ln(gamma_k / gamma_k~)`` and
    ``reverse[k] = k~`` describe the pairing of the ``channels``."""

    times: np.ndarray
    conditional: np.ndarray
    conditional_stderr: np.ndarray
    total: np.ndarray
    total_stderr: np.ndarray
    fluctuation: np.ndarray
    fluctuation_stderr: np.ndarray
    rate: float
    rate_stderr: float
    weights: np.ndarray
    reverse: tuple
    channels: tuple


def reversed_channels(channels) -> tuple:
    """For each jump channel the index of the channel whose operator is proportional to its adjoint."""
    out = []
    for k, c in enumerate(channels):
        X = c.op.conj().T.tocsr()
        found = None
        for j, d in enumerate(channels):
            xy = (X.multiply(d.op.conj())).sum()
            xx = spla.norm(X) ** 2
            coef = complex(xy) / xx if xx else 0
            if coef != 0 and spla.norm(d.op - np.conj(coef) * X) <= 1e-9 * spla.norm(d.op):
                found = j
                break
        if found is None:
            raise _checks.fail(f"channel {k} ({c.label})", "a reverse channel with operator proportional to its adjoint", "none")
        out.append(found)
    return tuple(out)


def entropy_production(model, values, rho0, times, *, ntraj: int = 1000, seed=None, cutoffs=None, reverse=None,
                       progress: bool = True, checkpoint=None, options: Options | None = None) -> EntropyResult:
    """Entropy production along trajectories started from ``rho0`` (ket or density matrix, usually
    the steady state); ``reverse`` overrides the automatic pairing of channels (see the module)."""
    options = options or Options()
    ntraj = _checks.count("ntraj", ntraj)
    seed = _checks.seed(seed)
    setup = prepare(model, values, rho0, times, cutoffs=cutoffs, options=options, seed=seed)
    chans = setup.un.channels
    rev = tuple(reverse) if reverse is not None else reversed_channels(chans)
    if len(rev) != len(chans):
        raise _checks.fail("reverse", f"one reverse channel index per channel ({len(chans)})", rev)
    fro = np.array([spla.norm(c.op) ** 2 for c in chans])
    weights = np.log(fro / fro[list(rev)])
    probs, states = setup.probs, setup.states
    rho_ref = (states * probs) @ states.conj().T

    def fn(b):
        cond = b.counts @ weights
        Xn = b.normalised()
        p_end = np.einsum("dn,de,en->n", Xn.conj(), rho_ref, Xn).real
        total = cond + np.log(probs[b.init]) - np.log(np.maximum(p_end, 1e-300))
        return np.stack([cond, total, np.exp(-total)], axis=1)

    batch = batch_size(options, ntraj, setup.un.dim)
    sampler = PerTime("entropy", fn, 3, len(setup.times))
    config = run_config("entropy", model, values, cutoffs, setup, ntraj=ntraj, batch=batch, reverse=list(rev))
    drive(setup, [sampler], ntraj, batch, checkpoint=checkpoint, config=config, every=options.checkpoint_every, progress=progress)
    m, e = sampler.stats.mean, sampler.stats.stderr
    span = setup.times[-1] - setup.times[0]
    return EntropyResult(setup.times, m[:, 0], e[:, 0], m[:, 1], e[:, 1], m[:, 2], e[:, 2],
                         float(m[-1, 0] / span), float(e[-1, 0] / span), weights, rev, setup.un.labels)
