#!/usr/bin/env bash
# Load test with wrk (Debian: apt-get install wrk): the worked example through POST /v1/gradients against the
# same server answering a trivial JSON call with a body of the same size, 8 keep-alive connections on 127.0.0.1.
# Prints both throughputs, their ratio, and the latency percentiles (issue 5, goal 2); then 8 concurrent requests
# with the MLP 784-256-128-10 of scripts/MlpBody.java (batch 128, base64) and their p99 / p50 (goal 5).
# Builds the jar if needed. Each run is preceded by WARMUP seconds (default 30) of the same load, unmeasured: the
# JIT compiler needs about that long on 2 cores, and while it works it takes up to half a core from the server (with
# 5 s of warm-up, the C2 thread used 4.6 s of CPU in the next 10 s and the trivial endpoint answered 3,800 req/s
# instead of 11,000-15,000).
#   [WARMUP=seconds] [SERVER_ARGS="--name=value ..."] scripts/load.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
warmup=${WARMUP:-30}
. scripts/server.sh
start_server --spring.profiles.active=loadtest ${SERVER_ARGS:-}
worked_example "$work/body.json"
post_script "$work/body.json" "$work/post.lua"

run() {  # run NAME PATH [LUA]: warm up, then measure; prints requests/s and latency percentiles
  local script=${3:-$work/post.lua}
  wrk -t2 -c8 -d"${warmup}s" -s "$script" "http://127.0.0.1:$port$2" >/dev/null
  wrk -t2 -c8 -d"${seconds}s" -s "$script" --latency "http://127.0.0.1:$port$2" > "$work/$1.txt"
  awk -v name="$1" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
    END {printf "%-10s %10.0f req/s   p50 %-9s p99 %-9s non-2xx %s\n", name, rps, p50, p99, bad+0}' "$work/$1.txt"
}
echo "body: $(wc -c < "$work/body.json") bytes, 8 connections, ${seconds}s per run after ${warmup}s of warm-up, $(nproc) cores"
run trivial /loadtest/echo
run gradients /v1/gradients
awk '/Requests\/sec/ {print $2}' "$work/trivial.txt" "$work/gradients.txt" | paste -sd' ' |
  awk '{printf "ratio: gradients / trivial = %.2f (goal >= 0.50)\n", $2 / $1}'

java scripts/MlpBody.java > "$work/mlp.json"
post_script "$work/mlp.json" "$work/mlp.lua"
echo "MLP body: $(wc -c < "$work/mlp.json") bytes, 8 connections"
run mlp /v1/gradients "$work/mlp.lua"
awk 'function ms(t) { if (t ~ /us$/) return t / 1000; if (t ~ /ms$/) return t + 0; if (t ~ /s$/) return t * 1000; return t }
  /^ +50%/ {p50 = ms($2)} /^ +99%/ {p99 = ms($2)}
  END {printf "8 concurrent MLP requests: p99 / p50 = %.2f (goal <= 3)\n", p99 / p50}' "$work/mlp.txt"
