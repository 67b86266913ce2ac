#!/usr/bin/env bash
# Measures kernel start-up through a notebook server: starts a private classic Notebook server
# (environment/notebook.sh on a free port, its own token), then environment/kernel-starts.py starts the
# `itkm` kernel N times through it, each time waiting for the kernel_info reply on the websocket as a
# browser page does; every start must answer within 10 s. Stops the server at the end.
#
#   environment/kernel-starts.sh [--count N] [--kernel NAME] [--limit SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3
"$root/itkm" --version >/dev/null   # the kernel lives in the kit's jar: build it when stale
port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$python" -c 'import secrets; print(secrets.token_hex(16))')"
log="$(mktemp)"
ITKM_NOTEBOOK_TOKEN="$token" "$root/environment/notebook.sh" --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null -H "Authorization: token $token" "http://127.0.0.1:$port/api/status" && break
  kill -0 "$server" 2>/dev/null || { echo "kernel-starts: the notebook server did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
"$python" "$root/environment/kernel-starts.py" --url "http://127.0.0.1:$port" --token "$token" "$@"
