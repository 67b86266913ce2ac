#!/usr/bin/python3
"""Writes the golden fixtures of ITKM-J's evaluation tests (lib/src/test/resources/golden/eval).

Run with Debian's Python (apt-get install python3-numpy python3-sklearn):
    /usr/bin/python3 lib/src/test/python/make_eval_fixtures.py
Expected metrics come from the independent NumPy reference (full sort per query,
lib/src/main/resources/org/itkm/eval/reference_eval.py, exact mode); where no scores tie, every
query's AP is also checked against scikit-learn's average_precision_score.
"""
import csv
import json
import os
import sys

import numpy as np
from sklearn.metrics import average_precision_score

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "src", "main", "resources", "org", "itkm", "eval"))
import reference_eval as ref  # noqa: E402

OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "eval")


def write_split(d, name, x, pid, cam, clothes):
    np.save(os.path.join(d, name + ".npy"), x.astype(np.float32))
    with open(os.path.join(d, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pid", "camid", "clothes"])
        for i in range(len(pid)):
            w.writerow([pid[i], cam[i], "" if clothes is None else clothes[i]])


def planted(rng, n, ids, cams, outfits, d, noise, centroids, outfit_shift, cam_bias, cam_choices=None):
    pid = rng.integers(0, ids, n)
    cam = rng.choice(cam_choices, n) if cam_choices is not None else rng.integers(1, cams + 1, n)
    clothes = rng.integers(0, outfits, n)
    x = centroids[pid] + outfit_shift[pid, clothes] + cam_bias[cam] + noise * rng.standard_normal((n, d)) / np.sqrt(d)
    return x, pid, cam, clothes


def check_sklearn(qf, q, gf, g, protocol):
    """Per-query AP of the loop formula equals scikit-learn's where no scores tie."""
    sim = ref.similarity(qf, gf, "exact")
    for i in range(len(qf)):
        junk = ref.junk_mask(protocol, q[0][i], q[1][i], None if q[2] is None else q[2][i], g[0], g[1], g[2])
        valid = ~junk
        y = (g[0] == q[0][i])[valid]
        s = sim[i][valid]
        if not y.any() or len(np.unique(s)) != len(s):
            continue
        order = np.argsort(-s, kind="stable")
        hits = np.nonzero(y[order])[0] + 1.0
        loop = np.mean(np.arange(1, len(hits) + 1) / hits)
        assert abs(loop - average_precision_score(y, s)) < 1e-12, (protocol, i)


def make_case(name, qf, q, gf, g, runs, sklearn_check=True):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    write_split(d, "query", qf, *q)
    write_split(d, "gallery", gf, *g)
    qf32, gf32 = qf.astype(np.float32), gf.astype(np.float32)
    expected = []
    for protocol, trials, seed in runs:
        if sklearn_check and protocol != "mlr":
            check_sklearn(qf32, q, gf32, g, protocol)
        m = ref.evaluate(qf32, q, gf32, g, protocol, trials, seed, "exact")
        expected.append({"protocol": protocol, "trials": trials, "seed": seed,
                         "metrics": {k: (None if isinstance(v, float) and np.isnan(v) else float(v)) for k, v in m.items()}})
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(name, len(qf), "x", len(gf), [(e["protocol"], e["trials"], round(e["metrics"]["rank1"] or -1, 3),
                                          round(e["metrics"]["mAP"] or -1, 3)) for e in expected])


def main():
    rng = np.random.default_rng(20261121)
    # 1. planted identities, cameras and outfits: standard, LTCC and MLR protocols
    D, ids = 24, 40
    cen = rng.standard_normal((ids, D))
    cen /= np.linalg.norm(cen, axis=1, keepdims=True)
    shift = 0.7 * rng.standard_normal((ids, 3, D)) / np.sqrt(D)
    bias = 0.5 * rng.standard_normal((13, D)) / np.sqrt(D)
    qx, qp, qc, qcl = planted(rng, 70, ids, 12, 3, D, 1.1, cen, shift, bias)
    gx, gp, gc, gcl = planted(rng, 400, ids, 12, 3, D, 1.1, cen, shift, bias)
    qp[:3] = 1000  # identities absent from the gallery: skipped
    runs = [("standard", None, 0), ("ltcc-general", None, 0), ("ltcc-cc", None, 0), ("mlr", None, 0),
            ("mlr", 3, 7), ("mlr", 0, 0)]
    make_case("planted", qx, (qp, qc, qcl), gx, (gp, gc, gcl), runs)

    # 2. SYSU-style: infrared queries (cams 3, 6) against visible cams 1, 2, 4, 5, uneven coverage
    ids = 25
    cen = rng.standard_normal((ids, D))
    cen /= np.linalg.norm(cen, axis=1, keepdims=True)
    shift = np.zeros((ids, 1, D))
    qx, qp, qc, _ = planted(rng, 90, ids, 6, 1, D, 1.3, cen, shift, bias, cam_choices=np.array([3, 6]))
    gx, gp, gc, _ = planted(rng, 360, ids, 6, 1, D, 1.3, cen, shift, bias, cam_choices=np.array([1, 2, 4, 5]))
    qp[:2], qc[:2] = 0, (3, 6)  # identity 0: its cam-3 query has no valid match, its cam-6 query has
    only_cam2 = (gp == 0) & (gc != 2)  # identity 0 seen by camera 2 only: no valid match for cam-3 queries
    keep = ~only_cam2
    gx, gp, gc = gx[keep], gp[keep], gc[keep]
    order = np.lexsort((np.arange(len(gp)), gc, gp))  # dataset order: identity, camera, file
    gx, gp, gc = gx[order], gp[order], gc[order]
    runs = [("sysu-all", 0, 0), ("sysu-all", None, 0), ("sysu-all", 4, 11), ("sysu-indoor", 0, 0),
            ("sysu-indoor", None, 0), ("standard", None, 0)]
    make_case("sysu", qx, (qp, qc, None), gx, (gp, gc, None), runs)

    # 3. exact ties: small integer features, duplicated rows and a zero row
    D = 4
    base = rng.integers(-1, 2, (12, D)).astype(np.float64)
    gidx = rng.integers(0, 12, 80)
    gx = base[gidx] * rng.integers(1, 3, (80, 1))  # scaled duplicates: same cosine
    gx[5] = 0
    gp = rng.integers(0, 10, 80)
    gc = rng.integers(1, 7, 80)
    gcl = rng.integers(0, 2, 80)
    qx = base[rng.integers(0, 12, 30)]
    qx[2] = 0
    qp = rng.integers(0, 10, 30)
    qc = rng.choice([3, 6], 30)
    qcl = rng.integers(0, 2, 30)
    runs = [("standard", None, 0), ("ltcc-cc", None, 0), ("sysu-all", 0, 0), ("sysu-indoor", 3, 2),
            ("mlr", None, 0), ("mlr", 0, 0)]
    make_case("ties", qx, (qp, qc, qcl), gx, (gp, gc, gcl), runs)


if __name__ == "__main__":
    main()
