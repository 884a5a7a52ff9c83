# returns the unit eigenvectors without scaling them by sqrt(eigenvalue)
import numpy as np


def classical_mds(D, k):
    D = np.asarray(D, dtype=float)
    if D.ndim != 2 or D.shape[0] != D.shape[1] or D.shape[0] == 0:
        raise ValueError("D must be a non-empty square matrix")
    n = D.shape[0]
    scale = max(np.max(np.abs(D)), 1e-300)
    if np.max(np.abs(D - D.T)) > 1e-9 * scale or np.any(D < 0) or np.any(np.diag(D) != 0):
        raise ValueError("D must be symmetric, non-negative, with a zero diagonal")
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError("k must be an integer in 1..n")
    S = D ** 2
    B = -0.5 * (S - S.mean(axis=0) - S.mean(axis=1)[:, None] + S.mean())
    evals, evecs = np.linalg.eigh((B + B.T) / 2)
    evals, evecs = evals[::-1][:k], evecs[:, ::-1][:, :k]
    X = evecs.copy()
    idx = np.abs(X).argmax(axis=0)
    signs = np.sign(X[idx, np.arange(k)])
    signs[signs == 0] = 1.0
    return X * signs, evals
