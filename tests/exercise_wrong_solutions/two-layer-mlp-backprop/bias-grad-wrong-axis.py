# sums the hidden bias gradient over the hidden axis instead of the batch axis (broadcasting hides it)
import numpy as np


def mlp_loss_and_grads(params, X, y, l2=0.0):
    W1 = np.asarray(params["W1"], dtype=float)
    b1 = np.asarray(params["b1"], dtype=float)
    W2 = np.asarray(params["W2"], dtype=float)
    b2 = np.asarray(params["b2"], dtype=float)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or W1.ndim != 2 or W2.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X, W1 and W2 must be 2-D and X non-empty")
    n, d = X.shape
    h, C = W2.shape
    if W1.shape != (d, h) or b1.shape != (h,) or b2.shape != (C,):
        raise ValueError("parameter shapes are inconsistent with X and each other")
    if y.shape != (n,) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError("y must hold n integer labels")
    if y.min() < 0 or y.max() >= C:
        raise ValueError("labels must lie in 0..C-1")

    # forward
    A = X @ W1 + b1
    H = np.maximum(A, 0.0)
    Z = H @ W2 + b2
    shifted = Z - Z.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    loss = -logp[rows, y].mean() + 0.5 * l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

    # backward
    dZ = np.exp(logp)
    dZ[rows, y] -= 1.0
    dZ /= n
    dW2 = H.T @ dZ + l2 * W2
    db2 = dZ.sum(axis=0)
    dA = (dZ @ W2.T) * (A > 0)
    dW1 = X.T @ dA + l2 * W1
    db1 = np.full(b1.shape, dA.sum(axis=1).mean())
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
