# expands clusters from border points too, so clusters chain across sparse bridges
from collections import deque

import numpy as np


def dbscan(X, eps, min_samples):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if eps <= 0 or min_samples < 1:
        raise ValueError("need eps > 0 and min_samples >= 1")
    n = X.shape[0]
    diff = X[:, None, :] - X[None, :, :]
    dist = np.sqrt(np.einsum("ijd,ijd->ij", diff, diff))
    neighbours = [np.flatnonzero(dist[i] <= eps) for i in range(n)]
    core = np.array([len(nb) >= min_samples for nb in neighbours], dtype=bool)
    labels = np.full(n, -1, dtype=int)
    cluster = -1
    for i in range(n):
        if labels[i] != -1 or not core[i]:
            continue
        cluster += 1
        labels[i] = cluster
        queue = deque([i])
        while queue:
            p = queue.popleft()
            for q in neighbours[p]:
                if labels[q] == -1:
                    labels[q] = cluster
                    queue.append(q)
    return labels
