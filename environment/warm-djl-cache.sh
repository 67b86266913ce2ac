#!/usr/bin/env bash
# Unpacks the PyTorch native libraries of the built kit (lib/target/lib/pytorch-native-*.jar and the
# matching JNI library from pytorch-jni-*.jar) into DJL's engine cache, where DJL would otherwise
# extract them the first time the engine starts (several GB for the CUDA jar, in every fresh
# container). DJL finds the unpacked folder and loads it as is. Nothing is downloaded.
#
#   environment/warm-djl-cache.sh [CACHE_DIR]
#
# CACHE_DIR defaults to DJL's own choice: $ENGINE_CACHE_DIR, else $DJL_CACHE_DIR, else ~/.djl.ai.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$root/lib/target/lib"
cache="${1:-${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}}"

shopt -s nullglob
natives=("$lib"/pytorch-native-*.jar)
jnis=("$lib"/pytorch-jni-*.jar)
engines=("$lib"/pytorch-engine-*.jar)
shopt -u nullglob
if [ ${#natives[@]} -ne 1 ] || [ ${#jnis[@]} -ne 1 ] || [ ${#engines[@]} -ne 1 ]; then
  echo "warm-djl-cache: expected one pytorch-native, pytorch-jni and pytorch-engine jar in $lib; build the kit first" >&2
  exit 1
fi
property() { unzip -p "${natives[0]}" native/lib/pytorch.properties | sed -n "s/^$1=//p" | tr -d '\r'; }
version="$(property version)"
flavor="$(property flavor)"
classifier="$(property classifier)"
djl_version="$(basename "${engines[0]}" .jar)"
djl_version="${djl_version#pytorch-engine-}"
target="$cache/pytorch/$version-$flavor-$classifier"

if [ -f "$target/$djl_version-libdjl_torch.so" ]; then
  echo "warm-djl-cache: $target is already unpacked" >&2
  exit 0
fi
mkdir -p "$target.tmp"
unzip -q -o -j "${natives[0]}" "pytorch/$flavor/$classifier/*" -d "$target.tmp"
unzip -q -p "${jnis[0]}" "jnilib/$classifier/$flavor/libdjl_torch.so" > "$target.tmp/$djl_version-libdjl_torch.so"
rm -rf "$target"
mv "$target.tmp" "$target"   # complete or absent, never half-written
echo "warm-djl-cache: PyTorch $version ($flavor) unpacked into $target ($(du -sh "$target" | cut -f1))" >&2
