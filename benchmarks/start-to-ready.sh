#!/usr/bin/env bash
# Start-up of a packaged Quarkus application: from launching `java -jar` to the first 200 of
# /q/health/ready (polled every 10 ms), and its RSS one second later. Runs the jars given in
# turn, RUNS times each, interleaved so both see the same machine, and prints each start and the
# median per jar.
#
#   benchmarks/start-to-ready.sh [-n RUNS] [-p PORT] JAR [JAR...] [-- JAVA_OPTIONS...]
#
# Example: the orders service against itself with another JVM option:
#   benchmarks/start-to-ready.sh -n 10 samples/orders-service/target/quarkus-app/quarkus-run.jar
set -euo pipefail

runs=10
port=18080
jars=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -p) port=$2; shift 2 ;;
    --) shift; break ;;
    *) jars+=("$1"); shift ;;
  esac
done
[ ${#jars[@]} -gt 0 ] || { echo "usage: $0 [-n RUNS] [-p PORT] JAR [JAR...] [-- JAVA_OPTIONS...]" >&2; exit 2; }
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is taken; pass another with -p" >&2; exit 2
fi

log=$(mktemp)
results=$(mktemp)
trap 'rm -f "$log" "$results"' EXIT

for run in $(seq 1 "$runs"); do
  for jar in "${jars[@]}"; do
    start=$(date +%s%N)
    java "$@" -Dquarkus.http.port="$port" -jar "$jar" >"$log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
      kill -0 "$pid" 2>/dev/null || { echo "$jar exited before ready:" >&2; cat "$log" >&2; exit 1; }
      sleep 0.01
    done
    ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep 1
    rss_mb=$(( $(ps -o rss= -p "$pid") / 1024 ))
    started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 || true)
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$jar run $run: ready ${ready_ms} ms, RSS ${rss_mb} MB, ${started:-no start line}"
    echo "$jar $ready_ms $rss_mb" >>"$results"
  done
done

for jar in "${jars[@]}"; do
  awk -v jar="$jar" '$1 == jar { print $2 }' "$results" | sort -n | awk -v jar="$jar" '
    { v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%s: median %d ms to ready over %d starts (min %d, max %d)\n", jar, m, NR, v[1], v[NR] }'
done
