# sums the gradient over the batch instead of averaging it
import numpy as np


def predict_proba(X, W, b):
    Z = np.asarray(X, dtype=float) @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def fit_softmax_regression(X, y, n_classes, lr=0.5, n_iter=500, l2=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[0] == 0 or y.shape != (X.shape[0],):
        raise ValueError("X must be (n, d) and y (n,)")
    if n_classes < 2 or not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= n_classes:
        raise ValueError("labels must be integers in 0..n_classes-1 and n_classes >= 2")
    if lr <= 0 or n_iter < 0 or l2 < 0:
        raise ValueError("need lr > 0, n_iter >= 0 and l2 >= 0")
    n, d = X.shape
    Y = np.eye(n_classes)[y]
    W = np.zeros((d, n_classes))
    b = np.zeros(n_classes)
    for _ in range(int(n_iter)):
        G = predict_proba(X, W, b) - Y
        W, b = W - lr * (X.T @ G + l2 * W), b - lr * G.sum(axis=0)
    return W, b
