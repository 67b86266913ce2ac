#!/usr/bin/python3
"""How much of a person's identity a CLIP image encoder carries across modality and clothes changes.

Diagnostic behind the README's pocket CLIP and training figures (not a test): embeds the training
images of a SynthUMS data set with `./itkm embed` and prints, with ground-truth identities,

* VI: Hungarian matching of each identity's visible centroid to the infrared centroids (fraction of
  true partners found; what CHM could reach with perfect clusters), infrared -> visible rank-1 over all
  visible training images, infrared -> infrared and visible -> visible rank-1 against other cameras;
* CC: rank-1 against the other outfits only (clothes-changing) and against other cameras;
* the pairwise F-score against ground truth of `./itkm cluster` (k-reciprocal Jaccard + DBSCAN, the quick
  profile's k1 15, k2 6, eps 0.45, min-samples 4) on the visible images (noise points count as singletons);
* the same VI figures for a feature-free reference: a 32 x 8 grid of mean luma, standardised per image.

Needs Debian's python3-numpy, python3-scipy and python3-pil.

  /usr/bin/python3 lib/src/test/python/probe_cross_modality.py --data data/synthums-quick \\
      --checkpoint models/pocket-clip
"""
import argparse
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image
from scipy.optimize import linear_sum_assignment

INFRARED = {3, 6}


def sysu_train(root):
    ids = set()
    for name in ("train_id.txt", "val_id.txt"):
        with open(os.path.join(root, "SYSU-MM01", "exp", name)) as f:
            ids |= {int(x) for x in f.read().replace("\n", ",").split(",") if x.strip()}
    items = []
    for cam in range(1, 7):
        for pid in sorted(ids):
            d = os.path.join(root, "SYSU-MM01", f"cam{cam}", f"{pid:04d}")
            if os.path.isdir(d):
                items += [(os.path.join(d, f), cam, pid) for f in sorted(os.listdir(d))]
    return items


def ltcc_train(root):
    d = os.path.join(root, "LTCC_ReID", "train")
    out = []
    for f in sorted(os.listdir(d)):
        pid, clothes, cam = f.split("_")[:3]
        out.append((os.path.join(d, f), int(cam[1:]), int(pid), int(clothes)))
    return out


def embed(itkm, checkpoint, paths):
    """Features of the images in the given order (symlinked as 000000.png ... so the CLI keeps it)."""
    with tempfile.TemporaryDirectory() as tmp:
        images = os.path.join(tmp, "images")
        os.mkdir(images)
        for i, p in enumerate(paths):
            os.symlink(os.path.abspath(p), os.path.join(images, f"{i:06d}" + os.path.splitext(p)[1]))
        out = os.path.join(tmp, "f.npy")
        subprocess.run([itkm, "embed", "--checkpoint", checkpoint, "--images", images, "--out", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return np.load(out).astype(np.float64)


def unit(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def rank1(x, pid, mask, exclude):
    s = x[mask] @ x[mask].T
    s[exclude[mask][:, mask]] = -np.inf
    return float((pid[mask][s.argmax(1)] == pid[mask]).mean())


def vi_figures(x, cam, pid):
    x = unit(x)
    ir = np.isin(cam, list(INFRARED))
    ids = np.unique(pid)
    ca = unit(np.array([x[~ir & (pid == i)].mean(0) for i in ids]))
    cb = unit(np.array([x[ir & (pid == i)].mean(0) for i in ids]))
    rows, cols = linear_sum_assignment(-(ca @ cb.T))
    q = x[ir] @ x[~ir].T
    same_cam = cam[:, None] == cam[None, :]
    return {
        "hungarian_true_partners": float((rows == cols).mean()),
        "ir_to_visible_r1": float((pid[~ir][q.argmax(1)] == pid[ir]).mean()),
        "ir_to_ir_other_camera_r1": rank1(x, pid, ir, same_cam),
        "visible_to_visible_other_camera_r1": rank1(x, pid, ~ir, same_cam),
        "identities": len(ids),
    }


def visible_cluster_fscore(itkm, x, pid, visible):
    """Pairwise F-score of the kit's clustering of the visible images (noise points are singletons)."""
    with tempfile.TemporaryDirectory() as tmp:
        np.save(os.path.join(tmp, "f.npy"), x[visible].astype(np.float32))
        subprocess.run([itkm, "cluster", "--features", os.path.join(tmp, "f.npy"), "--k1", "15", "--k2", "6",
                        "--eps", "0.45", "--min-samples", "4", "--out", os.path.join(tmp, "labels.txt")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        labels = np.loadtxt(os.path.join(tmp, "labels.txt"), dtype=int)
    p = pid[visible]
    labels = np.where(labels >= 0, labels, -1 - np.arange(len(labels)))
    same_cluster = labels[:, None] == labels[None, :]
    same_person = p[:, None] == p[None, :]
    np.fill_diagonal(same_cluster, False)
    np.fill_diagonal(same_person, False)
    tp = (same_cluster & same_person).sum()
    precision = tp / max(1, same_cluster.sum())
    recall = tp / max(1, same_person.sum())
    return float(2 * precision * recall / max(1e-12, precision + recall))


def luma_grid(paths):
    rows = []
    for p in paths:
        a = np.asarray(Image.open(p).convert("RGB"), dtype=np.float64) / 255
        luma = a @ np.array([0.299, 0.587, 0.114])
        h, w = luma.shape
        g = luma[: h - h % 32, : w - w % 8].reshape(32, h // 32, 8, w // 8).mean((1, 3)).ravel()
        rows.append((g - g.mean()) / (g.std() + 1e-12))
    return np.array(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="SynthUMS root (holds SYSU-MM01/ and LTCC_ReID/)")
    ap.add_argument("--checkpoint", required=True, help="CLIP checkpoint directory for ./itkm embed")
    ap.add_argument("--itkm", default="./itkm", help="launcher (default ./itkm)")
    a = ap.parse_args()
    vi = sysu_train(a.data)
    paths = [v[0] for v in vi]
    cam = np.array([v[1] for v in vi])
    pid = np.array([v[2] for v in vi])
    for name, feats in (("clip", embed(a.itkm, a.checkpoint, paths)), ("luma-grid", luma_grid(paths))):
        figures = vi_figures(feats, cam, pid)
        if name == "clip":
            figures["visible_cluster_fscore"] = visible_cluster_fscore(a.itkm, feats, pid,
                                                                      ~np.isin(cam, list(INFRARED)))
        print("VI", name, " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                   for k, v in figures.items()))
    cc = ltcc_train(a.data)
    x = unit(embed(a.itkm, a.checkpoint, [c[0] for c in cc]))
    cam = np.array([c[1] for c in cc])
    pid = np.array([c[2] for c in cc])
    clothes = np.array([c[3] for c in cc])
    everything = np.ones(len(cc), dtype=bool)
    same_outfit = (pid[:, None] == pid[None, :]) & (clothes[:, None] == clothes[None, :])
    print("CC clip", f"cross_clothes_r1={rank1(x, pid, everything, same_outfit):.3f}",
          f"other_camera_r1={rank1(x, pid, everything, cam[:, None] == cam[None, :]):.3f}",
          f"identities={len(np.unique(pid))}")


if __name__ == "__main__":
    main()
