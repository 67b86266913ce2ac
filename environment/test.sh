#!/usr/bin/env bash
# The kit's test command (README, CI): installs the Jupyter runtime and kernel (idempotent; needs root
# for apt), runs the Maven build with every unit test, then executes every notebook headless in the
# smoke profile, failing on the first cell error, then the course labs in both forms: with their
# solutions (every check must pass) and in student form (every check must say "not implemented yet"),
# then the browser test: headless Chromium runs a short notebook through the notebook server's page and
# checks the HTML table, the Plotly figure and the MathJax equation (screenshots in results/browser-test/).
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
environment/run-notebooks.sh --profile smoke --labs solution
environment/run-notebooks.sh --profile smoke --labs student
environment/browser-test.sh
