# merges every position where the pair starts, so overlapping occurrences are merged twice (aaa -> aa aa)
from collections import Counter


def _symbols(word):
    if not isinstance(word, str) or word == "" or " " in word:
        raise ValueError("words must be non-empty strings without spaces")
    return list(word) + ["</w>"]


def _merge(symbols, pair):
    out = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == pair[0] and symbols[i + 1] == pair[1]:
            out.append(pair[0] + pair[1])
            i += 1
            if i + 1 >= len(symbols) or not (symbols[i] == pair[0] and symbols[i + 1] == pair[1]):
                i += 1
        else:
            out.append(symbols[i])
            i += 1
    return out


def learn_bpe(word_counts, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges must be >= 0")
    corpus = []
    for word, count in word_counts.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError("counts must be positive integers")
        corpus.append((_symbols(word), count))
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in corpus:
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        corpus = [(_merge(symbols, best), count) for symbols, count in corpus]
    return merges


def apply_bpe(word, merges):
    symbols = _symbols(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return symbols
