#!/usr/bin/env python3
"""Golden fixtures for the Java Hungarian tests (Debian /usr/bin/python3 with python3-scipy).
Writes lib/src/test/resources/golden/match/lsap.txt: per case a header line
"name rows cols maximize optimal_cost" and one line with the row-major costs (17 significant digits).
"""
import os

import numpy as np
from scipy.optimize import linear_sum_assignment

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "match", "lsap.txt"))


def main():
    rng = np.random.default_rng(2026)
    cases = []
    shapes = [(1, 1), (1, 7), (7, 1), (5, 8), (8, 5), (12, 12), (30, 30), (25, 40), (40, 25), (60, 45)]
    for r, c in shapes:
        cases.append(("uniform", rng.uniform(-1, 1, size=(r, c))))
        cases.append(("ties", rng.integers(0, 4, size=(r, c)).astype(float)))  # many equal optima
    cases.append(("cosine", np.clip(rng.normal(size=(50, 70)) @ np.eye(70) * 0.3, -1, 1)))
    with open(OUT, "w") as f:
        for name, m in cases:
            m = np.round(m, 4)  # short decimal text, read back exactly as the same doubles
            for maximize in (False, True):
                r, c = linear_sum_assignment(m, maximize=maximize)
                f.write("%s %d %d %d %.17g\n" % (name, m.shape[0], m.shape[1], int(maximize), m[r, c].sum()))
                f.write(" ".join(repr(float(v)) for v in m.ravel()) + "\n")


if __name__ == "__main__":
    main()
