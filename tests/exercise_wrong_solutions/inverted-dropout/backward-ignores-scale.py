# backward passes dout through kept units without the 1 / (1 - p) scale
import numpy as np


def dropout_forward(x, p, training, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must lie in [0, 1)")
    x = np.asarray(x, dtype=float)
    if not training:
        return x, None
    keep = rng.random(x.shape) >= p
    mask = keep / (1.0 - p)
    return x * mask, mask


def dropout_backward(dout, mask):
    dout = np.asarray(dout, dtype=float)
    return dout if mask is None else dout * (mask != 0)
