"""Lindblad models: Hamiltonian plus jump operators, their adjoint action and no-jump Hamiltonian.

Convention (hbar = 1)::

    d rho/dt = -i [H, rho] + sum_{jk} gamma_{jk} (L_j rho L_k^dag - 1/2 {L_k^dag L_j, rho})

A plain list of jumps ``[(rate, L), ...]`` is the diagonal case ``gamma = diag(rate)``, i.e.
``rate * (L rho L^dag - 1/2 {L^dag L, rho})``. Papers that write ``(rate/2)(2 L rho L^dag - ...)``
mean the same ``rate``; papers that write ``rate (2 L rho L^dag - {L^dag L, rho})`` pass
``convention="2L"`` (every rate is doubled). A non-diagonal (collective) rate matrix is given with
:meth:`Lindblad.from_rate_matrix`.

The adjoint (Heisenberg-picture) generator is::

    L^dag[O] = i [H, O] + sum_{jk} gamma_{jk} (L_k^dag O L_j - 1/2 {L_k^dag L_j, O})

so that ``d<O>/dt = <L^dag[O]>``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from .algebra import Op, as_op
from .errors import ModelError


def _nonnegative(rate) -> bool | None:
    r = sp.sympify(rate)
    if r.is_number:
        return bool(r.is_real and r >= 0) if r.is_real is not None else False
    return r.is_nonnegative


@dataclass(frozen=True)
class Channel:
    """One dissipator term ``gamma (L_j rho L_k^dag - 1/2 {L_k^dag L_j, rho})``."""

    rate: sp.Expr
    left: Op   # L_j
    right: Op  # L_k (appears daggered)


class Lindblad:
    """A Lindblad model ``Lindblad(H, jumps=[(rate, L), ...])``; see the module docstring."""

    def __init__(self, H, jumps=(), *, convention: str = "standard", _channels=None):
        H = as_op(H, "Lindblad: Hamiltonian H")
        if not H.is_hermitian():
            raise ModelError(
                f"Lindblad: expected a Hermitian Hamiltonian, got H with H - H^dag = {H - H.dag()}"
            )
        if convention not in ("standard", "2L"):
            raise ModelError(f"Lindblad: expected convention 'standard' or '2L', got {convention!r}")
        factor = 2 if convention == "2L" else 1
        channels = list(_channels or [])
        for k, item in enumerate(jumps):
            if not (isinstance(item, (tuple, list)) and len(item) == 2):
                raise ModelError(f"Lindblad jumps[{k}]: expected a pair (rate, operator), got {item!r}")
            rate, L = item
            if isinstance(rate, Op) and not isinstance(L, Op):
                raise ModelError(f"Lindblad jumps[{k}]: expected (rate, operator) in that order, got (operator, rate)")
            L = as_op(L, f"Lindblad jumps[{k}] operator")
            rate = sp.sympify(rate)
            ok = _nonnegative(rate)
            if ok is not True:
                raise ModelError(
                    f"Lindblad jumps[{k}]: expected a rate that is non-negative by its assumptions "
                    f"(declare symbols with positive=True), got {rate}"
                    + ("" if ok is None else " which is negative")
                )
            if L.is_zero:
                raise ModelError(f"Lindblad jumps[{k}]: the jump operator is zero")
            channels.append(Channel(factor * rate, L, L))
        self.H = H
        self.channels = tuple(channels)

    @classmethod
    def from_rate_matrix(cls, H, ops, gamma) -> "Lindblad":
        """Collective dissipation ``sum_jk gamma[j, k] (L_j rho L_k^dag - 1/2 {L_k^dag L_j, rho})``.

        ``gamma`` must be Hermitian and positive semidefinite (checked exactly where sympy can).
        """
        ops = [as_op(o, f"from_rate_matrix ops[{i}]") for i, o in enumerate(ops)]
        G = sp.Matrix(gamma)
        if G.shape != (len(ops), len(ops)):
            raise ModelError(f"from_rate_matrix: expected a {len(ops)}x{len(ops)} rate matrix, got shape {G.shape}")
        if not (G - G.H).expand().is_zero_matrix:
            raise ModelError(f"from_rate_matrix: expected a Hermitian rate matrix, got {G}")
        # semidefiniteness needs every principal minor >= 0 (leading ones suffice only for definiteness)
        for k in range(1, len(ops) + 1):
            for rows in itertools.combinations(range(len(ops)), k):
                minor = sp.factor(G.extract(list(rows), list(rows)).det())
                if _nonnegative(minor) is False:
                    raise ModelError(
                        f"from_rate_matrix: the rate matrix is not positive semidefinite "
                        f"(principal minor on rows {list(rows)} = {minor})"
                    )
        for i in range(len(ops)):
            if _nonnegative(G[i, i]) is not True:
                raise ModelError(
                    f"from_rate_matrix: expected non-negative diagonal rates by assumption, got gamma[{i},{i}] = {G[i, i]}"
                )
        channels = [Channel(G[j, k], ops[j], ops[k]) for j in range(len(ops)) for k in range(len(ops)) if G[j, k] != 0]
        return cls(H, (), _channels=channels)

    # -- structure --------------------------------------------------------------------------
    @cached_property
    def sites(self) -> tuple:
        s = set(self.H.sites)
        for ch in self.channels:
            s.update(ch.left.sites)
            s.update(ch.right.sites)
        return tuple(sorted(s))

    @cached_property
    def parameters(self) -> set:
        out = set(self.H.free_symbols)
        for ch in self.channels:
            out |= ch.rate.free_symbols | ch.left.free_symbols | ch.right.free_symbols
        return out

    @property
    def jumps(self) -> list:
        """Diagonal channels as ``(rate, L)`` pairs (collective channels are listed in ``channels``)."""
        return [(c.rate, c.left) for c in self.channels if c.left == c.right]

    def check_operator(self, O, where: str = "operator") -> Op:
        O = as_op(O, where)
        foreign = [s.name for s in O.sites if s not in self.sites]
        if foreign:
            raise ModelError(
                f"{where}: acts on sites {foreign} which are not in the model (model sites: "
                f"{[s.name for s in self.sites]})"
            )
        return O

    def u1_charges(self) -> dict | None:
        """Charges of H and each jump if the model has a U(1) (excitation-number) symmetry, else None.

        The symmetry holds when H conserves the total excitation number and every jump operator
        changes it by a definite amount (e.g. +1 for gain, -1 for loss).
        """
        if self.H.charge() != 0:
            return None
        charges = []
        for ch in self.channels:
            cl, cr = ch.left.charge(), ch.right.charge()
            if cl is None or cr is None or cl != cr:
                return None
            charges.append(cl)
        return {"H": 0, "jumps": tuple(charges)}

    # -- dynamics -----------------------------------------------------------------------------
    def adjoint(self, O: Op) -> Op:
        """The adjoint Lindbladian ``L^dag[O]`` (see the module docstring)."""
        out = sp.I * (self.H * O - O * self.H)
        for ch in self.channels:
            Ld = ch.right.dag()
            LdL = Ld * ch.left
            out = out + ch.rate * (Ld * O * ch.left - (LdL * O + O * LdL) / 2)
        return out

    def heisenberg(self, O) -> Op:
        """``d<O>/dt`` as the operator whose expectation it is, ``L^dag[O]``."""
        O = self.check_operator(O, "heisenberg")
        return self.adjoint(O)

    def no_jump_hamiltonian(self) -> Op:
        """``H_eff = H - i/2 sum_jk gamma_jk L_k^dag L_j`` generating the conditional no-jump evolution."""
        out = self.H
        for ch in self.channels:
            out = out - sp.I / 2 * ch.rate * (ch.right.dag() * ch.left)
        return out

    def no_jump_adjoint(self, O: Op) -> Op:
        """``i (H_eff^dag O - O H_eff)``: ``d/dt Tr(rho~ O)`` for the unnormalised no-jump state
        ``d rho~/dt = -i (H_eff rho~ - rho~ H_eff^dag)`` (postselection on no jump in any channel)."""
        Heff = self.no_jump_hamiltonian()
        return sp.I * (Heff.dag() * O - O * Heff)

    def moments(self, seeds, **kwargs):
        """Close the moment hierarchy from ``seeds``; see :func:`symq.moments.moment_system`."""
        from .moments import moment_system

        return moment_system(self, seeds, **kwargs)

    def steady_state(self, **kw):
        """The exact steady-state density matrix; see :func:`symq.steady.steady_state`."""
        from .steady import steady_state

        return steady_state(self, **kw)

    def __repr__(self):
        jumps = ", ".join(f"({c.rate}, {c.left})" if c.left == c.right else f"({c.rate}, {c.left}, {c.right}†)" for c in self.channels)
        return f"Lindblad(H={self.H}, jumps=[{jumps}])"
