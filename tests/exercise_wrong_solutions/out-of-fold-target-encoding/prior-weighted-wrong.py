# adds the pseudo-count m instead of m times the prior to the category sum
import numpy as np


def _encoder(codes, y, n_codes, m):
    prior = float(y.mean())
    sums = np.bincount(codes, weights=y, minlength=n_codes)
    counts = np.bincount(codes, minlength=n_codes)
    denom = counts + m
    return np.where(denom > 0, (sums + m) / np.where(denom > 0, denom, 1.0), prior)


def target_encode(train_cats, train_y, test_cats, smoothing=10.0, n_folds=5, seed=0):
    train_cats = np.asarray(train_cats)
    test_cats = np.asarray(test_cats)
    y = np.asarray(train_y, dtype=float)
    if train_cats.ndim != 1 or test_cats.ndim != 1 or y.shape != train_cats.shape:
        raise ValueError("train_cats, train_y and test_cats must be 1-D; train arrays of equal length")
    n = y.size
    if smoothing < 0:
        raise ValueError("smoothing must be >= 0")
    if not isinstance(n_folds, (int, np.integer)) or not 2 <= n_folds <= n:
        raise ValueError("n_folds must be an integer in 2..n")
    labels, codes = np.unique(np.concatenate([train_cats, test_cats]), return_inverse=True)
    train_codes, test_codes = codes[:n], codes[n:]
    K = labels.size
    test_enc = _encoder(train_codes, y, K, smoothing)[test_codes]
    train_enc = np.empty(n)
    rng = np.random.default_rng(seed)
    for fold in np.array_split(rng.permutation(n), n_folds):
        fit = np.ones(n, dtype=bool)
        fit[fold] = False
        train_enc[fold] = _encoder(train_codes[fit], y[fit], K, smoothing)[train_codes[fold]]
    return train_enc, test_enc
