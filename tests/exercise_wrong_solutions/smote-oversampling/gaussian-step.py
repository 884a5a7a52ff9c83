# draws the interpolation factor from a normal distribution, producing points beyond the segment
import numpy as np


def smote(X_min, n_new, k=5, seed=0):
    X = np.asarray(X_min, dtype=float)
    if X.ndim != 2:
        raise ValueError("X_min must be 2-D")
    m, d = X.shape
    if not isinstance(k, (int, np.integer)) or k < 1 or k >= m:
        raise ValueError("need 1 <= k < number of minority rows")
    if n_new < 0:
        raise ValueError("n_new must be >= 0")
    diff = X[:, None, :] - X[None, :, :]
    dist = np.einsum("ijd,ijd->ij", diff, diff)
    np.fill_diagonal(dist, np.inf)  # a row is never its own neighbour
    neighbours = np.argsort(dist, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    base = rng.integers(0, m, size=n_new)
    slot = rng.integers(0, k, size=n_new)
    u = rng.normal(size=n_new)
    partner = neighbours[base, slot]
    return X[base] + u[:, None] * (X[partner] - X[base])
