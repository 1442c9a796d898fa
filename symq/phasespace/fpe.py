"""Derivation of phase-space equations from a model: drift, diffusion and what was dropped.

``derive(model, representation)`` (shorthands :func:`wigner`, :func:`glauber_p`,
:func:`positive_p`) maps every term of the master equation (Hamiltonian and jump
channels; spins through their Schwinger bosons) to a differential operator with the
correspondences of :mod:`.correspondence` and sorts the result by derivative order::

    dF/dt = -sum_x d_x [A_x F] + 1/2 sum_xy d_x d_y [D_xy F] + (orders 0 and >= 3)

Orders 1 and 2 give the drift ``A`` and diffusion ``D`` (``D[x, y] dt = E[dx dy]`` of the Ito
SDE, see :mod:`.noise`). Everything else is *dropped and reported* as a :class:`Term`:

* derivatives of order >= 3 (truncated Wigner; P and positive-P of nonlinear models),
* order-0 terms, which vanish for exact correspondences and appear only through the saturation
  replacement ``f(a^dag a) -> f(|alpha|^2)``,
* with ``positive_diffusion=True`` (Wigner, P): the sub-leading terms of every source whose
  diffusion is not positive semidefinite. This is the spin-lattice paper's *positive diffusion
  approximation* (Sec. IV.A: "the non-positive terms in the diffusion matrix are also
  neglected"), made definite: per source (one jump channel or the Hamiltonian) only the terms of
  highest total degree in the phase-space variables are kept, i.e. the leading order in ``1/S``
  for Schwinger bosons with ``|alpha|^2 ~ S``. For ``D[S_+]`` that drops ``-Gamma/4`` on
  ``|d alpha|^2`` *and* ``+Gamma/4`` on ``|d beta|^2``, which keeps ``a^dag a + b^dag b``
  conserved on every trajectory (dropping only the negative term would make it drift).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import sympy as sp

from ..algebra import Op
from ..errors import ModelError
from ..lindblad import Lindblad
from . import correspondence as cor
from . import noise as _noise
from .saturable import Model
from .schwinger import modes as schwinger_modes
from .schwinger import schwinger, spin_sites
from .variables import (
    GLAUBER_P,
    POSITIVE_P,
    WIGNER,
    Mode,
    Representation,
    conjugate,
    symbol_names,
)

TRUNCATED = "derivative of order >= 3 (truncation)"
ORDER_ZERO = "order-0 term (from the saturation replacement f(a^dag a) -> f(|alpha|^2))"
NON_POSITIVE = "sub-leading diffusion of a non-positive source (positive diffusion approximation)"


@dataclass(frozen=True)
class Term:
    """A dropped term ``d^derivatives [coefficient F]`` of the equation, with its source and reason."""

    source: str
    derivatives: tuple
    coefficient: sp.Expr
    reason: str

    @property
    def order(self) -> int:
        return sum(p for _, p in self.derivatives)


@dataclass(frozen=True)
class FokkerPlanck:
    """The derived equation. ``drift[x]`` and ``diffusion()[x, y]`` over :attr:`variables`; the
    diffusion is kept per source in ``blocks``; ``dropped`` lists every term not kept."""

    representation: Representation
    modes: tuple
    spins: dict
    drift: dict
    blocks: tuple
    dropped: tuple
    approximations: tuple
    parameters: frozenset
    positive: dict = field(default_factory=dict)

    @property
    def variables(self) -> tuple:
        return tuple(v for m in self.modes for v in (m.z, m.w))

    @property
    def state(self) -> tuple:
        """The integrated variables: the ``alpha``'s (Wigner, P), or all ``alpha``'s then all
        ``beta``'s (positive P), in the order of :attr:`modes`."""
        alphas = tuple(m.z for m in self.modes)
        return alphas + tuple(m.w for m in self.modes) if self.representation.independent else alphas

    @cached_property
    def _site_modes(self) -> dict:
        return {m.site: m for m in self.modes}

    def drift_vector(self) -> sp.Matrix:
        return sp.Matrix([self.drift.get(v, sp.S.Zero) for v in self.variables])

    def diffusion(self) -> dict:
        """All sources summed: ``{(x, y): D[x, y]}`` with each unordered pair once."""
        return _sum_entries(b.entries for b in self.blocks)

    def diffusion_matrix(self) -> sp.Matrix:
        return _noise.matrix(self.diffusion(), self.variables)

    def symbol(self, op) -> sp.Expr:
        """The phase-space function whose average is ``<op>`` (Weyl symbol for Wigner, normal
        symbol for P); spin operators are mapped to Schwinger bosons first."""
        op = schwinger(op)
        missing = [s.name for s in op.sites if s not in self._site_modes]
        if missing:
            raise ModelError(f"FokkerPlanck.symbol: expected operators on the model's sites, got sites {missing}")
        return cor.symbol(op, self.representation, self._site_modes)

    def noise(self) -> tuple:
        """Noise columns ``{state variable: coefficient}`` of real Wiener increments, ``B B^T = D``."""
        bad = [s for s, ok in self.positive.items() if not ok]
        if bad:
            raise ModelError(
                f"noise: expected a positive semidefinite diffusion for the {self.representation} "
                f"representation, got a non-positive one from {bad}; use positive_diffusion=True "
                "(truncated Wigner) or the positive-P representation"
            )
        merged: dict = {}
        for b in self.blocks:  # sources on the same variables share one factorisation
            merged.setdefault(b.variables, []).append(b)
        cols = []
        for group in merged.values():
            block = group[0] if len(group) == 1 else _noise.DiffusionBlock(
                " + ".join(b.source for b in group), _sum_entries(b.entries for b in group)
            )
            cols.extend(_noise.factor(block, self.modes, self.representation.independent))
        return tuple(cols)

    def report(self) -> str:
        """What was derived and dropped, one line per reason (with an example of each)."""
        lines = [
            (
                f"{self.representation} equation for {len(self.modes)} modes: "
                f"{sum(1 for v in self.drift.values() if v != 0)} drift terms, "
                f"{len(self.diffusion())} diffusion entries"
            )
        ]
        lines += [f"approximation: {a}" for a in self.approximations]
        by_reason: dict = {}
        for t in self.dropped:
            by_reason.setdefault(t.reason, []).append(t)
        names = symbol_names(self.modes)
        for reason, terms in by_reason.items():
            t = terms[0]
            d = " ".join(rf"\partial_{{{names[v]}}}" + (f"^{p}" if p > 1 else "") for v, p in t.derivatives)
            lines.append(
                f"dropped {len(terms)} term(s): {reason}; e.g. from {t.source}: "
                f"{d} [{sp.latex(t.coefficient, symbol_names=names)}]"
            )
        return "\n".join(lines)

    def latex(self) -> str:
        """Drift and non-zero diffusion entries as a LaTeX ``align`` block."""
        names = symbol_names(self.modes)
        tex = lambda e: sp.latex(e, symbol_names=names)
        rows = [rf"A_{{{names[v]}}} &= {tex(self.drift.get(v, 0))}" for v in self.state]
        for (x, y), c in sorted(self.diffusion().items(), key=lambda t: (t[0][0].name, t[0][1].name)):
            if self.representation.independent or x in self.state:
                rows.append(rf"D_{{{names[x]} {names[y]}}} &= {tex(c)}")
        return "\\begin{align}\n" + " \\\\\n".join(rows) + "\n\\end{align}"


