# reports only the TPR gap as the equalized odds difference, ignoring false positive rates
import numpy as np


def fairness_report(y_true, y_pred, group):
    y = np.asarray(y_true)
    p = np.asarray(y_pred)
    g = np.asarray(group)
    if y.ndim != 1 or y.size == 0 or p.shape != y.shape or g.shape != y.shape:
        raise ValueError("y_true, y_pred and group must be 1-D arrays of the same non-zero length")
    if not (np.all((y == 0) | (y == 1)) and np.all((p == 0) | (p == 1))):
        raise ValueError("labels and predictions must be 0 or 1")
    groups, codes = np.unique(g, return_inverse=True)
    if len(groups) < 2:
        raise ValueError("at least two groups are needed")
    sel, tpr, fpr = [], [], []
    for k in range(len(groups)):
        m = codes == k
        pos, neg = m & (y == 1), m & (y == 0)
        if not pos.any() or not neg.any():
            raise ValueError(f"group {groups[k]!r} has no positive or no negative example")
        sel.append(p[m].mean())
        tpr.append(p[pos].mean())
        fpr.append(p[neg].mean())
    sel, tpr, fpr = (np.array(v, dtype=float) for v in (sel, tpr, fpr))
    tpr_gap = float(tpr.max() - tpr.min())
    fpr_gap = float(fpr.max() - fpr.min())
    return {
        "groups": groups,
        "selection_rate": sel,
        "tpr": tpr,
        "fpr": fpr,
        "demographic_parity_diff": float(sel.max() - sel.min()),
        "equal_opportunity_diff": tpr_gap,
        "equalized_odds_diff": tpr_gap,
        "disparate_impact_ratio": float(sel.min() / sel.max()) if sel.max() > 0 else 1.0,
    }
