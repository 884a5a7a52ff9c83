# also scores positions between two equal sorted values, which x <= t cannot realise
import numpy as np


def best_split(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a non-empty 2-D array")
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError("y must have one label per row of X")
    _, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(codes.max() + 1)[codes]
    totals = onehot.sum(axis=0)
    n_left = np.arange(1, n)                 # left child sizes for split positions 0..n-2
    n_right = n - n_left
    best = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="mergesort")
        xs = X[order, j]
        valid = np.ones(n - 1, dtype=bool)
        if not valid.any():
            continue
        left = np.cumsum(onehot[order], axis=0)[:-1]
        right = totals - left
        weighted = (n_left - (left ** 2).sum(axis=1) / n_left) + (n_right - (right ** 2).sum(axis=1) / n_right)
        weighted = np.where(valid, weighted / n, np.inf)
        i = int(np.argmin(weighted))
        if best is None or weighted[i] < best[2]:
            best = (j, float((xs[i] + xs[i + 1]) / 2.0), float(weighted[i]))
    return best
