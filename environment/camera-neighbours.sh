#!/usr/bin/env bash
# Does a trained encoder rank infrared images by camera rather than by person? For SynthUMS's (or SYSU-MM01's)
# infrared test images (cameras 3 and 6, test identities), embeds them with the shipped pocket CLIP and with a
# run's trained encoder, and prints for each: rank-1 with same-person same-camera images left out (as the
# infrared-to-infrared protocol does) and the share of images whose nearest neighbour is from their own camera.
#
#   environment/camera-neighbours.sh RUN_DIR SYSU_DIR
#   e.g. environment/camera-neighbours.sh results/quick/synth-draw-2/quick/runs/<id>-baseline-S-VI \
#            data/synthums-quick-seed-2/SYSU-MM01
#
# Uses `./itkm export` and `./itkm embed` (temporary files under a mktemp folder) and Debian's /usr/bin/python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help|"") awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;; esac
[ -f "$1/config.yaml" ] || { echo "camera-neighbours: $1 is not a run folder (no config.yaml)" >&2; exit 2; }
run="$(cd "$1" && pwd)"
sysu="$(cd "${2:?camera-neighbours: give the SYSU-MM01 folder as the second argument}" && pwd)"
[ -f "$sysu/exp/test_id.txt" ] || { echo "camera-neighbours: $sysu/exp/test_id.txt missing (not a SYSU-MM01 layout)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/images"
for id in $(tr ',' ' ' < "$sysu/exp/test_id.txt"); do
  p=$(printf %04d "$id")
  for c in cam3 cam6; do
    for f in "$sysu/$c/$p"/*; do
      [ -f "$f" ] && ln -s "$f" "$tmp/images/${c}_${p}_$(basename "$f")"
    done
  done
done
cd "$root"
quiet() { "$@" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }; }
# ITKM's export folds the infrared branch (B) and (all variants but M1) the VI scenario embedding in; the
# baseline and the supervised bound train one branch for every image and have no scenario embedding
fold=()
if grep -q "method: itkm" "$run/config.yaml"; then
  fold=(--branch B)
  grep -q "variant: M1$" "$run/config.yaml" || fold+=(--scenario VI)
fi
quiet ./itkm export "$run" --out "$tmp/trained" ${fold[@]+"${fold[@]}"}
quiet ./itkm embed --checkpoint models/pocket-clip --images "$tmp/images" --out "$tmp/pre.npy"
quiet ./itkm embed --checkpoint "$tmp/trained" --images "$tmp/images" --out "$tmp/trained.npy"
ls "$tmp/images" > "$tmp/names.txt"
/usr/bin/python3 environment/camera_neighbours.py "$tmp/names.txt" "pre-trained pocket CLIP=$tmp/pre.npy" \
  "$(basename "$run")=$tmp/trained.npy"
