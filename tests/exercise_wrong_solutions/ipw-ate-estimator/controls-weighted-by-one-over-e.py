# weights the control units by 1 / e instead of 1 / (1 - e)
import numpy as np


def ipw_ate(y, t, propensity, method="hajek", clip=0.01):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t, dtype=float)
    e = np.asarray(propensity, dtype=float)
    if y.ndim != 1 or y.size == 0 or t.shape != y.shape or e.shape != y.shape:
        raise ValueError("y, t and propensity must be 1-D arrays of the same non-zero length")
    if not np.all((t == 0) | (t == 1)):
        raise ValueError("t must contain only 0 and 1")
    if t.sum() == 0 or t.sum() == t.size:
        raise ValueError("both treated and control units are needed")
    if np.any((e < 0) | (e > 1)):
        raise ValueError("propensities must lie in [0, 1]")
    if not 0 <= clip < 0.5:
        raise ValueError("clip must lie in [0, 0.5)")
    e = np.clip(e, clip, 1 - clip)
    w1 = t / e
    w0 = (1 - t) / e
    if method == "ht":
        return float(np.sum(w1 * y) / y.size - np.sum(w0 * y) / y.size)
    if method == "hajek":
        return float(np.sum(w1 * y) / np.sum(w1) - np.sum(w0 * y) / np.sum(w0))
    raise ValueError("method must be 'ht' or 'hajek'")
