#!/usr/bin/env python3
"""Golden fixtures for the Java clustering tests (run with Debian's /usr/bin/python3; needs
python3-numpy and python3-sklearn). Writes lib/src/test/resources/golden/cluster/<case>/:
  features.npy       float32 N x D
  cases.txt          one line per parameter set: k1 k2 eps min_samples labels-file
  labels_*.txt       scikit-learn DBSCAN labels on the dense float64 reference Jaccard distance
  knn.txt            (some cases) the k1-column neighbour table of the reference, one row per line
  jaccard.txt        (some cases) every pair i < j with D < 1: "i j D" (17 significant digits)
The reference itself is lib/src/main/resources/org/itkm/cluster/reference_cluster.py (mode exact).
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "lib", "src", "main", "resources", "org", "itkm", "cluster"))
import reference_cluster as ref  # noqa: E402

OUT = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "cluster")
PARAMS = [(30, 6, 0.6, 4), (20, 6, 0.5, 4), (5, 3, 0.6, 2), (7, 1, 0.7, 4)]


def blobs(seed=5):
    rng = np.random.default_rng(seed)
    d = 32
    parts = []
    for size, spread in zip([2, 3, 4, 5, 6, 8, 12, 20, 25, 30, 40, 45],
                            [0.3, 0.5, 0.4, 0.6, 0.3, 0.7, 0.5, 0.8, 0.6, 0.9, 0.7, 1.0]):
        c = rng.normal(size=d)
        parts.append(c + spread * rng.normal(size=(size, d)) / np.sqrt(d) * np.linalg.norm(c))
    parts.append(rng.uniform(-1, 1, size=(40, d)))  # background noise
    x = np.concatenate(parts)
    x = x[rng.permutation(len(x))]
    dup = rng.choice(len(x), size=10, replace=False)
    x = np.concatenate([x, x[dup]])  # exact duplicates at the end
    return x.astype(np.float32)


def lattice(seed=9):
    """Small-integer rows: cosines are exact in any order of summation, so equal cosines are real ties."""
    rng = np.random.default_rng(seed)
    d = 6
    centres = rng.integers(-1, 3, size=(12, d))
    rows = []
    for c in centres:
        for _ in range(rng.integers(3, 14)):
            v = c.copy()
            flips = rng.integers(0, 2)
            for _ in range(flips):
                v[rng.integers(0, d)] = rng.integers(-1, 3)
            rows.append(v)
    rows += list(rng.integers(-1, 3, size=(15, d)))
    rows.append(np.zeros(d, dtype=np.int64))  # a zero row: cosine 0 to everything
    x = np.array(rows)
    return x[rng.permutation(len(x))].astype(np.float32)


def write_case(name, x, params, knn=False, jaccard=False):
    out = os.path.join(OUT, name)
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "features.npy"), x)
    lines = []
    for k1, k2, eps, ms in params:
        table, dist = ref.exact_pipeline(x, k1, k2)
        labels = ref.dbscan(dist, eps, ms)
        fname = "labels_%d_%d_%g_%d.txt" % (k1, k2, eps, ms)
        np.savetxt(os.path.join(out, fname), labels, fmt="%d")
        lines.append("%d %d %r %d %s" % (k1, k2, eps, ms, fname))
        print(name, k1, k2, eps, ms, "clusters", labels.max() + 1 if len(labels) else 0,
              "noise", int((labels == -1).sum()))
        if knn and (k1, k2) == (30, 6):
            np.savetxt(os.path.join(out, "knn.txt"), table, fmt="%d")
        if jaccard and (k1, k2) == (30, 6):
            with open(os.path.join(out, "jaccard.txt"), "w") as f:
                ii, jj = np.nonzero(np.triu(dist < 1, 1))
                for i, j in zip(ii, jj):
                    f.write("%d %d %.17g\n" % (i, j, dist[i, j]))
    with open(os.path.join(out, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    write_case("blobs", blobs(), PARAMS, knn=True)
    write_case("lattice", lattice(), PARAMS, knn=True, jaccard=True)
    rng = np.random.default_rng(3)
    write_case("duplicates", np.repeat(rng.normal(size=(1, 4)), 5, axis=0).astype(np.float32), PARAMS[:1])
    write_case("three", rng.normal(size=(3, 4)).astype(np.float32), PARAMS[:1])
    write_case("one", rng.normal(size=(1, 4)).astype(np.float32), PARAMS[:1])


if __name__ == "__main__":
    main()
