# zeroes blocked weights after the softmax instead of masking the scores, so rows no longer sum to 1
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
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    if mask is not None:
        weights = weights * np.asarray(mask, dtype=float)
    return weights @ V, weights
