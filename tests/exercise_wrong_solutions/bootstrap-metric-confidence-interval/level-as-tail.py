# uses level / 2 and 1 - level / 2 as the quantiles, i.e. confuses the coverage with the tail probability
import numpy as np


def bootstrap_ci(arrays, statistic, n_boot=2000, level=0.95, seed=0):
    if len(arrays) == 0:
        raise ValueError("arrays must not be empty")
    arrays = [np.asarray(a) for a in arrays]
    n = arrays[0].shape[0] if arrays[0].ndim == 1 else -1
    if n < 2 or any(a.ndim != 1 or a.shape[0] != n for a in arrays):
        raise ValueError("arrays must be 1-D with the same length >= 2")
    if n_boot < 1 or not 0 < level < 1:
        raise ValueError("need n_boot >= 1 and 0 < level < 1")
    rng = np.random.default_rng(seed)
    values = np.empty(int(n_boot))
    for b in range(int(n_boot)):
        idx = rng.integers(0, n, size=n)
        values[b] = statistic(*(a[idx] for a in arrays))
    low, high = np.sort(np.quantile(values, [level / 2, 1 - level / 2]))
    return float(statistic(*arrays)), float(low), float(high)
