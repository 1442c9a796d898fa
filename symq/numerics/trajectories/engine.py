"""The waiting-time (Monte Carlo wave function) engine, vectorised over a batch of trajectories.

Each trajectory carries an unnormalised state ``psi`` evolved exactly with ``exp(-i H_eff t)``
(:mod:`.propagator`) and a threshold ``r`` drawn uniformly in [0, 1). Because ``|psi|^2`` never
increases, a jump happens inside a step exactly when ``|psi(t + h)|^2 <= r`` at its end; its time is
then the root of ``|psi(t + tau)|^2 = r`` (Taylor series of the exact propagator, Newton to machine
precision). The jump channel ``m`` is drawn with probability ``|C_m psi|^2 / sum_n |C_n psi|^2``,
the state becomes ``C_m psi / |C_m psi|`` and a new ``r`` is drawn. Every trajectory draws from its
own random stream (:mod:`.streams`), so results do not depend on how trajectories are batched
(up to floating-point rounding of batched matrix products).

Postselection (``veto``): a jump in a vetoed channel ends the trajectory (it is rejected from that
time on; ``alive`` is False and it no longer contributes to samples).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...errors import NumericsError
from .propagator import Propagator, solve_norm
from .streams import Streams
from .unravel import Unravelling


def colnorm2(X: np.ndarray) -> np.ndarray:
    return np.einsum("dn,dn->n", X.conj(), X).real


@dataclass
class Setup:
    """What every batch of a run shares."""

    un: Unravelling
    prop: Propagator
    times: np.ndarray
    probs: np.ndarray         # initial ensemble weights
    states: np.ndarray        # (d, n_ensemble) normalised initial states
    seed: int
    veto: frozenset = frozenset()
    record_jumps: bool = False


class Batch:
    """The trajectories ``ids`` evolved together (column ``j`` of ``X`` is trajectory ``ids[j]``)."""

    def __init__(self, setup: Setup, ids: np.ndarray):
        self.setup = setup
        self.ids = np.asarray(ids, dtype=np.int64)
        n = len(self.ids)
        self.streams = Streams(setup.seed, self.ids)
        rows = np.arange(n)
        if len(setup.probs) > 1:
            u = self.streams.draw(rows)
            self.init = np.minimum(np.searchsorted(np.cumsum(setup.probs), u * setup.probs.sum(), side="right"), len(setup.probs) - 1)
        else:
            self.init = np.zeros(n, dtype=np.int64)
        self.X = np.ascontiguousarray(setup.states[:, self.init]).astype(complex)
        self.r = self.streams.draw(rows)
        self.alive = np.ones(n, dtype=bool)
        self.counts = np.zeros((n, len(setup.un.channels)), dtype=np.int64)
        self.jumps = [[] for _ in range(n)] if setup.record_jumps else None
        self.k = 0
        self._normed = None

    # -- observables --------------------------------------------------------------------------
    def normalised(self) -> np.ndarray:
        """Normalised states (columns), zero for rejected trajectories."""
        if self._normed is None or self._normed[0] != self.k:
            n2 = colnorm2(self.X)
            with np.errstate(divide="ignore", invalid="ignore"):
                Xn = np.where(self.alive, self.X / np.sqrt(n2), 0)
            self._normed = (self.k, Xn)
        return self._normed[1]

    def expect(self, mats) -> np.ndarray:
        """``<psi|O|psi>`` for each matrix (complex array of shape (n_rows, n_ops))."""
        Xn = self.normalised()
        return np.stack([np.einsum("dn,dn->n", Xn.conj(), m @ Xn) for m in mats], axis=1) if mats else np.zeros((len(self.ids), 0), complex)

    # -- dynamics -----------------------------------------------------------------------------
    def step(self, h: float) -> None:
        """Evolve every trajectory from ``times[k]`` by ``h`` (to ``times[k+1]``), jumps included.

        Dense kernel: one product with ``U(h)`` for the batch. Sparse kernel: Taylor sub-steps.
        Trajectories whose norm fell to their threshold are redone by :meth:`_walk` from the
        start of the (sub-)step, with the jump located exactly.
        """
        prop = self.setup.prop
        t = self.setup.times[self.k]
        if prop.kernel == "dense":
            self.X = self._settle(prop.unitary(h) @ self.X, self.X, t, h)
        else:
            n, tau = prop.substeps(h)
            for i in range(n):
                self.X = self._settle(prop.taylor_step(self.X, tau), self.X, t + i * tau, tau)
        self.k += 1

    def _settle(self, X1, X0, t, h):
        cross = np.nonzero(colnorm2(X1) <= self.r)[0]
        if cross.size:
            X1[:, cross] = self._walk(cross, X0[:, cross], t, h)
        return X1

    def _walk(self, rows, X, t, h):
        """Exact evolution of the trajectories ``rows`` over ``[t, t + h]``, jumps included."""
        prop = self.setup.prop
        X = X.copy()
        s = np.zeros(len(rows))
        act = np.arange(len(rows))
        while act.size:
            left = h - s[act]
            last = left <= prop.h_sub
            dt = np.where(last, left, prop.h_sub)
            V = prop.taylor(X[:, act], float(dt.max()))
            Y = prop.taylor_apply(V, dt)
            jumped = colnorm2(Y) <= self.r[rows[act]]
            quiet = np.nonzero(~jumped)[0]
            X[:, act[quiet]] = Y[:, quiet]
            s[act[quiet]] = np.where(last[quiet], h, s[act[quiet]] + dt[quiet])
            J = np.nonzero(jumped)[0]
            if J.size:
                VJ = V[:, :, J]
                tau = solve_norm(prop.norm_polynomial(VJ), self.r[rows[act[J]]], dt[J])
                Z = prop.taylor_apply(VJ, tau)
                X[:, act[J]] = self._jump(rows[act[J]], Z, t + s[act[J]] + tau)
                s[act[J]] = np.where(self.alive[rows[act[J]]], s[act[J]] + tau, h)
            act = act[s[act] < h]
        return X

    def _jump(self, rows, Z, when):
        chans = self.setup.un.channels
        W = [c.op @ Z for c in chans]
        w = np.stack([colnorm2(x) for x in W], axis=1)
        total = w.sum(axis=1)
        if not (total > 0).all():
            raise NumericsError("trajectories: a jump was due but no jump channel has weight (H_eff not dissipative?)")
        u = self.streams.draw(rows)
        cum = np.cumsum(w, axis=1)
        choice = np.minimum((cum <= (u * total)[:, None]).sum(axis=1), len(chans) - 1)
        out = np.empty_like(Z)
        for m in np.unique(choice):
            sel = np.nonzero(choice == m)[0]
            out[:, sel] = W[m][:, sel] / np.sqrt(w[sel, m])
        np.add.at(self.counts, (rows, choice), 1)
        if self.jumps is not None:
            for row, tj, m in zip(rows, when, choice):
                self.jumps[row].append((float(tj), int(m)))
        self.r[rows] = self.streams.draw(rows)
        if self.setup.veto:
            dead = np.isin(choice, list(self.setup.veto))
            if dead.any():
                self.alive[rows[dead]] = False
                self.r[rows[dead]] = -1.0
                out[:, dead] = 0
        return out

    # -- checkpointing ------------------------------------------------------------------------
    def state(self) -> dict:
        out = {
            "batch_ids": self.ids, "batch_X": self.X, "batch_r": self.r, "batch_alive": self.alive,
            "batch_counts": self.counts, "batch_init": self.init, "batch_k": np.array(self.k),
        }
        out.update(self.streams.state())
        if self.jumps is not None:
            flat = [(row, tj, m) for row, js in enumerate(self.jumps) for tj, m in js]
            out["batch_jump_rows"] = np.array([f[0] for f in flat], dtype=np.int64)
            out["batch_jump_times"] = np.array([f[1] for f in flat], dtype=float)
            out["batch_jump_channels"] = np.array([f[2] for f in flat], dtype=np.int64)
        return out

    @classmethod
    def restore(cls, setup: Setup, arrays: dict) -> "Batch":
        b = cls.__new__(cls)
        b.setup = setup
        b.ids = np.array(arrays["batch_ids"])
        b.streams = Streams(setup.seed, b.ids)
        b.streams.restore(arrays)
        b.X = np.array(arrays["batch_X"])
        b.r = np.array(arrays["batch_r"])
        b.alive = np.array(arrays["batch_alive"])
        b.counts = np.array(arrays["batch_counts"])
        b.init = np.array(arrays["batch_init"])
        b.k = int(arrays["batch_k"])
        b._normed = None
        b.jumps = None
        if setup.record_jumps:
            b.jumps = [[] for _ in b.ids]
            for row, tj, m in zip(arrays["batch_jump_rows"], arrays["batch_jump_times"], arrays["batch_jump_channels"]):
                b.jumps[int(row)].append((float(tj), int(m)))
        return b
