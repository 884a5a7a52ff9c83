# clips with weights 1 / |r| instead of delta / |r| (ignores delta outside the quadratic zone)
import numpy as np


def _weighted_lstsq(A, y, weights):
    s = np.sqrt(weights)
    return np.linalg.lstsq(A * s[:, None], y * s, rcond=None)[0]


def huber_regression(X, y, delta=1.0, max_iter=200, tol=1e-10):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] < X.shape[1] + 1:
        raise ValueError("X must be 2-D with at least d + 1 rows")
    if y.shape != (X.shape[0],):
        raise ValueError("y must have one value per row of X")
    if delta <= 0 or max_iter < 1:
        raise ValueError("need delta > 0 and max_iter >= 1")
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = _weighted_lstsq(A, y, np.ones(len(y)))
    for _ in range(int(max_iter)):
        r = y - A @ theta
        abs_r = np.abs(r)
        weights = np.where(abs_r <= delta, 1.0, 1.0 / np.maximum(abs_r, 1e-300))
        new = _weighted_lstsq(A, y, weights)
        done = np.max(np.abs(new - theta)) <= tol
        theta = new
        if done:
            break
    return theta[:-1], float(theta[-1])
