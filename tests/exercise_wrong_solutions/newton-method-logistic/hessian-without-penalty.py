# leaves the penalty out of the Hessian, so steps overshoot the regularised optimum
import numpy as np


def _objective(Xt, y, theta, l2):
    z = Xt @ theta
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.sum(theta[:-1] ** 2))


def newton_logistic(X, y, l2=1e-3, tol=1e-10, max_iter=50):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0 or y.shape != (X.shape[0],):
        raise ValueError("X must be (n, d) and y (n,)")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must contain only 0 and 1")
    if l2 <= 0 or max_iter < 0:
        raise ValueError("need l2 > 0 and max_iter >= 0")
    n, d = X.shape
    Xt = np.hstack([X, np.ones((n, 1))])
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0                      # the intercept is not penalised
    theta = np.zeros(d + 1)
    grad_norms = []
    converged = False
    for it in range(int(max_iter) + 1):
        z = Xt @ theta
        p = 0.5 * (1.0 + np.tanh(0.5 * z))  # a sigmoid that cannot overflow
        g = Xt.T @ (p - y) / n + penalty * theta
        grad_norms.append(float(np.max(np.abs(g))))
        if grad_norms[-1] <= tol:
            converged = True
            break
        if it == max_iter:
            break
        s = p * (1.0 - p)
        H = (Xt * s[:, None]).T @ Xt / n + 1e-12 * np.eye(d + 1)
        step = np.linalg.solve(H, g)
        current = _objective(Xt, y, theta, l2)
        t = 1.0
        for _ in range(30):
            if _objective(Xt, y, theta - t * step, l2) <= current:
                break
            t *= 0.5
        theta = theta - t * step
    return {"w": theta[:-1], "b": float(theta[-1]), "grad_norms": grad_norms, "converged": converged}
