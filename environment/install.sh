#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine needs to run the ITKM-J notebooks, headless or in a browser,
# and the Java Jupyter kernel that runs them. Idempotent: a second run only rewrites the kernelspecs.
#
#   sudo environment/install.sh [--no-apt] [--kernels-dir DIR] [--ijava-zip FILE]
#
# Steps (each skipped when already done):
#   1. Debian packages, no recommends: JDK 17, Maven, unzip, the Jupyter runtime (jupyter-core,
#      jupyter-client, python3-nbformat, python3-nbclient, jupyter-nbconvert, python3-ipykernel), the
#      classic notebook server (jupyter-notebook 6.4; `./itkm notebook` starts it) and, for the browser
#      test (environment/browser-test.sh), headless Chromium with its driver and Selenium (chromium,
#      chromium-driver, python3-selenium; Debian only: Ubuntu ships Chromium as a snap).
#   2. Maven >= 3.8 (the kit's enforcer rule). Distributions with an older Maven (Ubuntu 22.04 has
#      3.6.3) get Apache Maven 3.9.9 fetched from Maven Central by that older Maven into /opt.
#   3. Kernelspec `itkm`: the kit's own JShell kernel (org.itkm.kernel, built into lib/target/itkm.jar
#      on io.github.spencerpark:jupyter-jvm-basekernel 2.3.0) started by environment/kernel.sh with the
#      kit's class path (lib/target/itkm.jar + lib/target/lib/*.jar, listed at kernel start, so
#      rebuilding the kit needs no reinstall) and -Dai.djl.offline=true. Notebooks need no magics.
#   4. With --ijava-zip: kernelspec `itkm-ijava`, IJava 1.3.0 from its release zip (not on Maven
#      Central; the Docker image downloads the zip from GitHub), started the same way.
#
# The kit itself is not built here: environment/run-notebooks.sh and ./itkm build it when it is stale.
# Nothing is fetched from hosts other than the Debian/Ubuntu mirrors and Maven Central.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
maven_bootstrap_version=3.9.9
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# where a bootstrapped Maven goes (overridable for tests)
maven_parent="${ITKM_MAVEN_PARENT:-/opt}"
maven_link_dir="${ITKM_MAVEN_LINK_DIR:-/usr/local/bin}"
apt_packages=(openjdk-17-jdk-headless maven unzip jupyter-core jupyter-client python3-nbformat python3-nbclient
  jupyter-nbconvert python3-ipykernel jupyter-notebook curl ca-certificates openssl)
# the browser test's Chromium: Debian packages it; Ubuntu's `chromium` is a snap shim that fails in containers.
# ITKM_BROWSER_TEST=skip leaves it out (the Docker image: the browser test runs on the host)
if grep -qx 'ID=debian' /etc/os-release 2>/dev/null && [ "${ITKM_BROWSER_TEST:-}" != skip ]; then
  apt_packages+=(chromium chromium-driver python3-selenium)
fi

use_apt=1
kernels_dir=""
ijava_zip=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-apt) use_apt=0 ;;
    --kernels-dir) kernels_dir="$2"; shift ;;
    --ijava-zip) ijava_zip="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$kernels_dir" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    kernels_dir=/usr/local/share/jupyter/kernels
  else
    kernels_dir="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels"
  fi
fi

step() { echo "install.sh: $*" >&2; }

# --- 1. system packages ---------------------------------------------------------------------------
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  step "system packages already installed"
elif [ "$use_apt" -eq 0 ]; then
  step "--no-apt given but these packages are missing: ${missing[*]}"
  exit 1
else
  if [ "$(id -u)" -ne 0 ]; then
    step "installing ${missing[*]} needs root (sudo $0), or install them yourself and pass --no-apt"
    exit 1
  fi
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- 2. Maven >= 3.8 --------------------------------------------------------------------------------
# (mvn -v colours its first line; strip escape sequences before reading the version)
maven_version() {
  mvn -B -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -n1
}
maven_ok() {
  local v major minor
  v="$(maven_version)"
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ -n "$v" ] && { [ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 8 ]; }; }
}
if [ -z "$(maven_version)" ]; then
  step "cannot read the Maven version from 'mvn -v' ($(command -v mvn || echo 'mvn not on PATH'))"
  exit 1
