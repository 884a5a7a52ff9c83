# drops the (a - e) factor and computes the one-sided KL divergence sum(a * ln(a / e))
import numpy as np


def psi(expected, actual, n_bins=10, eps=1e-4):
    e = np.asarray(expected, dtype=float)
    a = np.asarray(actual, dtype=float)
    if e.ndim != 1 or a.ndim != 1 or e.size == 0 or a.size == 0:
        raise ValueError("both samples must be non-empty 1-D arrays")
    if n_bins < 2 or eps <= 0:
        raise ValueError("need n_bins >= 2 and eps > 0")
    edges = np.unique(np.quantile(e, np.arange(1, n_bins) / n_bins))
    k = edges.size + 1
    e_frac = np.bincount(np.searchsorted(edges, e, side="right"), minlength=k) / e.size
    a_frac = np.bincount(np.searchsorted(edges, a, side="right"), minlength=k) / a.size
    e_frac = np.maximum(e_frac, eps)
    a_frac = np.maximum(a_frac, eps)
    return float(np.sum(a_frac * np.log(a_frac / e_frac)))
