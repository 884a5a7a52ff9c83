# pads only the bottom and right edges, shifting every window by p pixels
import numpy as np


def _out_size(n, k, s):
    out = (n - k) // s + 1
    if n < k or out < 1:
        raise ValueError("the output would be empty")
    return out


def conv2d(x, w, b=None, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.ndim != 4 or w.ndim != 4:
        raise ValueError("x must be (N, C, H, W) and w (C_out, C_in, kh, kw)")
    if x.shape[1] != w.shape[1]:
        raise ValueError("x and w disagree on the number of input channels")
    if stride < 1 or padding < 0:
        raise ValueError("need stride >= 1 and padding >= 0")
    c_out, _, kh, kw = w.shape
    if b is not None:
        b = np.asarray(b, dtype=float)
        if b.shape != (c_out,):
            raise ValueError("b must have shape (C_out,)")
    p, s = padding, stride
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * p), (0, 2 * p)))
    h_out = _out_size(xp.shape[2], kh, s)
    w_out = _out_size(xp.shape[3], kw, s)
    out = np.zeros((x.shape[0], c_out, h_out, w_out))
    for u in range(kh):
        for v in range(kw):
            patch = xp[:, :, u:u + s * (h_out - 1) + 1:s, v:v + s * (w_out - 1) + 1:s]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, u, v])
    if b is not None:
        out += b[None, :, None, None]
    return out


def max_pool2d(x, size, stride=None):
    x = np.asarray(x, dtype=float)
    if x.ndim != 4:
        raise ValueError("x must be (N, C, H, W)")
    stride = size if stride is None else stride
    if size < 1 or stride < 1:
        raise ValueError("need size >= 1 and stride >= 1")
    h_out = _out_size(x.shape[2], size, stride)
    w_out = _out_size(x.shape[3], size, stride)
    out = np.full((x.shape[0], x.shape[1], h_out, w_out), -np.inf)
    for u in range(size):
        for v in range(size):
            window = x[:, :, u:u + stride * (h_out - 1) + 1:stride, v:v + stride * (w_out - 1) + 1:stride]
            out = np.maximum(out, window)
    return out
