# updates the item factors with the user factors from before this iteration
import numpy as np


def _solve_rows(target, mask, fixed, reg):
    """Ridge solution for every row of `target` (one row per user or item) given the fixed factors."""
    k = fixed.shape[1]
    out = np.zeros((target.shape[0], k))
    for r in range(target.shape[0]):
        seen = mask[r]
        if not seen.any():
            continue
        F = fixed[seen]
        out[r] = np.linalg.solve(F.T @ F + reg * np.eye(k), F.T @ target[r, seen])
    return out


def _objective(R, mask, P, Q, reg):
    err = np.where(mask, R - P @ Q.T, 0.0)
    return float(np.sum(err ** 2) + reg * (np.sum(P ** 2) + np.sum(Q ** 2)))


def als(R, mask, k, reg=0.1, n_iter=20, seed=0):
    R = np.asarray(R, dtype=float)
    mask = np.asarray(mask, dtype=bool)
    if R.ndim != 2 or mask.shape != R.shape:
        raise ValueError("R and mask must be 2-D arrays of the same shape")
    if k < 1 or reg <= 0 or n_iter < 1:
        raise ValueError("need k >= 1, reg > 0 and n_iter >= 1")
    rng = np.random.default_rng(seed)
    m, n = R.shape
    P = 0.1 * rng.standard_normal((m, k))
    Q = 0.1 * rng.standard_normal((n, k))
    Rz = np.where(mask, R, 0.0)
    history = []
    for _ in range(int(n_iter)):
        P_new = _solve_rows(Rz, mask, Q, reg)
        Q = _solve_rows(Rz.T, mask.T, P, reg)
        P = P_new
        history.append(_objective(R, mask, P, Q, reg))
    return P, Q, history
