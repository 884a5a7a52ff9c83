# keeps item i with probability k/(i+1) but always overwrites the last slot, so the first k-1 items are never evicted
import numpy as np


def reservoir_sample(stream, k, rng):
    if k < 0:
        raise ValueError("k must be >= 0")
    reservoir = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            if rng.random() < k / (i + 1):
                reservoir[-1] = item
    return reservoir
