#!/usr/bin/env bash
# Memory under load (issue 5, goal 6), with wrk (Debian: apt-get install wrk) on 8 keep-alive connections:
#  1. the worked example through POST /v1/gradients for MINUTES (default 10), the server's resident set size (RSS)
#     sampled every 30 s; prints the samples and the growth from the first sample after the first minute (warm-up);
#  2. the heap each request allocates (the JVM's allocation counter over the run / the requests answered), for the
#     worked example and for the MLP 784-256-128-10 of scripts/MlpBody.java (batch 128, float32, base64), against
#     the bytes of that request's own tensors (request and answer, float32).
#   scripts/soak.sh [minutes, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
. scripts/server.sh
start_server
worked_example "$work/worked.json"
post_script "$work/worked.json" "$work/worked.lua"
count_statuses "$work/worked.lua"
java scripts/MlpBody.java > "$work/mlp.json"
post_script "$work/mlp.json" "$work/mlp.lua"

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }
allocated() {
  curl -fs "http://127.0.0.1:$port/actuator/prometheus" | awk '/^jvm_gc_memory_allocated_bytes_total/ {printf "%.0f", $2}'
}
requests() { awk '/requests in/ {print $1}' "$1"; }

echo "RSS at start: $(rss_mb) MB; worked example for $minutes min, 8 connections, $(nproc) cores"
before=$(allocated)
wrk -t2 -c8 -d"${minutes}m" -s "$work/worked.lua" --latency "http://127.0.0.1:$port/v1/gradients" > "$work/soak.txt" &
load=$!
samples=()
for ((t = 30; t <= minutes * 60; t += 30)); do
  sleep 30
  samples+=("$(rss_mb)")
  printf "  %4d s  RSS %s MB\n" "$t" "${samples[-1]}"
done
wait $load
after=$(allocated)
n=$(requests "$work/soak.txt")
awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
  END {printf "worked example: %.0f req/s, p50 %s, p99 %s, non-2xx %d\n", rps, p50, p99, bad+0}' "$work/soak.txt"
grep '^statuses other than 2xx' "$work/soak.txt"
printf '%s\n' "${samples[@]}" | awk 'NR == 2 {base = $1} NR >= 2 {if ($1 > max) max = $1; last = $1}
  END {if (NR < 2) {print "run at least 1 minute"; exit}
       printf "RSS after warm-up (60 s) %d MB, highest %d MB, last %d MB: growth %.1f%% (goal within 10%%)\n",
              base, max, last, 100 * (max - base) / base}'
awk -v a="$before" -v b="$after" -v n="$n" 'BEGIN {printf "worked example: %.1f KB of heap per request\n", (b - a) / n / 1024}'

before=$(allocated)
wrk -t2 -c8 -d20s -s "$work/mlp.lua" "http://127.0.0.1:$port/v1/gradients" > "$work/mlp.txt"
after=$(allocated)
n=$(requests "$work/mlp.txt")
# inputs 128×784 + one-hot targets 128 (as indices, counted as 128×10) + weights and their gradients 2 × 235,146
# + outputs 128×10, four bytes each
tensors=$(( (128 * 784 + 128 * 10 + 2 * 235146 + 128 * 10) * 4 ))
awk -v a="$before" -v b="$after" -v n="$n" -v t="$tensors" 'BEGIN {
  printf "MLP (base64): %d requests, %.1f MB of heap per request, %.1f× its own tensors (%.1f MB)\n",
         n, (b - a) / n / 1048576, (b - a) / n / t, t / 1048576}'
echo "RSS at the end: $(rss_mb) MB"
