#!/usr/bin/env bash
# Load test with wrk (Debian: apt-get install wrk): the worked example through POST /v1/gradients against the
# same server answering a trivial JSON call with a body of the same size, 8 keep-alive connections on 127.0.0.1.
# Prints both throughputs, their ratio, and the latency percentiles. Builds the jar if needed.
#   scripts/load.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
port=${PORT:-18200}
jar=$(ls target/gradserve-*.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then ./mvnw -q -B package -DskipTests; jar=$(ls target/gradserve-*.jar | head -1); fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE java -Xms512m -Xmx512m -jar "$jar" --server.port="$port" \
  --spring.profiles.active=loadtest --logging.level.dev.gradserve.access=warn > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break; sleep 0.5; done

cat > "$work/body.json" <<'JSON'
{"network": {"inputShape": [2], "layers": [
   {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
   {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}],
 "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}},
 "weights": {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
             "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}},
 "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]]}
JSON
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "r"); wrk.body = f:read("*a"); f:close()
LUA

run() {  # run NAME PATH: warm up, then measure; prints requests/s and latency percentiles
  wrk -t2 -c8 -d5s -s "$work/post.lua" "http://127.0.0.1:$port$2" >/dev/null
  wrk -t2 -c8 -d"${seconds}s" -s "$work/post.lua" --latency "http://127.0.0.1:$port$2" > "$work/$1.txt"
  awk -v name="$1" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
    END {printf "%-10s %10.0f req/s   p50 %-9s p99 %-9s non-2xx %s\n", name, rps, p50, p99, bad+0}' "$work/$1.txt"
}
echo "body: $(wc -c < "$work/body.json") bytes, 8 connections, ${seconds}s per run, $(nproc) cores"
run trivial /loadtest/echo
run gradients /v1/gradients
awk '/Requests\/sec/ {print $2}' "$work/trivial.txt" "$work/gradients.txt" | paste -sd' ' |
  awk '{printf "ratio: gradients / trivial = %.2f (goal >= 0.50)\n", $2 / $1}'
