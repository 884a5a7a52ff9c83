# exponentiates the raw logits: overflows to inf/inf = NaN on large logits
import numpy as np


def softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    if logits.ndim != 2 or logits.shape[0] == 0 or labels.shape != (logits.shape[0],):
        raise ValueError("bad shapes")
    if labels.min() < 0 or labels.max() >= logits.shape[1]:
        raise ValueError("bad labels")
    n = logits.shape[0]
    p = softmax(logits)
    loss = float(-np.log(p[np.arange(n), labels]).mean())
    grad = p.copy()
    grad[np.arange(n), labels] -= 1.0
    return loss, grad / n
