# computes the AUC from the 0/1 predictions at the threshold instead of from the raw scores
import numpy as np


def _average_ranks(values):
    """Ranks 1..n (smallest first); tied values share the mean of their ranks."""
    order = np.argsort(values, kind="mergesort")
    _, inverse, counts = np.unique(values[order], return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)               # 1-based rank of the last member of each tie group
    mean_rank = ends - (counts - 1) / 2.0  # mean of the ranks ends-counts+1 .. ends
    ranks = np.empty(len(values))
    ranks[order] = mean_rank[inverse]
    return ranks


def classification_metrics(y_true, scores, threshold=0.5):
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or s.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must be 1-D arrays of the same length")
    if y.size == 0:
        raise ValueError("inputs are empty")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y_true must contain only 0 and 1")
    pos = y == 1
    n_pos = int(pos.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("y_true must contain both classes")

    pred = s >= threshold
    tp = int(np.sum(pred & pos))
    fp = int(np.sum(pred & ~pos))
    fn = n_pos - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_pos
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    ranks = _average_ranks(pred.astype(float))
    auc = (ranks[pos].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1), "roc_auc": float(auc)}
