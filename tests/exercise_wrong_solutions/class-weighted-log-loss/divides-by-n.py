# divides the weighted sum by n instead of by the total weight
import numpy as np


def balanced_class_weights(y):
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError("y must be a non-empty 1-D array")
    classes, counts = np.unique(y, return_counts=True)
    n, c = y.size, classes.size
    return {cls.item(): n / (c * cnt) for cls, cnt in zip(classes, counts)}


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def weighted_log_loss(y, logits, class_weight):
    y = np.asarray(y)
    z = np.asarray(logits, dtype=float)
    if y.ndim != 1 or z.shape != y.shape:
        raise ValueError("y and logits must be 1-D arrays of the same length")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must contain only 0 and 1")
    present = np.unique(y).tolist()
    if any(c not in class_weight for c in present):
        raise ValueError("every class present in y needs a weight")
    w = np.where(y == 1, class_weight.get(1, 0.0), class_weight.get(0, 0.0)).astype(float)
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError("weights must be non-negative and not all zero")
    losses = np.logaddexp(0.0, z) - y * z
    total = float(len(y))
    grad = w * (_sigmoid(z) - y) / total
    return float(np.sum(w * losses) / total), grad
