# averages reciprocal ranks only over queries that have a relevant result
import numpy as np


def _labels(relevances):
    rel = np.asarray(relevances, dtype=float)
    if rel.ndim != 1:
        raise ValueError("relevances must be 1-D")
    if np.any(rel < 0):
        raise ValueError("relevance labels must be non-negative")
    return rel


def _check_k(k):
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError("k must be an integer >= 1")


def dcg_at_k(relevances, k):
    _check_k(k)
    rel = _labels(relevances)[:k]
    discounts = np.log2(np.arange(2, rel.size + 2))
    return float(np.sum((2.0 ** rel - 1.0) / discounts))


def ndcg_at_k(relevances, k):
    _check_k(k)
    rel = _labels(relevances)
    ideal = dcg_at_k(np.sort(rel)[::-1], k)
    return dcg_at_k(rel, k) / ideal if ideal > 0 else 0.0


def mean_reciprocal_rank(rankings):
    if len(rankings) == 0:
        raise ValueError("rankings must not be empty")
    rrs = []
    for relevances in rankings:
        hits = np.flatnonzero(_labels(relevances) > 0)
        if hits.size:
            rrs.append(1.0 / (hits[0] + 1))
    return float(np.mean(rrs)) if rrs else 0.0
