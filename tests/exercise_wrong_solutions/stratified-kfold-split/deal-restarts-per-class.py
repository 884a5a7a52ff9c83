# restarts the round-robin deal at fold 0 for every class: classes are balanced but the remainders pile into the first folds
import numpy as np


def stratified_kfold(y, k, seed=0):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("y must be 1-D")
    n = y.shape[0]
    if not isinstance(k, (int, np.integer)) or k < 2 or k > n:
        raise ValueError("k must be an integer with 2 <= k <= n")
    rng = np.random.default_rng(seed)
    _, codes = np.unique(y, return_inverse=True)
    dealt = []
    for c in range(codes.max() + 1):
        members = np.flatnonzero(codes == c)
        rng.shuffle(members)
        dealt.append(members)
    fold_of = np.empty(n, dtype=int)
    for members in dealt:
        fold_of[members] = np.arange(len(members)) % k
    folds = []
    for f in range(k):
        in_test = fold_of == f
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
    return folds
