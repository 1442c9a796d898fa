# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Steady-state entanglement beyond thermal limits (Tacchino, Auffèves, Santos & Gerace)
#
# Two qubits pumped and damped through a symmetric and an antisymmetric collective bath at
# inverse temperatures beta_S, beta_A (negative allowed). symq derives the exact steady state, its
# concurrence, the heat currents and the entropy production (`symq derive thermal_limits`), and
# eliminates the cavity of the Tavis-Cummings implementation. This notebook redraws Fig. 1(b, c)
# from the generated formulas and Fig. 2(b) from the exact steady state of the full qubit-cavity
# model (symq exact backend) against the eliminated model.
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

from symq.measures import concurrence
from symq.models.thermal_limits import build_cavity
from symq.formulas import thermal_limits as F
from symq.numerics.exact import steady_state

PAPER = os.environ.get("SYMQ_PAPER_QUALITY") == "1"
OUT = Path(os.environ.get("SYMQ_FIGURE_DIR") or tempfile.mkdtemp(prefix="symq_thermal_"))
OUT.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Fig. 1(b, c): concurrence and entropy production over (beta_A, beta_S)

# %%
b = np.linspace(-6, 6, 401 if PAPER else 121)
BA, BS = np.meshgrid(b, b, indexing="ij")
C = F.concurrence(BA, BS)
S = F.entropy_production(BA, BS, 1.0)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.8))
for ax, Z, title in ((axes[0], C, r"$C_{SS}$"), (axes[1], S, r"$\dot S_{irr}/\Gamma^+$")):
    im = ax.pcolormesh(b, b, Z.T, shading="auto")
    fig.colorbar(im, ax=ax)
    ax.axhline(0, color="w", ls="--")
    ax.axvline(0, color="w", ls="--")
    ax.set_xlabel(r"$\beta_A$")
    ax.set_ylabel(r"$\beta_S$")
    ax.set_title(title)
axes[0].contour(b, b, C.T, levels=[1 / 3], colors="r", linestyles="--")
fig.tight_layout()
fig.savefig(OUT / "thermal_fig1.png", dpi=200 if PAPER else 80)
plt.close(fig)

thermal = (BA >= 0) & (BS >= 0)
assert C[thermal].max() < 1 / 3  # the thermal limit
assert C.max() > 0.4  # beyond it with a negative-temperature bath (1/2 - O(e^{-beta_S/2}))
assert np.all(np.diag(C) == 0) and np.all(C[(BA < 0) & (BS < 0)] == 0)
assert np.all(S >= 0)  # second law for inverse temperatures of any sign

# %% [markdown]
# ## Fig. 2(b): full cavity model vs adiabatic elimination (gamma = 0, p = 2e-4 g)

# %%
spec = build_cavity()
s = spec.symbols
kappas = np.geomspace(0.2, 2000, 33 if PAPER else 9)
p, gamma, g = 2e-4, 0.0, 1.0
full = []
for k in kappas:
    rho = steady_state(spec.model, {s["g"]: g, s["kappa"]: k, s["p"]: p, s["gamma"]: gamma}, cutoffs={spec.ops["a"]: 4})
    full.append(concurrence(rho.ptrace([0, 1]).full()))
full = np.array(full)
kk = np.geomspace(0.2, 2000, 400)
fig, ax = plt.subplots(figsize=(5, 3.5))
ax.semilogx(kk, F.cavity_concurrence_effective(p, gamma, g, kk), label="effective (eliminated cavity)")
ax.semilogx(kappas, full, "o", label="full model (exact)")
ax.set_xlabel(r"$\kappa/g$")
ax.set_ylabel(r"$C_{SS}$")
ax.legend()
fig.tight_layout()
fig.savefig(OUT / "thermal_fig2b.png", dpi=200 if PAPER else 80)
plt.close(fig)

eff = F.cavity_concurrence_effective(p, gamma, g, kappas)
i = int(np.argmin(np.abs(kappas - 20)))
assert abs(full[i] - eff[i]) < 0.01  # kappa/g = 20: the elimination holds
assert eff[i] > 1 / 3  # beyond the thermal limit (gamma = 0: infinitely negative beta_A)
assert full[-1] < full[i] and abs(full[-1] - eff[-1]) < 1e-3  # weaker collective decay 4 g^2/kappa: less entanglement
print(f"figures in {OUT}; max C = {C.max():.4f}; C(kappa/g = 20): full {full[i]:.4f}, effective {eff[i]:.4f}")
