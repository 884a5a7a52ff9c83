# fills missing values with 0 before standardising instead of with the training mean
import numpy as np


def _check(X_num, X_cat):
    X_num = np.asarray(X_num, dtype=float)
    X_cat = np.asarray(X_cat)
    if X_num.ndim != 2 or X_cat.ndim != 2 or X_num.shape[0] != X_cat.shape[0]:
        raise ValueError("X_num and X_cat must be 2-D with the same number of rows")
    return X_num, X_cat


def fit_preprocessor(X_num, X_cat):
    X_num, X_cat = _check(X_num, X_cat)
    if np.any(np.all(np.isnan(X_num), axis=0)):
        raise ValueError("a numeric column has no observed value")
    mean = np.nanmean(X_num, axis=0)
    std = np.nanstd(X_num, axis=0)
    std = np.where(std > 0, std, 1.0)
    vocab = [np.unique(X_cat[:, j]) for j in range(X_cat.shape[1])]
    return {"mean": mean, "std": std, "vocab": vocab}


def transform(params, X_num, X_cat):
    X_num, X_cat = _check(X_num, X_cat)
    if X_num.shape[1] != params["mean"].size or X_cat.shape[1] != len(params["vocab"]):
        raise ValueError("column counts differ from the fitted data")
    filled = np.where(np.isnan(X_num), 0.0, X_num)
    blocks = [(filled - params["mean"]) / params["std"]]
    for j, vocab in enumerate(params["vocab"]):
        blocks.append((X_cat[:, j][:, None] == vocab[None, :]).astype(float))
    return np.hstack(blocks)
