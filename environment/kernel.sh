#!/usr/bin/env bash
# Starts a Java Jupyter kernel with the ITKM-J kit on its class path, so notebooks need no %classpath /
# %jars magics. The kernelspecs that environment/install.sh writes call
#
#   environment/kernel.sh kit org.itkm.kernel.KernelMain <connection-file>      (`itkm`: the kit's own kernel)
#   environment/kernel.sh <kernel-jar> <kernel-main-class> <connection-file>   (`itkm-ijava`: IJava 1.3.0)
#
# `kit` means the kernel is in the kit's own jar (lib/target/itkm.jar, package org.itkm.kernel).
#
# The class path is listed when the kernel starts, so a rebuilt kit (another PyTorch native jar, a new
# dependency) is picked up without reinstalling anything.
#
# The kit's jars go on the kernel JVM's own class path *and* into the kernel's JShell class path:
# the JShell compiler needs them to compile cells, and the JVM class path makes DJL's engine lookup
# (ServiceLoader through the thread context class loader) find the PyTorch engine from inside a cell.
#
#   ITKM_KERNEL_JAVA_OPTS  extra JVM options for the kernel (e.g. -Xmx16g)
#   JAVA_HOME              the JDK to run the kernel on (17 or newer)
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 <kernel-jar> <kernel-main-class> <connection-file>" >&2
  exit 2
fi
kernel_jar="$1"
main_class="$2"
connection_file="$3"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit_jar="$root/lib/target/itkm.jar"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ ! -f "$kit_jar" ]; then
  echo "itkm kernel: $kit_jar is missing; build the kit first: (cd $root && ./itkm --version)" >&2
  exit 1
fi
if [ "$kernel_jar" = kit ]; then
  kernel_jar="$kit_jar"
elif [ ! -f "$kernel_jar" ]; then
  echo "itkm kernel: kernel jar $kernel_jar is missing; run environment/install.sh again" >&2
  exit 1
fi
if [ -n "$(find "$root/lib/src/main" "$root/pom.xml" "$root/lib/pom.xml" -newer "$kit_jar" -print -quit 2>/dev/null)" ]; then
  echo "itkm kernel: warning: sources are newer than $kit_jar; rebuild with ./itkm --version" >&2
fi

shopt -s nullglob
kit=("$kit_jar" "$root"/lib/target/lib/*.jar)
shopt -u nullglob
# the kit's kernel compiles cells against the JVM class path; IJava reads IJAVA_CLASSPATH
IJAVA_CLASSPATH="$(IFS=':'; echo "${kit[*]}")"
export IJAVA_CLASSPATH
# where the kit lives, for notebooks that write under results/ or read data/
export ITKM_HOME="${ITKM_HOME:-$root}"
# glibc malloc churn costs 30-60% of training speed with the PyTorch engine (DESIGN.md section 1)
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"

# PyTorch's OpenMP threads spin while they wait; on a shared or busy CPU that is 5-10x slower
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# the kit's progress bars draw one line redrawn with carriage returns (Notebook and JupyterLab apply them)
export ITKM_PROGRESS="${ITKM_PROGRESS:-notebook}"

# shellcheck disable=SC2086
exec "$java_bin" -Dai.djl.offline=true ${ITKM_KERNEL_JAVA_OPTS:-} \
  -cp "$kernel_jar:$IJAVA_CLASSPATH" "$main_class" "$connection_file"
