# uses the sample variance with denominator n_sims - 1, so bias2 + variance + noise no longer equals the expected MSE
import numpy as np


def bias_variance(true_fn, degree, x_test, n_train=30, n_sims=200, noise_sd=0.3, seed=0):
    x_test = np.asarray(x_test, dtype=float)
    if x_test.ndim != 1 or x_test.size == 0:
        raise ValueError("x_test must be a non-empty 1-D array")
    if degree < 0 or n_train <= degree or n_sims < 2 or noise_sd < 0:
        raise ValueError("need degree >= 0, n_train > degree, n_sims >= 2 and noise_sd >= 0")
    rng = np.random.default_rng(seed)
    V_test = np.vander(x_test, degree + 1)
    P = np.empty((n_sims, x_test.size))
    for s in range(n_sims):
        x = rng.random(n_train)
        eps = rng.standard_normal(n_train)
        y = true_fn(x) + noise_sd * eps
        coef = np.linalg.lstsq(np.vander(x, degree + 1), y, rcond=None)[0]
        P[s] = V_test @ coef
    f = true_fn(x_test)
    bias2 = float(np.mean((P.mean(axis=0) - f) ** 2))
    variance = float(np.mean(P.var(axis=0, ddof=1)))
    noise = float(noise_sd ** 2)
    expected_mse = float(np.mean((P - f) ** 2) + noise)
    return {"bias2": bias2, "variance": variance, "noise": noise, "expected_mse": expected_mse}
