# computes softplus as log(1 + exp(x)), which overflows for large x
import numpy as np

_C = np.sqrt(2.0 / np.pi)


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def activation(name, x):
    x = np.asarray(x, dtype=float)
    if name == "relu":
        return np.maximum(x, 0.0), (x > 0).astype(float)
    if name == "leaky_relu":
        return np.where(x > 0, x, 0.01 * x), np.where(x > 0, 1.0, 0.01)
    if name == "sigmoid":
        s = _sigmoid(x)
        return s, s * (1.0 - s)
    if name == "tanh":
        t = np.tanh(x)
        return t, 1.0 - t * t
    if name == "softplus":
        return np.log(1.0 + np.exp(x)), _sigmoid(x)
    if name == "gelu":
        u = _C * (x + 0.044715 * x ** 3)
        t = np.tanh(u)
        y = 0.5 * x * (1.0 + t)
        dy = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * _C * (1.0 + 3 * 0.044715 * x ** 2)
        return y, dy
    raise ValueError(f"unknown activation {name!r}")
