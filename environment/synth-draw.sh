#!/usr/bin/env bash
# Table 1 of the quick profile on another draw of SynthUMS: the same profile, training seed and shipped pocket
# CLIP, but other people, outfits and images (`data.synthSeed`), so that a reader can tell a finding of the
# method from a property of one draw of the data.
#
#   environment/synth-draw.sh [--synth-seed 2]
#
# Generates SynthUMS quick with that seed in data/synthums-quick-seed-N (when absent), then runs
# `./itkm reproduce --profile quick --results results/quick/synth-draw-N data.synthSeed=N
# data.synthRoot=data/synthums-quick-seed-N` (as long as the main command's Table 1; finished runs are reused,
# so it can be re-run after an interruption). Table 1 lands in results/quick/synth-draw-N/quick/tables/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seed=2
while [ $# -gt 0 ]; do
  case "$1" in
    --synth-seed) seed="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "synth-draw: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "synth-draw: --synth-seed '$seed' is not a whole number" >&2; exit 2; }
[ "$seed" != 1 ] || { echo "synth-draw: seed 1 is the main Table 1's draw (./itkm reproduce); pick another" >&2; exit 2; }
data="data/synthums-quick-seed-$seed"
if [ ! -f "$data/synthums.json" ]; then
  ./itkm synth --preset quick --seed "$seed" --out "$data"
fi
./itkm reproduce --profile quick --results "results/quick/synth-draw-$seed" "data.synthSeed=$seed" "data.synthRoot=$data"
