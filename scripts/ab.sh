#!/usr/bin/env bash
# A/B of one benchmark method between an earlier commit and the working tree, in one JVM (scripts/AbLoop.java):
# on these shared machines two JMH runs minutes apart differ by more than most changes, while slices of 0.4 s
# alternating in one process see the same machine. Builds the commit in a temporary git worktree.
#   scripts/ab.sh REV BENCHMARK [PARAMS [SECONDS [METHOD]]]
#   scripts/ab.sh HEAD~1 RecurrentBenchmark cell=lstm,dtype=float32 40
#   scripts/ab.sh HEAD~1 dev.gradserve.api.CodecBenchmark encoding=base64 40 parse   (a class outside dev.gradserve.bench)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=$1 benchmark=$2 params=${3:-} seconds=${4:-40} method=${5:-forwardBackward}
[[ $benchmark == *.* ]] || benchmark=dev.gradserve.bench.$benchmark
source scripts/two-builds.sh ab
OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=134217728 \
  java --add-modules jdk.incubator.vector -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$(cat target/ab-classpath.txt)" scripts/AbLoop.java "$base" "$PWD" "$benchmark" \
  "$params" "$seconds" "$method" | grep -E ' pairs$|Exception|Error'
