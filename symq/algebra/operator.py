"""Operator expressions in canonical (normal-ordered) form.

An :class:`Op` is a finite sum ``sum_w c_w w`` of operator *words* with sympy coefficients. A
word is a tuple ``((site, monomial), ...)`` sorted by site, one normal-ordered local monomial per
site it acts on; the empty word is the identity. Canonicalisation happens at construction (like
``sympy.physics.quantum``), so equal operators compare and hash equal. Coefficients are kept
expanded, which makes zero detection exact for polynomial coefficients.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property
from numbers import Number

import sympy as sp

from ..errors import AlgebraError
from .kinds import Boson, Levels, Spin


def _natural_key(name: str):
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", name))


@dataclass(frozen=True, eq=True)
class Site:
    """A named degree of freedom of a given kind (qubit, N-level system, boson, spin S)."""

    name: str
    kind: Levels | Boson | Spin
    key: tuple = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "key", (_natural_key(self.name), self.kind.tag, repr(self.kind)))

    def __lt__(self, other: "Site") -> bool:
        return self.key < other.key

    @property
    def label(self) -> str:
        """The printed name of the site's operator (``1`` -> ``a_1`` for a boson, ``b`` -> ``b``)."""
        if isinstance(self.kind, Boson) and self.name[:1].isdigit():
            return f"a_{self.name}"
        return self.name


def _norm(c) -> sp.Expr:
    c = sp.sympify(c)
    if not c.is_Number:
        c = sp.expand(c)
    return c


def _mul_words(w1: tuple, w2: tuple) -> dict:
    """Product of two canonical words as ``{word: coefficient}``."""
    if not w1:
        return {w2: 1}
    if not w2:
        return {w1: 1}
    options = []
    i = j = 0
    while i < len(w1) or j < len(w2):
        # sites sort by name first, so same-named sites of different kinds meet at the heads
        if i < len(w1) and j < len(w2) and w1[i][0].name == w2[j][0].name and w1[i][0] != w2[j][0]:
            raise AlgebraError(
                f"operator product: two different sites share the name {w1[i][0].name!r} "
                f"({w1[i][0].kind} and {w2[j][0].kind}); give each degree of freedom its own name"
            )
        if j >= len(w2) or (i < len(w1) and w1[i][0] < w2[j][0]):
            options.append([(w1[i], 1)])
            i += 1
        elif i >= len(w1) or w2[j][0] < w1[i][0]:
            options.append([(w2[j], 1)])
            j += 1
        else:
            site = w1[i][0]
            if site != w2[j][0]:
                raise AlgebraError(
                    f"operator product: two different sites share the name {site.name!r} "
                    f"({site.kind} and {w2[j][0].kind}); give each degree of freedom its own name"
                )
            prod = site.kind.mul(w1[i][1], w2[j][1])
            if not prod:
                return {}
            options.append([(None if m is None else (site, m), c) for m, c in prod.items()])
            i += 1
            j += 1
    out: dict = {}
    for combo in itertools.product(*options):
        word = tuple(f for f, _ in combo if f is not None)
        coeff = 1
        for _, c in combo:
            coeff = coeff * c
        out[word] = out.get(word, 0) + coeff
    return out


