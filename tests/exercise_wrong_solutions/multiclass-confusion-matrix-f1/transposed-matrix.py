# puts predicted classes in the rows and true classes in the columns
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    if t.ndim != 1 or p.shape != t.shape or t.size == 0:
        raise ValueError("y_true and y_pred must be non-empty 1-D arrays of the same length")
    labels = np.unique(np.concatenate([t, p])) if labels is None else np.asarray(labels)
    index = {label: i for i, label in enumerate(labels.tolist())}
    C = len(labels)
    cm = np.zeros((C, C), dtype=int)
    for a, b in zip(t.tolist(), p.tolist()):
        if a in index and b in index:
            cm[index[b], index[a]] += 1
    return cm, labels


def _safe_div(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros_like(a), where=b > 0)


def f1_scores(y_true, y_pred):
    cm, _ = confusion_matrix(y_true, y_pred)
    tp = np.diag(cm).astype(float)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    per_class = _safe_div(2 * tp, 2 * tp + fp + fn)
    support = cm.sum(axis=1)
    micro = float(_safe_div(2 * tp.sum(), 2 * tp.sum() + fp.sum() + fn.sum()))
    return {"per_class": per_class, "macro": float(per_class.mean()),
            "weighted": float(np.sum(per_class * support) / support.sum()), "micro": micro}
