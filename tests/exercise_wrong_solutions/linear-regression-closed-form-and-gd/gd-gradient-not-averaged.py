# gradient descent uses X^T r without dividing by n
import numpy as np


def _validate(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a 2-D array with at least one row")
    if y.shape != (X.shape[0],):
        raise ValueError("y must have one value per row of X")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    return X, y


def fit_closed_form(X, y, alpha=0.0):
    X, y = _validate(X, y, alpha)
    n, d = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    if alpha > 0:
        w = np.linalg.solve(Xc.T @ Xc + n * alpha * np.eye(d), Xc.T @ yc)
    else:
        w = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    return w, float(y_mean - x_mean @ w)


def fit_gradient_descent(X, y, alpha=0.0, lr=0.1, n_iter=1000):
    X, y = _validate(X, y, alpha)
    if lr <= 0 or n_iter < 0:
        raise ValueError("need lr > 0 and n_iter >= 0")
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(int(n_iter)):
        r = X @ w + b - y
        grad_w = X.T @ r + alpha * w
        grad_b = r.mean()
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
