# keeps the best beam_width children of each hypothesis instead of pruning over all candidates
import numpy as np


def beam_search(next_logprobs, bos, eos, beam_width, max_len, alpha=0.0):
    if beam_width < 1 or max_len < 1 or alpha < 0:
        raise ValueError("need beam_width >= 1, max_len >= 1 and alpha >= 0")
    live = [((bos,), 0.0)]
    finished = []
    for _ in range(int(max_len)):
        candidates = []
        for prefix, score in live:
            logp = np.asarray(next_logprobs(prefix), dtype=float)
            for token, lp in enumerate(logp):
                candidates.append((prefix + (token,), score + float(lp)))
        per_parent = {}
        for c in candidates:
            per_parent.setdefault(c[0][:-1], []).append(c)
        kept = []
        for group in per_parent.values():
            kept += sorted(group, key=lambda c: (-c[1], c[0]))[:beam_width]
        live = []
        for prefix, score in kept:
            if prefix[-1] == eos:
                finished.append((prefix[1:], score))
            else:
                live.append((prefix, score))
        if not live:
            break
    finished.extend((prefix[1:], score) for prefix, score in live)
    finished.sort(key=lambda f: (-f[1] / len(f[0]) ** alpha, f[0]))
    return finished