def _sum_entries(entries) -> dict:
    out: dict = {}
    for e in entries:
        for pair, c in e.items():
            out[pair] = sp.expand(out.get(pair, 0) + c)
    return {p: c for p, c in out.items() if c != 0}


# -- model -> sources -----------------------------------------------------------------------------
def _channels(model, saturation) -> tuple[Op, list, list]:
    """``(H, [(rate, L, K)], [(rate, Saturable)])`` of a Lindblad model or a :class:`Model`."""
    if isinstance(model, Model):
        if isinstance(saturation, int) and not isinstance(saturation, bool):
            return _channels(model.expand(saturation), saturation)
        if saturation != "replace":
            raise ModelError(f"derive: expected saturation 'replace' or an expansion order (int), got {saturation!r}")
        base, sat = model.lindblad, list(model.saturable)
    elif isinstance(model, Lindblad):
        base, sat = model, []
    else:
        raise ModelError(f"derive: expected a symq.Lindblad or symq.phasespace.Model, got {type(model).__name__}")
    chans = [(c.rate, schwinger(c.left), schwinger(c.right)) for c in base.channels]
    return schwinger(base.H), chans, sat


def _factors(left_word=(), right_word=()) -> dict:
    out: dict = {}
    for site, mono in left_word:
        out[site] = (cor.sequence(mono), ())
    for site, mono in right_word:
        out[site] = (out.get(site, ((), ()))[0], cor.sequence(mono))
    return out


