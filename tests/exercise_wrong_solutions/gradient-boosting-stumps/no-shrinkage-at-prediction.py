# applies the learning rate during training but not when predicting
import numpy as np


def _fit_stump(X, r):
    n, d = X.shape
    best = None  # (sse, feature, threshold, left, right)
    k = np.arange(1, n)
    for j in range(d):
        order = np.argsort(X[:, j], kind="mergesort")
        xs, rs = X[order, j], r[order]
        s1, s2 = np.cumsum(rs)[:-1], np.cumsum(rs ** 2)[:-1]
        t1, t2 = rs.sum(), (rs ** 2).sum()
        sse = (s2 - s1 ** 2 / k) + ((t2 - s2) - (t1 - s1) ** 2 / (n - k))
        valid = xs[1:] > xs[:-1]
        if not valid.any():
            continue
        sse = np.where(valid, sse, np.inf)
        i = int(np.argmin(sse))
        if best is None or sse[i] < best[0]:
            best = (sse[i], j, float((xs[i] + xs[i + 1]) / 2), float(s1[i] / (i + 1)), float((t1 - s1[i]) / (n - i - 1)))
    if best is None:
        m = float(r.mean())
        return (0, float("inf"), m, m)
    return best[1:]


def _stump_predict(stump, X):
    j, t, left, right = stump
    return np.where(X[:, j] <= t, left, right)


def fit_boosting(X, y, n_estimators=100, learning_rate=0.1):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a 2-D array with at least one row")
    if y.shape != (X.shape[0],):
        raise ValueError("y must have one value per row of X")
    if n_estimators < 0 or not 0 < learning_rate <= 1:
        raise ValueError("need n_estimators >= 0 and 0 < learning_rate <= 1")
    init = float(y.mean())
    F = np.full(y.shape, init)
    stumps = []
    for _ in range(int(n_estimators)):
        stump = _fit_stump(X, y - F)
        F = F + learning_rate * _stump_predict(stump, X)
        stumps.append(stump)
    return {"init": init, "learning_rate": float(learning_rate), "stumps": stumps}


def predict_boosting(model, X, n_stages=None):
    X = np.asarray(X, dtype=float)
    stumps = model["stumps"] if n_stages is None else model["stumps"][:n_stages]
    F = np.full(X.shape[0], model["init"])
    for stump in stumps:
        F = F + _stump_predict(stump, X)
    return F