class Op:
    """An operator: a canonical sum of normal-ordered words with sympy coefficients.

    Supports ``+ - *`` with scalars and other operators, integer powers, ``/`` by scalars,
    :meth:`dag`, equality and hashing. ``Op.terms`` maps words to coefficients.
    """

    def __init__(self, terms: dict | None = None, *, _canonical: bool = False):
        if _canonical:
            self.terms = terms
        else:
            clean = {}
            for w, c in (terms or {}).items():
                c = _norm(c)
                if c != 0:
                    clean[w] = c
            self.terms = clean
        self._hash = None

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def scalar(cls, c) -> "Op":
        return cls({(): c})

    @staticmethod
    def _coerce(other) -> "Op | None":
        if isinstance(other, Op):
            return other
        if isinstance(other, (Number, sp.Expr)) and not isinstance(other, sp.MatrixBase):
            return Op.scalar(other)
        return None

    # -- arithmetic -------------------------------------------------------------------------
    def __add__(self, other):
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        terms = dict(self.terms)
        for w, c in o.terms.items():
            terms[w] = terms.get(w, 0) + c
        return Op(terms)

    __radd__ = __add__

    def __neg__(self):
        return Op({w: -c for w, c in self.terms.items()}, _canonical=True)

    def __sub__(self, other):
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other):
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o + (-self)

    def __mul__(self, other):
        if isinstance(other, Op):
            out: dict = {}
            for w1, c1 in self.terms.items():
                for w2, c2 in other.terms.items():
                    for w, c in _mul_words(w1, w2).items():
                        out[w] = out.get(w, 0) + c1 * c2 * c
            return Op(out)
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        c = sp.sympify(other)
        return Op({w: cw * c for w, cw in self.terms.items()})

    def __rmul__(self, other):
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        c = sp.sympify(other)
        return Op({w: c * cw for w, cw in self.terms.items()})

    def __truediv__(self, other):
        o = self._coerce(other)
        if o is None or isinstance(other, Op):
            raise AlgebraError(f"operator division: expected a scalar divisor, got {other!r}")
        return self * (1 / sp.sympify(other))

    def __rtruediv__(self, other):
        raise AlgebraError(f"operator division: expected a scalar divisor, got the operator {self}")

    def __pow__(self, n):
        if not (isinstance(n, (int, sp.Integer)) and not isinstance(n, bool) and n >= 0):
            raise AlgebraError(f"operator power: expected a non-negative integer exponent, got {n!r}")
        out = Op.scalar(1)
        for _ in range(n):
            out = out * self
        return out

    def dag(self) -> "Op":
        """Hermitian adjoint: words reversed and daggered site by site, coefficients conjugated."""
        out = {}
        for w, c in self.terms.items():
            word = tuple((s, s.kind.dag(m)) for s, m in w)
            out[word] = sp.conjugate(c)
        return Op(out)

    # -- comparison -------------------------------------------------------------------------
    def __eq__(self, other):
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        if self.terms.keys() != o.terms.keys():
            return False
        return all(sp.expand(c - o.terms[w]) == 0 for w, c in self.terms.items())

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(frozenset(self.terms.items()))
        return self._hash

    def __bool__(self):
        return bool(self.terms)

    # -- inspection -------------------------------------------------------------------------
    @property
    def is_zero(self) -> bool:
        return not self.terms

    @cached_property
    def sites(self) -> tuple:
        return tuple(sorted({s for w in self.terms for s, _ in w}))

    @property
    def words(self) -> tuple:
        return tuple(self.terms)

    @property
    def is_monomial(self) -> bool:
        return len(self.terms) == 1

    def coeff(self, other: "Op | tuple" = ()) -> sp.Expr:
        """Coefficient of a word (or of the single word of a monomial ``Op``); identity by default."""
        if isinstance(other, Op):
            if not other.is_monomial:
                raise AlgebraError("coeff: expected a single operator word")
            other = other.words[0]
        return self.terms.get(other, sp.S.Zero)

    @property
    def free_symbols(self) -> set:
        out = set()
        for c in self.terms.values():
            out |= c.free_symbols
        return out

    def charge(self):
        """The U(1) charge (excitations created) if every term has the same one, else None."""
        charges = {sum(s.kind.charge(m) for s, m in w) for w in self.terms}
        return charges.pop() if len(charges) == 1 else (0 if not charges else None)

    def is_hermitian(self) -> bool:
        return self.dag() == self

    def subs(self, *args, **kwargs) -> "Op":
        return Op({w: sp.sympify(c).subs(*args, **kwargs) for w, c in self.terms.items()})

    def xreplace(self, rule) -> "Op":
        return Op({w: c.xreplace(rule) for w, c in self.terms.items()})

    def split(self):
        """Iterate ``(coefficient, monomial Op)`` pairs."""
        for w, c in self.terms.items():
            yield c, Op({w: sp.S.One}, _canonical=True)

    # -- printing -----------------------------------------------------------------------------
    def _word_str(self, w) -> str:
        return "·".join(s.kind.to_str(s.label, m) for s, m in w) if w else "1"

    def _word_latex(self, w) -> str:
        return " ".join(s.kind.to_latex(s.label, m) for s, m in w) if w else "1"

    def _ordered(self):
        return sorted(self.terms.items(), key=lambda t: (len(t[0]), [(s.key, m) for s, m in t[0]]))

    def __str__(self):
        if not self.terms:
            return "0"
        parts = []
        for w, c in self._ordered():
            ws = self._word_str(w)
            if not w:
                parts.append(str(c))
            elif c == 1:
                parts.append(ws)
            elif c == -1:
                parts.append(f"-{ws}")
            else:
                cs = str(c)
                parts.append(f"({cs})*{ws}" if isinstance(c, sp.Add) else f"{cs}*{ws}")
        return " + ".join(parts).replace("+ -", "- ")

    __repr__ = __str__

    def _sympystr(self, printer):
        return str(self)

    def _latex(self, printer=None):
        if not self.terms:
            return "0"
        out = ""
        for w, c in self._ordered():
            ws = self._word_latex(w)
            if not w:
                term = sp.latex(c)
            elif c == 1:
                term = ws
            elif c == -1:
                term = "-" + ws
            else:
                cs = sp.latex(c)
                term = (rf"\left({cs}\right) " if isinstance(c, sp.Add) else cs + " ") + ws
            out += term if not out else (" " + term if term.startswith("-") else " + " + term)
        return out.replace(" -", " - ").replace("-  ", "- ")

    def _repr_latex_(self):
        return f"${self._latex()}$"


def comm(a, b) -> Op:
    """Commutator ``[a, b] = ab - ba``."""
    return a * b - b * a


def anticomm(a, b) -> Op:
    """Anticommutator ``{a, b} = ab + ba``."""
    return a * b + b * a


def as_op(obj, where: str = "operator") -> Op:
    """Coerce a scalar or Op to Op, raising a symq error naming ``where`` otherwise."""
    o = Op._coerce(obj)
    if o is None:
        raise AlgebraError(f"{where}: expected a symq operator or a scalar, got {type(obj).__name__} {obj!r}")
    return o
