# keeps shrinking the step from the previous iteration instead of restarting at alpha0
import numpy as np


def gd_backtracking(f, grad, x0, alpha0=1.0, beta=0.5, c=1e-4, tol=1e-8, max_iter=1000):
    if alpha0 <= 0 or not 0 < beta < 1 or not 0 < c < 1 or max_iter < 0:
        raise ValueError("need alpha0 > 0, 0 < beta < 1, 0 < c < 1 and max_iter >= 0")
    x = np.array(x0, dtype=float)
    path = [x.copy()]
    steps = []
    converged = False
    t = alpha0
    for _ in range(int(max_iter) + 1):
        g = np.asarray(grad(x), dtype=float)
        gg = float(np.sum(g * g))
        if np.sqrt(gg) <= tol:
            converged = True
            break
        if len(steps) == max_iter:
            break
        fx = f(x)
        while f(x - t * g) > fx - c * t * gg:
            t *= beta
        x = x - t * g
        path.append(x.copy())
        steps.append(t)
    return {"x": x, "path": np.array(path), "steps": steps, "converged": converged}
