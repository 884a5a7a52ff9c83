# returns the last iterate instead of the best one visited
import numpy as np


def decision_function(X, w, b):
    return np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + float(b)


def _objective(X, y, w, b, lam):
    return 0.5 * lam * (w @ w) + np.mean(np.maximum(0.0, 1.0 - y * (X @ w + b)))


def fit_linear_svm(X, y, lam=0.1, lr=1.0, n_iter=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a 2-D array with at least one row")
    n, d = X.shape
    if y.shape != (n,) or not np.all((y == 1) | (y == -1)):
        raise ValueError("y must hold n labels, each -1 or +1")
    if lam <= 0 or lr <= 0 or n_iter < 0:
        raise ValueError("need lam > 0, lr > 0 and n_iter >= 0")
    w, b = np.zeros(d), 0.0
    best_w, best_b, best_j = w.copy(), b, _objective(X, y, w, b, lam)
    for t in range(int(n_iter)):
        active = (y * (X @ w + b) < 1.0).astype(float)
        grad_w = lam * w - X.T @ (y * active) / n
        grad_b = -np.sum(y * active) / n
        step = lr / np.sqrt(t + 1.0)
        w, b = w - step * grad_w, b - step * grad_b
        j = _objective(X, y, w, b, lam)
        if j < best_j:
            best_w, best_b, best_j = w.copy(), b, j
    return w, float(b)
