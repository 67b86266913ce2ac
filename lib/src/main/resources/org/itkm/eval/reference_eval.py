#!/usr/bin/env python3
"""Independent NumPy reference for ITKM-J's `evaluate` (not used by the kit itself).

It does what the usual Python ReID code does: a full query x gallery similarity matrix, then an
argsort of every query row, the protocol's junk removal on the sorted row, and the metrics read off
the sorted hits. The Java evaluator never sorts; agreement of the two is what the golden tests and
`itkm bench` check. Random galleries/draws use the same generators as the reference code bases:
SYSU trial t -> random.seed(seed + t) + random.choice per identity and camera (CCLNet/PGM);
MLR -> numpy.random.seed(seed) + open-reid's single_gallery_shot CMC (RLIM).

usage: reference_eval.py --query-features Q.npy --gallery-features G.npy --query-meta Q.csv
       --gallery-meta G.csv --protocol P [--trials N] [--seed S] [--mode exact|fast]
  exact: float64, row-wise dot products (identical rows tie exactly), stable sort (ties: lower index)
  fast:  float32 matrix product + default (quick)sort, as a typical vectorised implementation
"""
import argparse
import csv
import json
import random
import sys
import time
from collections import defaultdict

import numpy as np

SYSU_CAMS = {"sysu-all": [1, 2, 4, 5], "sysu-indoor": [1, 2]}
DEFAULT_TRIALS = {"sysu-all": 10, "sysu-indoor": 10, "mlr": 10}
TOP = 20


