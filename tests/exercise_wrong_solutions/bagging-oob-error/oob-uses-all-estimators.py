# averages every estimator for the out-of-bag prediction, including those trained on the row
import numpy as np


def fit_bagging(X, y, fit, predict, n_estimators=50, max_features=None, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a 2-D array with at least one row")
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError("y must have one value per row of X")
    if n_estimators < 1:
        raise ValueError("n_estimators must be >= 1")
    if max_features is not None and not 1 <= max_features <= d:
        raise ValueError("max_features must be in 1..d")
    rng = np.random.default_rng(seed)
    models, features = [], []
    oob_sum = np.zeros(n)
    oob_count = np.zeros(n, dtype=int)
    for _ in range(int(n_estimators)):
        idx = rng.integers(0, n, size=n)
        if max_features is None:
            feats = np.arange(d)
        else:
            feats = np.sort(rng.choice(d, size=max_features, replace=False))
        model = fit(X[idx][:, feats], y[idx])
        models.append(model)
        features.append(feats)
        out = np.ones(n, dtype=bool)
        if out.any():
            oob_sum[out] += np.asarray(predict(model, X[out][:, feats]), dtype=float)
            oob_count[out] += 1
    has = oob_count > 0
    oob_pred = np.full(n, np.nan)
    oob_pred[has] = oob_sum[has] / oob_count[has]
    oob_mse = float(np.mean((oob_pred[has] - y[has]) ** 2)) if has.any() else float("nan")
    return {"models": models, "features": features, "oob_prediction": oob_pred, "oob_mse": oob_mse}


def predict_bagging(ensemble, predict, X):
    X = np.asarray(X, dtype=float)
    preds = [np.asarray(predict(m, X[:, f]), dtype=float) for m, f in zip(ensemble["models"], ensemble["features"])]
    return np.mean(preds, axis=0)
