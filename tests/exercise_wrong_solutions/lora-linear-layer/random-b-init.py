# initialises B randomly as well, so the adapted model does not start at the pretrained one
import numpy as np


def lora_init(d_in, d_out, r, rng):
    if r < 1 or r > min(d_in, d_out):
        raise ValueError("need 1 <= r <= min(d_in, d_out)")
    A = rng.normal(0.0, 1.0 / np.sqrt(r), size=(r, d_in))
    return A, rng.normal(0.0, 1.0 / np.sqrt(r), size=(d_out, r))


def _check(W0, A, B):
    W0, A, B = (np.asarray(m, dtype=float) for m in (W0, A, B))
    if W0.ndim != 2 or A.ndim != 2 or B.ndim != 2:
        raise ValueError("W0, A and B must be 2-D")
    d_out, d_in = W0.shape
    r = A.shape[0]
    if A.shape != (r, d_in) or B.shape != (d_out, r):
        raise ValueError("shapes must be W0 (d_out, d_in), A (r, d_in), B (d_out, r)")
    return W0, A, B, r


def lora_forward(x, W0, A, B, alpha):
    W0, A, B, r = _check(W0, A, B)
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[1] != W0.shape[1]:
        raise ValueError("x must be (n, d_in)")
    return x @ W0.T + (alpha / r) * ((x @ A.T) @ B.T)


def lora_backward(x, dy, A, B, alpha):
    x = np.asarray(x, dtype=float)
    dy = np.asarray(dy, dtype=float)
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    s = alpha / A.shape[0]
    h = x @ A.T                       # (n, r)
    dB = s * dy.T @ h                 # (d_out, r)
    dA = s * (dy @ B).T @ x           # (r, d_in)
    return dA, dB


def lora_merge(W0, A, B, alpha):
    W0, A, B, r = _check(W0, A, B)
    return W0 + (alpha / r) * B @ A
