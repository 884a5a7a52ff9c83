# fills blocked scores with -1e9 instead of -inf: a fully blocked row becomes a uniform average of blocked values
import numpy as np


def causal_mask(L):
    return np.tril(np.ones((L, L), dtype=bool))


def attention(Q, K, V, mask=None):
    Q = np.asarray(Q, dtype=float)
    K = np.asarray(K, dtype=float)
    V = np.asarray(V, dtype=float)
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError("Q and K must have the same last dimension")
    if K.shape[-2] != V.shape[-2]:
        raise ValueError("K and V must have the same number of keys")
    d = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if mask is not None:
        mask = np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)
        scores = np.where(mask, scores, -1e9)
    row_max = scores.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return weights @ V, weights
