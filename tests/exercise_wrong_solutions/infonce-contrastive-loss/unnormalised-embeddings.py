# skips the L2 normalisation of the embeddings
import numpy as np


def _log_softmax(S, axis):
    m = S.max(axis=axis, keepdims=True)
    return S - m - np.log(np.exp(S - m).sum(axis=axis, keepdims=True))


def info_nce(z_a, z_b, temperature=0.1):
    a = np.asarray(z_a, dtype=float)
    b = np.asarray(z_b, dtype=float)
    if a.ndim != 2 or a.shape != b.shape:
        raise ValueError("z_a and z_b must be 2-D arrays of the same shape")
    n = a.shape[0]
    if n < 2 or temperature <= 0:
        raise ValueError("need at least 2 pairs and temperature > 0")
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    if np.any(na == 0) or np.any(nb == 0):
        raise ValueError("rows must have non-zero norm")
    u, v = a, b
    S = u @ v.T / temperature
    lr, lc = _log_softmax(S, 1), _log_softmax(S, 0)
    diag = np.arange(n)
    loss = -0.5 * (lr[diag, diag].mean() + lc[diag, diag].mean())
    eye = np.eye(n)
    G = ((np.exp(lr) - eye) + (np.exp(lc) - eye)) / (2 * n)
    gu = G @ v / temperature
    gv = G.T @ u / temperature
    grad_a = (gu - np.sum(gu * u, axis=1, keepdims=True) * u) / na
    grad_b = (gv - np.sum(gv * v, axis=1, keepdims=True) * v) / nb
    return float(loss), grad_a, grad_b