def _accumulate(total: dict, op: dict, coeff) -> None:
    for key, c in op.items():
        total[key] = total.get(key, 0) + coeff * c


def _sources(H, chans, sat, rep, modes) -> list[tuple[str, dict, tuple | None]]:
    """``(label, Kramers-Moyal operator, (rate, Weyl symbol of L) or None)`` per source."""
    out = []
    if H.terms:
        op: dict = {}
        for word, c in H.terms.items():
            _accumulate(op, cor.pair(rep, _factors(left_word=word), modes), -sp.I * c)
            _accumulate(op, cor.pair(rep, _factors(right_word=word), modes), sp.I * c)
        out.append(("H", op, None))
    for rate, L, K in chans:
        op = {}
        Kd = K.dag()
        for w1, c1 in L.terms.items():
            for w2, c2 in Kd.terms.items():
                _accumulate(op, cor.pair(rep, _factors(w1, w2), modes), rate * c1 * c2)
        for w, c in (Kd * L).terms.items():
            _accumulate(op, cor.pair(rep, _factors(left_word=w), modes), -rate * c / 2)
            _accumulate(op, cor.pair(rep, _factors(right_word=w), modes), -rate * c / 2)
        label = f"{rate}·D[{L}]" if L == K else f"{rate}·D[{L}, {K}]"
        jump = (rate, cor.symbol(L, rep, modes)) if L == K and rep.s == 0 else None
        out.append((label, op, jump))
    for rate, s in sat:
        f = ("f", s.f)
        seq = (cor.AD, f) if s.dagger else (f, cor.A)
        dseq = (f, cor.A) if s.dagger else (cor.AD, f)
        op = {}
        _accumulate(op, cor.pair(rep, {s.site: (seq, dseq)}, modes), rate)
        _accumulate(op, cor.pair(rep, {s.site: (dseq + seq, ())}, modes), -rate / 2)
        _accumulate(op, cor.pair(rep, {s.site: ((), dseq + seq)}, modes), -rate / 2)
        out.append((f"{rate}·D[{s}]", op, None))
    return out


def _tidy(c) -> sp.Expr:
    """Expanded if polynomial, else one factored fraction (``Gamma alpha n0^2 / (2 (|alpha|^2 + n0)^2)``)."""
    c = sp.expand(c)
    if c != 0 and not c.is_polynomial(*c.free_symbols):
        c = sp.factor(sp.cancel(c))
    return c


def _total(parts) -> sp.Expr:
    """Sum of per-source contributions: polynomial ones expanded together, fractions kept apart."""
    poly = sp.expand(sp.Add(*[p for p in parts if p.is_polynomial(*p.free_symbols)]))
    return sp.Add(poly, *[p for p in parts if not p.is_polynomial(*p.free_symbols)])


