#!/usr/bin/env bash
# The image test: builds the Dockerfile's CPU variant with podman and checks it inside containers.
# Run as root on a Debian 12 machine (CI runs it after the test command; docs/docker.md):
#
#   sudo environment/test-docker.sh [--work DIR] [--image NAME] [--no-cache] [--remove-image]
#
#   --work DIR       scratch folder: the base's root file system while it is made, the mounted results/
#                    (default: /var/tmp/itkm-docker-test)
#   --image NAME     tag of the image built (default: localhost/itkm-j:cpu-test)
#   --no-cache       build every layer again (the build time is then the full one)
#   --remove-image   remove the built image (not the base) at the end
#
# Steps, each timed:
#   1. podman, runc and debootstrap from Debian's packages, if missing. podman runs with `--runtime runc`
#      (crun refuses "cgroups in hybrid mode not supported" on these machines); if there is no
#      /etc/containers/containers.conf, one with `default_ulimits = []` is written (podman's default
#      ulimits are refused by setrlimit here) and the script says so. An existing one is left alone.
#   2. The base localhost/debian:bookworm-min, if missing: `debootstrap --variant=minbase bookworm` from
#      Debian's mirror, with the same bookworm, bookworm-updates and security suites as the host, then
#      `podman import`. No registry is used.
#   3. `podman build --format docker` of the Dockerfile with BASE_IMAGE=localhost/debian:bookworm-min,
#      MAVEN_PROFILE=cpu, IJAVA=skip and JUPYTERLAB=skip. Maven inside the build uses the host's local
#      repository ($ITKM_DOCKER_M2, default ~/.m2/repository, mounted with -v), which the test command has
#      filled; what is missing there Maven fetches from Maven Central. The PyTorch natives come from the
#      Maven Central jar in that repository.
#   4. In containers of the image, as its non-root user `itkm`:
#      a. `./itkm info` with --network none (the engine starts from the unpacked natives, offline);
#      b. every notebook headless in smoke (environment/run-notebooks.sh --profile smoke), --network none,
#         results/ mounted from DIR/results;
#      c. the notebook server (the image's default command) answering on port 8888: /api/kernelspecs
#         lists `itkm`, a kernel started through the REST API answers kernel_info and runs a cell that
#         uses the kit, over the server's websocket (a kernel that never answers is replaced, up to 5 times);
#      d. environment/reproduce.sh --skip-notebooks --profile smoke into the mounted results/, then every
#         file under DIR/results must belong to the image user's uid on the host.
#   Prints the image size and the build time at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work=/var/tmp/itkm-docker-test
image=localhost/itkm-j:cpu-test
base=localhost/debian:bookworm-min
no_cache=()
remove_image=0
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift ;;
    --image) image="$2"; shift ;;
    --no-cache) no_cache=(--no-cache) ;;
    --remove-image) remove_image=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "test-docker: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "test-docker: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
t0=$(date +%s)
lap=$t0
timed() { local now; now=$(date +%s); say "$1 took $((now - lap)) s"; lap=$now; }

