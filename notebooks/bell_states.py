# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Bell states from dissipative coupling (Zou, Zhang & Tserkovnyak)
#
# Two spin qubits relax locally (rate `a`) and collectively through a magnetic medium (dissipative
# coupling `A`). symq derives the closed moment equations, their exact time dependence and the
# concurrence in every regime (`symq derive bell_states`), the no-jump Hamiltonian with its
# exceptional point, and the postselected concurrence. This notebook redraws Figs. 2 and 3 from the
# generated formulas and checks them against symq's no-jump trajectories.
#
# Set `SYMQ_FIGURE_DIR` to keep the figures, `SYMQ_PAPER_QUALITY=1` for fine grids.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from symq import models
from symq.formulas import bell_states as F
from symq.numerics.trajectories import concurrence_pure, no_jump

PAPER = os.environ.get("SYMQ_PAPER_QUALITY") == "1"
OUT = Path(os.environ.get("SYMQ_FIGURE_DIR") or tempfile.mkdtemp(prefix="symq_bell_"))
OUT.mkdir(parents=True, exist_ok=True)
N = 2000 if PAPER else 300

# %% [markdown]
# ## Fig. 2: unmonitored concurrence from |up down>, a = |A| = 1

# %%
a, A = 1.0, 1.0
t = np.linspace(0, 6, N)
curves = {
    r"$\delta=2$ (underdamped)": F.concurrence_underdamped(a, A, 2.0, t),
    r"$\delta=1$ (critical)": F.concurrence_critical(a, A, t),
    r"$\delta=0.3$ (overdamped)": F.concurrence_overdamped(a, A, 0.3, t),
    r"$\delta=0$": F.concurrence_overdamped(a, A, 0.0, t),
}
fig, ax = plt.subplots(figsize=(5, 3.5))
for label, c in curves.items():
    ax.plot(t, c, label=label)
ax.set_xlabel("$t$ (units of $1/a$)")
ax.set_ylabel(r"$\mathcal{C}(t)$")
ax.legend()
fig.tight_layout()
fig.savefig(OUT / "bell_fig2.png", dpi=200 if PAPER else 80)
plt.close(fig)

# at delta = 0 and |A| = a the singlet is dark: C -> 1/2
assert abs(F.concurrence_overdamped(a, A, 0.0, 30.0) - 0.5) < 1e-12
# the critical curve is 2|A| t sqrt(1 + A^2 t^2) e^{-2at}, not proportional to t e^{-2at}
assert abs(F.concurrence_critical(a, 0.6, 2.0) - 2 * 0.6 * 2 * np.sqrt(1 + 0.36 * 4) * np.exp(-4)) < 1e-14

# %% [markdown]
# ## Fig. 3: postselected concurrence, Gamma = 2

# %%
Gam = 2.0
tp = np.linspace(0, 2, N)
post = {
    r"$\delta=5$ (PT-exact)": F.postselected_concurrence_pt_exact(Gam, 5.0, tp),
    r"$\delta=\Gamma$ (EP)": F.postselected_concurrence_exceptional(Gam, tp),
    r"$\delta=0$ (PT-broken)": F.postselected_concurrence_pt_broken(Gam, 0.0, tp),
}
eta = np.linspace(1.0001, 4, N)
fig, (ax, ins) = plt.subplots(1, 2, figsize=(8, 3.5))
for label, c in post.items():
    ax.plot(tp, c, label=label)
ax.set_xlabel("$t$")
ax.set_ylabel("$C(t)$ (postselected)")
ax.legend()
ins.plot(np.r_[np.linspace(0, 1, 50), eta], np.r_[np.ones(50), F.max_postselected_concurrence(eta)])
ins.set_xlabel(r"$\eta=\delta/\Gamma$")
ins.set_ylabel(r"$C_{\max}$")
fig.tight_layout()
fig.savefig(OUT / "bell_fig3.png", dpi=200 if PAPER else 80)
plt.close(fig)

assert np.allclose(post[r"$\delta=0$ (PT-broken)"], np.tanh(2 * Gam * tp), atol=1e-12)

# %% [markdown]
# The same curves from symq's no-jump trajectories of the full model at finite temperature
# (A + A~ = Gamma): only Gamma and delta matter after postselection.

# %%
spec = models.get("bell_states")
s = spec.symbols
values = {s["a"]: 3.0, s["A"]: 1.5, s["atilde"]: 0.8, s["Atilde"]: 0.5, s["delta"]: 5.0, s["Delta"]: 10.0}
res = no_jump(spec.model, values, np.array([0, 1, 0, 0], dtype=complex), tp)
c_traj = concurrence_pure(res.states)
assert np.max(np.abs(c_traj - post[r"$\delta=5$ (PT-exact)"])) < 1e-8
# the maximum over time is 2 eta / (1 + eta^2), not sqrt(2 - 1/eta^2)/eta (printed)
eta5 = 5.0 / Gam
assert abs(c_traj.max() - 2 * eta5 / (1 + eta5**2)) < 1e-3
print(f"figures in {OUT}; C_max(2.5) = {F.max_postselected_concurrence(eta5):.6f}")
