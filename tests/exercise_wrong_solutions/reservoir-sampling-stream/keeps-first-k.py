# returns the first k items of the stream: not random at all
import numpy as np


def reservoir_sample(stream, k, rng):
    if k < 0:
        raise ValueError("k must be >= 0")
    reservoir = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            break
    return reservoir