[ "$(id -u)" -eq 0 ] || fail "needs root (podman builds and runs the image as root here): sudo $0"
[ -f "$root/Dockerfile" ] || fail "no Dockerfile in $root"
m2="${ITKM_DOCKER_M2:-${HOME:-/root}/.m2/repository}"
mkdir -p "$work" "$m2"
server=itkm-docker-test-server-$$
cleanup() { podman rm -f --time 5 "$server" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# every podman call uses runc (crun: "cgroups in hybrid mode not supported")
pm() { podman --runtime runc "$@"; }

# --- 1. podman ------------------------------------------------------------------------------------------
missing=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || fail "apt-get update failed (Debian's mirror not reachable?)"
  apt-get install -y -q --no-install-recommends podman runc debootstrap >/dev/null \
    || fail "apt-get install podman runc debootstrap failed"
fi
if [ ! -e /etc/containers/containers.conf ]; then
  mkdir -p /etc/containers
  printf '# written by ITKM-J environment/test-docker.sh: podman'"'"'s default ulimits are refused by setrlimit here\n[containers]\ndefault_ulimits = []\n' \
    > /etc/containers/containers.conf
  say "wrote /etc/containers/containers.conf (default_ulimits = []); remove it if you do not want it"
fi
say "$(podman --version), runc $(runc --version | sed -n 's/^runc version //p')"
timed "setup"

# --- 2. the local Debian base ----------------------------------------------------------------------------
if podman image exists "$base"; then
  say "base $base already there"
else
  rootfs="$work/rootfs"
  rm -rf "$rootfs"
  say "debootstrap --variant=minbase bookworm (Debian's mirror, about a minute)"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see $work/debootstrap.log"
  cat > "$rootfs/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | podman import - "$base" >/dev/null || fail "podman import of $rootfs failed"
  rm -rf "$rootfs"
  say "made $base (Debian $(pm run --rm --network none "$base" cat /etc/debian_version))"
fi
timed "base image"

# --- 3. build -------------------------------------------------------------------------------------------
say "podman build of the CPU variant -> $image (log: $work/build.log)"
# plotly.js: the host's copy (fetched and SHA-512-checked by install.sh), so the build needs no registry
# (a TLS-intercepting proxy the host trusts is not trusted inside the build)
"$root/environment/fetch-plotly.sh" >/dev/null || fail "environment/fetch-plotly.sh failed on the host"
rm -rf "$root/docker-inputs/plotly" && cp -r "$root/vendor/plotly" "$root/docker-inputs/plotly"
build_start=$(date +%s)
if ! pm build --format docker --pull=never "${no_cache[@]}" -t "$image" \
    --build-arg BASE_IMAGE="$base" --build-arg MAVEN_PROFILE=cpu \
    --build-arg IJAVA=skip --build-arg JUPYTERLAB=skip \
    --build-arg MAVEN_REPO_LOCAL=/var/cache/itkm-m2 -v "$m2:/var/cache/itkm-m2" \
    -f "$root/Dockerfile" "$root" > "$work/build.log" 2>&1; then
  tail -n 30 "$work/build.log" >&2
  fail "podman build failed; full log in $work/build.log"
fi
build_s=$(( $(date +%s) - build_start ))
size_bytes="$(podman image inspect --format '{{.Size}}' "$image")"
size="$((size_bytes / 1000000)) MB"   # decimal, as `podman images` shows it
uid="$(pm run --rm --network none "$image" id -u)"
[ "$uid" != 0 ] || fail "the image runs as root; expected its non-root user"
timed "build"

# --- 4a. engine offline -----------------------------------------------------------------------------------
say "./itkm info, --network none"
info="$(pm run --rm --network none "$image" ./itkm info)" || { echo "$info" >&2; fail "./itkm info failed in the container"; }
echo "$info" | sed 's/^/  /' >&2
echo "$info" | grep -q 'self-test.*(ok)' || fail "./itkm info did not report a passing self-test"
timed "itkm info"

# results/ on the host, writable by the image's user
results="$work/results"
rm -rf "$results"
mkdir -p "$results"
chown "$uid:$uid" "$results"
run_kit() { pm run --rm --network none -v "$results:/opt/itkm/results" "$image" "$@"; }

# --- 4b. the smoke notebooks ------------------------------------------------------------------------------
say "environment/run-notebooks.sh --profile smoke, --network none"
run_kit environment/run-notebooks.sh --profile smoke > "$work/notebooks.log" 2>&1 \
  || { tail -n 40 "$work/notebooks.log" >&2; fail "smoke notebooks failed in the container; log in $work/notebooks.log"; }
tail -n 14 "$work/notebooks.log" | sed 's/^/  /' >&2
timed "smoke notebooks"

# --- 4c. the notebook server and the itkm kernel -------------------------------------------------------
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
say "notebook server (the image's default command) and a kernel through its REST API"
pm run -d --name "$server" --network none -e JUPYTER_TOKEN="$token" "$image" >/dev/null \
  || fail "could not start the image's default command"
if ! pm exec -i -e TOKEN="$token" "$server" /usr/bin/python3 - <<'PY'
import asyncio, datetime, json, os, sys, time, urllib.request, uuid
from tornado import httpclient, websocket

TOKEN, BASE = os.environ["TOKEN"], "127.0.0.1:8888"

def api(method, path, body=None):
    req = urllib.request.Request(f"http://{BASE}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "token " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        raw = r.read()
    return json.loads(raw) if raw else None

deadline = time.time() + 90
while True:
    try:
        specs = api("GET", "/api/kernelspecs")
        break
    except Exception as e:
        if time.time() > deadline:
            sys.exit(f"the server did not answer on port 8888 within 90 s: {e}")
        time.sleep(1)
print("  server answers on 8888; kernelspecs:", ", ".join(sorted(specs["kernelspecs"])), flush=True)
if "itkm" not in specs["kernelspecs"]:
    sys.exit("no `itkm` kernelspec")

CODE = 'System.out.println("kit on the class path: " + org.itkm.cli.ItkmCli.class.getName() + ", " + (6 * 7));'

async def talk(kid):
    # (the server accepts the websocket only once the kernel has answered its own kernel_info request)
    conn = await websocket.websocket_connect(f"ws://{BASE}/api/kernels/{kid}/channels?token={TOKEN}",
                                             connect_timeout=60)
    session = uuid.uuid4().hex

    async def request(msg_type, content, timeout):
        msg_id = uuid.uuid4().hex
        await conn.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": session, "msg_type": msg_type,
                       "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}))
        reply, idle, text = None, False, []
        end = time.time() + timeout
        while reply is None or not idle:
            raw = await asyncio.wait_for(conn.read_message(), max(0.1, end - time.time()))
            if raw is None:
                raise RuntimeError("websocket closed")
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "stream":
                text.append(m["content"]["text"])
            elif t == "error":
                text.append("\n".join(m["content"].get("traceback", [])))
            elif t.endswith("_reply"):
                reply = m["content"]
            elif t == "status" and m["content"]["execution_state"] == "idle":
                idle = True
        return reply, "".join(text)

    try:
        info, _ = await request("kernel_info_request", {}, 30)
        print("  kernel answers:", info.get("implementation", "?"), info.get("implementation_version", ""), flush=True)
        reply, out = await request("execute_request", {"code": CODE, "silent": False, "store_history": True,
                                                       "user_expressions": {}, "allow_stdin": False}, 120)
        return reply, out
    finally:
        conn.close()

for attempt in range(1, 6):
    kid = api("POST", "/api/kernels", {"name": "itkm"})["id"]
    try:
        reply, out = asyncio.run(talk(kid))
    except (asyncio.TimeoutError, httpclient.HTTPClientError, OSError) as e:
        print(f"  kernel {attempt} did not answer ({type(e).__name__}: {e}); starting a fresh one", flush=True)
        api("DELETE", f"/api/kernels/{kid}")
        continue
    print("  cell output:", out.strip(), flush=True)
    if reply.get("status") != "ok" or "kit on the class path: org.itkm.cli.ItkmCli, 42" not in out:
        sys.exit(f"the cell did not run as expected: {reply.get('status')} {out}")
    api("DELETE", f"/api/kernels/{kid}")
    sys.exit(0)
sys.exit("no itkm kernel answered in 5 starts")
PY
then
  pm logs --tail 30 "$server" >&2 || true
  fail "notebook server / itkm kernel check failed"
fi
cleanup
timed "notebook server"

# --- 4d. the main command on smoke, into the mounted results/ ----------------------------------------------
say "environment/reproduce.sh --skip-notebooks --profile smoke, --network none, results/ mounted"
run_kit environment/reproduce.sh --skip-notebooks --profile smoke > "$work/reproduce.log" 2>&1 \
  || { tail -n 40 "$work/reproduce.log" >&2; fail "reproduce.sh failed in the container; log in $work/reproduce.log"; }
[ -s "$results/smoke/tables/table1.md" ] || fail "no results/smoke/tables/table1.md on the host after reproduce.sh"
sed 's/^/  /' "$results/smoke/tables/table1.md" >&2
foreign="$(find "$results" ! -uid "$uid" | head -n 5)"
[ -z "$foreign" ] || fail "files in the mounted results/ not owned by uid $uid: $foreign"
say "$(find "$results" -type f | wc -l) files in the mounted results/, all owned by uid $uid (the image's user)"
timed "reproduce.sh"

if [ "$remove_image" = 1 ]; then
  podman rmi "$image" >/dev/null && say "removed $image"
fi
say "PASSED: image $image ($size), built in ${build_s} s; whole test $(( $(date +%s) - t0 )) s"
