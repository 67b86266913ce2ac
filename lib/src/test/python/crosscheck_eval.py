#!/usr/bin/python3
"""Cross-checks `./itkm evaluate --json` against the NumPy reference on fresh random cases.

    /usr/bin/python3 lib/src/test/python/crosscheck_eval.py [--cases 20] [--seed 1]

Each case draws random sizes and one kind of structure (planted identities, integer features with
exact ties, duplicated rows, queries without matches) and checks every protocol, with default and
explicit trials; prints the largest difference in percentage points and exits non-zero above 1e-3.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "lib", "src", "main", "resources", "org", "itkm", "eval"))
import reference_eval as ref  # noqa: E402
from make_eval_fixtures import write_split  # noqa: E402

KEYS = ["rank1", "rank5", "rank10", "rank20", "mAP", "mINP"]


def random_case(rng):
    nq, ng, d = rng.integers(5, 120), rng.integers(10, 900), rng.integers(2, 40)
    ids = rng.integers(2, 40)
    kind = rng.choice(["planted", "integer", "duplicates"])
    qp, gp = rng.integers(0, ids, nq), rng.integers(0, ids, ng)
    qp[: rng.integers(0, 3)] = ids + 5  # identities absent from the gallery
    qc = rng.choice([1, 2, 3, 4, 5, 6], nq)
    gc = rng.choice([1, 2, 3, 4, 5, 6], ng)
    qcl, gcl = rng.integers(0, 3, nq), rng.integers(0, 3, ng)
    if kind == "integer":
        gx = rng.integers(-2, 3, (ng, d)).astype(np.float64)
        qx = rng.integers(-2, 3, (nq, d)).astype(np.float64)
    else:
        cen = rng.standard_normal((ids + 6, d))
        gx = cen[gp] + rng.uniform(0.3, 2) * rng.standard_normal((ng, d))
        qx = cen[qp] + rng.uniform(0.3, 2) * rng.standard_normal((nq, d))
        if kind == "duplicates":
            src = rng.integers(0, ng, ng // 3)
            gx[rng.integers(0, ng, ng // 3)] = gx[src]
    return kind, qx.astype(np.float32), (qp, qc, qcl), gx.astype(np.float32), (gp, gc, gcl)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    worst = 0.0
    runs = [("standard", None), ("ltcc-general", None), ("ltcc-cc", None), ("sysu-all", 0), ("sysu-all", None),
            ("sysu-indoor", 0), ("sysu-indoor", 3), ("mlr", None), ("mlr", 0)]
    with tempfile.TemporaryDirectory() as d:
        for c in range(a.cases):
            kind, qx, q, gx, g = random_case(rng)
            write_split(d, "q", qx, *q)
            write_split(d, "g", gx, *g)
            for protocol, trials in runs:
                seed = int(rng.integers(0, 1000))
                if protocol == "sysu-indoor" and not np.isin(g[1], [1, 2]).any():
                    continue
                exp = ref.evaluate(qx, q, gx, g, protocol, trials, seed, "exact")
                cmd = [os.path.join(ROOT, "itkm"), "evaluate", "--query-features", f"{d}/q.npy", "--gallery-features",
                       f"{d}/g.npy", "--query-meta", f"{d}/q.csv", "--gallery-meta", f"{d}/g.csv", "--protocol",
                       protocol, "--seed", str(seed), "--json"] + ([] if trials is None else ["--trials", str(trials)])
                out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
                got = json.loads(out)
                assert got["queries"] == exp["queries"], (c, protocol, got, exp)
                for k in KEYS:
                    e, v = exp[k], got[k]
                    if e is None or (isinstance(e, float) and np.isnan(e)):
                        assert v is None, (c, protocol, k)
                        continue
                    worst = max(worst, abs(e - v))
            print(f"case {c}: {kind} {len(qx)}x{len(gx)}x{qx.shape[1]} ok, max diff so far {worst:.2e} pp", flush=True)
    print(f"largest difference over {a.cases} cases x {len(runs)} protocol runs: {worst:.2e} pp")
    return 0 if worst <= 1e-3 else 1


if __name__ == "__main__":
    sys.exit(main())
