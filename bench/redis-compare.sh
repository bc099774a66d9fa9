#!/usr/bin/env bash
# Runs redis-benchmark against a private redis-server and a private single-node elastickv in one run and
# prints requests/s for both and their ratio. Only commands elastickv serves so far are measured (PING).
# Usage: bench/redis-compare.sh [requests]   (needs redis-server and redis-benchmark: apt-get install redis-server redis-tools)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests="${1:-200000}"
work="$(mktemp -d)"
redis_port=16379; ekv_port=16380; raft_port=17100
cleanup() {
  [[ -n "${redis_pid:-}" ]] && kill "$redis_pid" 2>/dev/null || true
  [[ -n "${ekv_pid:-}" ]] && kill "$ekv_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
"$root/bin/elastickv" start --data-dir "$work/ekv" --raft-address "127.0.0.1:$raft_port" \
  --redis-address "127.0.0.1:$ekv_port" >"$work/ekv.log" 2>&1 &
ekv_pid=$!
for port in "$redis_port" "$ekv_port"; do
  for _ in $(seq 1 300); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
done

echo "| command | clients | pipeline | redis-server req/s | elastickv req/s | elastickv / redis |"
echo "|---|---:|---:|---:|---:|---:|"
for pipeline in 1 16; do
  for test in PING_INLINE PING_MBULK; do
    rate() { redis-benchmark -p "$1" -n "$requests" -c 50 -P "$pipeline" -t ping --csv 2>/dev/null \
      | awk -F'","' -v t="$test" '$1 ~ t {gsub(/"/, "", $2); print $2}'; }
    r=$(rate "$redis_port"); e=$(rate "$ekv_port")
    awk -v t="$test" -v p="$pipeline" -v r="$r" -v e="$e" \
      'BEGIN { printf "| %s | 50 | %d | %.0f | %.0f | %.2f |\n", t, p, r, e, e / r }'
  done
done