elif maven_ok; then
  step "Maven $(maven_version) is recent enough"
else
  step "Maven $(maven_version) is older than 3.8; fetching Apache Maven $maven_bootstrap_version from Maven Central"
  tmp="$(mktemp -d)"
  (cd "$tmp" && mvn -B -q -Dstyle.color=never "$dependency_plugin:copy" \
    -Dartifact="org.apache.maven:apache-maven:$maven_bootstrap_version:tar.gz:bin" -DoutputDirectory="$tmp")
  tar -xzf "$tmp/apache-maven-$maven_bootstrap_version-bin.tar.gz" -C "$maven_parent"
  mkdir -p "$maven_link_dir"
  ln -sf "$maven_parent/apache-maven-$maven_bootstrap_version/bin/mvn" "$maven_link_dir/mvn"
  rm -rf "$tmp"
  hash -r
  maven_ok || { step "Maven is still older than 3.8 ($(command -v mvn)); put $maven_link_dir first in PATH"; exit 1; }
fi

# --- 3./4. kernelspecs ----------------------------------------------------------------------------------
# argv runs environment/kernel.sh from this checkout; it lists the kit's jars when the kernel starts.
write_kernelspec() { # dir display-name kernel-jar main-class interrupt-mode
  local json_escape_root
  json_escape_root="$(printf '%s' "$root" | sed 's/\\/\\\\/g; s/"/\\"/g')"
  cat > "$1/kernel.json" <<JSON
{
  "argv": ["$json_escape_root/environment/kernel.sh", "$3", "$4", "{connection_file}"],
  "display_name": "$2",
  "language": "java",
  "interrupt_mode": "$5",
  "metadata": {"itkm_home": "$json_escape_root"}
}
JSON
}
itkm_dir="$kernels_dir/itkm"
mkdir -p "$itkm_dir"
# an older install kept the rapaio kernel jar here; the kernel is now in the kit's own jar
rm -f "$itkm_dir"/rapaio-jupyter-kernel-*.jar
write_kernelspec "$itkm_dir" "ITKM-J (Java 17, JShell)" kit org.itkm.kernel.KernelMain message
step "kernelspec itkm -> $itkm_dir (kit: $root)"

if [ -n "$ijava_zip" ]; then
  ijava_dir="$kernels_dir/itkm-ijava"
  tmp="$(mktemp -d)"
  unzip -q -o "$ijava_zip" -d "$tmp"
  ijava_jar_src="$(find "$tmp" -name 'ijava-*.jar' -print -quit)"
  if [ -z "$ijava_jar_src" ]; then
    step "$ijava_zip holds no ijava-*.jar; expected the IJava 1.3.0 release zip"
    exit 1
  fi
  mkdir -p "$ijava_dir"
  # IJava's kernel jar plus its dependency jars (the release zip keeps them in java/)
  cp -f "$(dirname "$ijava_jar_src")"/*.jar "$ijava_dir/"
  rm -rf "$tmp"
  write_kernelspec "$ijava_dir" "ITKM-J (Java, IJava 1.3.0)" "$ijava_dir/$(basename "$ijava_jar_src")" \
    io.github.spencerpark.ijava.IJava message
  step "kernelspec itkm-ijava -> $ijava_dir"
fi

# plotly.js 2.x for the notebooks' interactive figures: the pinned npm tarball, SHA-512 checked, into the
# git-ignored vendor/plotly (the figures load it from there; nothing downloads when a notebook runs)
"$root/environment/fetch-plotly.sh" 2>&1 | sed 's/^/install.sh: /' >&2

if command -v jupyter >/dev/null; then
  jupyter kernelspec list 2>/dev/null | sed 's/^/install.sh: /' >&2
fi
