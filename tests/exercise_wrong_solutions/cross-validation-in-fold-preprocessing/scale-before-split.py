# standardises the whole data set once before splitting into folds
import numpy as np


def cross_validate(X, y, fit, predict, score, k=5, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n = X.shape[0]
    if y.shape[:1] != (n,):
        raise ValueError("y must have one entry per row of X")
    if not isinstance(k, (int, np.integer)) or not 2 <= k <= n:
        raise ValueError("k must be an integer in 2..n")
    rng = np.random.default_rng(seed)
    folds = np.array_split(rng.permutation(n), k)
    scores = np.empty(k)
    for f, test in enumerate(folds):
        train = np.ones(n, dtype=bool)
        train[test] = False
        mu = X.mean(axis=0)
        sd = X.std(axis=0)
        sd = np.where(sd > 0, sd, 1.0)
        model = fit((X[train] - mu) / sd, y[train])
        scores[f] = score(y[test], predict(model, (X[test] - mu) / sd))
    return scores
