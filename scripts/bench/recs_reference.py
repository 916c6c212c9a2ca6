# NumPy/SciPy reference recommenders for bench:recs only (Debian's python3-numpy and python3-scipy; never
# a dependency of the app). Reads a job as JSON on stdin: the train and test files the benchmark wrote
# (tab-separated dense `user item weight time`), so both sides see the identical split. X is binary.
#   popularity  score_j = distinct training users of j
#   item-knn    S_ij = x_i.x_j / (|x_i| |x_j|), S_jj = 0; each target item j keeps its top-k S_ij over i
#               (ties to the lower i); score = X S
#   user-knn    s_uv = cosine of user rows, s_uu = 0; each user keeps its top-k other users; score = S X
#   ease        G = X'X + lambda I, P = G^-1, B_ij = -P_ij / P_jj, B_jj = 0; score = X B
# Training items are excluded; top-k ties go to the lower item index, as in lib/ml/recs/top-n.ts. Metrics
# follow lib/ml/recs/eval/metrics.ts exactly. Prints one JSON object: per algorithm, its metrics, the
# seconds of fit + scoring + top-k (not file reading or metrics) and the lists themselves.
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def read_pairs(path):
    a = np.loadtxt(path, dtype=np.float64, delimiter="\t", ndmin=2)
    return a[:, 0].astype(np.int64), a[:, 1].astype(np.int64)


def keep_top(S, k, axis):
    """Zeroes all but the k largest entries along `axis` (ties to the lower index), exactly."""
    if S.shape[axis] <= k:
        return S
    kth = np.take(-np.partition(-S, k - 1, axis=axis), [k - 1], axis=axis)
    above = S > kth
    tied = S == kth
    need = k - above.sum(axis=axis, keepdims=True)
    keep = above | (tied & (np.cumsum(tied, axis=axis) <= need))
    return np.where(keep, S, 0.0)


def cosine(gram):
    n = np.sqrt(np.diag(gram))
    inv = np.divide(1.0, n, out=np.zeros_like(n), where=n > 0)
    S = gram * inv[:, None] * inv[None, :]
    np.fill_diagonal(S, 0.0)
    return S


def fit_score(name, X, users, job):
    """Dense scores for the evaluated users: users x items."""
    if name == "popularity":
        counts = np.asarray(X.getnnz(axis=0), dtype=np.float64)
        return np.broadcast_to(counts, (len(users), X.shape[1])).copy()
    if name == "item-knn":
        S = keep_top(cosine((X.T @ X).toarray()), job["item_neighbours"], axis=0)
        return np.asarray(X[users] @ S)
    if name == "user-knn":
        S = keep_top(cosine((X @ X.T).toarray()), job["user_neighbours"], axis=1)
        return np.asarray((X.T @ S[users].T).T)
    if name == "ease":
        G = (X.T @ X).toarray()
        G[np.diag_indices_from(G)] += job["lambda"]
        P = np.linalg.inv(G)
        B = -P / np.diag(P)[None, :]
        np.fill_diagonal(B, 0.0)
        return np.asarray(X[users] @ B)
    raise ValueError(f"unknown algorithm {name}")


def top_k(scores, k):
    """Per row, the k best items (ties to the lower index), best first; -inf never returned."""
    k = min(k, scores.shape[1])
    keep = keep_top_mask(scores, k)
    rows, cols = np.nonzero(keep)
    cols = cols.reshape(len(scores), k)
    vals = np.take_along_axis(scores, cols, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    cols = np.take_along_axis(cols, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    return [c[v > -np.inf].tolist() for c, v in zip(cols, vals)]


def keep_top_mask(S, k):
    kth = -np.partition(-S, k - 1, axis=1)[:, k - 1 : k]
    above = S > kth
    tied = S == kth
    return above | (tied & (np.cumsum(tied, axis=1) <= k - above.sum(axis=1, keepdims=True)))


def metrics(lists, relevant, k, popularity):
    logs = 1.0 / np.log2(np.arange(2, k + 2))
    p = r = nd = ap = hit = 0.0
    for ranked, rel in zip(lists, relevant):
        hits = [i in rel for i in ranked[:k]]
        h = sum(hits)
        ideal = min(k, len(rel))
        p += h / k
        r += h / len(rel)
        nd += sum(logs[i] for i, x in enumerate(hits) if x) / logs[:ideal].sum()
        ap += sum(sum(hits[: i + 1]) / (i + 1) for i, x in enumerate(hits) if x) / ideal
        hit += h > 0
    n = len(lists)
    recommended = {i for ranked in lists for i in ranked[:k]}
    return {"precision": p / n, "recall": r / n, "ndcg": nd / n, "map": ap / n, "hitRate": hit / n, "coverage": len(recommended) / int((popularity > 0).sum())}


def main():
    job = json.load(sys.stdin)
    nu, ni, k = job["users"], job["items"], job["k"]
    tu, ti = read_pairs(job["train"])
    X = sp.csr_matrix((np.ones(len(tu)), (tu, ti)), shape=(nu, ni))
    X.sum_duplicates()
    X.data[:] = 1.0
    su, si = read_pairs(job["test"])
    has_train = X.getnnz(axis=1) > 0
    test = {}
    for u, i in zip(su.tolist(), si.tolist()):
        if has_train[u]:
            test.setdefault(u, set()).add(i)
    users = np.array(sorted(test), dtype=np.int64)
    relevant = [test[u] for u in users.tolist()]
    seen = X[users]
    out = []
    for name in job["algorithms"]:
        t = time.perf_counter()
        scores = fit_score(name, X, users, job)
        scores[seen.nonzero()] = -np.inf
        lists = top_k(scores, k)
        seconds = time.perf_counter() - t
        out.append({"name": name, "seconds": seconds, **metrics(lists, relevant, k, np.asarray(X.getnnz(axis=0))), "lists": lists})
    print(json.dumps({"users": users.tolist(), "algorithms": out}))


main()
