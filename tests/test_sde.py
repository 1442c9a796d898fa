"""SDE integrators (symq.numerics.sde).

Reference systems with exact answers written here: geometric Brownian motion (GBM) driven by
the same Wiener path as the scheme (strong and weak orders), a non-commutative system whose
second moment exposes how the double Ito integrals are treated, and the complex
Ornstein-Uhlenbeck (OU) process. Then reproducibility, checkpoint/resume and input errors.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from symq.errors import NumericsError
from symq.numerics import sde

SOLVERS = {"euler": sde.EulerMaruyama(), "milstein": sde.Milstein(), "platen": sde.PlatenWeak2()}


def gbm(mu: float, sigmas: tuple, horizon: float, x0: float = 1.0):
    """``dX = mu X dt + sum_j sigma_j X dW_j`` with its Wiener paths carried along, ``dY_j = dW_j``.

    Every scheme integrates Y exactly (its noise is constant), so an observable at the final time
    can evaluate the exact solution ``x0 exp((mu - |sigma|^2 / 2) T + sigma . W_T)`` on the very
    path the scheme followed. The noise is commutative: ``L^i B[:, j] = sigma_i sigma_j X e_0``.
    """
    sigma = np.asarray(sigmas, dtype=float)
    m = len(sigma)

    def drift(x, t):
        out = np.zeros_like(x)
        out[:, 0] = mu * x[:, 0]
        return out

    def diffusion(x, t):
        b = np.zeros((len(x), 1 + m, m))
        b[:, 0, :] = sigma * x[:, :1]
        b[:, 1:, :] = np.eye(m)
        return b

    def exact(x):
        return x0 * np.exp((mu - sigma @ sigma / 2) * horizon + x[:, 1:] @ sigma)

    return drift, sde.Diffusion(diffusion, noise="commutative"), np.r_[x0, np.zeros(m)], exact


def slope(steps: list[int], errors) -> float:
    """Least-squares slope of log(error) against log(step size)."""
    return np.polyfit(np.log(1 / np.asarray(steps)), np.log(np.abs(errors)), 1)[0]


@pytest.mark.parametrize("sigmas", [(1.0,), (0.6, 0.8)], ids=["one-noise", "two-commuting-noises"])
@pytest.mark.parametrize(("name", "order"), [("euler", 0.5), ("milstein", 1.0), ("platen", 1.0)])
def test_strong_order_on_gbm(name, order, sigmas):
    horizon, steps = 1.0, [32, 64, 128, 256]
    drift, diffusion, x0, exact = gbm(1.5, sigmas, horizon)
    errors = [
        sde.integrate(
            drift,
            diffusion,
            x0,
            [0, horizon],
            ntraj=10_000,
            dt=horizon / n,
            solver=SOLVERS[name],
            observables={"err": lambda x: np.abs(x[:, 0] - exact(x))},
            seed=n,
            progress=False,
        ).mean["err"][-1]
        for n in steps
    ]
    # Each E|X_N - X_T| is a mean over 10 000 paths with a relative standard error of about 1 %,
    # so the fitted slope scatters by about 0.02; the rest of the 0.1 allowance is for the
    # remaining pre-asymptotic curvature (slopes measured over six seeds: Euler 0.48-0.52,
    # Milstein 0.97-1.02, Platen 0.96-1.01).
    assert SOLVERS[name].strong_order == order
    assert slope(steps, errors) == pytest.approx(order, abs=0.1)


@pytest.mark.parametrize(
    ("name", "order", "ntraj", "tol"), [("euler", 1.0, 100_000, 0.15), ("platen", 2.0, 200_000, 0.2)]
)
def test_weak_order_on_gbm_second_moment(name, order, ntraj, tol):
    mu, sigma, horizon, steps = 0.5, 0.5, 1.0, [4, 8, 16, 32]
    drift, diffusion, x0, exact = gbm(mu, (sigma,), horizon)
    runs = [
        sde.integrate(
            drift,
            diffusion,
            x0,
            [0, horizon],
            ntraj=ntraj,
            dt=horizon / n,
            solver=SOLVERS[name],
            observables={"bias": lambda x: x[:, 0] ** 2 - exact(x) ** 2},
            seed=n,
            progress=False,
        )
        for n in steps
    ]
    # The weak error E[X_N^2] - E[X_T^2] is estimated as the mean of X_N^2 - X_T(W)^2 on the
    # same paths: W is a true Brownian motion, so E[X_T(W)^2] = E[X_T^2] exactly, and the
    # difference has variance O(h^(2 p_strong)) instead of O(1) (a control variate).
    bias = np.array([r.mean["bias"][-1] for r in runs])
    stderr = np.array([r.stderr["bias"][-1] for r in runs])
    assert (np.abs(bias) > 5 * stderr).all()  # every error is resolved above the noise
    if name == "euler":
        # Euler-Maruyama's second moment obeys E X_{n+1}^2 = ((1 + mu h)^2 + sigma^2 h) E X_n^2.
        h = horizon / np.array(steps)
        exact_bias = ((1 + mu * h) ** 2 + sigma**2 * h) ** steps - np.exp((2 * mu + sigma**2) * horizon)
        assert np.abs(bias - exact_bias).max() <= 4 * stderr.max()
    # Tolerance: the finest error has a relative standard error of ~10-15 %, a slope scatter of
    # ~0.05-0.07; Euler's exact errors above have slope 0.92 on these steps (O(h^2) terms).
    assert SOLVERS[name].weak_order == order
    assert slope(steps, bias) == pytest.approx(order, abs=tol)


@pytest.mark.parametrize(
    ("name", "noise", "c"),
    [("euler", "general", 0.0), ("platen", "general", 0.5), ("platen", "commutative", 0.25)],
)
def test_double_integrals_of_non_commutative_noise(name, noise, c):
    # dX1 = dW1, dX2 = X1 dW2: L^1 B[:, 2] = e_2 but L^2 B[:, 1] = 0, so the noise does not
    # commute and E X2(T)^2 = int_0^T t dt = T^2/2 needs E I_(1,2)^2 = h^2/2. Per step, X2 gains
    # X1 dW2 + L^1 B[:, 2] I_(1,2): Euler-Maruyama drops I_(1,2) (c = 0); Platen's scheme
    # uses (dW1 dW2 + V12)/2 with the two-point V12 = +-h (c = 1/2, exact); wrongly declared
    # commutative it uses dW1 dW2 / 2 (c = 1/4). So E X2_N^2 = T^2/2 - T h/2 + c T h exactly.
    horizon, h = 1.0, 0.25

    def diffusion(x, t):
        b = np.zeros((len(x), 2, 2))
        b[:, 0, 0] = 1.0
        b[:, 1, 1] = x[:, 0]
        return b

    result = sde.integrate(
        lambda x, t: np.zeros_like(x),
        sde.Diffusion(diffusion, noise=noise),
        [0.0, 0.0],
        [0, horizon],
        ntraj=40_000,
        dt=h,
        solver=SOLVERS[name],
        observables={"x2^2": lambda x: x[:, 1] ** 2},
        seed=7,
        progress=False,
    )
    expected = horizon**2 / 2 - horizon * h / 2 + c * horizon * h
    # 4 standard errors (~0.02) separate the three cases, which are 0.0625 apart.
    assert result.mean["x2^2"][-1] == pytest.approx(expected, abs=4 * result.stderr["x2^2"][-1])


@pytest.mark.parametrize(("name", "dt"), [("euler", 2e-3), ("platen", 2e-2)])
def test_complex_ornstein_uhlenbeck(name, dt):
    # d alpha = -lam alpha dt + sqrt(D) dZ with complex dZ = (dW1 + i dW2)/sqrt(2): two real
    # additive noise columns sqrt(D/2) (1, i). Exact: <alpha> = alpha0 e^{-lam t},
    # <alpha^2> = alpha0^2 e^{-2 lam t} (E dZ^2 = 0), <|alpha|^2> = |alpha0|^2 e^{-2 kappa t}
    # + D/(2 kappa) (1 - e^{-2 kappa t}), stationary D/(2 kappa) = 0.25 by t = 4 (e^{-8}).
    kappa, omega, diff_const, alpha0 = 1.0, 2.0, 0.5, 1.0
    lam = kappa + 1j * omega
    noise = np.sqrt(diff_const / 2) * np.array([[1.0, 1j]])
    result = sde.integrate(
        lambda x, t: -lam * x,
        sde.Diffusion(lambda x, t: noise, noise="additive"),
        [alpha0 + 0j],
        np.linspace(0, 4, 9),
        ntraj=5_000,
        dt=dt,
        solver=SOLVERS[name],
        seed=11,
        progress=False,
        observables={"moments": lambda x: np.stack([x[:, 0], x[:, 0] ** 2, np.abs(x[:, 0]) ** 2], axis=1)},
    )
    t = result.times[:, None]
    decay = np.exp(-2 * kappa * t)
    exact = np.hstack(
        [
            alpha0 * np.exp(-lam * t),
            alpha0**2 * np.exp(-2 * lam * t),
            alpha0**2 * decay + diff_const / (2 * kappa) * (1 - decay),
        ]
    )
    # Discretisation bias of the stationary variance: Euler-Maruyama's is D / (2 kappa - |lam|^2 h),
    # +0.5 % at h = 2e-3; Platen's is O(h^2), -0.05 % at h = 2e-2; both well below the 1.4 %
    # relative standard error of 5 000 samples, hence 4 standard errors with no extra allowance.
    assert result.mean["moments"].shape == (9, 3)
    assert (np.abs(result.mean["moments"] - exact) <= 4 * result.stderr["moments"]).all()
    assert result.mean["moments"][-1, 2] == pytest.approx(
        diff_const / (2 * kappa), abs=4 * result.stderr["moments"][-1, 2]
    )


def ou_problem():
    lam = 0.5 + 1j
    noise = sde.Diffusion(lambda x, t: 0.3 * (1 + 0.1 * np.abs(x)), noise="diagonal")
    return (lambda x, t: -lam * x), noise, np.array([1.0 + 0j, 0.5j]), np.linspace(0, 1, 5)


def test_same_seed_gives_bitwise_identical_results():
    drift, noise, x0, times = ou_problem()
    kw = dict(
        ntraj=50,
        dt=0.05,
        solver=sde.Milstein(),
        chunk=16,
        keep_final=True,
        progress=False,
        observables={"x": lambda x: x, "n": lambda x: np.abs(x) ** 2},
    )
    first, again = (sde.integrate(drift, noise, x0, times, seed=3, **kw) for _ in range(2))
    other = sde.integrate(drift, noise, x0, times, seed=4, **kw)
    for name in ("x", "n"):
        assert np.array_equal(first.mean[name], again.mean[name])
        assert np.array_equal(first.stderr[name], again.stderr[name])
        assert not np.array_equal(first.mean[name][1:], other.mean[name][1:])
    assert np.array_equal(first.final, again.final)
    fresh = sde.integrate(drift, noise, x0, times, seed=None, **kw)
    assert np.array_equal(sde.integrate(drift, noise, x0, times, seed=fresh.seed, **kw).final, fresh.final)


def test_time_grid_lands_on_every_sample_time():
    drift, noise, x0, _ = ou_problem()
    run = dict(ntraj=2, progress=False, seed=0, observables={"x": lambda x: x})
    assert sde.integrate(drift, noise, x0, [0, 0.25, 1.0], dt=0.1, **run).nsteps == 3 + 8
    assert sde.integrate(drift, noise, x0, [0, 1.0], dt=1 / 3, **run).nsteps == 3  # 1/(1/3) > 3 in floats


def test_per_trajectory_initial_states_are_split_into_batches():
    x0 = np.arange(10.0)[:, None] * np.array([1.0, -1.0])  # trajectory j starts at (j, -j)
    still = sde.Diffusion(lambda x, t: np.zeros((2, 1)), noise="additive")
    result = sde.integrate(
        lambda x, t: np.zeros_like(x),
        still,
        x0,
        [0, 1],
        ntraj=10,
        dt=0.5,
        chunk=3,
        seed=0,
        keep_final=True,
        progress=False,
        observables={"x": lambda x: x},
    )
    assert np.array_equal(result.final, x0)
    assert np.allclose(result.mean["x"], [[4.5, -4.5], [4.5, -4.5]], rtol=1e-15)
    assert np.allclose(result.stderr["x"], np.std(x0, axis=0, ddof=1) / np.sqrt(10), rtol=1e-14)


def test_single_trajectory_has_undefined_stderr_and_progress_bar_runs(capsys):
    drift, noise, x0, times = ou_problem()
    result = sde.integrate(drift, noise, x0, times, ntraj=1, dt=0.1, seed=0, observables={"x": lambda x: x})
    assert np.isnan(result.stderr["x"]).all()
    assert "traj-step" in capsys.readouterr().err


class Interrupt(Exception):
    pass


def interrupted_then_resumed(path: Path, calls_before_interrupt: int, **kw):
    """Run with an observable that raises after some calls, then rerun the same call."""
    drift, noise, x0, times = ou_problem()
    calls = 0

    def failing(x):
        nonlocal calls
        calls += 1
        if calls > calls_before_interrupt:
            raise Interrupt
        return np.abs(x) ** 2

    with pytest.raises(Interrupt):
        sde.integrate(drift, noise, x0, times, checkpoint=path, observables={"n": failing}, **kw)
    return sde.integrate(
        drift, noise, x0, times, checkpoint=path, observables={"n": lambda x: np.abs(x) ** 2}, **kw
    )


def test_checkpoint_resume_equals_uninterrupted_run(tmp_path):
    drift, noise, x0, times = ou_problem()
    kw = dict(
        ntraj=30,
        dt=0.05,
        solver=sde.PlatenWeak2(),
        seed=5,
        chunk=8,
        keep_final=True,
        progress=False,
        checkpoint_every=3,
    )
    reference = sde.integrate(drift, noise, x0, times, observables={"n": lambda x: np.abs(x) ** 2}, **kw)
    path = tmp_path / "run.npz"
    resumed = interrupted_then_resumed(path, 12, **kw)  # 5 samples per batch: stops in batch 2
    assert np.array_equal(resumed.mean["n"], reference.mean["n"])
    assert np.array_equal(resumed.stderr["n"], reference.stderr["n"])
    assert np.array_equal(resumed.final, reference.final)
    assert [p.name for p in tmp_path.iterdir()] == ["run.npz"]  # no temporary files left over
    # A finished checkpoint returns the same result again.
    done = sde.integrate(
        drift, noise, x0, times, checkpoint=path, observables={"n": lambda x: np.abs(x) ** 2}, **kw
    )
    assert np.array_equal(done.mean["n"], reference.mean["n"])


@given(
    calls=st.integers(0, 100),
    every=st.integers(1, 25),
    chunk=st.sampled_from([3, 7, 12]),
    name=st.sampled_from(sorted(SOLVERS)),
)
def test_checkpoint_resume_is_exact_wherever_the_run_stops(calls, every, chunk, name):
    # Interruptions inside a batch, at batch boundaries, before or after the first checkpoint:
    # the resumed result must equal the uninterrupted one bit for bit.
    drift, noise, x0, times = ou_problem()
    kw = dict(
        ntraj=12, dt=0.05, solver=SOLVERS[name], seed=1, chunk=chunk, progress=False, checkpoint_every=every
    )
    reference = sde.integrate(drift, noise, x0, times, observables={"n": lambda x: np.abs(x) ** 2}, **kw)
    samples = len(times) * -(-12 // chunk)  # observable calls in a full run
    with tempfile.TemporaryDirectory() as tmp:
        resumed = interrupted_then_resumed(Path(tmp) / "run.npz", calls % samples, **kw)
    assert np.array_equal(resumed.mean["n"], reference.mean["n"])
    assert np.array_equal(resumed.stderr["n"], reference.stderr["n"])


def diagonal_system(real: bool, rates: list[float]):
    """A nonlinear system with bounded diagonal noise ``B[i] = s_i (1 + g(x_i))`` and its general
    form, ``g(x) = 0.3 x / (1 + |x|^2)``."""
    s = np.asarray(rates)

    def g(x):
        return 0.3 * x / (1 + np.abs(x) ** 2)

    def drift(x, t):
        return -s * x + np.cos(t) * g(x)

    def diag(x, t):
        return s * (1 + g(x))

    def general(x, t):
        b = np.zeros(x.shape + x.shape[-1:], dtype=x.dtype)
        idx = np.arange(x.shape[1])
        b[:, idx, idx] = diag(x, t)
        return b

    x0 = 0.5 * np.ones(len(s)) if real else 0.5 * np.exp(1j * np.arange(len(s)))
    return drift, diag, general, x0


@given(
    rates=st.lists(st.floats(0.1, 2.0), min_size=1, max_size=3),
    real=st.booleans(),
    name=st.sampled_from(sorted(SOLVERS)),
)
def test_noise_fast_paths_agree_with_the_general_path(rates, real, name):
    # The diagonal and additive fast paths are the general (commutative) formulas with zeros
    # skipped, and they draw the same increments, so results agree to rounding (rtol 1e-12:
    # only the order of floating-point sums differs).
    drift, diag, general, x0 = diagonal_system(real, rates)
    run = dict(ntraj=20, dt=0.05, solver=SOLVERS[name], seed=2, keep_final=True, progress=False)
    fast = sde.integrate(drift, sde.Diffusion(diag, noise="diagonal"), x0, [0, 0.5], **run).final
    slow = sde.integrate(drift, sde.Diffusion(general, noise="commutative"), x0, [0, 0.5], **run).final
    np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-14)
    constant = np.diag(rates) * (1 + 0.5j if not real else 1)
    fast = sde.integrate(
        drift, sde.Diffusion(lambda x, t: constant * np.cos(t), noise="additive"), x0, [0, 0.5], **run
    )
    slow = sde.integrate(
        drift,
        sde.Diffusion(
            lambda x, t: np.broadcast_to(constant * np.cos(t), (len(x), *constant.shape)), noise="commutative"
        ),
        x0,
        [0, 0.5],
        **run,
    )
    np.testing.assert_allclose(fast.final, slow.final, rtol=1e-12, atol=1e-14)


def test_divergence_is_reported():
    # dx/dt = x^3 from x = 1 blows up at t = 1/2; Euler's x is ~1e10 at t = 1 and overflows before t = 2.
    run = dict(ntraj=4, dt=0.1, seed=0, progress=False)
    no_noise = sde.Diffusion(lambda x, t: np.zeros((1, 1)), noise="additive")
    with pytest.raises(NumericsError, match=r"sde: expected finite states at t = 2\.0 \(the SDE diverges"):
        sde.integrate(
            lambda x, t: x**3, no_noise, [1.0], [0, 1, 2], observables={"x": lambda x: x[:, 0]}, **run
        )
    with pytest.raises(
        NumericsError, match=r"sde: expected finite moments of observable 'x\^20' at t = 1\.0"
    ):
        sde.integrate(
            lambda x, t: x**3, no_noise, [1.0], [0, 1], observables={"x^20": lambda x: x[:, 0] ** 20}, **run
        )


ADDITIVE = sde.Diffusion(lambda x, t: np.ones((1, 1)), noise="additive")
OK = dict(
    drift=lambda x, t: -x,
    diffusion=ADDITIVE,
    x0=[1.0],
    times=[0, 1],
    ntraj=4,
    dt=0.1,
    seed=0,
    progress=False,
    observables={"x": lambda x: x[:, 0]},
)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(dt=-0.1), "sde: expected dt > 0, got -0.1"),
        (dict(dt=float("inf")), "sde: expected dt to be a finite real number, got inf"),
        (dict(ntraj=0), "sde: expected ntraj to be a positive integer, got 0"),
        (dict(chunk=2.5), "sde: expected chunk to be a positive integer, got 2.5"),
        (dict(times=[0, 1, 1]), "sde: expected strictly increasing finite times, got [0.0, 1.0, 1.0]"),
        (dict(times=[0]), "sde: expected times to be a 1-D real array of at least two sample times"),
        (dict(x0=[[1.0], [2.0]]), "sde: expected x0 of shape (n,) or (ntraj, n) = (4, n), got shape (2, 1)"),
        (dict(x0=[np.nan]), "sde: expected finite x0"),
        (dict(seed=-1), "sde: expected seed to be a non-negative integer or None, got -1"),
        (dict(seed=None, checkpoint="never-written.npz"), "sde: expected an integer seed with checkpoint"),
        (
            dict(checkpoint="/no/such/dir/run.npz"),
            "sde: expected checkpoint to be a file in an existing directory",
        ),
        (
            dict(observables={}),
            "sde: expected at least one observable or keep_final=True, got nothing to record",
        ),
        (
            dict(observables={"x": lambda x: x[0]}),
            "sde: expected observable 'x' to return a numeric array of shape (4,)",
        ),
        (dict(solver="euler"), "sde: expected solver to be an AbstractSolver"),
        (
            dict(drift=lambda x, t: -x[:, 0]),
            "sde: expected drift(x, t) to return a numeric array of shape (3, 1), got shape (3,)",
        ),
        (dict(drift=lambda x, t: -1j * x), "sde: expected drift(x, t) to be real for the real state x0"),
        (
            dict(diffusion=lambda x, t: np.ones((len(x), 1))),
            "sde: expected diffusion(x, t) with general noise to return a numeric array of shape (3, 1, m), got shape (3, 1)",
        ),
        (
            dict(diffusion=sde.Diffusion(lambda x, t: np.ones((len(x), 1)), noise="additive")),
            "sde: expected diffusion(x, t) with additive noise to return a numeric array of shape (1, m), got shape (3, 1)",
        ),
        (
            dict(diffusion=lambda x, t: np.ones((len(x), 1, 1)), solver=sde.Milstein()),
            "sde: expected diagonal, commutative or additive noise for Milstein",
        ),
    ],
)
def test_bad_input_is_rejected_with_a_clear_error(change, message):
    args = {**OK, **change}
    drift, diffusion, x0, times = (args.pop(k) for k in ("drift", "diffusion", "x0", "times"))
    with pytest.raises(NumericsError) as info:
        sde.integrate(drift, diffusion, x0, times, **args)
    assert str(info.value).startswith(message)


def test_unknown_noise_kind_is_rejected():
    with pytest.raises(NumericsError, match=r"sde: expected noise to be one of .*, got 'diagnoal'"):
        sde.Diffusion(lambda x, t: x, noise="diagnoal")


def test_checkpoint_from_another_call_is_rejected(tmp_path):
    path = tmp_path / "run.npz"
    sde.integrate(**{**OK, "checkpoint": path})
    with pytest.raises(NumericsError, match=r"from a call with different dt, seed"):
        sde.integrate(**{**OK, "checkpoint": path, "dt": 0.05, "seed": 1})
