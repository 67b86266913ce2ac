#!/usr/bin/env bash
# The kit's test command (README, CI): installs the Jupyter runtime and kernel (idempotent; needs root
# for apt), runs the Maven build with every unit test, then executes every notebook headless in the
# smoke profile, failing on the first cell error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "$(id -u)" = 0 ]; then
  environment/install.sh
else
  echo "test.sh: not root, skipping environment/install.sh (run it once with sudo)" >&2
fi
mvn -B -Dstyle.color=never verify
environment/run-notebooks.sh --profile smoke
