# exponentiates the raw scores without subtracting the row maximum
import numpy as np


def multi_head_attention(X, Wq, Wk, Wv, Wo, n_heads, mask=None):
    X = np.asarray(X, dtype=float)
    if X.ndim != 3:
        raise ValueError("X must be (N, L, d_model)")
    N, L, d = X.shape
    mats = [np.asarray(W, dtype=float) for W in (Wq, Wk, Wv, Wo)]
    if any(W.shape != (d, d) for W in mats):
        raise ValueError("weight matrices must be (d_model, d_model)")
    if n_heads < 1 or d % n_heads:
        raise ValueError("n_heads must divide d_model")
    Wq, Wk, Wv, Wo = mats
    dk = d // n_heads

    def split(M):  # (N, L, d) -> (N, h, L, dk)
        return M.reshape(N, L, n_heads, dk).transpose(0, 2, 1, 3)

    Q, K, V = split(X @ Wq), split(X @ Wk), split(X @ Wv)
    scores = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(dk)
    if mask is not None:
        scores = np.where(np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape), scores, -np.inf)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    heads = weights @ V                                   # (N, h, L, dk)
    merged = heads.transpose(0, 2, 1, 3).reshape(N, L, d)
    return merged @ Wo, weights
