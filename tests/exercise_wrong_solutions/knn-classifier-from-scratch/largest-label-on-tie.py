# breaks vote ties towards the largest label (argmax over reversed codes)
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0:
        raise ValueError("X_train and X_test must be 2-D, X_train non-empty")
    n, d = X_train.shape
    if X_test.shape[1] != d:
        raise ValueError("X_train and X_test must have the same number of features")
    if y_train.shape != (n,):
        raise ValueError("y_train must have one label per training row")
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError("k must be an integer in 1..n")
    labels, codes = np.unique(y_train, return_inverse=True)
    diff = X_test[:, None, :] - X_train[None, :, :]
    dist = np.einsum("mnd,mnd->mn", diff, diff)          # squared distances, exact
    neighbours = np.argsort(dist, axis=1, kind="stable")[:, :k]
    votes = np.zeros((X_test.shape[0], len(labels)), dtype=int)
    np.add.at(votes, (np.arange(X_test.shape[0])[:, None], codes[neighbours]), 1)
    return labels[len(labels) - 1 - votes[:, ::-1].argmax(axis=1)].astype(int)
