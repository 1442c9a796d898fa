# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Spin-S dimers and chains with gain and loss (Huber, Kirton & Rabl)
#
# Spins S on two sublattices: A is pumped up (`Gamma_g D[S_a^+]/2S`), B decays
# (`Gamma_l D[S_b^-]/2S`), neighbours exchange excitations (`(g/2S)(S_a^+ S_b^- + H.c.)`, and `h`
# between cells). symq derives (`symq derive spin_lattices`) the Holstein-Primakoff (HP) boson
# models around the three ordered states, their stability (the phase boundaries of Eq. 3), the
# Brillouin-zone averages of the k-resolved Gaussian steady states (site magnetisations,
# correlations, correlation length), purity and negativity of the dimer, and the mean-field
# equations (App. B). This notebook redraws Fig. 1(c), Fig. 2(b) and Fig. 3(b) from the generated
# module `symq.formulas.spin_lattices` and symq's exact spin-S numerics.
#
# Set `SYMQ_FIGURE_DIR` to keep the figures, `SYMQ_PAPER_QUALITY=1` for the paper's spins and grids.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import sympy as sp
from threadpoolctl import threadpool_limits

from symq.derive import derive
from symq.formulas import spin_lattices as F
from symq.numerics.exact import reproductions as R

PAPER = os.environ.get("SYMQ_PAPER_QUALITY") == "1"
OUT = Path(os.environ.get("SYMQ_FIGURE_DIR") or tempfile.mkdtemp(prefix="symq_spin_lattices_"))
OUT.mkdir(parents=True, exist_ok=True)
DPI = 200 if PAPER else 80
SPINS = (4, 8, 12) if PAPER else (2, 4)
NGRID = 400 if PAPER else 120

# %% [markdown]
# ## Fig. 1(c): phase diagram of the chain (S -> infinity)
#
# An ordered phase is stable where every Routh-Hurwitz condition that symq derived for its HP mean
# values holds for all Bloch modes, i.e. at both band edges `|g_k|^2 = (g -+ h)^2` (the derivation
# takes ~15 s). Evaluated on a grid of `(Gamma_g, Gamma_l)` at `h = g/2`, the stable regions are
# bounded by Eq. (3): `Gamma_g Gamma_l = (g -+ h)^2` and `Gamma_g = Gamma_l`. The HP magnetisation
# is plotted where it applies.

# %%
d = derive("spin_lattices")
spec = d.results["spec"]
x = sp.Symbol("x", positive=True)
g, h, S = 1.0, 0.5, 1.0
G = np.linspace(0.02, 3.0, NGRID)
Gg, Gl = np.meshgrid(G, G, indexing="xy")
syms = [spec.symbols[k] for k in ("g", "h", "Gamma_g", "Gamma_l")]


def stable(phase):
    out = np.ones_like(Gg, dtype=bool)
    for c in d.results["hp_stability"][phase]:
        f = sp.lambdify([x, *syms], c, "numpy")
        for edge in ((g - h) ** 2, (g + h) ** 2):
            out &= np.asarray(f(edge, g, h, Gg, Gl) > 0) & np.ones_like(Gg, dtype=bool)
    return out


phases = {p: stable(p) for p in ("up_up", "down_down", "up_down")}
label = np.full(Gg.shape, 0)
for k, p in enumerate(phases, start=1):
    label[phases[p]] = k
fig, ax = plt.subplots(figsize=(4, 3.5))
cmap = matplotlib.colors.ListedColormap(["white", "tab:orange", "tab:blue", "tab:red"])  # PPT/PT, FM up, FM down, AM
ax.pcolormesh(G, G, label, cmap=cmap, vmin=-0.5, vmax=3.5, shading="auto", alpha=0.4)
x = np.linspace(0.02, 3, 200)
for c in ((g - h) ** 2, (g + h) ** 2):
    ax.plot(x, c / x, "k-", lw=1)
ax.set(xlim=(0, 3), ylim=(0, 3), xlabel=r"$\Gamma_g/g$", ylabel=r"$\Gamma_l/g$", title=r"HP-stable phases, $h=g/2$")
fig.savefig(OUT / "fig1c_phase_diagram.png", dpi=DPI, bbox_inches="tight")
plt.close(fig)
# the three ordered phases are disjoint; the PPT phase between the two hyperbolas has none
assert not (phases["up_up"] & phases["up_down"]).any() and not (phases["up_up"] & phases["down_down"]).any()
ppt = (Gg * Gl > (g - h) ** 2 + 0.05) & (Gg * Gl < (g + h) ** 2 - 0.05)
assert ppt.any() and not any(phases[p][ppt].any() for p in phases)
assert phases["up_down"][(Gg * Gl > (g + h) ** 2 + 0.05)].all()
fm = (Gg * Gl < (g - h) ** 2 - 0.05)
assert phases["up_up"][fm & (Gg > Gl + 0.05)].all() and phases["down_down"][fm & (Gl > Gg + 0.05)].all()
with np.errstate(invalid="ignore"):
    mz = F.magnetization_a_up_down(10.0, g, h, Gg, Gl) / 10
