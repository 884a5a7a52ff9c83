# takes columns of Vt instead of rows as the principal directions
import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("X must be 2-D with at least 2 rows")
    n, d = X.shape
    k = n_components
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= min(n, d):
        raise ValueError("n_components must be an integer in 1..min(n, d)")
    Xc = X - X.mean(axis=0)
    U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    components = Vt[:, :k].T.copy()
    scores = U[:, :k] * S[:k]
    # sign convention: largest-magnitude entry of each component is positive
    idx = np.abs(components).argmax(axis=1)
    signs = np.sign(components[np.arange(k), idx])
    components *= signs[:, None]
    scores *= signs[None, :]
    total = np.sum(S ** 2)
    explained_variance = S[:k] ** 2 / (n - 1)
    ratio = S[:k] ** 2 / total if total > 0 else np.zeros(k)
    return scores, components, explained_variance, ratio
