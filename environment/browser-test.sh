#!/usr/bin/env bash
# The browser test (part of environment/test.sh): headless Chromium opens a private classic Notebook server
# (environment/notebook.sh, its own port and token, a temporary root), runs a short notebook through the page
# on the `itkm` kernel and checks that an HTML table, a Plotly figure with its traces and a MathJax equation
# appear and that the kit's progress bar is one line. Screenshots go to results/browser-test/.
#
#   environment/browser-test.sh [--screenshots DIR]
#
#   ITKM_PLOTLY_JS  the plotly.js 2.x file the figure loads (default: the kit's vendor/plotly/plotly.min.js,
#                   fetched by environment/install.sh); it is copied to vendor/plotly/ under the test
#                   server's root and served under /files/: nothing is downloaded at run time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3
screenshots="$root/results/browser-test"
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshots) screenshots="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "browser-test: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
plotly_js="${ITKM_PLOTLY_JS:-$root/vendor/plotly/plotly.min.js}"
if [ ! -f "$plotly_js" ]; then
  echo "browser-test: no plotly.js at $plotly_js; run environment/fetch-plotly.sh (environment/install.sh does) or set ITKM_PLOTLY_JS" >&2
  exit 1
fi
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$tool" ] || { echo "browser-test: $tool is missing; run: sudo environment/install.sh" >&2; exit 1; }
done
"$python" -c 'import selenium' 2>/dev/null || { echo "browser-test: python3-selenium is missing; run: sudo environment/install.sh" >&2; exit 1; }
"$root/itkm" --version >/dev/null   # the kernel lives in the kit's jar: build it when stale

started=$(date +%s)
work="$(mktemp -d)"
mkdir -p "$work/vendor/plotly" && cp "$plotly_js" "$work/vendor/plotly/plotly.min.js"
port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$python" -c 'import secrets; print(secrets.token_hex(16))')"
ITKM_NOTEBOOK_TOKEN="$token" "$root/environment/notebook.sh" --port "$port" --root "$work" >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 150); do
  curl -fs -o /dev/null -H "Authorization: token $token" "http://127.0.0.1:$port/api/status" && break
  kill -0 "$server" 2>/dev/null || { echo "browser-test: the notebook server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
rm -rf "$screenshots"
if ! "$python" "$root/environment/browser_test.py" --url "http://127.0.0.1:$port" --token "$token" \
    --root "$work" --screenshots "$screenshots"; then
  echo "--- notebook server log (last 30 lines) ---" >&2
  tail -n 30 "$work/server.log" >&2
  exit 1
fi
echo "browser-test: $(( $(date +%s) - started )) s in all"
