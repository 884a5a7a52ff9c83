# multiplies phi_1 by the oldest of the last p values instead of the most recent
import numpy as np


def _series(y):
    y = np.asarray(y, dtype=float)
    if y.ndim != 1:
        raise ValueError("y must be 1-D")
    if y.size < 2 or np.all(y == y[0]):
        raise ValueError("y must have at least 2 values and not be constant")
    return y


def acf(y, max_lag):
    y = _series(y)
    n = y.size
    if not 0 <= max_lag <= n - 1:
        raise ValueError("max_lag must be in 0..n-1")
    yc = y - y.mean()
    gamma = np.array([yc[:n - k] @ yc[k:] / n for k in range(max_lag + 1)])
    return gamma / gamma[0]


def fit_ar_yule_walker(y, p):
    y = _series(y)
    n = y.size
    if not 1 <= p <= n - 1:
        raise ValueError("p must be in 1..n-1")
    rho = acf(y, p)
    R = rho[np.abs(np.subtract.outer(np.arange(p), np.arange(p)))]
    r = rho[1:]
    phi = np.linalg.solve(R, r)
    gamma0 = np.mean((y - y.mean()) ** 2)
    return phi, float(y.mean()), float(gamma0 * (1.0 - phi @ r))


def forecast_ar(y, phi, mu, steps):
    y = np.asarray(y, dtype=float)
    phi = np.asarray(phi, dtype=float)
    if steps < 0:
        raise ValueError("steps must be >= 0")
    p = phi.size
    history = list(y[-p:] - mu)
    out = []
    for _ in range(int(steps)):
        nxt = float(np.dot(phi, history[-p:]))
        out.append(nxt + mu)
        history.append(nxt)
    return np.array(out)
