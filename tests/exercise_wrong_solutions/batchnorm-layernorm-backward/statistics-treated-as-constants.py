# treats the mean and variance as constants in the backward pass: dx = dout * gamma / std
import numpy as np


def _forward(x, gamma, beta, eps, axis):
    x = np.asarray(x, dtype=float)
    gamma = np.asarray(gamma, dtype=float)
    beta = np.asarray(beta, dtype=float)
    if x.ndim != 2 or gamma.shape != (x.shape[1],) or beta.shape != (x.shape[1],):
        raise ValueError("x must be (N, D) and gamma, beta (D,)")
    mu = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True)          # biased variance
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, inv_std, gamma, axis)


def _backward(dout, cache):
    x_hat, inv_std, gamma, axis = cache
    dout = np.asarray(dout, dtype=float)
    dgamma = np.sum(dout * x_hat, axis=0)
    dbeta = np.sum(dout, axis=0)
    g = dout * gamma
    m = x_hat.shape[axis]
    dx = g * inv_std
    return dx, dgamma, dbeta


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    return _forward(x, gamma, beta, eps, axis=0)


def batchnorm_backward(dout, cache):
    return _backward(dout, cache)


def layernorm_forward(x, gamma, beta, eps=1e-5):
    return _forward(x, gamma, beta, eps, axis=1)


def layernorm_backward(dout, cache):
    return _backward(dout, cache)
