# Sourced by the load scripts: builds the jar when there is none or the sources changed since it was built (a stale
# jar measured old code), starts it on $port with one OpenMP thread per operation and
# waits until it is healthy; writes wrk's Lua script for POSTing a JSON file. Cleans up on exit.
#   start_server [extra arguments for the jar...]    sets $server (pid) and $work (a temporary directory)
#   post_script BODY_FILE LUA_FILE
#   count_statuses LUA_FILE      adds to a wrk script: a line at the end naming every status other than 2xx, with counts
port=${PORT:-18200}
jar=$(ls target/gradserve-*.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B package -DskipTests
  jar=$(ls target/gradserve-*.jar | head -1)
fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill $server 2>/dev/null; fi; rm -rf "$work"' EXIT

start_server() {
  OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=134217728 java --add-modules jdk.incubator.vector -Xms512m -Xmx512m -jar "$jar" --server.port="$port" \
    --logging.level.dev.gradserve.access=warn "$@" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "the server did not start; its log:" >&2; cat "$work/server.log" >&2; exit 1
}

post_script() {
  cat > "$2" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$1", "r"); wrk.body = f:read("*a"); f:close()
LUA
}

count_statuses() {
  cat >> "$1" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  if status < 200 or status > 299 then statuses[status] = (statuses[status] or 0) + 1 end
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, status .. ": " .. n) end
  table.sort(parts)
  io.write("statuses other than 2xx: " .. (#parts > 0 and table.concat(parts, ", ") or "none") .. "\n")
end
LUA
}

worked_example() {
  cat > "$1" <<'JSON'
{"network": {"inputShape": [2], "layers": [
   {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
   {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}],
 "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}},
 "weights": {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
             "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}},
 "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]]}
JSON
}
