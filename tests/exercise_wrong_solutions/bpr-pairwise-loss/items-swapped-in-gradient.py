# gives the positive item the negative item's gradient sign and vice versa
import numpy as np


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def bpr_loss_and_grads(U, V, users, pos, neg, reg=0.0):
    U = np.asarray(U, dtype=float)
    V = np.asarray(V, dtype=float)
    users, pos, neg = (np.asarray(a) for a in (users, pos, neg))
    B = users.shape[0] if users.ndim == 1 else -1
    if B < 1 or pos.shape != (B,) or neg.shape != (B,):
        raise ValueError("users, pos and neg must be non-empty 1-D arrays of the same length")
    if users.min() < 0 or users.max() >= U.shape[0] or min(pos.min(), neg.min()) < 0 \
            or max(pos.max(), neg.max()) >= V.shape[0]:
        raise ValueError("an index is out of range")
    u, vp, vn = U[users], V[pos], V[neg]
    x = np.sum(u * (vp - vn), axis=1)
    loss = np.mean(np.logaddexp(0.0, -x)) + 0.5 * reg * (np.sum(u ** 2) + np.sum(vp ** 2) + np.sum(vn ** 2))
    g = -_sigmoid(-x)[:, None] / B
    dU = np.zeros_like(U)
    dV = np.zeros_like(V)
    np.add.at(dU, users, g * (vp - vn) + reg * u)
    np.add.at(dV, pos, -g * u + reg * vp)
    np.add.at(dV, neg, g * u + reg * vn)
    return float(loss), dU, dV
