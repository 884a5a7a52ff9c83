# never validates k or the shape of X: k = 0 or a 1-D X does not raise ValueError
import numpy as np


def _sq_dists(X, C):
    """(n, k) matrix of squared Euclidean distances, clipped at 0."""
    d = (X * X).sum(axis=1)[:, None] - 2.0 * X @ C.T + (C * C).sum(axis=1)[None, :]
    return np.maximum(d, 0.0)


def _kmeans_pp(X, k, rng):
    n = X.shape[0]
    centers = np.empty((k, X.shape[1]))
    centers[0] = X[rng.integers(n)]
    closest = _sq_dists(X, centers[:1]).ravel()
    for j in range(1, k):
        total = closest.sum()
        if total > 0:
            idx = rng.choice(n, p=closest / total)
        else:  # every point already coincides with a chosen center
            idx = rng.integers(n)
        centers[j] = X[idx]
        closest = np.minimum(closest, _sq_dists(X, centers[j:j + 1]).ravel())
    return centers


def _lloyd(X, centers, max_iter, tol):
    n = X.shape[0]
    for _ in range(max_iter):
        d = _sq_dists(X, centers)
        labels = d.argmin(axis=1)
        worst = d[np.arange(n), labels].copy()  # each point's current cost
        new = centers.copy()
        for j in range(centers.shape[0]):
            members = labels == j
            if members.any():
                new[j] = X[members].mean(axis=0)
            else:  # empty cluster: restart it at the worst-served point
                far = int(worst.argmax())
                new[j] = X[far]
                worst[far] = -1.0  # do not reuse it for another empty cluster
        shift = float(((new - centers) ** 2).sum())
        centers = new
        if shift <= tol:
            break
    labels = _sq_dists(X, centers).argmin(axis=1)
    inertia = float(((X - centers[labels]) ** 2).sum())
    return centers, labels, inertia


def kmeans(X, k, n_init=10, max_iter=300, tol=1e-8, seed=0):
    X = np.asarray(X, dtype=float)
    if n_init < 1 or max_iter < 1:
        raise ValueError("n_init and max_iter must be positive")
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(n_init):
        run = _lloyd(X, _kmeans_pp(X, k, rng), max_iter, tol)
        if best is None or run[2] < best[2]:
            best = run
    return best