def derive(
    model,
    representation: Representation,
    *,
    positive_diffusion: bool = False,
    saturation="replace",
) -> FokkerPlanck:
    """The phase-space equation of ``model`` (:class:`symq.Lindblad` or :class:`Model`) in
    ``representation`` (``WIGNER``, ``GLAUBER_P``, ``POSITIVE_P``); see the module docstring.

    ``saturation``: ``"replace"`` or an expansion order for :class:`Saturable` jumps (see
    :mod:`.saturable`). ``positive_diffusion`` (Wigner, P only): the positive diffusion
    approximation. Spin sites are mapped to Schwinger bosons automatically.
    """
    if representation not in (WIGNER, GLAUBER_P, POSITIVE_P):
        raise ModelError(f"derive: expected WIGNER, GLAUBER_P or POSITIVE_P, got {representation!r}")
    if positive_diffusion and representation.independent:
        raise ModelError("derive: expected positive_diffusion=False for the positive-P representation (its noise is always factorisable)")
    H, chans, sat = _channels(model, saturation)
    spins = {}
    for s in spin_sites(model.sites):
        spins[s] = tuple(Mode.of(m, representation) for m in schwinger_modes(s))
    sites = set(H.sites)
    for _, L, K in chans:
        sites |= set(L.sites) | set(K.sites)
    sites |= {s.site for _, s in sat}
    modes = tuple(Mode.of(s, representation) for s in sorted(sites))
    site_modes = {m.site: m for m in modes}
    approximations = []
    if sat:
        approximations.append("saturation f(a^dag a) -> f(|alpha|^2) (App. A, Eqs. A9-A10)")
    elif isinstance(model, Model) and model.saturable:
        approximations.append(f"saturation f(a^dag a) expanded to order {saturation} (App. A, Eq. A6)")

    drift: dict = {}
    blocks, dropped, positive = [], [], {}
    for source, op, jump in _sources(H, chans, sat, representation, site_modes):
        entries: dict = {}
        for key, c in op.items():
            order = sum(p for _, p in key)
            c = _tidy(c)
            if c == 0:
                continue
            if order == 1:
                drift.setdefault(key[0][0], []).append(-c)
            elif order == 2:
                pair = (key[0][0], key[0][0]) if len(key) == 1 else (key[0][0], key[1][0])
                entries[pair] = entries.get(pair, 0) + (2 * c if len(key) == 1 else c)
            else:
                dropped.append(Term(source, key, c, TRUNCATED if order >= 3 else ORDER_ZERO))
        ok = representation.independent or _noise.is_positive(entries, modes)
        if not ok and positive_diffusion:
            entries, rest = _noise.leading(entries, [v for m in modes for v in (m.z, m.w)])
            for pair, c in rest.items():
                key = tuple((v, 2 if pair[0] == pair[1] else 1) for v in dict.fromkeys(pair))
                dropped.append(Term(source, key, c / 2 if pair[0] == pair[1] else c, NON_POSITIVE))
            ok = _noise.is_positive(entries, modes)
            if not ok:
                raise ModelError(
                    f"positive diffusion approximation: the leading diffusion of {source} is still not "
                    "positive semidefinite"
                )
        if entries:
            positive[source] = ok
            blocks.append(_noise.DiffusionBlock(source, entries, jump))
    if positive_diffusion and any(t.reason == NON_POSITIVE for t in dropped):
        approximations.append("positive diffusion approximation (sub-leading non-positive diffusion dropped)")
    if any(t.reason == TRUNCATED for t in dropped):
        approximations.append("derivatives of order >= 3 truncated")
    drift = {v: _total(parts) for v, parts in drift.items()}
    drift = {v: c for v, c in drift.items() if c != 0}
    if not representation.independent:
        for m in modes:
            a, b = drift.get(m.z, sp.S.Zero), drift.get(m.w, sp.S.Zero)
            if sp.expand(conjugate(a, modes) - b) != 0 and sp.simplify(conjugate(a, modes) - b) != 0:
                raise ModelError(
                    f"derive: the drift of {m.w} is not the conjugate of that of {m.z}; declare the "
                    "model's parameters real (e.g. positive=True)"
                )
    return FokkerPlanck(
        representation=representation,
        modes=modes,
        spins=spins,
        drift=drift,
        blocks=tuple(blocks),
        dropped=tuple(dropped),
        approximations=tuple(approximations),
        parameters=frozenset(model.parameters),
        positive=positive,
    )


def wigner(model, *, positive_diffusion: bool = False, saturation="replace") -> FokkerPlanck:
    """Wigner (symmetric order, ``s = 0``) drift and diffusion of ``model``: the truncated-Wigner
    equation, third and higher derivatives dropped and reported (options as :func:`derive`)."""
    return derive(model, WIGNER, positive_diffusion=positive_diffusion, saturation=saturation)


def glauber_p(model, *, positive_diffusion: bool = False, saturation="replace") -> FokkerPlanck:
    """Glauber-Sudarshan P (normal order, ``s = 1``, partner ``alpha^*``) drift and diffusion of
    ``model``; stochastic sampling needs a positive semidefinite diffusion (linear models with
    thermal noise, the saturable gain and loss of the power-grid paper)."""
    return derive(model, GLAUBER_P, positive_diffusion=positive_diffusion, saturation=saturation)


def positive_p(model, *, saturation="replace") -> FokkerPlanck:
    """Positive-P drift and complex symmetric diffusion of ``model`` (``alpha``, ``beta``
    independent, so ``B B^T = D`` always factorises with complex ``B``)."""
    return derive(model, POSITIVE_P, saturation=saturation)
