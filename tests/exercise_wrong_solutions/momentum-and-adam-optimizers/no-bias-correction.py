# skips Adam's bias correction, so the first steps are about three times too large
import numpy as np


def _start(x0, lr, n_steps, betas, eps=0.0):
    x = np.array(x0, dtype=float)  # a copy: x0 is never modified
    if x.ndim != 1:
        raise ValueError("x0 must be 1-D")
    if lr <= 0 or n_steps < 0 or eps < 0 or not all(0 <= b < 1 for b in betas):
        raise ValueError("need lr > 0, n_steps >= 0, eps >= 0 and betas in [0, 1)")
    path = np.empty((int(n_steps) + 1, x.size))
    path[0] = x
    return x, path


def sgd_momentum(grad_fn, x0, lr, beta=0.9, n_steps=100):
    x, path = _start(x0, lr, n_steps, (beta,))
    v = np.zeros_like(x)
    for t in range(1, len(path)):
        v = beta * v + np.asarray(grad_fn(x), dtype=float)
        x = x - lr * v
        path[t] = x
    return path


def adam(grad_fn, x0, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, n_steps=100):
    x, path = _start(x0, lr, n_steps, (beta1, beta2), eps)
    m = np.zeros_like(x)
    s = np.zeros_like(x)
    for t in range(1, len(path)):
        g = np.asarray(grad_fn(x), dtype=float)
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g * g
        m_hat = m
        s_hat = s
        x = x - lr * m_hat / (np.sqrt(s_hat) + eps)
        path[t] = x
    return path
