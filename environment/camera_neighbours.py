"""Nearest neighbours of infrared images: rank-1 and the share from the query's own camera (camera-neighbours.sh).

Usage: camera_neighbours.py NAMES.txt LABEL=FEATURES.npy ...; NAMES.txt lists the images in the .npy rows' order
as <camera>_<person>_<file>. Standard library only (reads float32 .npy files itself).
"""
import ast
import math
import struct
import sys


def load(path):
    raw = open(path, "rb").read()
    header_len = struct.unpack("<H", raw[8:10])[0]
    header = ast.literal_eval(raw[10:10 + header_len].decode())
    assert header["descr"] == "<f4" and not header["fortran_order"], path + ": expected a C-order float32 .npy"
    n, d = header["shape"]
    values = struct.unpack("<%df" % (n * d), raw[10 + header_len:10 + header_len + 4 * n * d])
    rows = [values[i * d:(i + 1) * d] for i in range(n)]
    return [[x / math.sqrt(sum(y * y for y in r)) for x in r] for r in rows]


def main():
    names = open(sys.argv[1]).read().split()
    cam = [n.split("_")[0] for n in names]
    pid = [n.split("_")[1] for n in names]
    print("encoder | images | rank-1 (same person and camera left out) | nearest neighbour from the own camera")
    for arg in sys.argv[2:]:
        label, path = arg.split("=", 1)
        x = load(path)
        if len(x) != len(names):
            sys.exit(f"{path}: {len(x)} rows for {len(names)} images")
        hits = own = 0
        for i in range(len(x)):
            best, arg_best = -2.0, -1
            for j in range(len(x)):
                if j == i or (pid[j] == pid[i] and cam[j] == cam[i]):
                    continue
                c = sum(a * b for a, b in zip(x[i], x[j]))
                if c > best:
                    best, arg_best = c, j
            hits += pid[arg_best] == pid[i]
            own += cam[arg_best] == cam[i]
        print(f"{label} | {len(x)} | {100 * hits / len(x):.1f} % | {100 * own / len(x):.1f} %")


if __name__ == "__main__":
    main()
