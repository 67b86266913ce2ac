#!/usr/bin/env bash
# Starts the classic Jupyter Notebook server (Debian's jupyter-notebook 6.4, installed by
# environment/install.sh) for the kit: on 127.0.0.1 only, with a fresh random token, the `itkm` kernel as
# the default and the kit's folder as its root. Prints the address to open. `./itkm notebook` runs this.
#
#   environment/notebook.sh [--port N] [--root DIR] [--kernel NAME]
#
#   --port    port to listen on (default 8888; an occupied port is an error, not a silent other port)
#   --root    folder the server shows (default: the kit's folder)
#   --kernel  default kernelspec for new notebooks (default: itkm)
#   ITKM_NOTEBOOK_TOKEN  use this token instead of a random one (tests)
#
# Stop it with Ctrl-C. The kernel is started by environment/kernel.sh; rebuild the kit with ./itkm --version.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=8888
dir="$root"
kernel=itkm
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift ;;
    --root) dir="$2"; shift ;;
    --kernel) kernel="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "notebook: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
python=/usr/bin/python3
if ! "$python" -c 'import notebook.notebookapp' 2>/dev/null; then
  echo "notebook: the classic notebook server is missing; run: sudo environment/install.sh" >&2
  exit 1
fi
if ! "$python" -m jupyter kernelspec list 2>/dev/null | awk '{print $1}' | grep -qx "$kernel"; then
  echo "notebook: no kernelspec '$kernel'; run: sudo environment/install.sh (or --kernels-dir DIR)" >&2
  exit 1
fi
if ! "$python" -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$port" 2>/dev/null; then
  echo "notebook: port $port on 127.0.0.1 is in use; choose another with --port N" >&2
  exit 1
fi
token="${ITKM_NOTEBOOK_TOKEN:-$("$python" -c 'import secrets; print(secrets.token_hex(24))')}"
echo "notebook: serving $dir with the '$kernel' kernel" >&2
echo "notebook: open http://127.0.0.1:$port/tree?token=$token" >&2
export PYDEVD_DISABLE_FILE_VALIDATION=1
extra=()
# the notebook server refuses root unless told; CI containers and this project's machines run as root
[ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
exec "$python" -m notebook "${extra[@]}" --no-browser --ip=127.0.0.1 --port="$port" --NotebookApp.port_retries=0 \
  --notebook-dir="$dir" --NotebookApp.token="$token" --MultiKernelManager.default_kernel_name="$kernel" \
  --NotebookApp.open_browser=False
