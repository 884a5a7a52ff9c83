# scales the scores by sqrt(d_model) instead of sqrt(d) in the decode step
import numpy as np


def _softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def causal_attention(X, Wq, Wk, Wv):
    X = np.asarray(X, dtype=float)
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    T, d = Q.shape
    scores = Q @ K.T / np.sqrt(d)
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    return _softmax(scores) @ V


def decode_step(x_t, Wq, Wk, Wv, cache):
    x_t = np.asarray(x_t, dtype=float)
    if x_t.ndim != 1 or x_t.shape[0] != Wq.shape[0]:
        raise ValueError("x_t must be a vector of length d_model")
    d = Wq.shape[1]
    K_old = np.asarray(cache["K"], dtype=float)
    V_old = np.asarray(cache["V"], dtype=float)
    if K_old.ndim != 2 or K_old.shape[1] != d or K_old.shape != V_old.shape:
        raise ValueError("cache K and V must both be (t, d)")
    q, k, v = x_t @ Wq, x_t @ Wk, x_t @ Wv
    K = np.vstack([K_old, k])
    V = np.vstack([V_old, v])
    weights = _softmax(K @ q / np.sqrt(Wq.shape[0]))
    return weights @ V, {"K": K, "V": V}


def kv_cache_bytes(n_layers, n_kv_heads, head_dim, seq_len, batch, bytes_per_value):
    sizes = (n_layers, n_kv_heads, head_dim, seq_len, batch, bytes_per_value)
    if any(s < 0 for s in sizes):
        raise ValueError("sizes must be non-negative")
    return int(2 * n_layers * n_kv_heads * head_dim * seq_len * batch * bytes_per_value)