deep_am = Gg * Gl > 2 * (g + h) ** 2
assert (mz[deep_am] > 0.9).all() and (mz[deep_am] <= 1).all()  # HP: <S_a^z> = S - n, n < 0.5 deep in the AM phase

# %% [markdown]
# ## Fig. 2(b): magnetisations of the dimer along the PT line `Gamma_g = Gamma_l = Gbar`
#
# Exact spin-S steady states (sparse LU per U(1) sector) against the HP (S -> infinity) result of
# the AM phase, which exists for `Gbar > g`; below, the PT phase is nearly fully mixed (`<S^z> ~ 0`).

# %%
gbar = np.linspace(0.2, 3.0, 15 if PAPER else 8)
with threadpool_limits(1):
    curves = R.spin_dimer(list(SPINS), list(gbar), gap=False, progress=False)
fig, ax = plt.subplots(figsize=(4, 3))
for i, Sv in enumerate(SPINS):
    ax.plot(gbar, curves.Sa_z[i], "o-", ms=3, label=f"S = {Sv}")
gh = np.linspace(1.05, 3.0, 100)
Smax = max(SPINS)
ax.plot(gh, F.magnetization_a_up_down(Smax, 1.0, 0.0, gh, gh) / Smax, "k--", label=f"HP, S = {Smax}")
ax.axvline(1.0, color="gray", lw=0.5)
ax.set(xlabel=r"$\bar\Gamma/g$", ylabel=r"$\langle S_a^z\rangle/S$")
ax.legend(fontsize=7)
fig.savefig(OUT / "fig2b_pt_line.png", dpi=DPI, bbox_inches="tight")
plt.close(fig)
deep = gbar > 2.0
assert (curves.Sa_z[-1, deep] > 0.8).all() and (curves.Sb_z[-1, deep] < -0.8).all()  # AM order
assert (np.abs(curves.Mz[-1]) < 1e-8).all()  # PT symmetry: M_z = 0 on the whole line
hp = F.magnetization_a_up_down(Smax, 1.0, 0.0, gbar[deep], gbar[deep]) / Smax
assert np.max(np.abs(curves.Sa_z[-1, deep] - hp)) < 0.1  # HP is accurate deep in the AM phase

# %% [markdown]
# ## Fig. 3(b): purity across the FM-FM transition at `Gbar = 0.5 g`
#
# `delta Gamma = Gamma_g - Gamma_l`; the HP purity of the FM phases (`purity_up_up`, mirrored for
# `delta Gamma < 0`) is the `S = infinity` curve. At `delta Gamma = 0` the exact purity falls
# towards the fully mixed value `1/(2S+1)^2` as S grows.

# %%
deltas = np.linspace(-0.9, 0.9, 13 if PAPER else 7)
pur = np.zeros((len(SPINS), len(deltas)))
with threadpool_limits(1):
    for j, dv in enumerate(deltas):
        pur[:, j] = R.spin_dimer(list(SPINS), [0.5], delta=dv, gap=False, progress=False).purity[:, 0]
dd = np.linspace(-0.95, 0.95, 200)
hp_pur = F.purity_up_up(1.0, 0.5 + np.abs(dd) / 2, 0.5 - np.abs(dd) / 2)
fig, ax = plt.subplots(figsize=(4, 3))
for i, Sv in enumerate(SPINS):
    ax.plot(deltas, pur[i], "o-", ms=3, label=f"S = {Sv}")
ax.plot(dd, hp_pur, "k--", label=r"HP ($S=\infty$)")
ax.set(xlabel=r"$\delta\Gamma/g$", ylabel=r"Tr$\rho_0^2$")
ax.legend(fontsize=7)
fig.savefig(OUT / "fig3b_purity.png", dpi=DPI, bbox_inches="tight")
plt.close(fig)
mid = np.argmin(np.abs(deltas))
assert pur[-1, mid] < pur[0, mid]  # purity at the transition drops with S
assert np.all(hp_pur[np.abs(dd) > 0.1] > 0) and F.purity_up_up(1.0, 0.5, 0.5) == 0  # vanishes at the transition

# %% [markdown]
# ## Audit
#
# `symq audit spin_lattices` recomputes every verdict; the errata it finds (A16's `lambda^(s-1)`,
# A18's `log(-lambda)`, App. B's `d<S_b^z>/dt`, the 'AM' label of `|up,up>`) are listed there.

# %%
print("figures in", OUT)
