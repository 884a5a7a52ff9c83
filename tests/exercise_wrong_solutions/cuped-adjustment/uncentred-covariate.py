# subtracts theta * x without centring x, shifting every adjusted value
import numpy as np


def cuped(y, x, t):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    t = np.asarray(t)
    if y.ndim != 1 or x.shape != y.shape or t.shape != y.shape:
        raise ValueError("y, x and t must be 1-D arrays of the same length")
    if not np.all((t == 0) | (t == 1)):
        raise ValueError("t must contain only 0 and 1")
    if t.sum() == 0 or t.sum() == t.size:
        raise ValueError("both groups must be non-empty")
    var_x = x.var(ddof=1)
    if not var_x > 0:
        raise ValueError("x must not be constant")
    theta = float(np.cov(x, y, ddof=1)[0, 1] / var_x)
    y_adj = y - theta * x
    treated = t == 1
    return {
        "theta": theta,
        "y_adj": y_adj,
        "effect": float(y_adj[treated].mean() - y_adj[~treated].mean()),
        "effect_raw": float(y[treated].mean() - y[~treated].mean()),
        "variance_reduction": float(1.0 - y_adj.var(ddof=1) / y.var(ddof=1)),
    }
