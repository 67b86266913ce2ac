#!/usr/bin/env bash
# The kit's main command (README): sets up the machine, reproduces Table 1 with `./itkm reproduce`, then
# executes every notebook headless on the same profile, so that results/<profile>/ ends up holding
# Table 1, Table 2, the figures, Table S1 and the executed notebooks (results/<profile>/notebooks/, with their
# outputs: tables as HTML, each interactive figure with its PNG beside it, progress walls compacted to their last
# line). The quick profile's executed notebooks are committed (.gitignore keeps only those; at most 10 MiB together,
# the runner prints their size).
#
#   environment/reproduce.sh [--profile quick|smoke|paper|rehearsal] [--skip-notebooks]
#
#   --profile         default: $ITKM_PROFILE, else quick (rehearsal: `./itkm rehearse`, no Table 1)
#   --skip-notebooks  stop after `./itkm reproduce` (Table 1 only)
#
# Setup (environment/install.sh: Debian's Jupyter packages and the `itkm` kernel) runs when this is run
# as root and is skipped otherwise (run it once with sudo). Both steps reuse finished runs, so the
# command can be re-run after an interruption and goes on where it stopped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
profile="${ITKM_PROFILE:-quick}"
notebooks=1
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --profile=*) profile="${1#*=}" ;;
    --skip-notebooks) notebooks=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "reproduce: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$(id -u)" = 0 ]; then
  environment/install.sh
else
  echo "reproduce.sh: not root, skipping environment/install.sh (run it once with sudo)" >&2
fi
start=$(date +%s)
if [ "$profile" = rehearsal ]; then
  ./itkm rehearse   # the rehearsal has its own command (reproduce makes Table 1)
else
  ./itkm reproduce --profile "$profile"
fi
echo "reproduce.sh: Table 1 after $(( ($(date +%s) - start) / 60 )) min" >&2
if [ "$notebooks" = 1 ]; then
  environment/run-notebooks.sh --profile "$profile"
  echo "reproduce.sh: notebooks done after $(( ($(date +%s) - start) / 60 )) min; results in results/$profile/" >&2
fi
