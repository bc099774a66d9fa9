#!/usr/bin/env bash
# Runs redis-benchmark against redis-server (no persistence, and AOF with appendfsync always) and against
# elastickv (a single node, and a 3-node cluster on this machine) in one run, and prints a markdown table of
# requests/s with the ratios elastickv / redis-server.
#
# Usage: bench/redis-compare.sh [requests] [tests]
#   requests  per benchmark row (default 100000)
#   tests     redis-benchmark -t list (default set,get,incr,mset,hset)
# Needs redis-server and redis-benchmark (apt-get install -y redis-server redis-tools) and a built
# elastickv (bin/elastickv builds it when missing). Everything listens on 127.0.0.1 and is stopped at exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests="${1:-100000}"
tests="${2:-set,get,incr,mset,hset}"
work="$(mktemp -d)"
redis_port=16379; aof_port=16378; single_port=16380; single_raft=17100
cluster_redis_base=16381; cluster_raft_base=17101
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/elastickv" --help >/dev/null # builds the jar once, before any node starts

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  >"$work/redis.log" 2>&1 &
pids+=($!)
mkdir -p "$work/aof"
redis-server --port "$aof_port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always \
  --dir "$work/aof" >"$work/redis-aof.log" 2>&1 &
pids+=($!)
"$root/bin/elastickv" start --data-dir "$work/single" --raft-address "127.0.0.1:$single_raft" \
  --redis-address "127.0.0.1:$single_port" >"$work/single.log" 2>&1 &
pids+=($!)
"$root/bin/elastickv" cluster-local --nodes 3 --data-dir "$work/cluster" --base-raft-port "$cluster_raft_base" \
  --base-redis-port "$cluster_redis_base" >"$work/cluster.log" 2>&1 &
pids+=($!)

# A server is ready when a write succeeds (a cluster needs an elected leader for that).
for port in "$redis_port" "$aof_port" "$single_port" "$cluster_redis_base"; do
  ready=no
  for _ in $(seq 1 600); do
    if [[ "$(redis-cli -p "$port" set bench:ready 1 2>/dev/null)" == "OK" ]]; then ready=yes; break; fi
    sleep 0.1
  done
  if [[ "$ready" != yes ]]; then
    echo "redis-compare: the server on port $port did not come up; logs:" >&2
    tail -n 20 "$work"/*.log >&2
    exit 1
  fi
done
# Clients of a follower reach the leader through it, so measure the cluster at its leader.
leader_port=$cluster_redis_base
for port in $(seq "$cluster_redis_base" $((cluster_redis_base + 2))); do
  if redis-cli -p "$port" info raft 2>/dev/null | grep -q '^raft_role:leader'; then leader_port=$port; fi
done

# The JVM compiles its hot paths during the first seconds of load (GET went from 3k to 24k req/s within
# one 100k-request run here), so every server gets the same warm-up before anything is measured.
for port in "$redis_port" "$aof_port" "$single_port" "$leader_port"; do
  redis-benchmark -p "$port" -n 50000 -c 50 -P 16 -t "$tests" -r 100000 -q >/dev/null 2>&1
  redis-benchmark -p "$port" -n 20000 -c 50 -P 1 -t "$tests" -r 100000 -q >/dev/null 2>&1
done

rate() { # port test pipeline
  redis-benchmark -p "$1" -n "$requests" -c 50 -P "$3" -t "$2" -r 100000 --csv 2>/dev/null \
    | awk -F'","' 'NR == 2 {gsub(/"/, "", $2); print $2}'
}

echo "| command | pipeline | redis req/s | redis AOF always req/s | elastickv 1 node req/s | elastickv 3 nodes req/s | 1 node / redis | 3 nodes / redis AOF |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
IFS=',' read -ra names <<<"$tests"
for pipeline in 1 16; do
  for test in "${names[@]}"; do
    r=$(rate "$redis_port" "$test" "$pipeline")
    a=$(rate "$aof_port" "$test" "$pipeline")
    s=$(rate "$single_port" "$test" "$pipeline")
    c=$(rate "$leader_port" "$test" "$pipeline")
    awk -v t="${test^^}" -v p="$pipeline" -v r="$r" -v a="$a" -v s="$s" -v c="$c" 'BEGIN {
      printf "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |\n", t, p, r, a, s, c, s / r, c / a }'
  done
done
