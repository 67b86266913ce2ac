#!/usr/bin/env python3
"""Reference pseudo-labels for ITKM-J: k-reciprocal Jaccard distance (cluster-contrast / CCLNet faiss
variant, lambda = 0) with dense NumPy matrices, then scikit-learn DBSCAN(metric='precomputed').

Two modes:
  exact  float64, written for bit-reproducible ties (golden fixtures of the Java tests; small N only):
         cosines as raw dot / (norm_i * norm_j), sums in ascending column order (np.cumsum).
  fast   the usual dense pipeline as the Python code bases run it (float32 N x N weight and distance
         matrices, a Python loop per row); used by `itkm bench cluster` as the speed reference.

Conventions (DESIGN.md section 11): the neighbour table holds min(k1, N) columns, the row itself first,
then descending cosine with ties to the lower index; kr(i, k) uses the first min(k+1, width) columns;
R(i) = kr(i, k1); expansion sets kr(c, round_half_even(k1 / 2)) are added when
|H(c) & R(i)| > 2/3 |H(c)|; weights softmax(-(2 - 2 cos)); query expansion averages the rows of the first
min(k2, width) table entries; D = 1 - s / (2 - s), clamped at 0.

Usage: reference_cluster.py --features F.npy --k1 30 --k2 6 --eps 0.6 --min-samples 4 --mode fast
       --out labels.txt   (prints one JSON line with timings on stdout)
"""
import argparse
import json
import resource
import time

import numpy as np
from sklearn.cluster import DBSCAN


def exact_cosines(x32):
    x = x32.astype(np.float64)
    norms = np.sqrt(np.cumsum(x * x, axis=1)[:, -1]) if x.shape[1] else np.zeros(len(x))
    # per-pair sums over the last axis: identical rows give identical values
    dots = (x[:, None, :] * x[None, :, :]).sum(axis=2)
    denom = np.outer(norms, norms)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.where(denom > 0, dots / np.where(denom > 0, denom, 1), 0.0)
    return cos


def neighbour_table(cos, width):
    n = len(cos)
    table = np.zeros((n, width), dtype=np.int64)
    idx = np.arange(n)
    for i in range(n):
        others = idx[idx != i]
        order = np.lexsort((others, -cos[i, others]))
        table[i, 0] = i
        table[i, 1:] = others[order[: width - 1]]
    return table


def reciprocal(table, i, k):
    cols = min(k + 1, table.shape[1])
    forward = table[i, :cols]
    return np.array([j for j in forward if i in table[j, :cols]], dtype=np.int64)


def weights_and_distance(cos_row_fn, table, n, k1, k2, dtype, cumsum):
    half = int(np.around(k1 / 2))
    V = np.zeros((n, n), dtype=dtype)
    for i in range(n):
        r = reciprocal(table, i, k1)
        expansion = r
        for c in r:
            h = reciprocal(table, c, half)
            if len(np.intersect1d(h, r)) > 2 / 3 * len(h):
                expansion = np.append(expansion, h)
        expansion = np.unique(expansion)
        nd = -(2 - 2 * cos_row_fn(i, expansion))
        e = np.exp(nd - nd.max())
        total = np.cumsum(e)[-1] if cumsum else e.sum()
        V[i, expansion] = e / total
    width = table.shape[1]
    k2 = min(k2, width)
    if k2 > 1:
        Vqe = np.zeros_like(V)
        for i in range(n):
            acc = np.zeros(n, dtype=dtype)
            for t in table[i, :k2]:
                acc = acc + V[t]
            Vqe[i] = acc / k2
        V = Vqe
        del Vqe
    rows, cols = np.nonzero(V)  # row-major scan; columns grouped below (a column scan per c is far slower)
    order = np.argsort(cols, kind="stable")
    starts = np.searchsorted(cols[order], np.arange(n + 1))
    inv = [rows[order[starts[c]:starts[c + 1]]] for c in range(n)]
    dist = np.zeros((n, n), dtype=dtype)
    for i in range(n):
        if cumsum:
            s = np.cumsum(np.minimum(V[i][None, :], V), axis=1)[:, -1]
        else:
            s = np.zeros(n, dtype=dtype)
            nz = np.where(V[i] != 0)[0]
            for c in nz:
                s[inv[c]] += np.minimum(V[i, c], V[inv[c], c])
        dist[i] = 1 - s / (2 - s)
    dist[dist < 0] = 0
    return dist


def exact_pipeline(x32, k1, k2):
    n = len(x32)
    cos = exact_cosines(x32)
    table = neighbour_table(cos, min(k1, n))
    dist = weights_and_distance(lambda i, cols: cos[i, cols], table, n, k1, k2, np.float64, True)
    return table, dist


def fast_pipeline(x32, k1, k2, block=2048):
    """The dense pipeline of the Python code bases (float32, N x N matrices), without faiss."""
    n = len(x32)
    x = x32 / np.maximum(np.linalg.norm(x32, axis=1, keepdims=True), 1e-12)
    width = min(k1, n)
    table = np.zeros((n, width), dtype=np.int64)
    for b in range(0, n, block):
        s = x[b:b + block] @ x.T
        rows = np.arange(b, min(n, b + block))
        s[rows - b, rows] = np.inf  # self first
        part = np.argpartition(-s, width - 1, axis=1)[:, :width]
        ps = np.take_along_axis(s, part, axis=1)
        order = np.lexsort((part, -ps), axis=1)
        table[b:b + len(rows)] = np.take_along_axis(part, order, axis=1)
    return table, weights_and_distance(lambda i, cols: x[cols] @ x[i], table, n, k1, k2, np.float32, False)


def dbscan(dist, eps, min_samples):
    if len(dist) == 0:
        return np.zeros(0, dtype=np.int64)
    return DBSCAN(eps=eps, min_samples=min_samples, metric="precomputed", n_jobs=1).fit(dist).labels_


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", required=True)
    ap.add_argument("--k1", type=int, default=30)
    ap.add_argument("--k2", type=int, default=6)
    ap.add_argument("--eps", type=float, default=0.6)
    ap.add_argument("--min-samples", type=int, default=4)
    ap.add_argument("--mode", choices=["exact", "fast"], default="fast")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    x = np.load(a.features).astype(np.float32)
    t0 = time.time()
    _, dist = (exact_pipeline if a.mode == "exact" else fast_pipeline)(x, a.k1, a.k2)
    t1 = time.time()
    labels = dbscan(dist, a.eps, a.min_samples)
    t2 = time.time()
    np.savetxt(a.out, labels, fmt="%d")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / 1024
    print(json.dumps({"seconds": t2 - t0, "process_cpu_seconds": usage.ru_utime + usage.ru_stime, "jaccard_seconds": t1 - t0, "dbscan_seconds": t2 - t1,
                      "clusters": int(labels.max() + 1) if len(labels) else 0,
                      "noise": int((labels == -1).sum()), "peak_rss_mib": round(peak)}))


if __name__ == "__main__":
    main()
