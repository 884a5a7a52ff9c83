# stops when the eigenvalue estimate stops changing, without checking that v is an eigenvector
import numpy as np


def _fix_sign(v):
    return v if v[np.argmax(np.abs(v))] >= 0 else -v


def power_iteration(A, n_iter=1000, tol=1e-10, seed=0):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] == 0 or A.shape[0] != A.shape[1]:
        raise ValueError("A must be a non-empty square matrix")
    rng = np.random.default_rng(seed)
    v = rng.normal(size=A.shape[0])
    v /= np.linalg.norm(v)
    prev = None
    for _ in range(int(n_iter)):
        w = A @ v
        norm = np.linalg.norm(w)
        if norm == 0.0:
            return 0.0, _fix_sign(v)
        v = w / norm
        Av = A @ v
        lam = float(v @ Av)
        if prev is not None and abs(lam - prev) <= tol * max(1.0, abs(lam)):
            return lam, _fix_sign(v)
        prev = lam
    raise RuntimeError(f"power iteration did not converge in {n_iter} iterations")
