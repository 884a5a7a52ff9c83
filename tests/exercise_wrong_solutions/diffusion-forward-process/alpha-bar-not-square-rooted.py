# scales x0 by alpha_bar_t and the noise by 1 - alpha_bar_t instead of their square roots
import numpy as np


def _check_betas(betas):
    betas = np.asarray(betas, dtype=float)
    if betas.ndim != 1 or betas.size == 0 or np.any((betas <= 0) | (betas >= 1)):
        raise ValueError("betas must be a non-empty 1-D array with values in (0, 1)")
    return betas


def linear_betas(T, beta_1=1e-4, beta_T=0.02):
    return _check_betas(np.linspace(beta_1, beta_T, int(T)))


def alpha_bars(betas):
    return np.cumprod(1.0 - _check_betas(betas))


def q_sample(x0, t, noise, betas):
    ab = alpha_bars(betas)
    x0 = np.asarray(x0, dtype=float)
    noise = np.asarray(noise, dtype=float)
    if noise.shape != x0.shape:
        raise ValueError("noise must have the shape of x0")
    if not 1 <= t <= ab.size:
        raise ValueError("t must be in 1..T")
    return ab[t - 1] * x0 + (1.0 - ab[t - 1]) * noise


def posterior(x0, xt, t, betas):
    betas = _check_betas(betas)
    ab = np.cumprod(1.0 - betas)
    if not 2 <= t <= betas.size:
        raise ValueError("t must be in 2..T")
    beta_t, ab_t, ab_prev = betas[t - 1], ab[t - 1], ab[t - 2]
    coef_x0 = np.sqrt(ab_prev) * beta_t / (1.0 - ab_t)
    coef_xt = np.sqrt(1.0 - beta_t) * (1.0 - ab_prev) / (1.0 - ab_t)
    mean = coef_x0 * np.asarray(x0, dtype=float) + coef_xt * np.asarray(xt, dtype=float)
    return mean, float((1.0 - ab_prev) / (1.0 - ab_t) * beta_t)
