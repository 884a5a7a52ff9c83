# compares gradients by the absolute norm of the difference, which is not scale-free
import numpy as np


def numerical_gradient(f, x, h=1e-6):
    if h <= 0:
        raise ValueError("h must be > 0")
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        try:
            x[idx] = old + h
            f_plus = f(x)
            x[idx] = old - h
            f_minus = f(x)
        finally:
            x[idx] = old
        g[idx] = (f_plus - f_minus) / (2.0 * h)
    return g


def gradient_check(f, grad, x, h=1e-6, tol=1e-6):
    x = np.asarray(x, dtype=float)
    analytic = np.asarray(grad(x), dtype=float)
    if analytic.shape != x.shape:
        raise ValueError("grad(x) must have the shape of x")
    numeric = numerical_gradient(f, x, h)
    err = np.linalg.norm(analytic - numeric)
    return bool(err <= tol), float(err)
