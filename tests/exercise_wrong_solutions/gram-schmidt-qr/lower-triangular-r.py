# returns R transposed (lower-triangular), so Q @ R no longer reproduces A
import numpy as np


def qr_mgs(A, tol=1e-12):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    m, n = A.shape
    if m < n:
        raise ValueError("need m >= n")
    scale = np.linalg.norm(A)
    V = A.copy()
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        norm = np.linalg.norm(V[:, j])
        if norm <= tol * scale or norm == 0.0:
            raise ValueError("the columns of A are linearly dependent")
        R[j, j] = norm
        Q[:, j] = V[:, j] / norm
        for k in range(j + 1, n):       # remove q_j from every later column right away
            R[j, k] = Q[:, j] @ V[:, k]
            V[:, k] -= R[j, k] * Q[:, j]
    return Q, R.T


def lstsq_qr(A, b):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    Q, R = qr_mgs(A)
    if b.shape != (A.shape[0],):
        raise ValueError("b must have one entry per row of A")
    c = Q.T @ b
    n = R.shape[0]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (c[i] - R[i, i + 1:] @ x[i + 1:]) / R[i, i]
    return x
