# accepts when u <= target_pdf(x), ignoring the envelope M
import numpy as np


def exponential_inverse_cdf(u, rate):
    u = np.asarray(u, dtype=float)
    if rate <= 0:
        raise ValueError("rate must be > 0")
    if np.any((u < 0) | (u >= 1)):
        raise ValueError("u must lie in [0, 1)")
    return -np.log1p(-u) / rate


def rejection_sample(target_pdf, n, bound, rng):
    if n < 0 or bound <= 0:
        raise ValueError("need n >= 0 and bound > 0")
    accepted = []
    count, proposals = 0, 0
    while count < n:
        size = max(16, int(1.5 * (n - count)))
        x = rng.random(size)
        u = rng.random(size)
        fx = np.asarray(target_pdf(x), dtype=float)
        if np.any(fx > bound):
            raise ValueError("target_pdf exceeds the bound: samples would be biased")
        keep = u <= fx
        accepted.append(x[keep])
        proposals += size
        count += int(keep.sum())
    samples = np.concatenate(accepted)[:n] if accepted else np.empty(0)
    return samples, (count / proposals if proposals else 0.0)
