# runs the back substitution from the top row down
import numpy as np


def lu_decompose(A, tol=1e-12):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise ValueError("A must be a non-empty square matrix")
    n = A.shape[0]
    U = A.copy()
    L = np.eye(n)
    perm = np.arange(n)
    scale = np.max(np.abs(A))
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if abs(U[p, k]) <= tol * scale or scale == 0.0:
            raise ValueError("the matrix is singular to working precision")
        if p != k:
            U[[k, p]] = U[[p, k]]
            L[[k, p], :k] = L[[p, k], :k]
            perm[[k, p]] = perm[[p, k]]
        multipliers = U[k + 1:, k] / U[k, k]
        L[k + 1:, k] = multipliers
        U[k + 1:, k:] -= np.outer(multipliers, U[k, k:])
    return perm, L, np.triu(U)


def lu_solve(A, b):
    perm, L, U = lu_decompose(A)
    b = np.asarray(b, dtype=float)
    n = L.shape[0]
    if b.shape != (n,):
        raise ValueError("b must have shape (n,)")
    y = b[perm].copy()
    for i in range(n):
        y[i] -= L[i, :i] @ y[:i]
    x = np.zeros(n)
    for i in range(n):
        x[i] = (y[i] - U[i, :i] @ x[:i]) / U[i, i]
    return x
