# ignores min_samples_leaf when choosing splits
import numpy as np


def _best_split(X, y, min_leaf):
    n, d = X.shape
    parent_sse = float(np.sum((y - y.mean()) ** 2))
    best = None  # (sse, feature, threshold)
    k = np.arange(1, n)                      # left sizes for split positions 0..n-2
    for j in range(d):
        order = np.argsort(X[:, j], kind="mergesort")
        xs, ys = X[order, j], y[order]
        s1, s2 = np.cumsum(ys)[:-1], np.cumsum(ys ** 2)[:-1]
        t1, t2 = ys.sum(), (ys ** 2).sum()
        sse = (s2 - s1 ** 2 / k) + ((t2 - s2) - (t1 - s1) ** 2 / (n - k))
        valid = xs[1:] > xs[:-1]
        if not valid.any():
            continue
        sse = np.where(valid, sse, np.inf)
        i = int(np.argmin(sse))
        if best is None or sse[i] < best[0]:
            best = (float(sse[i]), j, float((xs[i] + xs[i + 1]) / 2))
    if best is None or not best[0] < parent_sse - 1e-12 * max(1.0, parent_sse):
        return None
    return best[1], best[2]


def _build(X, y, depth, max_depth, min_leaf):
    if depth == max_depth:
        return {"value": float(y.mean())}
    split = _best_split(X, y, min_leaf)
    if split is None:
        return {"value": float(y.mean())}
    j, t = split
    left = X[:, j] <= t
    return {"feature": j, "threshold": t,
            "left": _build(X[left], y[left], depth + 1, max_depth, min_leaf),
            "right": _build(X[~left], y[~left], depth + 1, max_depth, min_leaf)}


def fit_tree(X, y, max_depth, min_samples_leaf=1):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a 2-D array with at least one row")
    if y.shape != (X.shape[0],):
        raise ValueError("y must have one value per row of X")
    if max_depth < 0 or min_samples_leaf < 1:
        raise ValueError("need max_depth >= 0 and min_samples_leaf >= 1")
    return _build(X, y, 0, max_depth, min_samples_leaf)


def predict_tree(tree, X):
    X = np.asarray(X, dtype=float)
    out = np.empty(X.shape[0])
    for r, row in enumerate(X):
        node = tree
        while "value" not in node:
            node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
        out[r] = node["value"]
    return out
