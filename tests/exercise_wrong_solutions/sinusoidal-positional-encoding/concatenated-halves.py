# puts all sines in the first half and all cosines in the second half instead of interleaving them
import numpy as np


def positional_encoding(seq_len, d_model, base=10000.0):
    if not isinstance(d_model, (int, np.integer)) or d_model <= 0 or d_model % 2:
        raise ValueError("d_model must be a positive even integer")
    if seq_len < 0 or base <= 1:
        raise ValueError("need seq_len >= 0 and base > 1")
    positions = np.arange(seq_len, dtype=float)[:, None]
    freqs = base ** (-np.arange(0, d_model, 2, dtype=float) / d_model)
    angles = positions * freqs[None, :]
    pe = np.empty((seq_len, d_model))
    pe[:, : d_model // 2] = np.sin(angles)
    pe[:, d_model // 2:] = np.cos(angles)
    return pe
