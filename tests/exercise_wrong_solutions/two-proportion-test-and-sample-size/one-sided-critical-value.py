# uses z_(1 - alpha) instead of z_(1 - alpha/2) in the sample size of a two-sided test
import math
from statistics import NormalDist

import numpy as np

_N = NormalDist()


def _count(x, n):
    if int(n) != n or int(x) != x or n < 1 or not 0 <= x <= n:
        raise ValueError("counts must be integers with 0 <= successes <= n and n >= 1")


def two_proportion_ztest(successes_a, n_a, successes_b, n_b, alternative="two-sided"):
    _count(successes_a, n_a)
    _count(successes_b, n_b)
    if alternative not in ("two-sided", "larger", "smaller"):
        raise ValueError("alternative must be 'two-sided', 'larger' or 'smaller'")
    pooled = (successes_a + successes_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        raise ValueError("pooled rate is 0 or 1: the z statistic is undefined")
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (successes_b / n_b - successes_a / n_a) / se
    if alternative == "two-sided":
        p = 2 * _N.cdf(-abs(z))
    elif alternative == "larger":
        p = _N.cdf(-z)
    else:
        p = _N.cdf(z)
    return float(z), float(p)


def sample_size_per_group(p_a, p_b, alpha=0.05, power=0.8):
    for name, v in (("p_a", p_a), ("p_b", p_b), ("alpha", alpha), ("power", power)):
        if not 0 < v < 1:
            raise ValueError(f"{name} must lie strictly between 0 and 1")
    if p_a == p_b:
        raise ValueError("p_a and p_b must differ")
    p_bar = (p_a + p_b) / 2
    z_alpha = _N.inv_cdf(1 - alpha)
    z_power = _N.inv_cdf(power)
    root = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_power * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))
    return int(math.ceil(root ** 2 / (p_b - p_a) ** 2))
