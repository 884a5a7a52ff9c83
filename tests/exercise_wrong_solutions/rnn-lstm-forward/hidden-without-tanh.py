# outputs h = o * c, forgetting the tanh of the cell state
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _check(x, h0, W, U, b, gates):
    x = np.asarray(x, dtype=float)
    h0 = np.asarray(h0, dtype=float)
    if x.ndim != 3 or h0.ndim != 2 or h0.shape[0] != x.shape[1]:
        raise ValueError("x must be (T, N, D) and h0 (N, H)")
    H = h0.shape[1]
    if W.shape != (x.shape[2], gates * H) or U.shape != (H, gates * H) or b.shape != (gates * H,):
        raise ValueError("weight shapes do not match x and h0")
    return x, h0, H


def rnn_forward(x, h0, Wx, Wh, b):
    Wx, Wh, b = (np.asarray(a, dtype=float) for a in (Wx, Wh, b))
    x, h, H = _check(x, h0, Wx, Wh, b, 1)
    hs = np.empty((x.shape[0], x.shape[1], H))
    for t in range(x.shape[0]):
        h = np.tanh(x[t] @ Wx + h @ Wh + b)
        hs[t] = h
    return hs


def lstm_forward(x, h0, c0, W, U, b):
    W, U, b = (np.asarray(a, dtype=float) for a in (W, U, b))
    x, h, H = _check(x, h0, W, U, b, 4)
    c = np.asarray(c0, dtype=float)
    if c.shape != h.shape:
        raise ValueError("c0 must have the same shape as h0")
    hs = np.empty((x.shape[0], x.shape[1], H))
    for t in range(x.shape[0]):
        z = x[t] @ W + h @ U + b
        i = _sigmoid(z[:, :H])
        f = _sigmoid(z[:, H:2 * H])
        g = np.tanh(z[:, 2 * H:3 * H])
        o = _sigmoid(z[:, 3 * H:])
        c = f * c + i * g
        h = o * c
        hs[t] = h
    return hs, (h, c)
