# multiplies densities in probability space and normalises there: underflows to 0/0 with many features
import numpy as np


def _prepare(X_train, y_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0:
        raise ValueError("X_train and X_test must be 2-D, X_train non-empty")
    if X_test.shape[1] != X_train.shape[1] or y_train.shape != (X_train.shape[0],):
        raise ValueError("inconsistent shapes")
    classes, codes = np.unique(y_train, return_inverse=True)
    log_prior = np.log(np.bincount(codes) / len(codes))
    return X_train, codes, X_test, classes, log_prior


def _normalise(joint):
    with np.errstate(all="ignore"):
        p = np.exp(joint)
        return np.log(p / p.sum(axis=1, keepdims=True))


def gaussian_nb(X_train, y_train, X_test, var_smoothing=1e-9):
    X, codes, T, classes, log_prior = _prepare(X_train, y_train, X_test)
    floor = var_smoothing * X.var(axis=0).max()
    joint = np.empty((T.shape[0], len(classes)))
    for c in range(len(classes)):
        rows = X[codes == c]
        mu, var = rows.mean(axis=0), rows.var(axis=0) + floor
        ll = -0.5 * np.log(2 * np.pi * var) - (T - mu) ** 2 / (2 * var)
        joint[:, c] = log_prior[c] + ll.sum(axis=1)
    return classes, _normalise(joint)


def multinomial_nb(X_train, y_train, X_test, alpha=1.0):
    X, codes, T, classes, log_prior = _prepare(X_train, y_train, X_test)
    if alpha <= 0:
        raise ValueError("alpha must be > 0")
    if np.any(X < 0) or np.any(T < 0):
        raise ValueError("counts must be non-negative")
    counts = np.vstack([X[codes == c].sum(axis=0) for c in range(len(classes))])
    theta = (counts + alpha) / (counts.sum(axis=1, keepdims=True) + alpha * X.shape[1])
    joint = log_prior + T @ np.log(theta).T
    return classes, _normalise(joint)
