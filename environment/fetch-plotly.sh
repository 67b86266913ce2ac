#!/usr/bin/env bash
# Puts plotly.js (the npm package plotly.js-dist-min, pinned below) into vendor/plotly/plotly.min.js, the
# git-ignored place from which the notebooks' interactive figures load it (docs/notebooks-tables-and-figures.md).
# Runs at install time (environment/install.sh calls it); nothing downloads when a notebook runs.
#
#   environment/fetch-plotly.sh [--from TGZ]
#
#   --from TGZ  use this already downloaded package tarball instead of the npm registry (offline machines)
#
# The tarball's SHA-512 must equal the registry's recorded integrity for this version, else nothing is written.
# Idempotent: an existing vendor/plotly/plotly.min.js of the pinned version is kept. Needs curl (or --from) and tar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="2.35.2"
# `npm view plotly.js-dist-min@2.35.2 dist.integrity`
integrity="sha512-oWDTf2kYOmTtEw3epeeSBdfH/H3OSktF0suST9oI6fIgKfbyd4MT7TPh8+CVzdHYllYon24Q0HI1hZjOnLqk6g=="
url="https://registry.npmjs.org/plotly.js-dist-min/-/plotly.js-dist-min-${version}.tgz"
from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "fetch-plotly: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
target="$root/vendor/plotly"
if [ -f "$target/plotly.min.js" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
  echo "fetch-plotly: plotly.js $version already in $target"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "$from" ]; then
  cp "$from" "$work/plotly.tgz"
else
  curl -fsSL --retry 3 -o "$work/plotly.tgz" "$url"
fi
actual="sha512-$(openssl dgst -sha512 -binary "$work/plotly.tgz" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "fetch-plotly: $url has integrity $actual, expected $integrity; nothing written" >&2
  exit 1
fi
tar -xzf "$work/plotly.tgz" -C "$work" package/plotly.min.js package/LICENSE
mkdir -p "$target"
mv "$work/package/plotly.min.js" "$target/plotly.min.js.part"
mv "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
mv "$target/plotly.min.js.part" "$target/plotly.min.js"
echo "fetch-plotly: plotly.js $version ($(wc -c < "$target/plotly.min.js") bytes, MIT) in $target"
