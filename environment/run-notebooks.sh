#!/usr/bin/env bash
# Runs the ITKM-J notebooks headless, in order, on the `itkm` kernel (environment/install.sh), and
# writes the executed copies outside the notebooks/ folder. Stops at the first failing cell, prints
# that cell and its error, and exits non-zero. Prints the time each notebook took.
#
#   environment/run-notebooks.sh [--profile smoke|quick|paper] [--out DIR] [--kernel NAME]
#                                [--timeout SECONDS] [--echo] [--startup-timeout SECONDS]
#                                [--start-attempts N] [--labs solution|student] [NOTEBOOK ...]
#
#   --profile  sets ITKM_PROFILE for the notebooks (default: $ITKM_PROFILE, else smoke)
#   --out      where the executed notebooks go (default: results/<profile>/notebooks)
#   --kernel   kernelspec to run on (default: itkm; the Docker image also has itkm-ijava)
#   --timeout  seconds one cell may run (default: 10800; the training cells of 04, 05, 07 and 08 train several
#              runs each, 08 six: over an hour on a machine shared with other jobs)
#   --echo     copy the cells' stdout/stderr (progress) to this terminal while they run
#   --startup-timeout SECONDS, --start-attempts N
#              a kernel that has not answered after SECONDS (20) is replaced by a fresh one, up to N (5)
#              kernels per notebook (rapaio 3.0.1 sometimes never answers; environment/README.md)
#   --labs     run the course labs (notebooks/labs/NN-*.ipynb) instead of the notebooks: `solution` runs them
#              as committed (every check cell must print PASS), `student` first generates the student form
#              (./itkm lab student, into results/<profile>/labs/student/) and runs that (every check cell must
#              print "not implemented yet" and nothing may fail). Default --out: results/<profile>/notebooks/labs-<form>
#   NOTEBOOK   run only these (default: every notebooks/NN-*.ipynb, in name order; with --labs, notebook
#              names are looked up in the lab folder)
#
# The kit is built first when it is missing or stale (the ./itkm launcher decides; ITKM_BUILD_PROFILE
# picks cpu or cuda). Uses Debian's /usr/bin/python3 with python3-nbclient, never a pyenv shim.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${ITKM_NOTEBOOK_PYTHON:-/usr/bin/python3}"
profile="${ITKM_PROFILE:-smoke}"
out=""
labs=""
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --profile=*) profile="${1#*=}" ;;
    --out) out="$2"; shift ;;
    --out=*) out="${1#*=}" ;;
    --labs) labs="$2"; shift ;;
    --labs=*) labs="${1#*=}" ;;
    --kernel|--timeout|--startup-timeout|--start-attempts) pass+=("$1" "$2"); shift ;;
    --echo|--kernel=*|--timeout=*|--startup-timeout=*|--start-attempts=*) pass+=("$1") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run-notebooks: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) pass+=("$1") ;;
  esac
  shift
done
case "$profile" in
  smoke|quick|paper) ;;
  *) echo "run-notebooks: unknown profile '$profile'; expected smoke, quick or paper" >&2; exit 2 ;;
esac
case "$labs" in
  ""|solution|student) ;;
  *) echo "run-notebooks: unknown --labs form '$labs'; expected solution or student" >&2; exit 2 ;;
esac
if [ -n "$labs" ]; then
  out="${out:-$root/results/$profile/notebooks/labs-$labs}"
else
  out="${out:-$root/results/$profile/notebooks}"
fi

if ! "$python" -c 'import nbclient, nbformat' 2>/dev/null; then
  echo "run-notebooks: $python cannot import nbclient/nbformat; run environment/install.sh first" >&2
  exit 1
fi
# build the kit if it is missing or older than its sources (same rule as the ./itkm launcher)
"$root/itkm" --version >/dev/null

notebooks_dir="$root/notebooks"
checks=()
if [ "$labs" = solution ]; then
  notebooks_dir="$root/notebooks/labs"
  checks=(--expect-checks pass)
elif [ "$labs" = student ]; then
  # the student form is generated from the solution notebooks every time (never kept by hand)
  notebooks_dir="$root/results/$profile/labs/student"
  rm -rf "$notebooks_dir"
  "$root/itkm" lab student --labs "$root/notebooks/labs" --out "$notebooks_dir" >/dev/null
  checks=(--expect-checks not-implemented)
fi

export PYDEVD_DISABLE_FILE_VALIDATION=1
# PyTorch's OpenMP threads spin while they wait; on a machine whose cores are busy with other work that
# made a smoke training run ~10x slower here (64-72 s instead of 6-8 s). Passive waiting avoids it.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec "$python" "$root/environment/run_notebooks.py" --notebooks-dir "$notebooks_dir" \
  --profile "$profile" --out "$out" "${checks[@]}" "${pass[@]}"
