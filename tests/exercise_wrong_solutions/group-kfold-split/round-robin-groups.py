# deals groups to folds in turn without looking at the fold sizes
import numpy as np


def group_kfold(groups, k):
    groups = np.asarray(groups)
    if groups.ndim != 1:
        raise ValueError("groups must be 1-D")
    labels, codes, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    if not isinstance(k, (int, np.integer)) or k < 2 or len(labels) < k:
        raise ValueError("need k >= 2 and at least k distinct groups")
    order = np.lexsort((np.arange(len(labels)), -sizes))   # largest first; labels are sorted, so ties by label
    fold_rows = np.zeros(k, dtype=int)
    fold_of_group = np.empty(len(labels), dtype=int)
    for i, g in enumerate(order):
        f = i % k
        fold_of_group[g] = f
        fold_rows[f] += sizes[g]
    fold_of_row = fold_of_group[codes]
    return [(np.flatnonzero(fold_of_row != f), np.flatnonzero(fold_of_row == f)) for f in range(k)]
