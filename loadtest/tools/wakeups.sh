#!/usr/bin/env bash
# Wake-ups and CPU per request of the gate's busiest event loop and of redis-server, each driven by
# the load harness at the same rates (docs/performance.md, "Default runs of 2026-12-01").
set -euo pipefail
usage() {
  cat <<'USAGE'
usage: loadtest/tools/wakeups.sh DATA_DIR RATE [RATE...]
  DATA_DIR  a directory prepared with `scripts/loadtest --prepare-only --data DATA_DIR`
  RATE      requests per second; for each rate: a 15 s gate run, then the Redis baseline,
            each sampled for 8 s from /proc (voluntary context switches, utime + stime)
Starts its own gate server on ports 7701/7702 and stops it at the end; Linux only.
USAGE
}
if [[ $# -lt 2 || "$1" == "--help" || "$1" == "-h" ]]; then usage; [[ "${1:-}" == --help || "${1:-}" == -h ]] && exit 0 || exit 2; fi
data=$1; shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
log=$(mktemp -d)
tck=$(getconf CLK_TCK)
scripts/gatectl serve --data "$data" --gate-port 7701 --http-port 7702 > "$log/serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q "gate server up" "$log/serve.log" && break; sleep 1; done
pid=$(pgrep -P $serve java || echo $serve)
run() { scripts/loadtest --server 127.0.0.1:7701 --server-pid "$pid" --data "$data" --no-knee --no-clearance --no-echo \
  --out "$log/results" "$@"; }
run --no-redis --rate 20000 --duration 5 --warmup 5 > "$log/warm.log" 2>&1 || true   # JIT warm-up (exit 1: the SLO, not an error)
sample() { # TASK_DIR RATE LABEL
  local a b c1 c2
  a=$(awk '/^voluntary_ctxt_switches/{print $2}' "$1/status"); c1=$(awk '{print $14+$15}' "$1/stat")
  sleep 8
  b=$(awk '/^voluntary_ctxt_switches/{print $2}' "$1/status"); c2=$(awk '{print $14+$15}' "$1/stat")
  # utime + stime are in clock ticks (getconf CLK_TCK a second)
  echo "$3 rate $2: wake-ups/s $(( (b - a) / 8 )), per request $(echo "scale=2; ($b - $a) / 8 / $2" | bc)," \
       "CPU us/request $(echo "scale=1; ($c2 - $c1) * 1000000 / $tck / 8 / $2" | bc)"
}
for rate in "$@"; do
  run --rate "$rate" --duration 15 --warmup 3 > "$log/run-$rate.log" 2>&1 &
  harness=$!
  sleep 7
  loop=$(for t in $(grep -l multiThreadIoEv /proc/$pid/task/*/comm); do d=$(dirname "$t"); echo "$(awk '{print $14+$15}' "$d/stat") $d"; done | sort -n | tail -1 | cut -d' ' -f2)
  sample "$loop" "$rate" "gate loop "
  for _ in $(seq 60); do redis=$(pgrep -x redis-server | head -1 || true); [[ -n "$redis" ]] && break; sleep 1; done
  sleep 6
  sample "/proc/$redis/task/$redis" "$rate" "redis main"
  wait $harness || true   # exit 1 means a missed SLO; the samples stand
done
echo "logs and results: $log"
