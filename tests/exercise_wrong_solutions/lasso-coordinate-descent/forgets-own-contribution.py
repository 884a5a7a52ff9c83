# forms rho from the residual without adding back the coordinate's own contribution z_j * w_j
import numpy as np


def lasso_cd(X, y, alpha, max_iter=1000, tol=1e-10):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a 2-D array with at least one row")
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError("y must have one value per row of X")
    if alpha < 0 or max_iter < 1:
        raise ValueError("need alpha >= 0 and max_iter >= 1")
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    r = y - y_mean                      # residual of w = 0
    z = np.sum(Xc ** 2, axis=0)
    w = np.zeros(d)
    threshold = n * alpha
    for _ in range(int(max_iter)):
        biggest = 0.0
        for j in range(d):
            if z[j] <= 1e-14 * n:
                continue                # constant column: stays 0
            rho = Xc[:, j] @ r
            new = np.sign(rho) * max(abs(rho) - threshold, 0.0) / z[j]
            delta = new - w[j]
            if delta != 0.0:
                r -= delta * Xc[:, j]
                w[j] = new
                biggest = max(biggest, abs(delta))
        if biggest <= tol:
            break
    return w, float(y_mean - x_mean @ w)
