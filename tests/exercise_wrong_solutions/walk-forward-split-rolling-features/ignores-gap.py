# starts the test window right after the training data, ignoring the gap
import numpy as np


def lagged_rolling_mean(y, window):
    y = np.asarray(y, dtype=float)
    if y.ndim != 1:
        raise ValueError("y must be 1-D")
    if not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError("window must be an integer >= 1")
    n = y.size
    out = np.full(n, np.nan)
    c = np.concatenate([[0.0], np.cumsum(y)])  # c[t] = y[0] + ... + y[t-1]
    t = np.arange(window, n)
    out[t] = (c[t] - c[t - window]) / window
    return out


def walk_forward_splits(n, initial_train, horizon, step=None, gap=0):
    step = horizon if step is None else step
    if n < 0 or initial_train < 1 or horizon < 1 or step < 1 or gap < 0:
        raise ValueError("need n >= 0, initial_train >= 1, horizon >= 1, step >= 1 and gap >= 0")
    splits = []
    for end in range(initial_train, n - gap - horizon + 1, step):
        start = end
        splits.append((np.arange(end), np.arange(start, start + horizon)))
    return splits
