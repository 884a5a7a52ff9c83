# uses idf = ln(N / df), so a word present in every document gets weight 0
import numpy as np


def tfidf_matrix(docs):
    if len(docs) == 0:
        raise ValueError("docs must not be empty")
    vocab = sorted({tok for doc in docs for tok in doc})
    column = {tok: j for j, tok in enumerate(vocab)}
    counts = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(docs):
        for tok in doc:
            counts[i, column[tok]] += 1
    n = len(docs)
    df = (counts > 0).sum(axis=0)
    idf = np.log(n / df)
    X = counts * idf
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    X = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
    return X, vocab


def cosine_similarity(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same number of columns")
    na = np.linalg.norm(A, axis=1)
    nb = np.linalg.norm(B, axis=1)
    denom = np.outer(na, nb)
    return np.divide(A @ B.T, denom, out=np.zeros(denom.shape), where=denom > 0)
