"""Phase-space methods: Wigner, P and positive-P equations derived from a model, and their SDEs.

Public API (stable; other layers may rely on it):

* ``derive(model, representation, *, positive_diffusion=False, saturation="replace")`` and the
  shorthands ``wigner``, ``glauber_p``, ``positive_p``: a :class:`FokkerPlanck` with ``drift``
  (``{variable: expr}``), ``diffusion()`` (``{(x, y): D_xy}``, ``D_xy dt = E[dx dy]``), ``dropped``
  (:class:`Term` per discarded term, with its reason), ``approximations``, ``report()``,
  ``latex()``, ``symbol(op)`` (the phase-space function averaging to ``<op>``) and ``noise()``.
  ``model`` is a :class:`symq.Lindblad` (spins go through ``schwinger``) or a :class:`Model`
  with :class:`Saturable` jumps ``f(a^dag a) a``.
* ``compile_sde(fpe)`` -> :class:`CompiledSDE`; ``.bind(values)`` gives the drift and
  :class:`symq.numerics.sde.Diffusion` for :func:`symq.numerics.sde.integrate`.
* Representations ``WIGNER`` (``s = 0``), ``GLAUBER_P`` (``s = 1``), ``POSITIVE_P``; variables
  ``alpha_<site>`` and ``alpha_<site>^*`` (or ``beta_<site>``), see :class:`Mode`.

Modules, in pipeline order: :mod:`.variables`, :mod:`.saturable`, :mod:`.schwinger`,
:mod:`.correspondence` (operator <-> differential operator), :mod:`.fpe` (drift, diffusion,
dropped terms), :mod:`.noise` (positivity, ``B B^T = D``), :mod:`.compile` (numpy right-hand
sides), :mod:`.sampling` (initial states), :mod:`.schemes` (a Heun-drift scheme),
:mod:`.estimate` (steady-state averages). Applications: :mod:`.models` (the two papers' models),
:mod:`.linear` (Holstein-Primakoff and Gaussian steady states), :mod:`.meanfield`, :mod:`.twa`
(spin lattices), :mod:`.networks` (oscillator networks in the P representation).
"""

from .compile import CompiledSDE, compile_sde
from .fpe import FokkerPlanck, Term, derive, glauber_p, positive_p, wigner
from .saturable import Model, Saturable
from .schwinger import schwinger
from .variables import GLAUBER_P, POSITIVE_P, WIGNER, Mode, Representation

__all__ = [
    "GLAUBER_P",
    "POSITIVE_P",
    "WIGNER",
    "CompiledSDE",
    "FokkerPlanck",
    "Mode",
    "Model",
    "Representation",
    "Saturable",
    "Term",
    "compile_sde",
    "derive",
    "glauber_p",
    "positive_p",
    "schwinger",
    "wigner",
]
