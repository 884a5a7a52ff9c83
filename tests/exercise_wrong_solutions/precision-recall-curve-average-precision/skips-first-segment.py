# starts the sum at the first recall value, dropping the segment from recall 0
import numpy as np


def precision_recall_curve(y, scores):
    y = np.asarray(y)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or s.shape != y.shape or y.size == 0:
        raise ValueError("y and scores must be non-empty 1-D arrays of the same length")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must contain only 0 and 1")
    n_pos = int(y.sum())
    if n_pos == 0:
        raise ValueError("y needs at least one positive")
    order = np.argsort(-s, kind="mergesort")
    s_sorted, y_sorted = s[order], y[order].astype(float)
    tp = np.cumsum(y_sorted)
    fp = np.cumsum(1.0 - y_sorted)
    last = np.r_[s_sorted[1:] != s_sorted[:-1], True]   # last position of each run of equal scores
    tp, fp = tp[last], fp[last]
    return tp / (tp + fp), tp / n_pos, s_sorted[last]


def average_precision(y, scores):
    precision, recall, _ = precision_recall_curve(y, scores)
    gains = np.r_[0.0, np.diff(recall)]
    return float(np.sum(gains * precision))
