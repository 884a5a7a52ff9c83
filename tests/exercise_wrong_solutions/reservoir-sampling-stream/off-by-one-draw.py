# draws j from 0..i-1 instead of 0..i, so item i is kept with probability k/i and late items are over-represented
import numpy as np


def reservoir_sample(stream, k, rng):
    if k < 0:
        raise ValueError("k must be >= 0")
    reservoir = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            j = int(rng.integers(0, i))
            if j < k:
                reservoir[j] = item
    return reservoir
