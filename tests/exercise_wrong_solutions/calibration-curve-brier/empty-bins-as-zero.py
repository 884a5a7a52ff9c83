# reports every bin, with zeros for the empty ones
import numpy as np


def _validate(y, p):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    if y.ndim != 1 or p.shape != y.shape or y.size == 0:
        raise ValueError("y and p must be non-empty 1-D arrays of the same length")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must contain only 0 and 1")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    return y, p


def brier_score(y, p):
    y, p = _validate(y, p)
    return float(np.mean((p - y) ** 2))


def calibration_curve(y, p, n_bins=10):
    y, p = _validate(y, p)
    if n_bins < 1:
        raise ValueError("n_bins must be >= 1")
    idx = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    sum_p = np.bincount(idx, weights=p, minlength=n_bins)
    sum_y = np.bincount(idx, weights=y, minlength=n_bins)
    safe = np.maximum(counts, 1)
    return sum_p / safe, sum_y / safe, counts


def expected_calibration_error(y, p, n_bins=10):
    mean_pred, frac_pos, counts = calibration_curve(y, p, n_bins)
    return float(np.sum(counts * np.abs(frac_pos - mean_pred)) / counts.sum())