def read_meta(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    pid = np.array([int(r["pid"]) for r in rows])
    cam = np.array([int(r["camid"]) for r in rows])
    cl = [r.get("clothes", "") or "" for r in rows]
    clothes = np.array([int(c) for c in cl]) if all(c.strip() != "" for c in cl) else None
    return pid, cam, clothes


def normalize(x):
    x = x.astype(np.float64)
    n = np.sqrt((x * x).sum(axis=1, keepdims=True))
    n[n == 0] = 1.0
    return x / n


def similarity(qf, gf, mode):
    """fast: float32 cosine matrix. exact: raw float64 dot products divided by the gallery norm, row by row
    (cosine up to the per-query factor 1/|q|); identical rows, and integer-valued rows with equal cosines,
    get bit-identical scores, so ties are real ties."""
    if mode == "fast":
        return normalize(qf).astype(np.float32) @ normalize(gf).astype(np.float32).T
    q, g = qf.astype(np.float64), gf.astype(np.float64)
    gn = np.sqrt((g * g).sum(axis=1))
    gn[gn == 0] = np.inf
    return np.stack([(g * q[i]).sum(axis=1) / gn for i in range(len(q))]) if len(q) else np.zeros((0, len(g)))


def junk_mask(protocol, qp, qc, qcl, gp, gc, gcl):
    same = gp == qp
    if protocol in ("standard", "ltcc-general", "mlr"):
        return same & (gc == qc)
    if protocol == "ltcc-cc":
        return same & ((gc == qc) | (gcl == qcl))
    if protocol in SYSU_CAMS:
        return (gc == 2) if qc == 3 else np.zeros_like(same)
    raise ValueError(protocol)


def unique_sample(ids_dict, num):
    mask = np.zeros(num, dtype=bool)
    for _, indices in ids_dict.items():
        mask[np.random.choice(indices)] = True
    return mask


def evaluate_gallery(sim, q, g, protocol, draws, kind):
    qp, qc, qcl = q
    gp, gc, gcl = g
    cmc = np.zeros(TOP)
    aps, inps = [], []
    for i in range(sim.shape[0]):
        order = np.argsort(-sim[i], kind=kind)
        junk = junk_mask(protocol, qp[i], qc[i], None if qcl is None else qcl[i], gp, gc, gcl)
        valid = ~junk[order]
        matches = gp[order] == qp[i]
        if not np.any(matches[valid]):
            continue
        hits = np.nonzero(matches[valid])[0]
        ranks = hits + 1.0
        aps.append(np.mean(np.arange(1, len(hits) + 1) / ranks))
        inps.append(len(hits) / ranks[-1])
        if draws > 0:  # open-reid cmc(single_gallery_shot=True, first_match_break=False)
            ids_dict = defaultdict(list)
            for j, x in zip(np.where(valid)[0], gp[order][valid]):
                ids_dict[x].append(j)
            for _ in range(draws):
                sampled = valid & unique_sample(ids_dict, len(valid))
                index = np.nonzero(matches[sampled])[0]
                delta = 1.0 / (len(index) * draws)
                for j, k in enumerate(index):
                    if k - j >= TOP:
                        break
                    cmc[k - j] += delta
            continue
        if protocol in SYSU_CAMS:  # first occurrence of every identity
            pids = gp[order][valid]
            _, first = np.unique(pids, return_index=True)
            dedup = pids[np.sort(first)]
            first_rank = int(np.nonzero(dedup == qp[i])[0][0])
        else:
            first_rank = int(hits[0])
        if first_rank < TOP:
            cmc[first_rank] += 1
    n = len(aps)
    if n == 0:
        return dict(cmc=np.full(TOP, np.nan), mAP=np.nan, mINP=np.nan, queries=0, skipped=sim.shape[0])
    return dict(cmc=np.cumsum(cmc) / n * 100, mAP=np.mean(aps) * 100, mINP=np.mean(inps) * 100, queries=n,
                skipped=sim.shape[0] - n)


def sysu_gallery(gp, gc, cams, trial_seed):
    random.seed(trial_seed)
    chosen = []
    for pid in sorted(set(gp.tolist())):
        for cam in cams:
            rows = [i for i in range(len(gp)) if gp[i] == pid and gc[i] == cam]
            if rows:
                chosen.append(random.choice(rows))
    return np.array(chosen, dtype=np.int64)


def evaluate(qf, q, gf, g, protocol, trials=None, seed=0, mode="exact"):
    kind = "stable" if mode == "exact" else "quicksort"
    if trials is None:
        trials = DEFAULT_TRIALS.get(protocol, 0)
    if protocol in SYSU_CAMS:
        if trials == 0:
            rows = np.arange(len(g[0])) if protocol == "sysu-all" else np.nonzero(np.isin(g[1], SYSU_CAMS[protocol]))[0]
            galleries = [rows]
        else:
            galleries = [sysu_gallery(g[0], g[1], SYSU_CAMS[protocol], seed + t) for t in range(trials)]
        results = []
        for rows in galleries:
            sub = tuple(None if a is None else a[rows] for a in g)
            results.append(evaluate_gallery(similarity(qf, gf[rows], mode), q, sub, protocol, 0, kind))
        res = dict(cmc=np.mean([r["cmc"] for r in results], axis=0), mAP=np.mean([r["mAP"] for r in results]),
                   mINP=np.mean([r["mINP"] for r in results]), queries=results[0]["queries"],
                   skipped=results[0]["skipped"])
    else:
        draws = trials if protocol == "mlr" else 0
        if draws:
            np.random.seed(seed)
        res = evaluate_gallery(similarity(qf, gf, mode), q, g, protocol, draws, kind)
    c = res["cmc"]
    return {"rank1": c[0], "rank5": c[4], "rank10": c[9], "rank20": c[19], "mAP": res["mAP"], "mINP": res["mINP"],
            "queries": res["queries"], "skipped": res["skipped"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--query-features", required=True)
    ap.add_argument("--gallery-features", required=True)
    ap.add_argument("--query-meta", required=True)
    ap.add_argument("--gallery-meta", required=True)
    ap.add_argument("--protocol", required=True)
    ap.add_argument("--trials", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mode", choices=["exact", "fast"], default="exact")
    a = ap.parse_args()
    qf = np.load(a.query_features)
    gf = np.load(a.gallery_features)
    q, g = read_meta(a.query_meta), read_meta(a.gallery_meta)
    t0 = time.perf_counter()
    out = evaluate(qf, q, gf, g, a.protocol, a.trials, a.seed, a.mode)
    out["seconds"] = time.perf_counter() - t0
    print(json.dumps({k: (None if isinstance(v, float) and np.isnan(v) else float(v) if isinstance(v, (float, np.floating)) else int(v)) for k, v in out.items()}))


if __name__ == "__main__":
    sys.exit(main())
