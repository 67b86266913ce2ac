#!/usr/bin/env bash
# The seed study: Table 1 of the quick profile reproduced with other training seeds (the same SynthUMS draw
# and the same shipped pocket CLIP: `seed` varies training only), then tabulated beside the main Table 1.
#
#   environment/seed-study.sh [--profile quick] [--seeds "2 3"]
#
# Each seed runs `./itkm reproduce --profile P --results results/P/seed-study/seed-N seed=N` (about as long
# as the main command's Table 1; finished runs are reused, so it can be re-run after an interruption), then
# `./itkm seed-study --profile P` writes results/P/seed-study/table1-seeds.{md,csv}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
profile=quick
seeds="2 3"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --seeds) seeds="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "seed-study: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for s in $seeds; do
  [[ "$s" =~ ^[0-9]+$ ]] || { echo "seed-study: seed '$s' is not a whole number" >&2; exit 2; }
  echo "seed-study: seed $s" >&2
  ./itkm reproduce --profile "$profile" --results "results/$profile/seed-study/seed-$s" "seed=$s"
done
./itkm seed-study --profile "$profile"
