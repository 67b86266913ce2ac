#!/usr/bin/env bash
# Probe (6 Dec 2026): how well the frozen pre-trained pocket CLIP - the image space Stage II's texts are learned
# in - pairs an infrared identity with its visible self, SynthUMS quick VI training identities. Per identity the
# mean L2-normalised feature of its visible (cameras 1, 2, 4, 5) and of its infrared (3, 6) images; each infrared
# centroid's nearest visible centroid (cosine) and the one-to-one assignment (Hungarian). Ground truth is read
# here on purpose: a diagnostic, never training. Needs SynthUMS quick (./itkm reproduce writes it) and Debian's
# python3-numpy and python3-scipy.
#
#   results/quick/ceiling-probes/frozen-clip-centroid-matching.sh   (from the repository root)
set -euo pipefail
data=data/synthums-quick/SYSU-MM01
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/vis" "$work/ir"
for cam in 1 2 3 4 5 6; do
  case $cam in 3|6) to=ir ;; *) to=vis ;; esac
  for dir in "$data/cam$cam"/*/; do
    pid=$(basename "$dir")
    for f in "$dir"*; do ln -s "$(realpath "$f")" "$work/$to/c${cam}_${pid}_$(basename "$f")"; done
  done
done
./itkm embed --checkpoint models/pocket-clip --images "$work/vis" --group A --out "$work/vis.npy" --batch-size 256
./itkm embed --checkpoint models/pocket-clip --images "$work/ir" --group B --out "$work/ir.npy" --batch-size 256
/usr/bin/python3 - "$work" "$data/exp/train_id.txt" <<'PY'
import os, sys
import numpy as np
from scipy.optimize import linear_sum_assignment
work, ids_file = sys.argv[1], sys.argv[2]
train = {int(x) for x in open(ids_file).read().replace('\n', '').split(',') if x}
def load(kind):
    names = sorted(os.listdir(os.path.join(work, kind)))
    x = np.load(os.path.join(work, kind + '.npy'))
    pid = np.array([int(n.split('_')[1]) for n in names])
    keep = np.isin(pid, sorted(train))
    x = x[keep] / np.linalg.norm(x[keep], axis=1, keepdims=True)
    return x, pid[keep]
vis, pv = load('vis')
ir, pi = load('ir')
ids = sorted(set(pv) & set(pi))
print(f'{len(ids)} training identities, {len(vis)} visible and {len(ir)} infrared images')
for centred in (False, True):
    cv = np.stack([vis[pv == k].mean(0) for k in ids])
    ci = np.stack([ir[pi == k].mean(0) for k in ids])
    if centred:  # each modality's mean centroid removed
        cv, ci = cv - cv.mean(0), ci - ci.mean(0)
    cv /= np.linalg.norm(cv, axis=1, keepdims=True)
    ci /= np.linalg.norm(ci, axis=1, keepdims=True)
    s = ci @ cv.T
    nearest = (s.argmax(1) == np.arange(len(ids))).mean()
    rows, cols = linear_sum_assignment(-s)
    print(f"{'centred' if centred else 'raw':8s} infrared -> visible identity centroid: nearest {nearest:.3f}, "
          f"one-to-one {np.mean(cols == rows):.3f} (chance {1 / len(ids):.3f})")
PY
