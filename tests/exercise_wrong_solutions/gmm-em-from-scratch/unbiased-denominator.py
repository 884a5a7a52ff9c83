# divides the weighted covariance by N_c - 1 instead of N_c
import numpy as np


def _log_joint(X, weights, means, covs):
    n, d = X.shape
    out = np.empty((n, len(weights)))
    for c in range(len(weights)):
        L = np.linalg.cholesky(covs[c])
        z = np.linalg.solve(L, (X - means[c]).T)
        log_det = 2.0 * np.sum(np.log(np.diag(L)))
        out[:, c] = np.log(weights[c]) - 0.5 * (d * np.log(2 * np.pi) + log_det + np.sum(z ** 2, axis=0))
    return out


def _logsumexp_rows(a):
    top = a.max(axis=1, keepdims=True)
    return (top + np.log(np.exp(a - top).sum(axis=1, keepdims=True))).ravel()


def gmm_em(X, k, n_iter=200, tol=1e-8, reg_covar=1e-6, seed=0):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n, d = X.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError("k must be an integer in 1..n")
    rng = np.random.default_rng(seed)
    eye = np.eye(d)
    means = X[rng.choice(n, k, replace=False)].copy()
    centred = X - X.mean(axis=0)
    covs = np.repeat((centred.T @ centred / n + reg_covar * eye)[None], k, axis=0)
    weights = np.full(k, 1.0 / k)
    history = []
    for _ in range(int(n_iter)):
        joint = _log_joint(X, weights, means, covs)
        ll_rows = _logsumexp_rows(joint)
        history.append(float(ll_rows.sum()))
        if len(history) > 1 and history[-1] - history[-2] < tol:
            break
        resp = np.exp(joint - ll_rows[:, None])
        nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
        weights = nk / n
        means = resp.T @ X / nk[:, None]
        for c in range(k):
            diff = X - means[c]
            covs[c] = (resp[:, c, None] * diff).T @ diff / (nk[c] - 1) + reg_covar * eye
    joint = _log_joint(X, weights, means, covs)
    ll_rows = _logsumexp_rows(joint)
    return {"weights": weights, "means": means, "covariances": covs,
            "responsibilities": np.exp(joint - ll_rows[:, None]),
            "log_likelihood": float(ll_rows.sum()), "history": history}
