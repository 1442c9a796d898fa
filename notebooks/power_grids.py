# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Saturable gain and loss in a microscopic power grid (Huber & Rabl)
#
# Two oscillators coupled by `-(g/2)(a_1^dag a_2 + H.c.)`, saturable gain `Gamma_i D[A_1^dag]` and
# loss `Gamma_e D[A_2]` with `A = a/(1 + a^dag a/n_0)`, weak damping `gamma` everywhere. symq maps
# the master equation onto the Glauber-Sudarshan P equation (`symq.phasespace.glauber_p`); its
# drift is the noise-free amplitude equation (App. C), whose steady states symq solves in closed
# form (`symq derive power_grids`). This notebook redraws the N = 2 analogue of Fig. 2(b)/(c):
# current and occupations against the extraction rate, with the symmetric (parity-symmetric limit
# cycle) and the symmetry-broken branch and the transition `Gamma_e^*`, and checks them against
# noise-free integrations of symq's P drift.
#
# Set `SYMQ_FIGURE_DIR` to keep the figures, `SYMQ_PAPER_QUALITY=1` for finer sweeps.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from symq.formulas import power_grids as F
from symq.phasespace import networks

PAPER = os.environ.get("SYMQ_PAPER_QUALITY") == "1"
OUT = Path(os.environ.get("SYMQ_FIGURE_DIR") or tempfile.mkdtemp(prefix="symq_power_grids_"))
OUT.mkdir(parents=True, exist_ok=True)
DPI = 200 if PAPER else 80
g, Gi, gam, n0 = 1.0, 4.0, 0.02, 1.0

# %% [markdown]
# ## Closed forms along `Gamma_e` at `Gamma_i = 4g`
#
# Symmetric branch (`|alpha_1| = |alpha_2|`, oscillating at `omega`) up to `Gamma_e^*`; broken branch
# (`omega = 0`, `alpha_2 = i |alpha_2| alpha_1/|alpha_1|`) beyond, at leading order in `gamma` and
# `|alpha_2|^2/n_0`.

# %%
star = F.transition_point(g, Gi, gam)
ge_sym = np.linspace(0.1, star, 300)
ge_brk = np.linspace(star, 12.0, 300)
J_sym = F.current_symmetric(Gi, ge_sym, gam, n0)
J_brk = F.current_broken_leading(g, Gi, ge_brk, n0)

# noise-free integrations of symq's P drift (N = 2), from a small random start
grid = networks.chain(2)
samples = np.linspace(0.5, 11.0, 12 if PAPER else 5)
J_ode, occ_ode = [], []
for ge in samples:
    vals = grid.values(g=g, gamma=gam, n_th=0.0, n0=n0, gain=Gi, loss=ge)
    _, alpha = grid.deterministic(vals, t_end=25 / gam, samples=2, alpha0=np.array([0.3 + 0.1j, 0.2 - 0.1j]))
    J_ode.append(float(grid.currents(alpha[-1:], vals)[0, 0].real))
    occ_ode.append(np.abs(alpha[-1]) ** 2)
J_ode, occ_ode = np.array(J_ode), np.array(occ_ode)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3))
ax1.plot(ge_sym, J_sym / (g * n0), "C0-", label="symmetric (exact)")
ax1.plot(ge_brk, J_brk / (g * n0), "C1-", label="broken (leading order)")
ax1.plot(samples, J_ode / (g * n0), "ko", ms=4, label="ODE of the P drift")
ax1.axvline(star, color="gray", lw=0.5)
ax1.set(xlabel=r"$\Gamma_e/g$", ylabel=r"$\langle J\rangle/(g n_0)$", title=rf"$\Gamma_i={Gi:g}g$, $\gamma={gam:g}g$")
ax1.legend(fontsize=7)
ax2.plot(ge_sym, F.occupation_symmetric(Gi, ge_sym, gam, n0) / n0, "C0-", label=r"$|\alpha_{1,2}|^2$ symmetric")
ax2.plot(ge_brk, F.occupation_1_broken_leading(g, Gi, ge_brk, n0) / n0, "C1-", label=r"$|\alpha_1|^2$ broken")
ax2.plot(samples, occ_ode[:, 0] / n0, "ko", ms=4, label=r"ODE $|\alpha_1|^2$")
ax2.plot(samples, occ_ode[:, 1] / n0, "kx", ms=4, label=r"ODE $|\alpha_2|^2$")
ax2.set(xlabel=r"$\Gamma_e/g$", ylabel=r"$|\alpha|^2/n_0$", yscale="log")
ax2.legend(fontsize=7)
fig.savefig(OUT / "fig2_current_occupation.png", dpi=DPI, bbox_inches="tight")
plt.close(fig)

# %% [markdown]
# The integrations land on the closed forms: exactly on the symmetric branch, and within the
# leading-order error on the broken one; the current peaks at the transition `Gamma_e^* ~ Gamma_i`.

# %%
sym = samples < star
assert np.allclose(J_ode[sym], F.current_symmetric(Gi, samples[sym], gam, n0), rtol=1e-4)
assert np.allclose(occ_ode[sym, 0], occ_ode[sym, 1], rtol=1e-4)  # parity-symmetric occupations
brk = samples > 1.5 * star
assert (occ_ode[brk, 0] > 5 * occ_ode[brk, 1]).all()  # parity broken
assert np.allclose(J_ode[brk], F.current_broken_leading(g, Gi, samples[brk], n0), rtol=0.1)
assert abs(star - Gi * (g - gam) / (g + gam)) < 1e-12 and J_sym.max() > J_brk.max()
print("figures in", OUT)
