#!/usr/bin/env bash
# Whether the working tree gives an earlier commit's bits for a pass benchmark's network (scripts/BitsCheck.java):
# outputs, loss, every gradient, every layer's dL/dz and dL/d inputs, one pass each, in one JVM. Exit status 1 when
# they differ. Builds the commit in a temporary git worktree.
#   scripts/bits.sh REV BENCHMARK [PARAMS]
#   scripts/bits.sh HEAD LeNetBenchmark dtype=float64
set -euo pipefail
cd "$(dirname "$0")/.."
rev=$1 benchmark=$2 params=${3:-}
[[ $benchmark == *.* ]] || benchmark=dev.gradserve.bench.$benchmark
source scripts/two-builds.sh bits
OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$(cat target/ab-classpath.txt)" \
  scripts/BitsCheck.java "$base" "$PWD" "$benchmark" "$params" 2>&1 | grep -E '^same bits|^DIFFERENT|Exception|Error'
