# treats log_var as the log standard deviation: z = mu + exp(log_var) * eps
import numpy as np


def _check(*arrays):
    arrays = [np.asarray(a, dtype=float) for a in arrays]
    if arrays[0].ndim != 2 or any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError("inputs must be 2-D arrays of the same shape (n, d)")
    return arrays


def reparameterize(mu, log_var, eps):
    mu, log_var, eps = _check(mu, log_var, eps)
    return mu + np.exp(log_var) * eps


def gaussian_kl(mu, log_var):
    mu, log_var = _check(mu, log_var)
    return 0.5 * np.sum(np.exp(log_var) + mu ** 2 - 1.0 - log_var, axis=1)


def gaussian_kl_grads(mu, log_var):
    mu, log_var = _check(mu, log_var)
    return mu.copy(), 0.5 * (np.exp(log_var) - 1.0)
